"""A story's events in date order.

Each entry carries the span it covers (``start``..``end``: a day, a month, a year or a stated range, shown
as a range when it is one) and ``placement``: ``stated`` (the text gives the date), ``article`` (no date for
the event: placed at its earliest report's publication date, and marked so) or ``undated`` (neither; listed
last).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from storyline.model import Annotated, Placement, TimelineEntry

from .merge import MergedEvent, date_bounds, merge_events


def _label(date: Optional[str], rng: Optional[Sequence[str]]) -> str:
    if rng and len(rng) == 2 and rng[0] and rng[1]:
        return f"{rng[0]} .. {rng[1]}" if rng[0] != rng[1] else str(rng[0])
    return date or ""


CAP = 30     # entries a story's timeline draws at most: the best-attested ones (a shooting is not 53 rows)


def timeline(annotated: Sequence[Annotated], merged: Optional[Sequence[MergedEvent]] = None,
             cap: Optional[int] = CAP) -> list[TimelineEntry]:
    """Merged events of ``annotated`` (computed if not given) ordered by resolved date; at most ``cap`` of them:
    those with most independent sources, dated ones first (None: all)."""
    if merged is None:
        merged = merge_events(annotated)
    published = {a.article.id: a.article.published for a in annotated}
    out = []
    for m in merged:
        e = m.event
        if e.reference:
            continue   # only mentioned ('the ban imposed last year'): the act is on the timeline where it is reported
        b = date_bounds(e.date, e.date_range) if not e.date_inferred else None
        if b is not None:
            placement: Placement = "stated"
            label = _label(e.date, e.date_range)
        else:
            pubs = sorted(p for p in (published.get(a) for a in m.article_ids) if p and not p.startswith("--"))
            b = date_bounds(pubs[0]) if pubs else None
            if b is None and e.date_inferred:
                b = date_bounds(e.date, e.date_range)
            placement = "article" if b is not None else "undated"
            label = f"~{pubs[0] if pubs else _label(e.date, e.date_range)} (report date)" if b else "undated"
        out.append(TimelineEntry(event=e, start=b[0].isoformat() if b else None, end=b[1].isoformat() if b else None,
                                 label=label, placement=placement, article_ids=m.article_ids,
                                 n_sources=len(m.sources), conflicts=m.conflicts))
    if cap is not None and len(out) > cap:
        out = sorted(out, key=lambda t: (-t.n_sources, t.placement != "stated", t.start is None, t.event.id))[:cap]
    out.sort(key=lambda t: (t.start is None, t.start or "", t.end or "", -t.n_sources, t.event.id))
    return out
