"""Corpus-level filing of names the tagger labelled with the wrong kind (link/actors.py): a known person's full
name tagged as a facility or place, and a team's last word tagged as a person."""
from __future__ import annotations

from storyline.link.actors import ActorIndex, Local


def _l(aid, name, typ, *aliases):
    return Local(article_id="", id=aid, name=name, type=typ, aliases=tuple(aliases) or (name,), mentions=2)


def _file(idx, article, *locs):
    return {f.local_id: f for f in idx.file(article, list(locs))}


def test_full_name_of_a_known_person_tagged_as_a_facility_is_that_person():
    idx = ActorIndex()
    a = _file(idx, "a1", _l("person:jane-roe", "Jane Roe", "PERSON"))
    b = _file(idx, "a2", _l("fac:jane-roe", "Jane Roe", "FAC"))
    c = _file(idx, "a3", _l("gpe:jane-roe", "Jane Roe", "GPE"))
    assert b["fac:jane-roe"].canonical_id == a["person:jane-roe"].canonical_id
    assert c["gpe:jane-roe"].canonical_id == a["person:jane-roe"].canonical_id
    assert "full name of a known person" in b["fac:jane-roe"].evidence
    assert idx.canon[a["person:jane-roe"].canonical_id].type == "PERSON"


def test_a_different_given_name_or_an_initial_does_not_join_a_facility_to_a_person():
    idx = ActorIndex()
    a = _file(idx, "a1", _l("person:jane-roe", "Jane Roe", "PERSON"))
    b = _file(idx, "a2", _l("fac:mark-roe", "Mark Roe", "FAC"))
    c = _file(idx, "a3", _l("org:j-roe", "J. Roe", "ORG"))
    assert b["fac:mark-roe"].canonical_id != a["person:jane-roe"].canonical_id
    assert c["org:j-roe"].canonical_id != a["person:jane-roe"].canonical_id


def test_a_teams_last_word_tagged_as_a_person_is_the_team():
    idx = ActorIndex()
    a = _file(idx, "a1", _l("org:springfield-otters", "Springfield Otters", "ORG"))
    b = _file(idx, "a2", _l("person:otters", "Otters", "PERSON"))
    assert b["person:otters"].canonical_id == a["org:springfield-otters"].canonical_id
    # two teams ending in the same word: the bare word stays apart
    idx2 = ActorIndex()
    _file(idx2, "a1", _l("org:springfield-otters", "Springfield Otters", "ORG"))
    _file(idx2, "a2", _l("org:shelbyville-otters", "Shelbyville Otters", "ORG"))
    c = _file(idx2, "a3", _l("person:otters", "Otters", "PERSON"))
    assert c["person:otters"].canonical_id not in {"org:springfield-otters", "org:shelbyville-otters"}


def test_place_names_one_letter_apart_and_city_of_join_the_known_place():
    idx = ActorIndex()
    a = _file(idx, "a1", _l("loc:jabaliya", "Jabaliya", "LOC"))
    b = _file(idx, "a2", _l("gpe:jabalya", "Jabalya", "GPE"))
    c = _file(idx, "a3", _l("gpe:palmerton", "Palmerton", "GPE"))
    d = _file(idx, "a4", _l("gpe:city-of-palmerton", "City of Palmerton", "GPE"))
    assert b["gpe:jabalya"].canonical_id == a["loc:jabaliya"].canonical_id
    assert "one letter apart" in b["gpe:jabalya"].evidence
    assert d["gpe:city-of-palmerton"].canonical_id == c["gpe:palmerton"].canonical_id
    # short names stay apart: one letter is a different town there
    e = _file(idx, "a5", _l("gpe:ely", "Ely", "GPE"))
    f = _file(idx, "a6", _l("gpe:eli", "Eli", "GPE"))
    assert e["gpe:ely"].canonical_id != f["gpe:eli"].canonical_id


def test_a_one_word_person_name_that_is_a_clinics_name_joins_the_clinic_not_a_surname_alone():
    idx = ActorIndex()
    a = _file(idx, "a1", _l("person:harborview", "Harborview", "PERSON"))
    b = _file(idx, "a2", _l("fac:harborview-recovery", "Harborview Recovery", "FAC"))
    c = _file(idx, "a3", _l("person:harborview", "Harborview", "PERSON"))
    assert c["person:harborview"].canonical_id == b["fac:harborview-recovery"].canonical_id
    assert a["person:harborview"].canonical_id != b["fac:harborview-recovery"].canonical_id   # filed before
    # a surname known with a given name stays the person
    idx2 = ActorIndex()
    p = _file(idx2, "a1", _l("person:ann-harbor", "Ann Harbor", "PERSON"))
    _file(idx2, "a2", _l("org:harbor", "Harbor", "ORG"))
    q = _file(idx2, "a3", _l("person:harbor", "Harbor", "PERSON"))
    assert q["person:harbor"].canonical_id == p["person:ann-harbor"].canonical_id


def test_unnamed_actors_join_across_articles_only_with_shared_named_co_actors():
    hollis = _l("person:mark-hollis", "Mark Hollis", "PERSON")
    reyes = _l("person:anna-reyes", "Anna Reyes", "PERSON")
    court = _l("org:springfield-court", "Springfield Court", "ORG")
    other = _l("person:tom-brandt", "Tom Brandt", "PERSON")
    idx = ActorIndex()
    a = _file(idx, "a1", hollis, reyes, _l("norp:jury", "jury", "NORP"))
    b = _file(idx, "a2", hollis, reyes, court, _l("norp:jury", "jury", "NORP"))
    c = _file(idx, "a3", hollis, other, _l("norp:jury", "jury", "NORP"))        # one shared: apart
    d = _file(idx, "a4", other, court, _l("norp:jury", "jury", "NORP"))
    assert b["norp:jury"].canonical_id == a["norp:jury"].canonical_id
    assert "co-actors shared" in b["norp:jury"].evidence
    assert c["norp:jury"].canonical_id != a["norp:jury"].canonical_id
    assert d["norp:jury"].canonical_id not in {a["norp:jury"].canonical_id, c["norp:jury"].canonical_id}
    # an unnamed actor is no co-actor: it never joins two named people's articles by itself
    assert "norp:jury" not in idx.canon[a["person:mark-hollis"].canonical_id].co


def test_is_unnamed_tells_unnamed_actors_from_named_groups():
    from storyline.link.actors import is_unnamed
    assert is_unnamed("NORP", "jury") and is_unnamed("LOC", "scene")
    assert not is_unnamed("NORP", "American activist") and not is_unnamed("NORP", "people", "IND")
    assert not is_unnamed("ORG", "jury")


def test_an_unnamed_actor_sharing_as_much_with_two_pieces_joins_one_not_a_third():
    # two reports of one trial name one person each beside the judge: their juries became two pieces; a third
    # report naming all three shares two named people with each piece and joins one of them
    judge = _l("person:ruth-okafor", "Ruth Okafor", "PERSON")
    accused = _l("person:dale-pruitt", "Dale Pruitt", "PERSON")
    victim = _l("person:nina-voss", "Nina Voss", "PERSON")
    idx = ActorIndex()
    a = _file(idx, "a1", judge, accused, _l("norp:jury", "jury", "NORP"))
    b = _file(idx, "a2", judge, victim, _l("norp:jury", "jury", "NORP"))       # one shared: a second piece
    c = _file(idx, "a3", judge, accused, victim, _l("norp:jury", "jury", "NORP"))
    assert a["norp:jury"].canonical_id != b["norp:jury"].canonical_id
    assert c["norp:jury"].canonical_id == a["norp:jury"].canonical_id
    assert "co-actors shared" in c["norp:jury"].evidence
    assert len([x for x in idx.canon if x.startswith("norp:jury")]) == 2


def test_a_one_word_place_a_known_place_name_holds_is_that_place_not_a_persons_surname():
    idx = ActorIndex()
    a = _file(idx, "a1", _l("person:elena-tarrow", "Elena Tarrow", "PERSON"))
    b = _file(idx, "a2", _l("gpe:tarrow-province", "Tarrow province", "GPE"))
    c = _file(idx, "a3", _l("gpe:tarrow", "Tarrow", "GPE"))
    d = _file(idx, "a4", _l("org:tarrow", "Tarrow", "ORG"))         # an organisation-tagged surname still joins her
    assert c["gpe:tarrow"].canonical_id == b["gpe:tarrow-province"].canonical_id
    assert c["gpe:tarrow"].canonical_id != a["person:elena-tarrow"].canonical_id
    assert d["org:tarrow"].canonical_id == a["person:elena-tarrow"].canonical_id
