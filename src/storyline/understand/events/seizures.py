"""Seizures and arrests in their general English forms (CAMEO 1721 seize possession, 173 arrest: PLOVER COERCE):
weapons found, taken, made safe or disposed of; people caught or held with them."""
from __future__ import annotations

from typing import Optional

from storyline.understand.events.tokens import _Ctx, _lemma, _not_agents, _objects
from storyline.understand.plover import Entry

# CAMEO 1721 (seize possession), 173 (arrest): what security forces find, catch someone with, or make safe
SEIZE_ENTRY = Entry(lemma="seize", type="COERCE", mode="seize")
ARREST_ENTRY = Entry(lemma="arrest", type="COERCE", mode="arrest")
FIND_VERBS = frozenset({"find", "discover", "unearth", "detect", "spot", "locate", "uncover"})
CATCH_VERBS = frozenset({"catch", "hold", "arrest", "detain", "nab", "apprehend", "intercept", "stop"})
HOLD_VERBS = frozenset({"contain", "carry", "have", "hold", "hide", "conceal", "transport", "store", "stock"})
SAFE_VERBS = frozenset({"make", "render"})
TAKE_VERBS = frozenset({"recover", "seize", "confiscate", "impound", "intercept", "defuse"})
DISPOSE_VERBS = frozenset({"destroy", "defuse", "detonate", "neutralise", "neutralize", "dispose", "disarm"})
SAFE_WORDS = frozenset({"safe", "harmless", "inert", "inoperable", "inoperative", "ineffective", "unusable"})
CHARGE_PREPS = frozenset({"connection", "suspicion", "charge", "link", "allegation"})
_SEIZED: dict[int, frozenset] = {}


def _seized_things(ctx: _Ctx) -> frozenset:
    """Weapons and their stores, as the lexicon's seizure entries name them ('found weapons', 'unearthed a cache')."""
    got = _SEIZED.get(id(ctx.d))
    if got is None:
        got = frozenset(w for lem in ("find", "discover", "unearth", "recover") for e in ctx.d.verbs.get(lem, ())
                        if e.type == "COERCE" and e.mode == "seize" for w in e.obj) - {"factory", "hideout"}
        _SEIZED[id(ctx.d)] = got
    return got


def _weaponry(ctx: _Ctx, o) -> bool:
    things = _seized_things(ctx)
    return o is not None and o.pos_ in ("NOUN", "PROPN") and (
        _lemma(o) in things or o.lower_ in things or _lemma(o).rstrip("s") in things)


PERSON_NOUNS = frozenset({"suspect", "man", "woman", "person", "people", "youth", "teenager", "boy", "girl",
                          "accused", "member", "driver", "national", "citizen", "foreigner"})


def _person(ctx: _Ctx, t) -> bool:
    """Someone who can be held: an actor, or a person named by a common noun ('two suspects', 'a man')."""
    return ctx.is_actorish(t) or _lemma(t) in PERSON_NOUNS


def _weaponry_of(ctx: _Ctx, o) -> bool:
    """A weapon, or a quantity or a cache of them ('a large quantity of arms', 'bombs')."""
    return _weaponry(ctx, o) or any(_weaponry(ctx, g) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                                    for g in c.children if g.dep_ == "pobj")


def _headline_passive(t) -> bool:
    """A headline's participle with its subject, no auxiliary and no article ('Bombs found near ...', 'Journalist
    held over post'): a passive, its subject the patient."""
    kids = list(t.children)
    return t.dep_ == "ROOT" and t.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in kids) \
        and not any(g.dep_ == "det" for c in kids if c.dep_ == "nsubj" for g in c.children)


def _weapon_seizure(ctx: _Ctx, t) -> Optional[Entry]:
    """Seizures and arrests in their general English forms: a weapon made or rendered safe ('made safe an explosive
    device', 'the bomb was rendered safe'); a vehicle or a house found to contain weapons, an IED found planted;
    someone caught or held with explosives; a headline's 'suspects held in connection with ...', 'journalist held
    over post' (a headline's verb has no auxiliary: 'held' with a subject and no object is its passive)."""
    lem = _lemma(t)
    if t.pos_ != "VERB" or t.dep_ in ("amod", "compound"):
        return None
    kids = list(t.children)
    if lem in SAFE_VERBS:
        safe = [c for c in kids if c.lower_ in SAFE_WORDS and c.dep_ in ("oprd", "ccomp", "acomp", "xcomp", "dobj")]
        safe += [g for o in _objects(t) for g in o.children if g.dep_ == "amod" and g.lower_ in SAFE_WORDS]
        things = _objects(t) + [c for c in kids if c.dep_ == "nsubjpass"] + [
            g for s in safe for g in s.children if g.dep_ == "nsubj"]
        return SEIZE_ENTRY if safe and any(_weaponry(ctx, o) for o in things) else None
    if lem in CONDUCT_VERBS and any(_lemma(o) in BLAST_NOUNS and _controlled(o) and _disposal_of(ctx, t, o)
                                    for o in _objects(t)):
        return SEIZE_ENTRY   # 'carried out a controlled explosion of the package': bomb disposal
    if lem in DISPOSE_VERBS and _made_safe(t) and any(
            _weaponry_of(ctx, o) for o in _objects(t) + [c for c in kids if c.dep_ == "nsubjpass"]):
        return SEIZE_ENTRY   # 'the bomb was safely detonated', 'destroyed the shells in a controlled explosion'
    if lem in DISPOSE_VERBS | {"diffuse"} and lem not in ("destroy", "detonate") and any(
            c.dep_ == "dobj" and c.lower_ in ("it", "them") for c in kids) and _weapon_before(ctx, t):
        return SEIZE_ENTRY   # 'found a bomb and defused it', 'detected the mines and neutralised them'
    if lem in FIND_VERBS:
        for c in kids:   # 'was found to contain explosives', 'found an IED planted on the road'
            if c.dep_ == "xcomp" and _lemma(c) in HOLD_VERBS and any(_weaponry(ctx, o) for o in _objects(c)):
                return SEIZE_ENTRY
            if c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") and _weaponry(ctx, g) for g in c.children):
                return SEIZE_ENTRY
    if t.tag_ == "VBN" and (t.dep_ == "acl" and lem in FIND_VERBS | TAKE_VERBS and _weaponry_of(ctx, t.head) or
                            t.dep_ == "conj" and lem in DISPOSE_VERBS and not _not_agents(t, _objects(t)) and any(
                                c.dep_ == "nsubjpass" and _weaponry_of(ctx, c) for c in t.head.children)):
        return SEIZE_ENTRY   # 'arms and ammunition recovered in ...', 'an IED was found and destroyed'
    headline = _headline_passive(t)
    if headline and lem in FIND_VERBS | TAKE_VERBS and not any(c.dep_ == "dobj" for c in kids) and any(
            c.dep_ == "nsubj" and _weaponry_of(ctx, c) for c in kids):
        return SEIZE_ENTRY   # a headline's passive: 'bombs found near the railway track'
    if lem in CATCH_VERBS - {"hold"} and any(_laden(ctx, o) for o in _objects(t)):
        return SEIZE_ENTRY   # 'stopped a truck laden with explosives', 'an explosive-laden car was intercepted'
    if lem in CATCH_VERBS and t.tag_ == "VBN" or lem in CATCH_VERBS - {"hold", "stop"}:
        if any(c.dep_ == "prep" and c.lower_ == "with" and any(_weaponry(ctx, g) for g in c.children
                                                               if g.dep_ == "pobj") or
               c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and _lemma(c) in HOLD_VERBS and
               any(_weaponry(ctx, o) for o in _objects(c)) for c in kids):
            return ARREST_ENTRY   # 'two men were held with explosives', 'stopped at the airport carrying a gun'
    if lem == "hold" and (t.tag_ == "VBN" or headline) and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd")
                                                                    for c in kids) and (
            t.dep_ == "acl" and _person(ctx, t.head) or any(c.dep_ in ("nsubjpass", "nsubj" if headline else "-")
                                                            and _person(ctx, c) for c in kids)):
        if any(c.dep_ == "prep" and (c.lower_ in ("over", "for") or any(
                _lemma(g) in CHARGE_PREPS for g in c.children if g.dep_ == "pobj")) for c in kids):
            return ARREST_ENTRY   # 'two suspects held in connection with the bombing', 'activist held over post'
    return None


CONDUCT_VERBS = frozenset({"carry", "conduct", "perform", "stage", "do"})
BLAST_NOUNS = frozenset({"explosion", "detonation", "blast"})


def _controlled(o) -> bool:
    """A blast set off on purpose to make a weapon safe: 'a controlled explosion', 'a controlled detonation'."""
    return any(a.dep_ in ("amod", "compound") and a.lower_ == "controlled" for a in o.children)


SUSPECT_ITEMS = frozenset({"package", "parcel", "bag", "suitcase", "object", "item", "box", "vehicle", "car"})
SECURITY = ("COP", "MIL")


def _disposal_of(ctx: _Ctx, verb, blast) -> bool:
    """A controlled blast that disposes of a weapon or a suspect object ('of the device', 'of a suspicious bag'),
    or one security forces set off; a quarry's or a demolition firm's is no seizure."""
    if any(_weaponry_of(ctx, g) or _lemma(g) in SUSPECT_ITEMS for c in blast.children
           if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"):
        return True
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + [
        g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any((ctx.d.agents.get(_lemma(d)) or "").startswith(SECURITY) for d in doers)


def _weapon_before(ctx: _Ctx, t) -> bool:
    """A weapon named before t in its sentence: what a pronoun object of a disposal verb stands for."""
    return any(_weaponry(ctx, w) for w in t.sent if w.i < t.i)


def _made_safe(t) -> bool:
    """A disposal verb told as making a weapon safe: 'safely', or 'in a controlled explosion / detonation'."""
    for c in t.children:
        if c.dep_ == "advmod" and c.lower_ == "safely":
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and any(a.dep_ == "amod" and a.lower_ == "controlled"
                                                             for a in g.children) for g in c.children):
            return True
    return False


LADEN = frozenset({"laden", "loaded", "packed", "filled", "rigged", "stuffed", "carrying"})


def _laden(ctx: _Ctx, o) -> bool:
    """A vehicle or a bag that carries weapons: 'a truck laden with explosives', 'an explosive-laden car'."""
    for c in o.children:
        if c.lower_ in LADEN and c.dep_ in ("amod", "acl"):
            if any(_lemma(w) in _seized_things(ctx) for w in c.children if w.dep_ in ("amod", "npadvmod", "compound")):
                return True   # 'explosive' before '-laden' is tagged an adjective
            if any(_weaponry(ctx, g) for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                   for g in p.children if g.dep_ == "pobj"):
                return True
        if c.dep_ in ("amod", "compound") and _weaponry(ctx, c) and any(
                w.lower_ in LADEN for w in o.children if w.i > c.i):
            return True   # the parser hangs 'explosive' on the noun itself: 'explosive - laden vehicle'
    return False
