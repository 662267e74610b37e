"""A place's mention holds the common noun that says what kind of place it is (understand/actors/places.py):
"Pakistan's Sindh province", "the province of Hubei", "the town of Kessel" - one mention of the place, so the
state named beside it ("Utopia's", "the Utopian province of") keeps only its own words."""
from __future__ import annotations

from storyline.model import Article
from storyline.understand.actors import resolve_actors


def _mentions(nlp, text):
    ms, _ = resolve_actors(nlp(text), Article(id="t", source="t", text=text, content_hash="h"))
    return [(m.text, m.actor_id) for m in ms]


def test_the_place_word_closing_or_opening_a_name_is_part_of_its_mention(act_nlp):
    ms = _mentions(act_nlp, "Floods swept through Pakistan's Sindh province on Tuesday.")
    assert ("Sindh province", "gpe:sindh") in ms and ("Pakistan", "gpe:PAK") in ms
    ms = _mentions(act_nlp, "The storm hit the Chinese province of Hubei, killing dozens.")
    assert ("province of Hubei", "gpe:hubei") in ms and ("Chinese", "gpe:CHN") in ms
    assert ("town of Kessel", "gpe:kessel") in _mentions(act_nlp, "The fire spread 40 miles from the town of "
                                                                   "Kessel.")


def test_a_noun_naming_another_place_or_a_body_stays_out_of_the_mention(act_nlp):
    assert _mentions(act_nlp, "She lives in a suburb of Springfield.") == [("Springfield", "gpe:springfield")]
    assert ("Springfield", "gpe:springfield") in _mentions(act_nlp, "The Springfield city council met on Monday.")
    ms = _mentions(act_nlp, "He moved to the capital of Sindh province last year.")
    assert not [t for t, _ in ms if "capital" in t]
