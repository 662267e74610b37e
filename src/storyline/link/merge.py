"""Cross-article event merging: the same event reported by several outlets becomes one event.

Two reports can be one act when they have the same PLOVER type and polarity, name a participant in common
(the same canonical actor, or the same words of a descriptor without its article: "the two men" = "two men"), and
do not conflict: no two different *named* participants in one role (descriptors such as "a stray bullet" never
conflict), no other mode, dates that overlap (a stated date is widened to its granularity: a month is the whole
month; ``date_slack_days`` covers "on Thursday" in one report and "this week" in another). A report joins a
group of reports when it shares a participant with one of them and conflicts with fewer than half. The merged
``Event`` keeps every source sentence in ``evidence``.
Details the sources disagree on are not resolved away: ``MergedEvent.conflicts`` lists them (dates, modes,
locations, hedged vs asserted, and quantities such as "a few countries" vs "a number of countries").
Near-duplicate copies (``duplicates``: copy id -> canonical id) count as one source.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Optional

from storyline.model import Annotated, Event, Evidence, MergedEvent


# ------------------------------------------------------------------ dates
def date_bounds(date: Optional[str], date_range: Optional[Sequence[str]] = None) -> Optional[tuple[_dt.date, _dt.date]]:
    """(first day, last day) of a YYYY / YYYY-MM / YYYY-MM-DD date or of a [lo, hi] range; None if unknown."""
    if date_range and len(date_range) == 2 and date_range[0] and date_range[1]:
        lo, hi = date_bounds(date_range[0]), date_bounds(date_range[1])
        if lo and hi:
            return lo[0], hi[1]
    if not date or date.startswith("--"):
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")]
        if len(parts) == 1:
            return _dt.date(parts[0], 1, 1), _dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return _dt.date(parts[0], parts[1], 1), _dt.date(parts[0], parts[1], last)
        d = _dt.date(*parts[:3])
        return d, d
    except (ValueError, TypeError):
        return None


def _event_bounds(e: Event, article_date: Optional[str]) -> Optional[tuple[_dt.date, _dt.date]]:
    b = date_bounds(e.date, e.date_range)
    if b is None and article_date:
        b = date_bounds(article_date)
        if b is not None:          # an undated event happened at or before its report, within weeks
            b = (b[0] - _dt.timedelta(days=14), b[1])
    return b


# ------------------------------------------------------------------ quantities
_QUANT = re.compile(
    r"\b(a\s+few|few|several|many|most|some|all|a\s+number\s+of|a\s+handful\s+of|a\s+couple\s+of|dozens\s+of|"
    r"hundreds\s+of|thousands\s+of|millions\s+of|numerous|multiple|a\s+growing\s+number\s+of|no|\d[\d,.]*|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred)\s+"
    r"(?:(?:more|other|major|western|european|foreign|[a-z]+ian|[a-z]+ese)\s+)?([a-z]{3,}s)\b",
    re.IGNORECASE)


def quantities(sentence: str) -> list[tuple[str, str]]:
    """(quantifier, plural noun) pairs: "a number of countries" -> ("a number of", "countries")."""
    return [(re.sub(r"\s+", " ", q.lower()), n.lower()) for q, n in _QUANT.findall(sentence or "")]


# ------------------------------------------------------------------ merging
def _participant(e: Event, which: str) -> Optional[str]:
    pid = getattr(e, which + "_id")
    name = getattr(e, which)
    if pid:
        return pid
    return name.strip().lower() if name else None


_DET = re.compile(r"^(?:the|a|an|this|that|these|those)\s+")


def _key(p: Optional[str]) -> Optional[str]:
    """A participant compared across reports: a canonical id without its type ("org:x" and "person:x" are one
    name filed twice), else the words of its name without a leading article ("the two men" = "two men")."""
    if not p:
        return None
    if ":" in p and " " not in p:
        return p.split(":", 1)[1]
    return _DET.sub("", " ".join(re.findall(r"\w+", p.lower()))) or None


def _named(e: Event, which: str) -> bool:
    return bool(getattr(e, which + "_id"))


def shares(a: Event, b: Event) -> bool:
    """Do ``a`` and ``b`` name a participant in common (in the same role)?"""
    return any(_key(_participant(a, w)) and _key(_participant(a, w)) == _key(_participant(b, w))
               for w in ("actor", "target"))


def conflict(a: Event, b: Event, da: Optional[str], db: Optional[str], date_slack_days: int = 3) -> bool:
    """Can ``a`` and ``b`` (from articles dated ``da``, ``db``) NOT be one act: another type, polarity or mode,
    another named participant in a role (descriptors such as "a stray bullet" never conflict: reports describe
    one participant many ways), or dates too far apart."""
    if a.type != b.type or a.negated != b.negated:
        return True
    for which in ("actor", "target"):
        if _named(a, which) and _named(b, which) and _key(_participant(a, which)) != _key(_participant(b, which)):
            return True
    if a.mode and b.mode and a.mode != b.mode:
        return True
    ba, bb = _event_bounds(a, da), _event_bounds(b, db)
    if ba and bb:
        slack = _dt.timedelta(days=date_slack_days)
        if ba[0] - slack > bb[1] or bb[0] - slack > ba[1]:
            return True
    return False


def compatible(a: Event, b: Event, da: Optional[str], db: Optional[str], date_slack_days: int = 3) -> bool:
    """Can events ``a`` and ``b`` (from articles dated ``da``, ``db``) be the same real-world event? No conflict
    and a participant in common."""
    return shares(a, b) and not conflict(a, b, da, db, date_slack_days)


def _most_precise(dates):
    """The merged date: the most precise the sources give (a day over its month or year: the events were merged
    because their dates overlap, so the finer one narrows the coarser), the most common among those; the
    other values stay in the conflicts."""
    vals = [d for d in dates if d]
    if not vals:
        return None
    finest = max(len(d) for d in vals)
    return _most_common([d for d in vals if len(d) == finest])


def _most_common(values, default=None):
    vals = [v for v in values if v]
    if not vals:
        return default
    c = Counter(vals)
    top = max(c.values())
    return min(v for v in c if c[v] == top)


def merge_events(annotated: Sequence[Annotated], duplicates: Optional[Mapping[str, str]] = None,
                 date_slack_days: int = 3) -> list[MergedEvent]:
    """Merge the events of a set of articles (typically one story). Returns merged events, the ones with
    most independent sources first, then by date."""
    duplicates = duplicates or {}
    arts = {a.article.id: a.article for a in annotated}
    items: list[tuple[Event, str]] = []
    for a in annotated:
        for e in a.events:
            items.append((e, a.article.id))
    items.sort(key=lambda x: (arts[x[1]].published or "9999", x[1], x[0].id))
    # within each type, a report joins a group when it names a participant of some report in it and conflicts
    # with fewer than half of them: a chain "A bans X", "A bans", "A bans Y" does not make one ban of X and Y,
    # but one report that misreads a participant or a date does not split an act reported ten times. (On ECB+
    # topics 1, 5, 9, ...: every report must agree, B3 F1 0.462; fewer than half conflict, 0.517.)
    def clash(i: int, j: int) -> bool:
        return conflict(items[i][0], items[j][0], arts[items[i][1]].published, arts[items[j][1]].published,
                        date_slack_days)

    groups: dict[int, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    for i, (e, _aid) in enumerate(items):
        for g in by_type.setdefault(e.type, []):
            if any(shares(e, items[j][0]) for j in groups[g]) and \
                    2 * sum(clash(i, j) for j in groups[g]) < len(groups[g]):
                groups[g].append(i)
                break
        else:
            groups[i] = [i]
            by_type[e.type].append(i)
    for heads in by_type.values():
        _join_groups(heads, groups, items, clash)
    out = [_merge_group([items[i] for i in sorted(g)], arts, duplicates) for g in groups.values()]
    out.sort(key=lambda m: (-len(m.sources), m.event.date or "9999", m.event.id))
    return out


def _join_groups(heads: list[int], groups: dict[int, list[int]], items, clash) -> None:
    """Groups of one type that reports joined in the wrong order: two groups become one when some report of each
    names a participant in common and fewer than half the pairs of their reports conflict."""
    joined = True
    while joined:
        joined = False
        for x in range(len(heads)):
            gx = groups.get(heads[x])
            if gx is None:
                continue
            for y in range(x + 1, len(heads)):
                gy = groups.get(heads[y])
                if gy is None:
                    continue
                if any(shares(items[i][0], items[j][0]) for i in gx for j in gy) and \
                        2 * sum(clash(i, j) for i in gx for j in gy) < len(gx) * len(gy):
                    gx.extend(gy)
                    del groups[heads[y]]
                    joined = True
    heads[:] = [h for h in heads if h in groups]


def _merge_group(group: list[tuple[Event, str]], arts, duplicates) -> MergedEvent:
    events = [e for e, _ in group]
    aids = [aid for _, aid in group]
    first = events[0]
    evidence: list[Evidence] = []
    seen = set()
    for e, _aid in group:
        for ev in e.evidence:
            key = (ev.article_id, ev.start, ev.end)
            if key not in seen:
                seen.add(key)
                evidence.append(ev)
    stated = [(e.date, e.date_range, aid) for e, aid in group if (e.date or e.date_range) and not e.date_inferred]
    if stated:
        date = _most_precise([d for d, _, _ in stated])
        rng = _most_common([tuple(r) for _, r, _ in stated if r])
    else:
        date = _most_precise([e.date for e in events])
        rng = _most_common([tuple(e.date_range) for e in events if e.date_range])
    if date and len(date) >= 7:
        rng = None     # a report that gives only a year (or a span) attaches to the dated act, never widens it
    merged = replace(
        first,
        evidence=tuple(evidence),
        mode=_most_common([e.mode for e in events]),
        actor=_most_common([e.actor for e in events]), actor_id=_most_common([e.actor_id for e in events]),
        target=_most_common([e.target for e in events]), target_id=_most_common([e.target_id for e in events]),
        date=date, date_range=rng, date_inferred=not stated and any(e.date_inferred for e in events),
        location=_most_common([e.location for e in events]),
        hedged=all(e.hedged for e in events),       # one source asserting it is enough to call it asserted
        negated=all(e.negated for e in events),
        reference=all(e.reference for e in events),   # one report of it as a new act makes it one
    )
    sources = tuple(dict.fromkeys(duplicates.get(a, a) for a in aids))
    outlets = tuple(sorted({arts[a].outlet for a in aids if arts[a].outlet}))
    return MergedEvent(event=merged, source_event_ids=tuple(e.id for e in events),
                       article_ids=tuple(dict.fromkeys(aids)), sources=sources, outlets=outlets,
                       conflicts=tuple(_conflicts(group)))


def _conflicts(group: list[tuple[Event, str]]) -> list[dict]:
    out = []

    def add(fieldname, pairs):
        by_value: dict[str, list[str]] = {}
        for value, aid in pairs:
            if value is None or value == "":
                continue
            lst = by_value.setdefault(str(value), [])
            if aid not in lst:
                lst.append(aid)
        if len(by_value) > 1:
            out.append({"field": fieldname,
                        "values": [{"value": v, "article_ids": a} for v, a in sorted(by_value.items())]})

    add("date", [(e.date if not e.date_range else f"{e.date_range[0]}/{e.date_range[1]}", aid)
                 for e, aid in group if not e.date_inferred])
    add("mode", [(e.mode, aid) for e, aid in group])
    add("location", [(e.location, aid) for e, aid in group])
    if len({e.hedged for e, _ in group}) > 1:
        add("hedged", [("reported second-hand" if e.hedged else "asserted", aid) for e, aid in group])
    nouns: dict[str, list[tuple[str, str]]] = {}
    for e, aid in group:
        for ev in e.evidence:
            for q, n in quantities(ev.sentence):
                nouns.setdefault(n, []).append((q, ev.article_id or aid))
    for n, pairs in sorted(nouns.items()):
        add(f"quantity of {n}", pairs)
    return out
