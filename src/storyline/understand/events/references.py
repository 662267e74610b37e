"""Nominal references: an event noun a sentence only mentions as an earlier act, with no verb of its own ('the ban
imposed last year', 'last year's sanctions on Russia', 'the 2019 arrest of the mayor', 'the talks that the two
sides held in March'). Each becomes an Event marked ``reference``, dated then (the time stated on the noun phrase,
resolved against the publication date), and left off timelines as every reference is. Nothing is added when the
phrase names no time before publication, or when the sentence already codes the act with a verb."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from storyline.understand.events.roles import _by_agent, _head_is_actor, _pick_target
from storyline.understand.events.tokens import REL_PRONOUNS, TARGET_PREPS, _Ctx, _lemma, _subject
from storyline.understand.plover import Entry
from storyline.understand.time import before_publication

# event nouns whose owner undergoes the act ('the journalist's arrest', 'his release'); for the others the owner
# acts ('China's ban', 'the EU's sanctions')
PATIENT_OWNED = frozenset({"arrest", "detention", "release", "kidnapping", "abduction", "assassination",
                           "evacuation", "surrender"})
# event nouns too vague to stand for an act without a verb ('last year's game', 'the 2019 tour', 'a 2020 deal')
VAGUE = frozenset({"game", "exercise", "drill", "maneuver", "manoeuvre", "tour", "trip", "hearing", "appeal",
                   "threat", "release", "suit", "deal", "settlement", "patrol", "march", "strike", "battle"})


@dataclass(frozen=True)
class NominalReference:
    """What the coder needs to build the Event of one nominal reference."""
    tok: object                # the event noun
    entry: Entry
    actor: Optional[str]
    actor_id: Optional[str]
    target: Optional[str]
    target_id: Optional[str]
    date: Optional[str]
    date_range: Optional[tuple]
    verb: object = None        # a light verb of the noun's own clause already coded alone: its event takes the noun's


def nominal_references(ctx: _Ctx, sent, coded: set[int], consumed: set[int], types: set[str]
                       ) -> list[NominalReference]:
    """The sentence's event nouns named as earlier acts. ``coded``: trigger tokens that gave an event;
    ``consumed``: their objects read as part of them ('imposed sanctions'), a reference only with a clause of their
    own ('lifted the ban it imposed last year'); ``types``: the PLOVER types the sentence already coded (an act is
    never coded twice). A light verb of the noun's clause coded alone ('the ban imposed by X in 2019': impose) is
    returned as ``verb``: its event is the noun's act."""
    out = []
    for t in sent:
        e = ctx.d.nouns.get(_lemma(t))
        if e is None or t.pos_ != "NOUN" or t.ent_type_ in ("DATE", "TIME") or _lemma(t) in VAGUE or t.i in coded \
                or t.i in consumed and not _modifiers(t):
            continue
        verbs = [w for c in _modifiers(t) for w in c.subtree if w.i in coded and w.pos_ in ("VERB", "AUX")]
        if verbs:
            v = verbs[0]
            if v.head.i == t.i and _lemma(v) in ctx.d.light_verbs and e.type not in types:
                types.add(e.type)
                out.append(NominalReference(t, e, None, None, None, None, None, None, verb=v))
            continue
        if e.type in types:
            continue
        when = _stated_time(ctx, t)
        if when is None:
            continue
        date, date_range = when
        if not before_publication(ctx.article, date, date_range):
            continue
        a_tok = _noun_agent(ctx, t)
        actor, actor_id = ctx.role(a_tok) if a_tok is not None else (None, None)
        tcands = _noun_patients(t, a_tok)
        target, target_id = _pick_target(ctx, t, True, a_tok, tcands, actor, actor_id) if tcands else (None, None)
        types.add(e.type)
        out.append(NominalReference(t, e, actor, actor_id, target, target_id, date, date_range))
    return out


def _modifiers(t) -> list:
    """The clauses modifying the noun: a participle ('imposed last year') or a relative clause ('that X held')."""
    return [c for c in t.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")]


def _stated_time(ctx: _Ctx, t) -> Optional[tuple[Optional[str], Optional[tuple]]]:
    """The time the noun phrase states for its act: a year written on the noun ('the 2019 ban'), else a time
    expression inside the phrase (an owner 'last year's', 'in 2018', its participle or relative clause)."""
    for c in t.children:
        if c.dep_ in ("nummod", "compound", "amod", "npadvmod") and re.fullmatch(r"(?:19|20)\d\d", c.text):
            return c.text, None
    lo, hi = t.left_edge, t.right_edge   # 'last year's sanctions', 'the arrest in 2018', 'the ban imposed in May'
    a, b = ctx.base + lo.idx, ctx.base + hi.idx + len(hi.text)
    for x in ctx.times:
        if a <= x.start < b and (x.date or x.date_range):
            return x.date, (tuple(x.date_range) if x.date_range else None)
    return None


def _noun_agent(ctx: _Ctx, t):
    """Who performed the act the noun names: the agent of its participle ('imposed by Washington'), the subject of
    its relative clause ('that the EU imposed'), an owner that acts ('China's ban'), an actor named before it
    ('the US ban', 'EU sanctions')."""
    for c in _modifiers(t):
        ag = _by_agent(ctx, c)
        if ag is not None:
            return ag
        s = _subject(c)
        if s is not None and s.dep_ == "nsubj" and s.lower_ not in REL_PRONOUNS:
            return s
    for c in t.children:   # 'the arrest of the journalist by police'
        if c.dep_ == "prep" and c.lower_ == "by":
            g = next((g for g in c.children if g.dep_ == "pobj"), None)
            if g is not None and (ctx.is_actorish(g) or _head_is_actor(ctx, g)):
                return g
    if _lemma(t) not in PATIENT_OWNED:
        for c in t.children:
            if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") and _head_is_actor(ctx, c):
                return c
    for c in t.children:
        if c.dep_ == "compound" and c.pos_ == "PROPN" and ctx.is_actorish(c):
            return c
    return None


def _noun_patients(t, a_tok) -> list:
    """Who the act was aimed at: 'sanctions on Russia', 'the arrest of the mayor', 'talks with X', and the owner of
    an act one undergoes ('the journalist's arrest')."""
    out = [g for c in t.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
           for g in c.children if g.dep_ == "pobj"]
    if _lemma(t) in PATIENT_OWNED:
        out += [c for c in t.children if c.dep_ == "poss"]
    return [o for o in out if a_tok is None or o.i != a_tok.i]
