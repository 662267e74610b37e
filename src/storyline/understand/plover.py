"""The PLOVER verb/pattern dictionary (src/storyline/data/plover/verbs.json), loaded once.

The dictionary is PETRARCH-style: verb classes keyed by lemma, each entry with a PLOVER type, an
optional mode and optional constraints (object lemmas, particle, preposition, words needed in the
clause, object must be an actor, ``fold``: the clausal complement is the content of this event).
Nouns fire when governed by a light verb ("hold talks", "impose sanctions", "orchestrate the
arrest"). See the file's ``_about`` for the format.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from storyline.model import PLOVER_TYPES, QUAD_CLASS

CONFLICT_MATERIAL = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
COOPERATION_MATERIAL = frozenset({"COOPERATE", "AID", "CONCEDE", "RETREAT"})
COOPERATION_VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT"})


@dataclass(frozen=True)
class Entry:
    lemma: str
    type: str
    mode: Optional[str] = None
    obj: frozenset[str] = frozenset()
    prt: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    actor_obj: bool = False
    fold: bool = False

    @property
    def constrained(self) -> bool:
        return bool(self.obj or self.prt or self.prep or self.needs or self.actor_obj)


@dataclass(frozen=True)
class Dictionary:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, Entry]
    light_verbs: frozenset[str]
    talk_preps: frozenset[str]
    talk_nouns: frozenset[str]
    hypothetical_marks: frozenset[str]
    hedge_words: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_phrases: tuple[str, ...]
    modal_future: frozenset[str]
    conditional_marks: frozenset[str]
    attribution_verbs: frozenset[str]
    self_pronouns: frozenset[str]
    threat_verbs: frozenset[str] = frozenset()


def _entry(d: dict) -> Entry:
    if d["type"] not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {d['type']!r} in verbs.json")
    return Entry(lemma=d["lemma"].lower(), type=d["type"], mode=d.get("mode"),
                 obj=frozenset(d.get("obj", ())), prt=frozenset(d.get("prt", ())),
                 prep=frozenset(d.get("prep", ())), needs=frozenset(d.get("needs", ())), unless=frozenset(d.get("unless", ())),
                 actor_obj=bool(d.get("actor_obj")), fold=bool(d.get("fold")))


@lru_cache(maxsize=1)
def load_dictionary() -> Dictionary:
    raw = json.loads(resources.files("storyline").joinpath("data/plover/verbs.json").read_text(encoding="utf-8"))
    verbs: dict[str, list[Entry]] = {}
    for d in raw["verbs"]:
        e = _entry(d)
        verbs.setdefault(e.lemma, []).append(e)
    # constrained entries first (in file order), then the fallback
    ordered = {k: tuple([e for e in v if e.constrained] + [e for e in v if not e.constrained]) for k, v in verbs.items()}
    nouns = {}
    for d in raw["nouns"]:
        e = _entry(d)
        nouns[e.lemma] = e
    return Dictionary(
        verbs=ordered, nouns=nouns,
        light_verbs=frozenset(raw["light_verbs"]), talk_preps=frozenset(raw["talk_preps"]),
        talk_nouns=frozenset(raw["talk_nouns"]), hypothetical_marks=frozenset(raw["hypothetical_marks"]),
        hedge_words=frozenset(raw["hedge_words"]), hedge_verbs=frozenset(raw["hedge_verbs"]),
        hedge_phrases=tuple(raw["hedge_phrases"]), modal_future=frozenset(raw["modal_future"]),
        conditional_marks=frozenset(raw["conditional_marks"]),
        attribution_verbs=frozenset(raw["attribution_verbs"]), self_pronouns=frozenset(raw["self_pronouns"]),
        threat_verbs=frozenset(raw.get("threat_verbs", ())),
    )


def quad_class(event_type: str) -> str:
    return QUAD_CLASS[event_type]
