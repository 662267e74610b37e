"""Corpus-level actor filing: a person's surname the tagger read as an organisation or a place, and a person's
name opened by a team or an agency written in capitals."""
from __future__ import annotations

from storyline.link.actor_names import person_parts
from storyline.link.actors import ActorIndex, Local


def _l(aid, name, typ="PERSON", country=None, mentions=2):
    return Local(article_id="", id=aid, name=name, type=typ, country=country, aliases=(name,), mentions=mentions)


def _file(idx, article, *locs):
    return {f.local_id: f for f in idx.file(article, list(locs))}


def test_surname_tagged_as_org_or_place_is_the_person_the_same_article_names():
    idx = ActorIndex()
    got = _file(idx, "a1", _l("person:dana-whitcombe", "Dana Whitcombe"), _l("org:whitcombe", "Whitcombe", "ORG"),
                _l("gpe:whitcombe", "Whitcombe", "GPE"))
    assert got["org:whitcombe"].canonical_id == "person:dana-whitcombe"
    assert got["gpe:whitcombe"].canonical_id == "person:dana-whitcombe"
    assert "same article" in got["org:whitcombe"].evidence


def test_surname_rule_keeps_states_gazetteer_places_and_ambiguous_surnames_apart():
    idx = ActorIndex()
    got = _file(idx, "a1", _l("person:michael-jordan", "Michael Jordan"),
                _l("gpe:JOR", "Jordan", "GPE", country="JOR"),
                _l("person:ann-marsh", "Ann Marsh"), _l("person:tom-marsh", "Tom Marsh"),
                _l("org:marsh", "Marsh", "ORG"),
                _l("person:kim-glenville", "Kim Glenville"), _l("gpe:glenville", "Glenville", "GPE", country="USA"))
    assert got["gpe:JOR"].canonical_id == "gpe:JOR"
    assert got["org:marsh"].canonical_id not in {"person:ann-marsh", "person:tom-marsh"}
    assert got["gpe:glenville"].canonical_id != "person:kim-glenville"


def test_surname_rule_needs_the_person_in_the_same_article():
    idx = ActorIndex()
    _file(idx, "a1", _l("person:dana-whitcombe", "Dana Whitcombe"), _l("org:acme-mills", "Acme Mills", "ORG"))
    got = _file(idx, "a2", _l("gpe:whitcombe", "Whitcombe", "GPE", country="GBR"))
    assert got["gpe:whitcombe"].canonical_id != "person:dana-whitcombe"


def test_name_opened_by_a_team_and_an_abbreviated_role_is_the_person():
    assert person_parts("Hornets QB Jamal Ortega") == ("jamal", "ortega")
    assert person_parts("NBA Commissioner Ruth Ingram") == ("ruth", "ingram")
    assert person_parts("JOHN PAUL JONES") == ("john", "paul", "jones")      # all capitals: a name, not a team
    assert person_parts("Jane ROE") == ("jane", "roe")
    idx = ActorIndex()
    a = _file(idx, "a1", _l("person:jamal-ortega", "Jamal Ortega"))
    b = _file(idx, "a2", _l("person:hornets-qb-jamal-ortega", "Hornets QB Jamal Ortega"))
    assert b["person:hornets-qb-jamal-ortega"].canonical_id == a["person:jamal-ortega"].canonical_id
    idx = ActorIndex()            # the other order: the first name seen must not make 'Hornets' a given name
    b = _file(idx, "a1", _l("person:hornets-qb-jamal-ortega", "Hornets QB Jamal Ortega"))
    a = _file(idx, "a2", _l("person:jamal-ortega", "Jamal Ortega"))
    assert a["person:jamal-ortega"].canonical_id == b["person:hornets-qb-jamal-ortega"].canonical_id


def _person(art, name, roles=()):
    return Local(article_id=art, id=f"person:{name.lower().replace(' ', '-')}", name=name, type="PERSON",
                 roles=roles)


def _unnamed(art, noun):
    return Local(article_id=art, id=f"norp:{noun}", name=noun, type="NORP")


def _filed(out, local_id):
    return next(f for f in out if f.local_id == local_id)


def test_role_synonyms_compare_as_one():
    from storyline.link.actor_names import role_key
    assert role_key("her lawyer") == role_key("the attorney") == "attorney"
    assert role_key("his mom") == "mother"
    idx = ActorIndex()
    idx.file("a1", [_person("a1", "Jane Roe", ("attorney",)), _person("a1", "Max Doe"), _person("a1", "Tom Smith")])
    out = idx.file("a2", [_person("a2", "Max Doe"), _person("a2", "Tom Smith"), _unnamed("a2", "lawyer")])
    assert _filed(out, "norp:lawyer").canonical_id == "person:jane-roe"


def test_a_noun_that_says_what_someone_is_is_no_role_to_join_by():
    idx = ActorIndex()
    idx.file("a1", [_person("a1", "Jane Roe", ("woman",)), _person("a1", "Max Doe"), _person("a1", "Tom Smith")])
    out = idx.file("a2", [_person("a2", "Max Doe"), _person("a2", "Tom Smith"), _unnamed("a2", "woman")])
    assert _filed(out, "norp:woman").canonical_id.startswith("norp:woman")


def test_short_forms_that_do_not_open_the_given_name_agree():
    from storyline.link.actor_names import first_names_agree
    assert first_names_agree("mo", "maurice") and first_names_agree("lenny", "leonard")
    assert not first_names_agree("mo", "martin")
    idx = ActorIndex()
    a = _file(idx, "a1", _l("person:maurice-rourke", "Maurice Rourke"))
    b = _file(idx, "a2", _l("fac:mo-rourke", "Mo Rourke", "FAC"))       # a full name the tagger read as a place
    assert b["fac:mo-rourke"].canonical_id == a["person:maurice-rourke"].canonical_id
