"""A story's events in date order.

Each entry carries the span it covers (``start``..``end``: a day, a month, a year or a stated range, shown
as a range when it is one) and ``placement``: ``stated`` (the text gives the date), ``article`` (no date for
the event: placed at its earliest report's publication date, and marked so) or ``undated`` (neither; listed
last). Rows a reader could not tell apart are grouped: merged events of one type, one actor and one span become
one row (the best-attested event, with every article of the group), and a timeline draws at most ``CAP`` rows.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
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
    out = _grouped(out)
    if cap is not None and len(out) > cap:
        out = sorted(out, key=lambda t: (-t.n_sources, t.placement != "stated", t.start is None, t.event.id))[:cap]
    out.sort(key=lambda t: (t.start is None, t.start or "", t.end or "", -t.n_sources, t.event.id))
    return out


def _grouped(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """One row per (type, actor, span): the entry with most sources stands for the others, their articles added
    (one shooting's "police shot", "police shot at" and "police fired" of one day are one row, not three)."""
    groups: dict[tuple, list[TimelineEntry]] = {}
    for t in entries:
        actor = t.event.actor_id or (t.event.actor or "").strip().lower() or None
        if actor is None or t.start is None:
            groups[("row", t.event.id)] = [t]
            continue
        groups.setdefault((t.event.type, actor, t.start, t.end, t.placement), []).append(t)
    out = []
    for members in groups.values():
        members.sort(key=lambda t: (-t.n_sources, t.event.id))
        head = members[0]
        if len(members) > 1:
            aids = tuple(dict.fromkeys(a for t in members for a in t.article_ids))
            head = replace(head, article_ids=aids, n_sources=max(t.n_sources for t in members))
        out.append(head)
    return out
