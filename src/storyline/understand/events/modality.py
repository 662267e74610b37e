"""Attributes of an event from the parse: negation, future and condition (intent), hedging, place, date."""
from __future__ import annotations

import bisect
import re
from typing import Optional

from storyline.model import Article
from storyline.understand.events.tokens import LOC_PREPS, PLACE_LABELS, _clause_root, _Ctx, _lemma, _objects
from storyline.understand.plover import CONFLICT_MATERIAL, COOPERATION_MATERIAL, COOPERATION_VERBAL, Entry
from storyline.understand.time import before_publication, reference


# ------------------------------------------------------------------ attributes
def _negated(ctx: _Ctx, t, chain: list, subj) -> bool:
    for x in chain:
        for c in x.children:
            if c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ in ("advmod", "neg")):
                return True
    if subj is not None:
        words = [w.lower_ for w in subj.subtree][:3]
        if words and words[0] in ("no", "not", "none", "neither"):
            return True
        if any(c.dep_ in ("det", "neg", "preconj") and c.lower_ in ("no", "not") for c in subj.children):
            return True
    for o in (c for c in t.children if c.dep_ in ("dobj", "nsubjpass")):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in o.children):
            return True
    return False


RAISING_PASSIVES = {"expect", "say", "believe", "report", "think", "know", "understand", "schedule", "set", "due",
                    "suppose", "reckon", "rumour", "rumor", "allege", "tip", "slate", "plan"}
FUTURE_HEADS = {"expect", "plan", "intend", "schedule", "due", "set", "prepare", "aim", "hope"}


def _future(ctx: _Ctx, chain: list) -> bool:
    """A modal future ('will meet') or a planned act ('is expected to travel', 'plans to visit')."""
    if len(chain) > 1 and any(_lemma(x) in FUTURE_HEADS for x in chain[1:]):
        return True
    for x in chain:
        for c in x.children:
            if c.dep_ == "aux" and (_lemma(c) in ctx.d.modal_future or c.lower_ in ctx.d.modal_future):
                return True
    return False


def _conditional(ctx: _Ctx, chain: list) -> bool:
    ids = {x.i for x in chain}
    for x in chain:
        for c in x.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ctx.d.conditional_marks for g in c.children):
                return True
    # an "if"/"unless" clause attached one level higher (to the reporting verb's complement)
    top = chain[-1]
    if top.dep_ in ("ccomp", "conj") and top.head.i not in ids:
        for c in top.head.children:
            if c.dep_ == "advcl" and c.i != top.i and any(
                    g.dep_ == "mark" and g.lower_ in ctx.d.conditional_marks for g in c.children):
                return True
    return False


def _hedged(ctx: _Ctx, sent, trigger) -> bool:
    low = sent.text.lower()
    if any(p in low for p in ctx.d.hedge_phrases):
        return True
    for w in sent:
        if w.lower_ in ctx.d.hedge_words:
            return True
        if w.i != trigger.i and w.pos_ == "VERB" and _lemma(w) in ctx.d.hedge_verbs:
            return True
    return False


def _location(ctx: _Ctx, t, exclude: set[str]) -> Optional[str]:
    cands = [t] + [o for o in _objects(t) if o.dep_ in ("dobj",)]
    for x in cands:
        for c in x.children:
            if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        for w in g.subtree:
                            if w.ent_type_ in PLACE_LABELS:
                                ent = next((e for e in ctx.doc.ents if e.start <= w.i < e.end), None)
                                if ent is not None and ent.text not in exclude:
                                    return ent.text
    return None


def _date_for(ctx: _Ctx, sent_start: int, sent_end: int, t) -> tuple[Optional[str], Optional[tuple[str, str]], bool]:
    in_sent = [x for x in ctx.times if sent_start <= x.start < sent_end and (x.date or x.date_range)
               and not _earlier_event_time(ctx, t, x.start)]
    if in_sent:
        root = _clause_root(t)
        lo = ctx.base + root.left_edge.idx
        hi = ctx.base + root.right_edge.idx + len(root.right_edge.text)
        pos = ctx.tok_span(t)[0]
        inside = [x for x in in_sent if lo <= x.start < hi]
        pick = min(inside or in_sent, key=lambda x: abs(x.start - pos))
        return pick.date, (tuple(pick.date_range) if pick.date_range else None), False
    return _article_date(ctx.article)


def _earlier_event_time(ctx: _Ctx, t, start: int) -> bool:
    """The time expression at ``start`` dates another, earlier act named in a relative or participial clause the
    trigger is not in ('lifted the ban it imposed last year': last year is when the ban was imposed)."""
    starts = getattr(ctx, "_tok_starts", None)
    if starts is None:
        starts = ctx._tok_starts = [ctx.base + w.idx for w in ctx.doc]
    i = bisect.bisect_right(starts, start) - 1
    if i < 0:
        return False
    for a in [ctx.doc[i]] + list(ctx.doc[i].ancestors):
        if a.i == t.i:
            return False
        if a.dep_ in ("relcl", "acl") and not a.left_edge.i <= t.i <= a.right_edge.i:
            return True
    return False


def _article_date(article: Article) -> tuple[Optional[str], Optional[tuple[str, str]], bool]:
    ref = reference(article)
    if ref.day is not None:
        return ref.day.isoformat(), None, True
    if article.published_range:
        return None, tuple(article.published_range), True
    return None, None, True


def _apply_intent(ctx: _Ctx, etype: str, mode, chain, negated: bool, entry: Entry) -> tuple[str, Optional[str], bool]:
    if etype in ("THREATEN", "REQUEST", "ACCUSE") or entry.fold and etype in ("AGREE", "REJECT"):
        return etype, mode, negated
    fut = _future(ctx, chain)
    if not fut:
        return etype, mode, negated
    cond = _conditional(ctx, chain)
    sub = mode or etype.lower()
    if cond and (etype in CONFLICT_MATERIAL or etype == "RETREAT" or negated):
        return "THREATEN", sub, False
    if negated and etype in COOPERATION_MATERIAL:
        return "THREATEN", "withhold " + sub, False
    if not negated and etype == "SANCTION" and _announced(chain):
        return etype, mode, negated   # 'announced it would cut all aid': a sanction decided, not a warning
    if not negated and etype in CONFLICT_MATERIAL:
        return "THREATEN", sub, False
    if negated and etype in COOPERATION_VERBAL:
        return "REJECT", sub, False
    if not negated and etype in ("CONSULT", "SUPPORT"):
        return "AGREE", sub, False    # the PLOVER manual: future meetings, visits, support are intentions: AGREE
    if not negated and etype in COOPERATION_MATERIAL:
        return "AGREE", sub, False
    return etype, mode, negated


# verbs that make a decision public: the sanction they report in the future tense is decided, not threatened
ANNOUNCING_VERBS = frozenset({"announce", "decide", "declare", "confirm", "unveil"})


def _announced(chain: list) -> bool:
    """The clause is what an announcing verb reports ('announced [that] it would suspend aid')."""
    top = chain[-1]
    return top.dep_ in ("ccomp", "xcomp") and top.head.i != top.i and _lemma(top.head) in ANNOUNCING_VERBS or \
        top.dep_ == "conj" and top.head.dep_ == "ccomp" and _lemma(top.head.head) in ANNOUNCING_VERBS


# a promise of one of these is PLOVER's AGREE ("promise ... to cooperate"), not a threat
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


# verbs whose object is an act already done, reacted to ('condemned the arrest of X'): a reference to it
REACTION_NOUN_HEADS = frozenset({"condemn", "denounce", "deplore", "decry", "criticize", "criticise", "slam",
                                 "protest", "investigate", "probe", "mourn", "blame", "regret", "lament", "justify",
                                 "defend"})
# prepositions that name an act as background to another ('since the 2019 order', 'protests over the arrest')
REFERENCE_PREPS = frozenset({"since", "after", "following", "before", "despite", "over", "until"})


def _reference(ctx: _Ctx, t, noun: bool, date, date_range,
               inferred) -> tuple[bool, Optional[str], Optional[tuple], bool]:
    """Is the act only mentioned, as background to what the sentence says, rather than reported as a new act?
    A noun after 'since', 'after', 'following', 'despite', 'over' ('since the 2019 order'); a clause modifying a
    noun ('the ban imposed last year', 'the mayor, who was charged with fraud last year') whose stated date lies
    before the publication date. Returns (reference, date, date_range, inferred): a reference is dated then (the
    year written on the noun, 'the 2019 order', else the stated time), never on the article's date."""
    if noun:
        ref = t.dep_ == "pobj" and t.head.lower_ in REFERENCE_PREPS or (
            t.dep_ in ("dobj", "nsubjpass") and _lemma(t.head) in REACTION_NOUN_HEADS)
    else:
        v = _clause_root(t)
        ref = v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN", "PRON") and not inferred and \
            before_publication(ctx.article, date, date_range)
    if not ref:
        return False, date, date_range, inferred
    if noun:
        year = next((c.text for c in t.children if c.dep_ in ("nummod", "compound", "amod", "npadvmod")
                     and re.fullmatch(r"(?:19|20)\d\d", c.text)), None)
        if year is not None:
            return True, year, None, False
    if inferred:
        return True, None, None, False
    return True, date, date_range, inferred
