"""The learned part of the event coder: a sentence classifier where the rules stop.

A multinomial logistic regression over the spaCy model's own context vectors (``doc.tensor``, 96 numbers per
token from its tok2vec layer: already computed by the parse, so it costs nothing to read), hashed common-word
lemmas, and what the field's dictionaries say of the sentence's words (``lexicon_features``) says which PLOVER
root a sentence's main act is, or ``NONE`` (no political event: disasters, accidents). The rules use it in two places
(``events/coder.py``):

- **fallback**: a sentence the rules give no event, whose main verb has an actor as its subject, gets the
  classifier's root when it is confident (``FALLBACK_P``);
- **veto**: in a sentence beside a named hazard (the rules' test), the events are dropped when ``NONE`` is the
  classifier's most probable reading.

Weights are package data (``data/plover/event_classifier.json``) rebuilt by ``tools/train_event_classifier.py``
from development halves only (plover-gsr half A, case21 half A); its cross-validated figures and its figures on
the held-out halves are printed by that script and quoted in the README. When the weights are missing, or the doc
has no tensor (a blank pipeline), the coder runs on its rules alone.
"""
from __future__ import annotations

import json
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from storyline.model import PLOVER_TYPES
from storyline.understand.plover import load_dictionary

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "plover" / "event_classifier.json"
NONE = "NONE"
DIM = 96
BUCKETS = 1024   # hashed content-word lemmas (verbs, nouns, adjectives, particles; never proper names)
LEMMA_POS = {"VERB", "NOUN", "ADJ", "ADP", "ADV", "PART"}


def _bucket(word: str) -> int:
    """A stable hash (crc32: Python's hash() changes per process) of a lemma into BUCKETS."""
    return zlib.crc32(word.encode("utf-8")) % BUCKETS


def lemma_features(sent) -> np.ndarray:
    """Which hashed lemma buckets the sentence's common words fall in (1.0 each)."""
    v = np.zeros(BUCKETS, np.float32)
    for t in sent:
        if t.pos_ in LEMMA_POS and t.is_alpha:
            v[_bucket((t.lemma_ or t.text).lower())] = 1.0
    return v


TYPES = sorted(PLOVER_TYPES)
_TYPE_INDEX = {t: i for i, t in enumerate(TYPES)}
ARMED_SECTORS = ("MIL", "REB", "UAF", "COP")
CIVIL_SECTORS = ("CVL", "PPL", "LAB", "EDU", "HLH", "AGR", "OPP")
LEX_DIM = 3 * len(TYPES) + 8


def lexicon_features(sent) -> np.ndarray:
    """What the field's dictionaries say of the sentence's words (1.0 each): the PLOVER types its verbs have in the
    hand-made lexicon and in the CAMEO lexicon, the types of its event nouns; whether it names a protest, a hazard,
    violence, protesters, armed men or police, civilians, a thing that exploded or burned (a hazard verb), a named
    actor. These carry the dictionaries' 15,000 verb forms to words the training sentences never had."""
    d = load_dictionary()
    v = np.zeros(LEX_DIM, np.float32)
    n = len(TYPES)
    for t in sent:
        lem = (t.lemma_ or t.text).lower()
        if t.pos_ in ("VERB", "AUX"):
            for e in d.verbs.get(lem, ()):
                v[_TYPE_INDEX[e.type]] = 1.0
            for e in d.cameo.get(lem, ()):
                v[n + _TYPE_INDEX[e.type]] = 1.0
            if lem in d.hazard_verbs:
                v[3 * n + 6] = 1.0
        elif t.pos_ in ("NOUN", "PROPN"):
            e = d.nouns.get(lem)
            if e is not None:
                v[2 * n + _TYPE_INDEX[e.type]] = 1.0
            sector = d.agents.get(lem) or ""
            for k, hit in enumerate((lem in d.protest_nouns, lem in d.hazard_nouns, lem in d.violence_nouns,
                                     lem in d.protest_agents, sector.startswith(ARMED_SECTORS),
                                     sector.startswith(CIVIL_SECTORS))):
                if hit:
                    v[3 * n + k] = 1.0
        if t.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
            v[3 * n + 7] = 1.0
    return v


def sentence_features(sent) -> Optional[np.ndarray]:
    """Features of one sentence (a spaCy Span): mean and max of its tokens' context vectors, and the vector of
    its main verb (the root, or the first verb); its hashed common-word lemmas; what the dictionaries say of its
    words (``lexicon_features``). None when the doc carries no tensor."""
    doc = sent.doc
    tensor = getattr(doc, "tensor", None)
    if tensor is None or getattr(tensor, "ndim", 0) != 2 or tensor.shape[0] != len(doc) or tensor.shape[1] == 0:
        return None
    rows = tensor[sent.start:sent.end]
    if rows.shape[0] == 0:
        return None
    words = [t.i - sent.start for t in sent if not (t.is_punct or t.is_space)]
    body = rows[words] if words else rows
    root = main_verb(sent)
    rv = tensor[root.i] if root is not None else body.mean(axis=0)
    return np.concatenate([body.mean(axis=0), body.max(axis=0), rv, lemma_features(sent),
                           lexicon_features(sent)]).astype(np.float32)


def main_verb(sent):
    """The sentence's root when it is a verb, else its first verb (None when it has none)."""
    r = sent.root
    if r.pos_ in ("VERB", "AUX"):
        return r
    return next((t for t in sent if t.pos_ == "VERB"), None)


class SentenceModel:
    """Standardise, then softmax(W x + b) over ``classes``."""

    def __init__(self, classes: list[str], mean: np.ndarray, scale: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, meta: dict):
        self.classes, self.mean, self.scale, self.coef, self.intercept, self.meta = (
            classes, mean, scale, coef, intercept, meta)

    @classmethod
    def from_json(cls, data: dict) -> SentenceModel:
        return cls(list(data["classes"]), np.asarray(data["mean"], np.float32), np.asarray(data["scale"], np.float32),
                   np.asarray(data["coef"], np.float32), np.asarray(data["intercept"], np.float32),
                   data.get("meta", {}))

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = self.coef @ ((x - self.mean) / self.scale) + self.intercept
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def predict(self, x: np.ndarray) -> tuple[str, float, float]:
        """(best class, its probability, the probability of NONE)."""
        p = self.proba(x)
        k = int(p.argmax())
        none = float(p[self.classes.index(NONE)]) if NONE in self.classes else 0.0
        return self.classes[k], float(p[k]), none


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> Optional[SentenceModel]:
    """The shipped classifier, or None when its weights are not there (the rules then run alone)."""
    p = Path(path)
    if not p.is_file():
        return None
    try:
        return SentenceModel.from_json(json.loads(p.read_text(encoding="utf-8")))
    except (ValueError, KeyError, OSError) as e:
        import sys
        print(f"storyline: {p}: unreadable event classifier ({e}); events from the rules alone", file=sys.stderr)
        return None
