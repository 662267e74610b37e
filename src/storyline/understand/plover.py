"""The PLOVER verb/pattern dictionaries (src/storyline/data/plover/), loaded once.

- ``verbs.json``: the hand-made lexicon, tried first;
- ``cameo_verbs.json``: PETRARCH2's CAMEO verb patterns through the CAMEO -> PLOVER table (compiled by
  tools/build_plover_lexicon.py; MIT / CC BY-SA 4.0, see NOTICE), the broad lexicon behind it;
- ``phoenix_agents.json``: Phoenix's generic agents (police, protesters, lawmakers ...) and discard phrases.

The dictionary is PETRARCH-style: verb classes keyed by lemma, each entry with a PLOVER type, an
optional mode and optional constraints (object lemmas, particle, preposition, words needed in the
clause, object must be an actor, ``fold``: the clausal complement is the content of this event).
Nouns fire when governed by a light verb ("hold talks", "impose sanctions", "orchestrate the
arrest"). See the file's ``_about`` for the format.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
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
    subj: frozenset[str] = frozenset()   # the subject's lemma among these (CAMEO's words before '*')
    code: Optional[str] = None           # the CAMEO code a compiled entry came from

    @property
    def constrained(self) -> bool:
        return bool(self.obj or self.prt or self.prep or self.needs or self.actor_obj or self.subj)


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
    cameo: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    discards: tuple[str, ...] = ()
    protest_agents: frozenset[str] = frozenset()
    protest_nouns: frozenset[str] = frozenset()
    protest_event_verbs: frozenset[str] = frozenset()
    hazard_nouns: frozenset[str] = frozenset()
    hazard_verbs: frozenset[str] = frozenset()
    violence_nouns: frozenset[str] = frozenset()


def _entry(d: dict) -> Entry:
    if d["type"] not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {d['type']!r} in verbs.json")
    return Entry(lemma=d["lemma"].lower(), type=d["type"], mode=d.get("mode"),
                 obj=frozenset(d.get("obj", ())), prt=frozenset(d.get("prt", ())),
                 prep=frozenset(d.get("prep", ())), needs=frozenset(d.get("needs", ())),
                 unless=frozenset(d.get("unless", ())),
                 actor_obj=bool(d.get("actor_obj")), fold=bool(d.get("fold")), subj=frozenset(d.get("subj", ())),
                 code=d.get("code"))


def _data(name: str) -> dict:
    return json.loads(resources.files("storyline").joinpath(f"data/plover/{name}").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_dictionary() -> Dictionary:
    raw = _data("verbs.json")
    verbs: dict[str, list[Entry]] = {}
    for d in raw["verbs"]:
        e = _entry(d)
        verbs.setdefault(e.lemma, []).append(e)
    # constrained entries first (in file order), then the fallback
    verbs = {k: tuple([e for e in v if e.constrained] + [e for e in v if not e.constrained]) for k, v in verbs.items()}
    cameo: dict[str, list[Entry]] = {}
    cameo_raw = _data("cameo_verbs.json")
    non = _data("nonevents.json")
    hazards = frozenset(non["hazard_nouns"])
    violent = (frozenset(non["violence_nouns"]) | frozenset(cameo_raw.get("weapons", ()))
               | {d["lemma"] for d in raw["verbs"] + raw["nouns"] if d["type"] == "ASSAULT"}) - hazards
    weapons = frozenset(cameo_raw.get("weapons", ()))
    if weapons:   # 'weapon' as an object in verbs.json stands for CAMEO's &WEAPON synset ('delivered missiles')
        verbs = {k: tuple(e if "weapon" not in e.obj else replace(e, obj=e.obj | weapons) for e in v)
                 for k, v in verbs.items()}
    for d in cameo_raw["verbs"]:
        e = _entry(d)
        cameo.setdefault(e.lemma, []).append(e)
    # patterns (an object, particle or preposition named) first, in file order; the bare default code last
    cameo_ordered = {k: tuple(sorted(v, key=lambda e: not (e.obj or e.prt or e.prep))) for k, v in cameo.items()}
    agents = _data("phoenix_agents.json")
    nouns = {}
    for d in raw["nouns"]:
        e = _entry(d)
        nouns[e.lemma] = e
    return Dictionary(
        verbs=verbs, nouns=nouns,
        light_verbs=frozenset(raw["light_verbs"]), talk_preps=frozenset(raw["talk_preps"]),
        talk_nouns=frozenset(raw["talk_nouns"]), hypothetical_marks=frozenset(raw["hypothetical_marks"]),
        hedge_words=frozenset(raw["hedge_words"]), hedge_verbs=frozenset(raw["hedge_verbs"]),
        hedge_phrases=tuple(raw["hedge_phrases"]), modal_future=frozenset(raw["modal_future"]),
        conditional_marks=frozenset(raw["conditional_marks"]),
        attribution_verbs=frozenset(raw["attribution_verbs"]), self_pronouns=frozenset(raw["self_pronouns"]),
        threat_verbs=frozenset(raw.get("threat_verbs", ())),
        protest_agents=frozenset(raw.get("protest_agents", ())), protest_nouns=frozenset(raw.get("protest_nouns", ())),
        protest_event_verbs=frozenset(raw.get("protest_event_verbs", ())),
        cameo=cameo_ordered, agents=dict(agents["agents"]), discards=tuple(agents["discards"]),
        hazard_nouns=hazards, hazard_verbs=frozenset(non["hazard_verbs"]), violence_nouns=frozenset(violent),
    )


def quad_class(event_type: str) -> str:
    return QUAD_CLASS[event_type]
