"""Events without a dependency parse (no spaCy model), and stand-in actors from doc.ents for tests and evals."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Optional

from storyline.model import Actor, Article, Event, Evidence, Mention, TimeExpr, short_id
from storyline.understand.doc_text import doc_text
from storyline.understand.events.modality import _article_date
from storyline.understand.plover import CONFLICT_MATERIAL, COOPERATION_MATERIAL, Dictionary, load_dictionary
from storyline.understand.time import sentence_spans

# ------------------------------------------------------------------ crude path (no parse)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _forms(lemma: str) -> set[str]:
    f = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        f |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        f |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        f |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    irregular = {"hold": {"held"}, "meet": {"met"}, "seek": {"sought"}, "fight": {"fought"}, "shoot": {"shot"},
                 "send": {"sent"}, "give": {"gave", "given"}, "take": {"took", "taken"}, "put": {"put"},
                 "cut": {"cut"}, "strike": {"struck"}, "swear": {"swore", "sworn"}, "freeze": {"froze", "frozen"},
                 "break": {"broke", "broken"}, "blow": {"blew", "blown"}, "withdraw": {"withdrew", "withdrawn"},
                 "lead": {"led"}, "bring": {"brought"}, "say": {"said"}, "tell": {"told"}, "sue": {"sued"}}
    return f | irregular.get(lemma, set())


_FORM_INDEX: Optional[dict[str, str]] = None


def _form_index(d: Dictionary) -> dict[str, str]:
    global _FORM_INDEX
    if _FORM_INDEX is None:
        idx: dict[str, str] = {}
        for lemma in d.verbs:
            for f in _forms(lemma):
                idx.setdefault(f, lemma)
        _FORM_INDEX = idx
    return _FORM_INDEX


def _stem_in(word: str, lemmas: Iterable[str]) -> bool:
    w = word.lower()
    return any(w == lem or w.startswith(lem) and len(w) - len(lem) <= 3 for lem in lemmas)


def _find_events_crude(doc, article: Article, mentions: Sequence[Mention], actors: Sequence[Actor],
                       times: Sequence[TimeExpr]) -> list[Event]:
    """No dependency parse: trigger word forms, object words within a small window, nearest mentions."""
    d = load_dictionary()
    idx = _form_index(d)
    text = article.text
    actor_by_id = {a.id: a for a in actors}
    ms = sorted(mentions, key=lambda m: m.start)
    out: list[Event] = []
    spans = sentence_spans(doc if doc is not None and doc_text(doc) == text else None, text)
    for s_start, s_end in spans:
        sent = text[s_start:s_end]
        words = [(m.group(0), s_start + m.start(), s_start + m.end()) for m in _WORD.finditer(sent)]
        low = [w.lower() for w, _, _ in words]
        hedged = any(h in sent.lower() for h in d.hedge_phrases) or any(w in d.hedge_words for w in low)
        fold_until = -1
        for i, (w, ws, we) in enumerate(words):
            lemma = idx.get(low[i])
            if lemma is None:
                continue
            win = low[i + 1:i + 7]
            entry = None
            for e in d.verbs[lemma]:
                if e.prt and not any(p in win[:3] for p in e.prt):
                    continue
                if e.prep and not any(p in win[:4] for p in e.prep):
                    continue
                if e.obj and not any(_stem_in(x, e.obj) for x in win):
                    continue
                if e.needs and not any(_stem_in(x, e.needs) for x in low[i + 1:]):
                    continue
                if e.unless and any(_stem_in(x, e.unless) for x in win):
                    continue
                if e.actor_obj and not any(ws < m.start < s_end and m.start - we < 40 for m in ms):
                    continue
                entry = e
                break
            if entry is None:
                continue
            if i <= fold_until and i > 0 and low[i - 1] in ("to", "from", "of"):
                continue
            if entry.fold:
                fold_until = i + 8
            before = low[max(0, i - 3):i]
            negated = any(x in ("not", "n't", "never", "no") or x.endswith("n't") for x in before)
            future = any(x in ("will", "would", "wo", "won't", "shall", "may", "might", "could") or x.endswith("'ll")
                         for x in before)
            etype, mode = entry.type, entry.mode
            if future and etype not in ("THREATEN", "REQUEST", "ACCUSE"):
                if (negated and etype in COOPERATION_MATERIAL) or (not negated and etype in CONFLICT_MATERIAL):
                    etype, mode, negated = "THREATEN", mode or entry.type.lower(), False
            prev = [m for m in ms if s_start <= m.start and m.end <= ws]
            nxt = [m for m in ms if we <= m.start and m.end <= s_end]
            am = prev[-1] if prev else None
            tm = nxt[0] if nxt else None
            actor = (actor_by_id[am.actor_id].name if am and am.actor_id in actor_by_id else (am.text if am else None))
            target = (actor_by_id[tm.actor_id].name if tm and tm.actor_id in actor_by_id else (tm.text if tm else None))
            in_sent = [x for x in times if s_start <= x.start < s_end and (x.date or x.date_range)]
            if in_sent:
                pick = min(in_sent, key=lambda x: abs(x.start - ws))
                date, rng, inferred = pick.date, (tuple(pick.date_range) if pick.date_range else None), False
            else:
                date, rng, inferred = _article_date(article)
            aid = am.actor_id if am else None
            tid = tm.actor_id if tm else None
            out.append(Event(
                id=short_id(article.id, etype, str(ws), aid or "", tid or ""), type=etype,
                evidence=(Evidence(article.id, sent, s_start, s_end),), mode=mode, actor=actor, actor_id=aid,
                target=target, target_id=tid, date=date, date_range=rng, date_inferred=inferred,
                hedged=hedged, negated=negated, trigger=w))
    return out


# ------------------------------------------------------------------ stand-in actors (tests, evals)
def mentions_from_ents(doc, article: Article) -> tuple[list[Mention], list[Actor]]:
    """Mentions and actors straight from doc.ents (PERSON/ORG/GPE/NORP/LOC), one actor per surface form.

    A stand-in for the actor resolver, for tests and evaluations; the pipeline uses actors.py.
    """
    from storyline.model import short_id as _sid

    spans = sentence_spans(doc, article.text)
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            continue
        name = re.sub(r"^(the|The)\s+", "", ent.text).strip()
        aid = _sid(ent.label_, name.lower())
        actors.setdefault(aid, Actor(id=aid, name=name, type=ent.label_))
        sent = next((i for i, (s, e) in enumerate(spans) if s <= ent.start_char < e), 0)
        mentions.append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_,
                                actor_id=aid, sentence=sent))
    return mentions, list(actors.values())
