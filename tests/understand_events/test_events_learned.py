"""The learned part of the coder (events/learned.py): shipped weights, what it adds where the rules stop, and the
rules alone when the weights are missing."""
import json
from importlib import resources

import numpy as np

import storyline.understand.events.learned as learned
from storyline.model import Article
from storyline.understand.events import find_events, mentions_from_ents
from storyline.understand.events.learned import NONE, load_model, sentence_features
from storyline.understand.time import find_times


def run(nlp, text):
    a = Article(id="a1", source="t", text=text, content_hash="h", published="2021-03-11")
    doc = nlp(text)
    mentions, actors = mentions_from_ents(doc, a)
    return find_events(doc, a, mentions, actors, find_times(doc, a))


def test_learned_weights_ship_small_and_say_what_they_were_trained_on():
    f = resources.files("storyline").joinpath("data/plover/event_classifier.json")
    assert len(f.read_bytes()) < 400_000
    meta = json.loads(f.read_text(encoding="utf-8"))["meta"]
    assert "half A" in meta["trained_on"] and "cv_sentence_accuracy" in meta
    m = load_model()
    assert m is not None and NONE in m.classes and {"ASSAULT", "PROTEST", "AGREE"} <= set(m.classes)


def test_learned_probabilities_of_a_sentence(ev_nlp):
    doc = ev_nlp("Government troops shelled the rebel district overnight.")
    x = sentence_features(next(doc.sents))
    p = load_model().proba(x)
    assert x.shape == (96 * 3 + 1024 + learned.LEX_DIM,) and abs(float(p.sum()) - 1) < 1e-5
    assert load_model().predict(x)[0] == "ASSAULT"


def test_learned_missing_weights_or_tensor_leave_the_rules_alone(ev_nlp, monkeypatch, tmp_path):
    assert load_model(str(tmp_path / "none.json")) is None
    doc = ev_nlp("Militants ambushed a police convoy, killing six officers.")
    doc.tensor = np.zeros((0, 0), dtype="float32")
    assert sentence_features(next(doc.sents)) is None
    monkeypatch.setattr(learned, "load_model", lambda: None)
    assert "ASSAULT" in [e.type for e in run(ev_nlp, "Militants ambushed a police convoy, killing six officers.")]


def test_learned_fallback_codes_a_verb_neither_lexicon_knows(ev_nlp, monkeypatch):
    text = "Fighters peppered the convoy with bullets near Sirte."
    got = run(ev_nlp, text)
    assert [(e.type, e.trigger, e.actor) for e in got] == [("ASSAULT", "peppered", "Fighters")]
    monkeypatch.setattr(learned, "load_model", lambda: None)
    assert run(ev_nlp, text) == []   # the rules alone: no event


def test_learned_state_forces_never_protest_by_the_classifier(ev_nlp):
    assert "PROTEST" not in [e.type for e in run(ev_nlp, "Police rounded up dozens of opposition supporters in Lagos.")]


def test_learned_fallback_needs_a_victim_or_a_weapon_for_force(ev_nlp):
    # 'inked' is in the lexicon now (AGREE); the classifier adds no attack beside it
    assert [e.type for e in run(ev_nlp, "The two parties inked a peace deal in Juba.")] == ["AGREE"]


def test_learned_lexicon_features_say_what_the_dictionaries_know(ev_nlp):
    from storyline.understand.events.learned import TYPES, lexicon_features
    n = len(TYPES)
    arrest = lexicon_features(next(ev_nlp("Police arrested dozens of students.").sents))
    assert arrest[TYPES.index("COERCE")] == 1.0 and arrest[3 * n + 4] == 1.0   # the verb's type; police are armed
    flood = lexicon_features(next(ev_nlp("A flood swept away the old bridge.").sents))
    assert flood[3 * n + 1] == 1.0 and flood[TYPES.index("COERCE")] == 0.0      # a hazard named, no arrest
