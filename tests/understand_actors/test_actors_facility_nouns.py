"""Places named by a common noun before the name, or with "a" (understand/actors/facilities.py)."""
from __future__ import annotations

from storyline.model import Article
from storyline.understand.actors import resolve_actors


def _resolve(nlp, text):
    ms, _ = resolve_actors(nlp(text), Article(id="t", source="t", text=text, content_hash="h"))
    return ms


def test_a_place_noun_before_the_name_is_the_one_place_of_that_kind(act_nlp):
    ms = _resolve(act_nlp, "The singer checked into rehab on Monday. Her spokesman said she is at the Harbor "
                           "Treatment Center in Sandport.")
    rehab = [m for m in ms if m.text.lower().endswith("rehab")]
    center = [m for m in ms if "Harbor" in m.text]
    assert rehab and center and rehab[0].actor_id == center[0].actor_id


def test_an_indefinite_place_noun_needs_a_single_named_place_of_that_kind(act_nlp):
    one = _resolve(act_nlp, "Jane Rowley entered the Harbor Treatment Center last week. She left a rehab facility "
                            "once before.")
    assert [m.actor_id for m in one if m.text.endswith("facility")] == \
        [m.actor_id for m in one if "Harbor" in m.text][:1]
    two = _resolve(act_nlp, "Pupils of the Lincoln School and the Garfield School met. A school was closed.")
    assert not [m for m in two if m.text.lower().endswith("a school")]


def test_a_locative_there_is_the_facility_named_last_and_there_is_stays_empty(act_nlp):
    ms = _resolve(act_nlp, "Jane Doe checked into the Harbor Clinic in Springfield on Monday. She left there before "
                           "noon. There is no word on her plans.")
    there = [(m.text, m.actor_id, m.label) for m in ms if m.text.lower() == "there"]
    assert there == [("there", "org:harbor-clinic", "PRON")]
    ms = _resolve(act_nlp, "Tom Reed moved to Ohio in 1990. He lived there until his death.")
    assert [m.actor_id for m in ms if m.text == "there"] == ["gpe:ohio"]


def test_where_opening_a_relative_clause_is_the_place_it_modifies(act_nlp):
    ms = _resolve(act_nlp, "Police searched the Harbor Clinic, where the singer had stayed for a week.")
    assert [m.actor_id for m in ms if m.text == "where"] == ["org:harbor-clinic"]


def test_a_place_noun_after_a_town_name_keeps_its_own_words_and_the_town_its_mention(act_nlp):
    ms = _resolve(act_nlp, "Jane Rowley entered the Harbor Treatment Center on Monday. Staff at the Sandport "
                           "rehabilitation facility declined to comment.")
    desc = [(m.text, m.actor_id) for m in ms if m.text.endswith("facility")]
    center = [m.actor_id for m in ms if "Harbor" in m.text]
    assert desc == [("rehabilitation facility", center[0])]
    assert [m.text for m in ms if m.text == "Sandport"] == ["Sandport"]


def test_a_place_noun_after_a_sites_own_name_is_that_site_not_the_one_named_before(act_nlp):
    ms = _resolve(act_nlp, "Jane Rowley left the Harbor Treatment Center on Monday. She then entered the Seacliff "
                           "Recovery rehab centre near Sandport.")
    desc = [m.actor_id for m in ms if m.text.endswith("centre")]
    quill = [m.actor_id for m in ms if m.text == "Seacliff Recovery"]
    assert quill and desc == quill
    ms = _resolve(act_nlp, "Troops shelled the Harbor School on Monday. Later they hit a UN school near Sandport.")
    assert "org:un" not in [m.actor_id for m in ms if m.text.endswith("school")]
