"""Corpus-level actor filing (link/actors.py): one canonical actor per real person, organisation or place."""
from __future__ import annotations

import json

from storyline.link.actors import ActorIndex, Local, person_parts


def _p(aid, name, *aliases, typ="PERSON", mentions=2):
    return Local(article_id="", id=aid, name=name, type=typ, aliases=tuple(aliases) or (name,), mentions=mentions)


def _file(idx, article, *locs):
    return {f.local_id: f for f in idx.file(article, list(locs))}


def test_link_actors_name_variants_join_one_person():
    idx = ActorIndex()
    a = _file(idx, "a1", _p("person:fred-larue", "Fred LaRue", "Fred LaRue", "LaRue"))
    b = _file(idx, "a2", _p("person:larue", "LaRue"))
    c = _file(idx, "a3", _p("person:frederick-larue", "Frederick LaRue"))
    d = _file(idx, "a4", _p("person:mr-larue", "Mr. LaRue"))
    e = _file(idx, "a5", _p("person:f-larue", "F. LaRue"))
    ids = {x.canonical_id for x in (a["person:fred-larue"], b["person:larue"], c["person:frederick-larue"],
                                    d["person:mr-larue"], e["person:f-larue"])}
    assert ids == {"person:fred-larue"}
    assert "surname alone" in b["person:larue"].evidence
    assert "short form" in c["person:frederick-larue"].evidence
    assert "initial" in e["person:f-larue"].evidence


def test_link_actors_nickname_in_quotes_is_the_same_person():
    assert person_parts('Vincent "The Chin" Gigante') == ("vincent", "gigante")
    idx = ActorIndex()
    a = _file(idx, "a1", _p("person:vincent-gigante", "Vincent Gigante"))
    b = _file(idx, "a2", _p("person:vincent-the-chin-gigante", 'Vincent "The Chin" Gigante'))
    assert b["person:vincent-the-chin-gigante"].canonical_id == a["person:vincent-gigante"].canonical_id
    assert idx.canon[a["person:vincent-gigante"].canonical_id].name == "Vincent Gigante"


def test_link_actors_surname_shared_by_two_people_needs_context():
    idx = ActorIndex()
    _file(idx, "a1", _p("person:mark-felt", "Mark Felt"), _p("org:fbi", "FBI", typ="ORG"))
    _file(idx, "a2", _p("person:ann-felt", "Ann Felt"), _p("org:acme-bakery", "Acme Bakery", typ="ORG"))
    alone = _file(idx, "a3", _p("person:felt", "Felt"))
    assert alone["person:felt"].canonical_id not in {"person:mark-felt", "person:ann-felt"}
    ctx = _file(idx, "a4", _p("person:felt", "Felt"), _p("org:fbi", "FBI", typ="ORG"))
    assert ctx["person:felt"].canonical_id == "person:mark-felt"
    assert "co-actors" in ctx["person:felt"].evidence


def test_link_actors_different_given_names_stay_apart():
    idx = ActorIndex()
    a = _file(idx, "a1", _p("person:mark-felt", "Mark Felt"))
    b = _file(idx, "a2", _p("person:ann-felt", "Ann Felt"))
    assert a["person:mark-felt"].canonical_id != b["person:ann-felt"].canonical_id


def test_link_actors_acronym_matches_a_full_name_but_two_full_names_never_by_initials():
    idx = ActorIndex()
    a = _file(idx, "a1", _p("org:advanced-micro-devices", "Advanced Micro Devices Inc.", typ="ORG"))
    b = _file(idx, "a2", _p("org:amd", "AMD", typ="ORG"))
    assert b["org:amd"].canonical_id == a["org:advanced-micro-devices"].canonical_id
    c = _file(idx, "a3", _p("org:crowley-maritime", "Crowley Maritime", typ="ORG"))
    d = _file(idx, "a4", _p("org:carnegie-melon", "Carnegie Melon", typ="ORG"))
    assert c["org:crowley-maritime"].canonical_id != d["org:carnegie-melon"].canonical_id


def test_link_actors_team_short_name_and_place_variants():
    idx = ActorIndex()
    a = _file(idx, "a1", _p("org:indianapolis-colts", "Indianapolis Colts", typ="ORG"))
    b = _file(idx, "a2", _p("org:colts", "Colts", typ="ORG"))
    assert b["org:colts"].canonical_id == a["org:indianapolis-colts"].canonical_id
    c = _file(idx, "a3", _p("gpe:new-york", "New York", typ="GPE"))
    d = _file(idx, "a4", _p("gpe:new-york-state", "New York State", typ="GPE"))
    assert d["gpe:new-york-state"].canonical_id == c["gpe:new-york"].canonical_id


def test_link_actors_surname_tagged_as_organisation_joins_the_person():
    idx = ActorIndex()
    a = _file(idx, "a1", _p("person:lindsay-lohan", "Lindsay Lohan"))
    b = _file(idx, "a2", _p("org:lohan", "Lohan", typ="ORG"))
    assert b["org:lohan"].canonical_id == a["person:lindsay-lohan"].canonical_id
    assert idx.canon[a["person:lindsay-lohan"].canonical_id].type == "PERSON"


def test_link_actors_states_keep_their_iso_id_and_state_round_trips():
    idx = ActorIndex()
    _file(idx, "a1", _p("gpe:USA", "United States", "US", typ="GPE"), _p("person:fred-larue", "Fred LaRue"))
    again = ActorIndex.from_state(json.loads(json.dumps(idx.to_state())))
    f1 = _file(idx, "a2", _p("gpe:USA", "US", typ="GPE"), _p("person:larue", "LaRue"))
    f2 = _file(again, "a2", _p("gpe:USA", "US", typ="GPE"), _p("person:larue", "LaRue"))
    assert {k: v.canonical_id for k, v in f1.items()} == {k: v.canonical_id for k, v in f2.items()}
    assert f1["gpe:USA"].canonical_id == "gpe:USA"
    assert f1["person:larue"].canonical_id == "person:fred-larue"


def test_link_actors_a_known_place_is_not_a_namesake_person():
    idx = ActorIndex()
    _file(idx, "a1", _p("person:michael-jackson", "Michael Jackson"))
    f = _file(idx, "a2", Local("", "gpe:jackson", "Jackson", "GPE", country="USA", aliases=("Jackson",)))
    assert f["gpe:jackson"].canonical_id == "gpe:jackson"


def test_link_actors_surname_one_letter_apart_joins_with_the_same_given_name():
    idx = ActorIndex()
    a = _file(idx, "a1", _p("person:duncan-rait", "Duncan Rait"))
    b = _file(idx, "a2", _p("person:duncan-raite", "Duncan Raite"))
    c = _file(idx, "a3", _p("person:dora-raite", "Dora Raite"))
    assert b["person:duncan-raite"].canonical_id == a["person:duncan-rait"].canonical_id
    assert "one letter" in b["person:duncan-raite"].evidence
    assert c["person:dora-raite"].canonical_id != a["person:duncan-rait"].canonical_id


def test_link_actors_one_organisation_name_never_makes_a_third_organisation():
    idx = ActorIndex()

    def org(aid, name, *al):
        return _p(aid, name, *al, typ="ORG")
    a = _file(idx, "a1", org("org:ati", "ATI"))
    b = _file(idx, "a2", org("org:ati-technologies", "ATI Technologies"))
    assert a["org:ati"].canonical_id != b["org:ati-technologies"].canonical_id
    c = _file(idx, "a3", org("org:ati", "ATI", "ATI", "ATI Technologies"))
    assert c["org:ati"].canonical_id in {a["org:ati"].canonical_id, b["org:ati-technologies"].canonical_id}
    assert "most reported" in c["org:ati"].evidence
    assert len(idx.canon) == 2


def test_link_actors_us_written_three_ways_is_one_organisation():
    idx = ActorIndex()

    def org(aid, name):
        return _p(aid, name, typ="ORG")
    a = _file(idx, "a1", org("org:us-geological-survey", "US Geological Survey"))
    b = _file(idx, "a2", org("org:u-s-geological-survey", "U.S. Geological Survey"))
    c = _file(idx, "a3", org("org:united-states-geological-survey", "United States Geological Survey"))
    d = _file(idx, "a4", org("org:usgs", "USGS"))
    ids = {x.canonical_id for f in (a, b, c, d) for x in f.values()}
    assert ids == {"org:us-geological-survey"}


def test_link_actors_a_name_tagged_person_that_only_an_organisation_bears_is_the_organisation():
    idx = ActorIndex()
    a = _file(idx, "a1", _p("org:betty-ford-center", "Betty Ford Center", typ="ORG"))
    b = _file(idx, "a2", _p("person:betty-ford", "Betty Ford"))
    assert b["person:betty-ford"].canonical_id == a["org:betty-ford-center"].canonical_id
    assert "organisation" in b["person:betty-ford"].evidence or "org" in b["person:betty-ford"].evidence
    assert idx.canon[a["org:betty-ford-center"].canonical_id].type == "ORG"
    titled = Local(article_id="", id="person:betty-ford", name="Betty Ford", type="PERSON", sector="government")
    d = _file(idx, "a4", titled)
    assert d["person:betty-ford"].canonical_id != a["org:betty-ford-center"].canonical_id


def test_link_actors_acronym_two_organisations_match_joins_the_one_it_spells():
    idx = ActorIndex()
    # a council whose article wrote its short name with spaces ("W. T. B."): its initials are the acronym's too
    _file(idx, "a1", _p("org:w-t-b-council", "W. T. B. Council", "W. T. B. Council", "W. T. B.", typ="ORG"))
    b = _file(idx, "a2", _p("org:world-trade-board", "World Trade Board", typ="ORG"))
    c = _file(idx, "a3", _p("org:wtb", "WTB", typ="ORG"))
    assert b["org:world-trade-board"].canonical_id == "org:world-trade-board"
    assert c["org:wtb"].canonical_id == "org:world-trade-board"
    assert "its own name" in c["org:wtb"].evidence
