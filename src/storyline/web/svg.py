"""Layouts for the pictures (timeline, actor network, activity over time), drawn as SVG by the templates.

Only geometry and short labels are computed here; the templates write the SVG elements with Jinja's
autoescape, so an actor or outlet name can never become markup.
"""
from __future__ import annotations

import calendar
import math
import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Optional

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_bounds(value: Optional[str]) -> Optional[tuple[date, date]]:
    """'2019-05-23' -> that day; '2019-05' -> the month; '2019' -> the year; anything else -> None."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        y = int(m.group(1))
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def event_bounds(ev: dict) -> Optional[tuple[date, date]]:
    rng = ev.get("date_range")
    if rng and isinstance(rng, (list, tuple)) and len(rng) == 2:
        lo, hi = parse_bounds(rng[0]), parse_bounds(rng[1])
        if lo or hi:
            lo = lo or hi
            hi = hi or lo
            return (lo[0], hi[1]) if lo[0] <= hi[1] else (hi[0], lo[1])
    return parse_bounds(ev.get("date"))


def short(text: Optional[str], n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def event_label(ev: dict) -> str:
    verb = (ev.get("type") or "").lower()
    if ev.get("mode"):
        verb += f" ({ev['mode']})"
    if ev.get("negated"):
        verb = "not " + verb
    return " ".join(x for x in (ev.get("actor") or "?", verb, ev.get("target") or "") if x)


def _quad(ev: dict) -> str:
    q = ev.get("quad_class") or ""
    return "quad-" + q.replace(" ", "-") if q else "quad-none"


def timeline(events: Sequence[dict], width: int = 960, row: int = 22, max_rows: int = 120) -> dict[str, Any]:
    """Rows of events by resolved date: a dot for a day, a bar for a range (a month, a stated span),
    a hollow diamond in the 'undated' band for events with no date. Hedged, negated and inferred dates
    get their own classes."""
    label_w, pad = 330, 16
    x0, x1 = label_w + pad, width - 44          # the last 44 px hold the "×N sources" counts
    dated, undated = [], []
    for ev in events[:max_rows]:
        b = event_bounds(ev)
        (dated if b else undated).append((b, ev))
    dated.sort(key=lambda p: (p[0][0], p[0][1], p[1].get("id") or ""))
    if dated:
        lo = min(b[0] for b, _ in dated)
        hi = max(b[1] for b, _ in dated)
    else:
        lo = hi = date.today()
    if (hi - lo).days < 6:
        lo, hi = lo - timedelta(days=3), hi + timedelta(days=3)
    span = max(1, (hi - lo).days + 1)

    def x(d: date, end: bool = False) -> float:
        return round(x0 + (x1 - x0) * (((d - lo).days + (1 if end else 0)) / span), 1)

    top = 34
    items = []
    y = top
    for b, ev in dated:
        cls = ["ev", _quad(ev)] + [c for c in ("hedged", "negated") if ev.get(c)] + \
              (["inferred"] if ev.get("date_inferred") else [])
        is_range = b[0] != b[1]
        item = {"y": y, "cy": y + row / 2 - 2, "label": short(event_label(ev), 46), "title": event_label(ev),
                "date": ev.get("date") or "–".join(x for x in (ev.get("date_range") or []) if x),
                "range": is_range, "cls": " ".join(cls + (["range"] if is_range else ["point"])),
                "link": (ev.get("evidence") or [{}])[0].get("link"), "id": ev.get("id"),
                "sources": len(ev.get("evidence") or [])}
        if is_range:
            item.update(x=x(b[0]), w=max(3.0, round(x(b[1], end=True) - x(b[0]), 1)))
        else:
            item.update(x=round((x(b[0]) + x(b[0], end=True)) / 2, 1))
        items.append(item)
        y += row
    band_y = None
    if undated:
        band_y = y + 6
        y = band_y + 18
        for _, ev in undated:
            cls = ["ev", "undated", _quad(ev)] + [c for c in ("hedged", "negated") if ev.get(c)]
            items.append({"y": y, "cy": y + row / 2 - 2, "label": short(event_label(ev), 46),
                          "title": event_label(ev), "date": "undated", "range": False, "undated": True,
                          "cls": " ".join(cls), "x": x0 + 8, "link": (ev.get("evidence") or [{}])[0].get("link"),
                          "id": ev.get("id"), "sources": len(ev.get("evidence") or [])})
            y += row
    ticks = []
    n_ticks = 6
    for i in range(n_ticks):
        d = lo + timedelta(days=round((span - 1) * i / (n_ticks - 1)))
        # the end ticks' labels are anchored inward, so the last date is not cut off at the box's edge
        ticks.append({"x": x(d), "label": d.isoformat(),
                      "anchor": "end" if i == n_ticks - 1 else "middle"})
    return {"width": width, "height": max(y + 10, 80), "x0": x0, "x1": x1, "top": top, "items": items,
            "ticks": ticks, "band_y": band_y, "n_dated": len(dated), "n_undated": len(undated),
            "omitted": max(0, len(events) - max_rows)}


# ------------------------------------------------------------------ text extents
# Advance widths (in em) of DejaVu Sans, the sans-serif of a bare Linux and among the widest of the usual
# system fonts: an estimate that errs on the wide side keeps labels apart in narrower fonts too.
_EM = {**dict.fromkeys("ijlI.,:;'!|", 0.30), **dict.fromkeys(" ", 0.32), **dict.fromkeys("ft()[]-/", 0.40),
       **dict.fromkeys("r", 0.42), **dict.fromkeys("sczJ", 0.55), "m": 0.98, "w": 0.82, "M": 0.87, "W": 0.99,
       **dict.fromkeys("0123456789", 0.64)}


def text_width(text: str, size: float) -> float:
    """Width in px of ``text`` set in ``size`` px sans-serif (upper bound of DejaVu Sans, +6%)."""
    em = 0.0
    for ch in text:
        if ch in _EM:
            em += _EM[ch]
        elif ch.isascii():
            em += 0.78 if ch.isupper() or not ch.isalnum() else 0.64
        else:
            em += 1.0
    return em * size * 1.06


Box = tuple[float, float, float, float]   # x0, y0, x1, y1


def _text_box(x: float, y: float, text: str, size: float, anchor: str) -> Box:
    """The box of an SVG <text> at baseline (x, y) with ``text-anchor``."""
    w = text_width(text, size)
    x0 = x if anchor == "start" else (x - w if anchor == "end" else x - w / 2)
    return (x0, y - size * 0.95, x0 + w, y + size * 0.3)


def _hit(a: Box, b: Box, gap: float = 2.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _inside(a: Box, width: float, height: float, pad: float = 2.0) -> bool:
    return a[0] >= pad and a[1] >= pad and a[2] <= width - pad and a[3] <= height - pad


@lru_cache(maxsize=512)
def _layout(ids: tuple[str, ...], links: tuple[tuple[str, str], ...]) -> dict[str, tuple[float, float]]:
    """Force-directed positions of one connected group of actors, scaled to [0, 1] both ways (networkx's
    Fruchterman-Reingold from a circle, fixed seed: the same picture every time; every edge pulls alike, so a
    hub's many events do not drag the others onto it). Cached: a layout takes ~0.05-0.2 s of a page."""
    import networkx as nx

    if len(ids) == 1:
        return {ids[0]: (0.5, 0.5)}
    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from(links)
    pos = nx.spring_layout(g, pos=nx.circular_layout(g), seed=7, k=2.0 / math.sqrt(len(ids)), iterations=200)
    xs = [float(v[0]) for v in pos.values()]
    ys = [float(v[1]) for v in pos.values()]

    def unit(v: float, lo: float, hi: float) -> float:
        return 0.5 if hi - lo < 1e-9 else (v - lo) / (hi - lo)
    return {k: (unit(float(v[0]), min(xs), max(xs)), unit(float(v[1]), min(ys), max(ys))) for k, v in pos.items()}


def _cells(sizes: Sequence[int], width: float, height: float) -> list[Box]:
    """One box per group of actors (largest first): the largest group takes the left part of the picture in
    proportion to its share of actors (45-75%), the others share the rest in a grid. A force layout of the
    whole would push small groups to the corners and squeeze the main one between them."""
    if len(sizes) == 1:
        return [(0.0, 0.0, width, height)]
    f = min(0.75, max(0.45, sizes[0] / sum(sizes)))
    split = width * f
    rest = len(sizes) - 1
    cols = max(1, min(rest, round(math.sqrt(rest * (width - split) / height))))
    rows = math.ceil(rest / cols)
    cw, ch = (width - split) / cols, height / rows
    return [(0.0, 0.0, split, height)] + [(split + (i % cols) * cw, (i // cols) * ch, split + (i % cols + 1) * cw,
                                           (i // cols + 1) * ch) for i in range(rest)]


def network(net: dict, width: int = 960, height: Optional[int] = None, max_nodes: int = 40) -> dict[str, Any]:
    """Who did what to whom, laid out to fill its box.

    Actors (``net`` holds actors only: see ``queries.network``) joined by at least one drawn edge, most
    connected first; positions from a force layout stretched to the box; each label put where it stays inside
    the box and clear of every node and every label placed before it (the most connected actors choose first),
    shortened or left to the tooltip when no place is free. Edge labels likewise, along their curve."""
    edges_in = list(net.get("edges") or [])
    ranked = [n for n in net.get("nodes") or [] if n.get("degree", 0) > 0]
    nodes = ranked[:max_nodes]
    keep = {n["id"] for n in nodes}
    edges_in = [e for e in edges_in if e["source"] in keep and e["target"] in keep and e["source"] != e["target"]]
    linked = {x for e in edges_in for x in (e["source"], e["target"])}
    nodes = [n for n in nodes if n["id"] in linked]
    n_all = len(net.get("nodes") or [])
    if height is None:
        height = int(min(620, max(340, 160 + 24 * len(nodes))))
    out = {"width": width, "height": height, "nodes": [], "edges": [], "omitted": max(0, n_all - len(nodes)),
           "left_out": net.get("left_out", 0)}
    if not nodes:
        return out
    radius = {n["id"]: 6 + min(n.get("degree", 0), 8) for n in nodes}
    pos = _positions(nodes, edges_in, width, height)
    placer = _Placer(width, height, [(x - radius[k], y - radius[k], x + radius[k], y + radius[k])
                                     for k, (x, y) in pos.items()])
    out["nodes"] = [_node(n, pos, radius, placer, width / 2, height / 2) for n in nodes]
    names = {n["id"]: n.get("name") or n["id"] for n in nodes}
    # one arrow per direction between two actors, naming every type of event it stands for
    arrows: dict[tuple, list] = {}
    for e in edges_in:
        arrows.setdefault((e["source"], e["target"]), []).append(e)
    out["edges"] = [_arrow(src, dst, group, arrows, pos, radius, names, placer)
                    for (src, dst), group in arrows.items()]
    return out


def _positions(nodes: list[dict], edges_in: list[dict], width: int, height: int) -> dict[str, tuple[float, float]]:
    """Each connected group laid out on its own, in its own part of the box; the margins leave room for a label
    beside a node at the edge."""
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    g.add_edges_from((e["source"], e["target"]) for e in edges_in)
    order = {n["id"]: i for i, n in enumerate(nodes)}
    groups = sorted((sorted(c, key=order.get) for c in nx.connected_components(g)),
                    key=lambda c: (-len(c), order[c[0]]))
    mx, my = 26.0, 30.0
    pos: dict[str, tuple[float, float]] = {}
    for group, (x0, y0, x1, y1) in zip(groups, _cells([len(c) for c in groups], width, height)):
        sub = _layout(tuple(group), tuple(sorted({tuple(sorted((e["source"], e["target"]))) for e in edges_in
                                                   if e["source"] in group})))
        for k, (ux, uy) in sub.items():
            pos[k] = (x0 + mx + ux * max(0.0, x1 - x0 - 2 * mx), y0 + my + uy * max(0.0, y1 - y0 - 2 * my))
    return pos


class _Placer:
    """Where a label may go: inside the box, clear of every node (``obstacles``) and of every label placed."""

    def __init__(self, width: int, height: int, obstacles: list[Box]) -> None:
        self.width, self.height, self.obstacles, self.placed = width, height, obstacles, []

    def free(self, box: Box, own: Optional[Box] = None) -> bool:
        return _inside(box, self.width, self.height) and not any(_hit(box, o, 1.0) for o in self.obstacles
                                                                 if o != own) \
            and not any(_hit(box, o) for o in self.placed)


def _node(n: dict, pos: dict, radius: dict, placer: _Placer, cx: float, cy: float) -> dict[str, Any]:
    """A node and its label, put at the first free place around it (the full name, else shortened, else none)."""
    x, y = pos[n["id"]]
    r = radius[n["id"]]
    own = (x - r, y - r, x + r, y + r)
    right = x >= cx
    side = [(x + r + 4, y + 4, "start"), (x - r - 4, y + 4, "end")]
    vert = [(x, y - r - 5, "middle"), (x, y + r + 14, "middle")]
    diag = [(x + r, y - r - 3, "start"), (x + r, y + r + 12, "start"), (x - r, y - r - 3, "end"),
            (x - r, y + r + 12, "end")]
    far = [(x + r + 2, y - r - 15, "start"), (x - r - 2, y - r - 15, "end"), (x + r + 2, y + r + 24, "start"),
           (x - r - 2, y + r + 24, "end"), (x, y - r - 18, "middle"), (x, y + r + 27, "middle")]
    cands = (side if right else side[::-1]) + (vert if y < cy else vert[::-1]) + diag + far
    label, lx, ly, anchor = "", x, y, "middle"
    full = n.get("name") or ""
    for text in dict.fromkeys((short(full, 26), short(full, 16), short(full, 10))):
        hit = next((c for c in cands if placer.free(_text_box(c[0], c[1], text, 12, c[2]), own)), None)
        if hit:
            label, (lx, ly, anchor) = text, hit
            placer.placed.append(_text_box(lx, ly, text, 12, anchor))
            break
    return {"id": n["id"], "x": round(x, 1), "y": round(y, 1), "r": r, "lx": round(lx, 1),
            "ly": round(ly, 1), "anchor": anchor, "label": label, "title": full,
            "actor_id": n.get("actor_id"), "degree": n.get("degree", 0)}


def _rim(px: float, py: float, rr: float, qx: float, qy: float) -> tuple[float, float]:
    vx, vy = qx - px, qy - py
    vd = math.hypot(vx, vy) or 1.0
    return px + vx / vd * (rr + 2), py + vy / vd * (rr + 2)


def _arrow(src: str, dst: str, group: list[dict], arrows: dict, pos: dict, radius: dict, names: dict,
           placer: _Placer) -> dict[str, Any]:
    """One curved arrow from ``src`` to ``dst`` for every event type between them, its label along the curve."""
    group = sorted(group, key=lambda e: (-e.get("count", 1), e["type"]))
    sx, sy = pos[src]
    tx, ty = pos[dst]
    dx, dy = tx - sx, ty - sy
    dist = math.hypot(dx, dy) or 1.0
    ux, uy = dx / dist, dy / dist
    bend = 18 if (dst, src) in arrows else 8          # the two directions bend to opposite sides
    mx_, my_ = (sx + tx) / 2 - uy * bend, (sy + ty) / 2 + ux * bend
    p0 = _rim(sx, sy, radius[src], mx_, my_)
    p1 = _rim(tx, ty, radius[dst] + 4, mx_, my_)
    words = [e["type"].lower() + (f" ×{e['count']}" if e.get("count", 1) > 1 else "") for e in group]
    full = ", ".join(words)
    lxy, text = None, ""
    for cand in dict.fromkeys((full, words[0] + (f" +{len(words) - 1}" if len(words) > 1 else ""))):
        for t in (0.5, 0.4, 0.6, 0.3, 0.7):
            qx = (1 - t) ** 2 * p0[0] + 2 * t * (1 - t) * mx_ + t * t * p1[0]
            qy = (1 - t) ** 2 * p0[1] + 2 * t * (1 - t) * my_ + t * t * p1[1] + 3
            box = _text_box(qx, qy, cand, 10, "middle")
            if placer.free(box):
                placer.placed.append(box)
                lxy, text = (round(qx, 1), round(qy, 1)), cand
                break
        if lxy:
            break
    quads = {e.get("quad_class") for e in group}
    quad = quads.pop() if len(quads) == 1 else None
    cls = ["edge", "quad-" + (quad or "none").replace(" ", "-")]
    if all(e.get("hedged") for e in group):
        cls.append("hedged")
    n = sum(e.get("count", 1) for e in group)
    return {"d": f"M{p0[0]:.1f},{p0[1]:.1f} Q{mx_:.1f},{my_:.1f} {p1[0]:.1f},{p1[1]:.1f}",
            "lx": lxy[0] if lxy else None, "ly": lxy[1] if lxy else None, "label": text,
            "cls": " ".join(cls), "width": round(1.2 + min(n, 6) * 0.6, 1), "link": group[0].get("link"),
            "types": [e["type"] for e in group], "count": n,
            "title": f"{names[src]} → {full} → {names[dst]}"}


def _months(keys: Sequence[str], cap: int = 120) -> list[str]:
    """The months from the first to the last of ``keys`` (YYYY-MM), gaps filled, at most ``cap`` of them."""
    ms = sorted(k for k in keys if re.fullmatch(r"\d{4}-\d{2}", k))
    if not ms:
        return []
    y, m = int(ms[0][:4]), int(ms[0][5:])
    out = []
    while len(out) < cap:
        key = f"{y:04d}-{m:02d}"
        out.append(key)
        if key >= ms[-1]:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def activity(over_time: Sequence[dict], width: int = 640, height: int = 160, size: float = 10) -> dict[str, Any]:
    """Bars per month on a continuous axis (empty months drawn empty; a year-only date and 'undated' get
    slots of their own after the months, wide enough for their labels): events as actor and as target,
    stacked, for the actor page. Month labels are thinned to every k-th bar, and no label may touch another
    or leave the box (widths estimated by ``text_width``)."""
    given = {m["month"]: m for m in over_time}
    if not given:
        return {"width": width, "height": height, "bars": [], "max": 0}
    months = _months(list(given))
    extra = [k for k in sorted(given) if k not in months]
    peak = max(g["actor"] + g["target"] for g in given.values()) or 1
    pad_l, pad_r, pad_b, pad_t, gap = 30, 10, 34, 10, 12
    extra_w = [text_width(k, size) + 8 for k in extra]
    room = width - pad_l - pad_r - sum(extra_w) - (gap if extra else 0)
    bw = min(40.0, room / len(months)) if months else 40.0
    slots = [(k, pad_l + i * bw, bw) for i, k in enumerate(months)]
    x = pad_l + len(months) * bw + (gap if extra and months else 0)
    for k, w in zip(extra, extra_w):
        slots.append((k, x, max(w, bw)))
        x += max(w, bw)
    step = max(1, math.ceil((max((text_width(k, size) for k in months), default=0) + 6) / bw))
    plot_h = height - pad_b - pad_t
    base = height - pad_b
    bars = []
    for i, (k, sx, sw) in enumerate(slots):
        m = given.get(k, {"actor": 0, "target": 0})
        w = max(1.0, min(bw, 40.0) * 0.8)
        bx = sx + (sw - w) / 2
        ha = plot_h * m["actor"] / peak
        ht = plot_h * m["target"] / peak
        bars.append({"x": round(bx, 1), "w": round(w, 1), "ya": round(base - ha, 1), "ha": round(ha, 1),
                     "yt": round(base - ha - ht, 1), "ht": round(ht, 1), "month": k,
                     "label": k if (k in extra or i % step == 0) else "", "lx": round(bx + w / 2, 1),
                     "ly": base + 14, "title": f"{k}: {m['actor']} as actor, {m['target']} as target"})
    boxes: list[tuple[float, float]] = []
    for b in sorted(bars, key=lambda b: b["month"] not in extra):     # the extra slots are labelled first
        if b["label"]:
            half = text_width(b["label"], size) / 2
            b["lx"] = round(min(max(b["lx"], half + 2), width - half - 2), 1)
            if any(b["lx"] - half < r + 4 and lo - 4 < b["lx"] + half for lo, r in boxes):
                b["label"] = ""
            else:
                boxes.append((b["lx"] - half, b["lx"] + half))
    return {"width": width, "height": height, "bars": bars, "max": peak, "base": base, "pad_l": pad_l}
