"""Story brief: an extractive summary, every sentence cited to its article, main events in date order.

Sentences are chosen, not written: first one evidence sentence for each of the story's main merged events
(the events with most independent sources), then, when there is room (or the story has no events), the
sentences most central to the story's vocabulary that add words not said yet (a small MMR). The result is
ordered by event date / article date and position, so it reads as a chronology.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Annotated, MergedEvent

from .stories import terms

_SPLIT = re.compile(r"(?<=[.!?])[\"\u201d']?\s+(?=[\"\u201c'A-Z0-9])|\n+")


def sentences_of(a: Annotated) -> list[tuple[int, str]]:
    """(start offset, sentence) pairs: the understand stage's sentences, else a plain split of the text."""
    if a.sentences:
        return [(s.start, s.text.strip()) for s in a.sentences if s.text.strip()]
    out, pos = [], 0
    text = a.article.text or ""
    for piece in _SPLIT.split(text):
        start = text.find(piece, pos)
        pos = max(pos, start + len(piece))
        if piece.strip():
            out.append((max(start, 0), piece.strip()))
    return out


def _good(sentence: str) -> bool:
    words = sentence.split()
    return 6 <= len(words) <= 60 and not sentence.endswith(":")


def brief(annotated: Sequence[Annotated], merged: Sequence[MergedEvent], max_sentences: int = 6) -> list[dict]:
    """[{text, article_id}, ...] in chronological order, given the story's merged events (the link stage merges
    them once: ``storyline.link.merge.merge_events``)."""
    if not annotated:
        return []
    arts = {a.article.id: a for a in annotated}
    order = {a.article.id: k for k, a in enumerate(sorted(annotated, key=lambda a: (a.article.published or "9999",
                                                                                    a.article.id)))}
    chosen: list[tuple[tuple, str, str]] = []       # (sort key, text, article id)
    said: set[str] = set()

    def take(key, text, aid):
        chosen.append((key, text, aid))
        said.update(terms(text)[0])

    # 1. the main events, each by one evidence sentence (the earliest report, well-formed if possible)
    main = [m for m in merged if not m.event.negated][: max(0, max_sentences - 1)]
    for m in main:
        evs = sorted(m.event.evidence, key=lambda e: (order.get(e.article_id, 10 ** 6), e.start))
        evs = [e for e in evs if e.article_id in arts] or evs
        if not evs:
            continue
        pick = next((e for e in evs if _good(e.sentence)), evs[0])
        if any(t == pick.sentence.strip() for _, t, _ in chosen):
            continue
        aid = pick.article_id
        pub = arts[aid].article.published if aid in arts else None
        take((str(m.event.date or pub or "9999"), order.get(aid, 10 ** 6), pick.start), pick.sentence.strip(), aid)
    # 2. fill with central, non-redundant sentences
    cands = []
    df = Counter()
    per_art = {}
    for a in annotated:
        sents = [(st, s) for st, s in sentences_of(a) if _good(s)]
        per_art[a.article.id] = sents
        df.update({t for t in terms(a.article.text or "")[0]})
    n = len(annotated)
    for a in annotated:
        for rank, (st, s) in enumerate(per_art[a.article.id][:12]):
            ws = set(terms(s)[0])
            if not ws:
                continue
            # summed in a fixed order: over a set, the float sum's last bits (and so the ties below) would
            # follow the process's string-hash seed, and two runs on the same corpus would disagree
            centrality = sum(math.log(1 + df[t]) for t in sorted(ws) if df[t] > 1) / (1 + math.sqrt(len(ws)))
            lead = 1.0 / (1 + 0.3 * rank)        # news puts the point first
            cands.append((centrality * (0.6 + 0.4 * lead) * (1 + 0.2 * (n > 1)), a.article.id, st, s, ws))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _score, aid, st, s, ws in cands:
        if len(chosen) >= max_sentences:
            break
        if any(t == s for _, t, _ in chosen):
            continue
        novelty = len(ws - said) / max(1, len(ws))
        if chosen and novelty < 0.5:
            continue
        take((str(arts[aid].article.published or "9999"), order[aid], st), s, aid)
    chosen.sort(key=lambda c: c[0])
    return [{"text": t, "article_id": aid} for _, t, aid in chosen]
