"""Article text as pieces for the template: every stretch between span boundaries, with the classes
(entity, quote, event sentence, highlight) of the spans that cover it. Text stays text: the template
escapes each piece."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Optional

_LABEL = re.compile(r"[^A-Za-z]")


def parse_hl(hl: Optional[str], n: int) -> Optional[tuple[int, int]]:
    """'START-END' -> (start, end) clipped to the text, or None."""
    if not hl:
        return None
    try:
        a, b = (int(x) for x in hl.split("-", 1))
    except ValueError:
        return None
    a, b = max(0, min(a, n)), max(0, min(b, n))
    return (a, b) if a < b else None


def pieces(text: str, mentions: Sequence[dict] = (), quotes: Sequence[dict] = (), events: Sequence[dict] = (),
           hl: Optional[tuple[int, int]] = None) -> list[dict[str, Any]]:
    n = len(text)
    spans: list[tuple[int, int, str, str, Optional[str]]] = []   # start, end, class, title, actor link

    def add(start, end, cls, title, actor=None):
        if isinstance(start, int) and isinstance(end, int):
            s, e = max(0, min(start, n)), max(0, min(end, n))
            if s < e:
                spans.append((s, e, cls, title, actor))

    for m in mentions:
        label = _LABEL.sub("", m.get("label") or "") or "X"
        add(m.get("start"), m.get("end"), f"ent ent-{label}",
            f"{label}: {m.get('actor_name') or m.get('text') or ''}", m.get("actor_id"))
    for q in quotes:
        add(q.get("start"), q.get("end"), f"quote quote-{_LABEL.sub('', q.get('kind') or '') or 'x'}",
            f"quote ({q.get('kind')}) — {q.get('speaker_name') or q.get('speaker') or 'unattributed'}")
    for ev in events:
        for item in ev.get("evidence") or []:
            add(item.get("start"), item.get("end"), "evs" + (" hedged" if ev.get("hedged") else ""),
                f"{ev.get('type')}: {ev.get('actor') or '?'} → {ev.get('target') or '—'}")
    if hl:
        add(hl[0], hl[1], "hl", "highlighted")
    cuts = sorted({0, n, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    hl_seen = False
    starts: dict[int, list] = {}
    for sp in spans:
        starts.setdefault(sp[0], []).append(sp)
    active: list = []
    for a, b in zip(cuts, cuts[1:]):
        active = [sp for sp in active if sp[1] > a] + starts.get(a, [])
        classes, titles, actor = [], [], None
        for _s, _e, cls, title, act in active:
            for c in cls.split():
                if c not in classes:
                    classes.append(c)
            if title not in titles:
                titles.append(title)
            actor = actor or act
        piece = {"text": text[a:b], "start": a, "end": b, "cls": " ".join(classes), "title": " · ".join(titles),
                 "actor_id": actor, "anchor": False}
        if "hl" in classes and not hl_seen:
            piece["anchor"] = hl_seen = True
        out.append(piece)
    return out
