"""Places inside one article: a site's name the tagger missed, its short form, a team named by its town, and a
place named by a common noun ("the city", "the country") -> the place the article named
(understand/actors/facilities.py, names.py, places.py). Invented names; general English."""
from __future__ import annotations

from storyline.model import Article
from storyline.understand.actors import resolve_actors


def _resolve(nlp, text):
    ms, actors = resolve_actors(nlp(text), Article(id="t", source="t", text=text, content_hash="h"))
    return ms, {a.id: a for a in actors}


def _actor_of(ms, text):
    hits = [m.actor_id for m in ms if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in ms]}"
    return hits[0]


def test_a_site_name_the_tagger_missed_is_one_place_with_its_nouns(act_nlp):
    ms, actors = _resolve(act_nlp, "She hopped on a jet on Wednesday, headed for Morningdale Recovery in Sandport, "
                                   "a facility that allows smoking. Her lawyer made the arrangements for her to check "
                                   "into Morningdale, but prosecutors have not approved that facility.")
    site = _actor_of(ms, "Morningdale Recovery")
    assert actors[site].type == "FAC"
    assert _actor_of(ms, "Morningdale") == site
    assert _actor_of(ms, "that facility") == site
    assert "facility" not in " ".join(actors[site].aliases)     # the nouns are mentions, never aliases


def test_a_person_named_like_a_clinic_is_the_clinic_unless_titled(act_nlp):
    ms, _ = _resolve(act_nlp, "The actress was taken to the Jane Roe Clinic on Monday. She stayed at Jane Roe "
                              "for a month.")
    assert _actor_of(ms, "Jane Roe") == _actor_of(ms, "Jane Roe Clinic")
    ms, _ = _resolve(act_nlp, "Former first lady Jane Roe opened the Jane Roe Clinic in 1982.")
    assert _actor_of(ms, "Jane Roe") != _actor_of(ms, "Jane Roe Clinic")


def test_the_city_and_the_country_are_the_places_named_before(act_nlp):
    ms, _ = _resolve(act_nlp, "A fire swept through Springfield, Ohio, on Monday. The city was cleared by noon, "
                              "officials said.")
    assert _actor_of(ms, "The city") == _actor_of(ms, "Springfield")
    ms, _ = _resolve(act_nlp, "Floods hit Kenya on Friday. Aid groups said the country needs help.")
    assert _actor_of(ms, "the country") == "gpe:KEN"
    ms, _ = _resolve(act_nlp, "Floods hit Kenya on Friday. Aid groups said the city needs help.")
    assert not [m for m in ms if m.text == "the city" and m.actor_id == "gpe:KEN"]   # a state is not "the city"


def test_a_town_before_a_capitalised_plural_names_a_team_not_the_town(act_nlp):
    ms, actors = _resolve(act_nlp, "The Philadelphia 76ers fired coach Jim Boyd on Saturday.")
    team = _actor_of(ms, "Philadelphia 76ers")
    assert actors[team].type == "ORG"
    assert not [m for m in ms if m.text == "Philadelphia"]
