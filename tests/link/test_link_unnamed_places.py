"""Unnamed places across articles (link/places.py through link/actors.py): a place an article names only by a
common noun is the one named place of that kind the article names, once the article's names are filed."""
from __future__ import annotations

from storyline.link.actors import ActorIndex, Local
from storyline.link.places import noun_kind, tied_place


def _l(aid, name, typ, *aliases, country=None):
    return Local(article_id="", id=aid, name=name, type=typ, aliases=tuple(aliases) or (name,), mentions=2,
                 country=country)


def _file(idx, article, *locs):
    return {f.local_id: f for f in idx.file(article, list(locs))}


def test_an_unnamed_facility_is_the_one_clinic_its_article_names_though_the_article_wrote_it_twice():
    idx = ActorIndex()
    _file(idx, "a1", _l("fac:harbor-clinic", "Harbor Clinic", "FAC"), _l("person:jane-roe", "Jane Roe", "PERSON"))
    # "Harbor" tagged a person and "Harbor Clinic" a facility: one place at the link level, so "the facility" is it
    b = _file(idx, "a2", _l("person:harbor", "Harbor", "PERSON"), _l("fac:harbor-clinic", "Harbor Clinic", "FAC"),
              _l("person:jane-roe", "Jane Roe", "PERSON"), _l("loc:facility", "facility", "LOC"))
    clinic = b["fac:harbor-clinic"].canonical_id
    assert b["person:harbor"].canonical_id == clinic
    assert b["loc:facility"].canonical_id == clinic
    assert "the one place of that kind ('facility') the article names: Harbor Clinic" in b["loc:facility"].evidence
    assert clinic not in idx.unnamed


def test_an_unnamed_place_stays_unnamed_beside_two_places_of_its_kind_or_none():
    idx = ActorIndex()
    two = _file(idx, "a1", _l("fac:harbor-clinic", "Harbor Clinic", "FAC"),
                _l("org:quill-rehab-center", "Quill Rehab Center", "ORG"), _l("loc:facility", "facility", "LOC"))
    assert two["loc:facility"].canonical_id in idx.unnamed
    other = _file(idx, "a2", _l("org:lincoln-academy", "Lincoln Academy", "ORG"), _l("loc:camp", "camp", "LOC"))
    assert other["loc:camp"].canonical_id in idx.unnamed          # an academy is no camp
    scene = _file(idx, "a3", _l("fac:harbor-clinic", "Harbor Clinic", "FAC"), _l("loc:scene", "scene", "LOC"))
    assert scene["loc:scene"].canonical_id in idx.unnamed         # a scene is no kind of named place


def test_unnamed_people_are_not_tied_to_places():
    idx = ActorIndex()
    a = _file(idx, "a1", _l("org:lincoln-academy", "Lincoln Academy", "ORG"), _l("norp:teacher", "teacher", "NORP"))
    assert a["norp:teacher"].canonical_id in idx.unnamed


def test_kinds_of_places_by_noun_and_by_name():
    assert noun_kind("rehab facility") == noun_kind("clinic") == noun_kind("centres")
    assert noun_kind("refugee camps") == noun_kind("camp") != noun_kind("school")
    assert noun_kind("scene") is None and noun_kind("") is None
    named = [("gpe:aceh", "GPE", ["Aceh province"]), ("gpe:IDN", "GPE", ["Indonesia"])]
    assert tied_place("the region", named)[0] == "gpe:aceh"
    # a place is of a kind by the last word of its name ("Academy Smith" is no school, "Data Center Co" no clinic)
    assert tied_place("school", [("person:fakhora-school", "PERSON", ["Fakhora School"])])[0] == \
        "person:fakhora-school"
    assert tied_place("school", [("person:academy-smith", "PERSON", ["Academy Smith"])]) is None


def test_a_plural_common_noun_is_no_named_place_to_tie_to():
    assert tied_place("church", [("loc:mosque", "LOC", ["mosques"])]) is None


def test_an_unnamed_place_is_the_place_of_its_kind_that_articles_sharing_its_names_name():
    roe, town = _l("person:jane-roe", "Jane Roe", "PERSON"), _l("gpe:millbrook", "Millbrook", "GPE")
    idx = ActorIndex()
    a = _file(idx, "a1", roe, town, _l("org:harbor-recovery-center", "Harbor Recovery Center", "ORG"))
    b = _file(idx, "a2", roe, town, _l("loc:facility", "facility", "LOC"))
    clinic = a["org:harbor-recovery-center"].canonical_id
    assert b["loc:facility"].canonical_id == clinic
    assert "that articles sharing 2 named co-actors name: Harbor Recovery Center" in b["loc:facility"].evidence
    # one shared name is not enough; a kind the other articles name no place of stays unnamed
    c = _file(idx, "a3", roe, _l("person:tom-brandt", "Tom Brandt", "PERSON"), _l("loc:facility", "facility", "LOC"))
    assert c["loc:facility"].canonical_id in idx.unnamed
    d = _file(idx, "a4", roe, town, _l("loc:school", "school", "LOC"))
    assert d["loc:school"].canonical_id in idx.unnamed
    # the index state keeps what kind of place each named one is
    again = ActorIndex.from_state(idx.to_state())
    e = _file(again, "a5", roe, town, _l("loc:rehab", "rehab", "LOC"))
    assert e["loc:rehab"].canonical_id == clinic


def test_articles_sharing_people_and_organisations_but_no_named_place_leave_the_unnamed_place_alone():
    roe, doe = _l("person:jane-roe", "Jane Roe", "PERSON"), _l("org:relief-agency", "Relief Agency", "ORG")
    idx = ActorIndex()
    _file(idx, "a1", roe, doe, _l("gpe:millbrook", "Millbrook", "GPE"),
          _l("org:hill-refugee-camp", "Hill Refugee Camp", "ORG"))
    b = _file(idx, "a2", roe, doe, _l("gpe:eastport", "Eastport", "GPE"), _l("loc:camp", "camp", "LOC"))
    assert b["loc:camp"].canonical_id in idx.unnamed


def test_two_places_of_the_kind_sharing_as_much_leave_the_unnamed_place_alone():
    roe, doe = _l("person:jane-roe", "Jane Roe", "PERSON"), _l("gpe:millbrook", "Millbrook", "GPE")
    idx = ActorIndex()
    _file(idx, "a1", roe, doe, _l("org:harbor-clinic", "Harbor Clinic", "ORG"))
    _file(idx, "a2", roe, doe, _l("fac:quill-rehab-center", "Quill Rehab Center", "FAC"))
    b = _file(idx, "a3", roe, doe, _l("loc:facility", "facility", "LOC"))
    assert b["loc:facility"].canonical_id in idx.unnamed
    assert tied_place("facility", [("org:data-center-solutions", "ORG", ["Data Center Solutions"])]) is None
