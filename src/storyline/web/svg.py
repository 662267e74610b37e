"""Layouts for the pictures (timeline, actor network, activity over time), drawn as SVG by the templates.

Only geometry and short labels are computed here; the templates write the SVG elements with Jinja's
autoescape, so an actor or outlet name can never become markup.
"""
from __future__ import annotations

import calendar
import math
import re
from datetime import date, timedelta
from typing import Any, Optional, Sequence

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
    x0, x1 = label_w + pad, width - pad
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
        ticks.append({"x": x(d), "label": d.isoformat()})
    return {"width": width, "height": max(y + 10, 80), "x0": x0, "x1": x1, "top": top, "items": items,
            "ticks": ticks, "band_y": band_y, "n_dated": len(dated), "n_undated": len(undated),
            "omitted": max(0, len(events) - max_rows)}


def network(net: dict, size: int = 560, max_nodes: int = 40) -> dict[str, Any]:
    """Actors on a circle (most connected first), one curved arrow per (actor, type, target)."""
    nodes = list(net.get("nodes") or [])[:max_nodes]
    keep = {n["id"] for n in nodes}
    cx = cy = size / 2
    r = size / 2 - 110 if len(nodes) > 1 else 0
    pos = {}
    out_nodes = []
    for i, n in enumerate(nodes):
        a = -math.pi / 2 + 2 * math.pi * i / max(1, len(nodes))
        px, py = cx + r * math.cos(a), cy + r * math.sin(a)
        rad = 6 + min(n.get("degree", 0), 8)
        pos[n["id"]] = (px, py, rad)
        anchor = "start" if math.cos(a) > 0.2 else ("end" if math.cos(a) < -0.2 else "middle")
        lx = px + (rad + 5) * math.cos(a)
        ly = py + (rad + 5) * math.sin(a) + (4 if abs(math.cos(a)) > 0.2 else (14 if math.sin(a) > 0 else -6))
        out_nodes.append({"x": round(px, 1), "y": round(py, 1), "r": rad, "lx": round(lx, 1), "ly": round(ly, 1),
                          "anchor": anchor, "label": short(n.get("name"), 28), "title": n.get("name") or "",
                          "actor_id": n.get("actor_id"), "degree": n.get("degree", 0)})
    pairs: dict[tuple, list] = {}
    for e in net.get("edges") or []:
        if e["source"] in keep and e["target"] in keep:
            pairs.setdefault(tuple(sorted((e["source"], e["target"]))), []).append(e)
    edges = []
    for (a, b), group in pairs.items():
        for k, e in enumerate(group):
            sx, sy, sr = pos[e["source"]]
            tx, ty, tr = pos[e["target"]]
            dx, dy = tx - sx, ty - sy
            dist = math.hypot(dx, dy) or 1.0
            ux, uy = dx / dist, dy / dist
            bend = 18 + 22 * k
            sign = 1 if e["source"] == a else -1           # opposite directions bend to opposite sides
            mx, my = (sx + tx) / 2 - uy * bend * sign, (sy + ty) / 2 + ux * bend * sign
            # start and end on the node rims, aimed at the control point
            def rim(px, py, rr, qx, qy):
                vx, vy = qx - px, qy - py
                vd = math.hypot(vx, vy) or 1.0
                return px + vx / vd * (rr + 2), py + vy / vd * (rr + 2)
            p0 = rim(sx, sy, sr, mx, my)
            p1 = rim(tx, ty, tr + 4, mx, my)
            lxm, lym = 0.25 * p0[0] + 0.5 * mx + 0.25 * p1[0], 0.25 * p0[1] + 0.5 * my + 0.25 * p1[1]
            cls = ["edge", "quad-" + (e.get("quad_class") or "none").replace(" ", "-")]
            if e.get("hedged"):
                cls.append("hedged")
            edges.append({"d": f"M{p0[0]:.1f},{p0[1]:.1f} Q{mx:.1f},{my:.1f} {p1[0]:.1f},{p1[1]:.1f}",
                          "lx": round(lxm, 1), "ly": round(lym, 1), "label": e["type"].lower()
                          + (f" ×{e['count']}" if e["count"] > 1 else ""), "cls": " ".join(cls),
                          "width": round(1.2 + min(e["count"], 6) * 0.6, 1), "link": e.get("link"),
                          "title": f"{e['type']} ×{e['count']}"})
    return {"size": size, "nodes": out_nodes, "edges": edges,
            "omitted": max(0, len(net.get("nodes") or []) - len(nodes))}


def activity(over_time: Sequence[dict], width: int = 640, height: int = 160) -> dict[str, Any]:
    """Bars per month: events as actor (up) and as target (stacked), for the actor page."""
    months = list(over_time)
    if not months:
        return {"width": width, "height": height, "bars": [], "max": 0}
    peak = max(m["actor"] + m["target"] for m in months) or 1
    pad_l, pad_b, pad_t = 30, 34, 10
    bw = min(40.0, (width - pad_l - 10) / len(months))
    plot_h = height - pad_b - pad_t
    bars = []
    for i, m in enumerate(months):
        x = pad_l + i * bw + 2
        ha = plot_h * m["actor"] / peak
        ht = plot_h * m["target"] / peak
        base = height - pad_b
        bars.append({"x": round(x, 1), "w": round(bw - 4, 1), "ya": round(base - ha, 1), "ha": round(ha, 1),
                     "yt": round(base - ha - ht, 1), "ht": round(ht, 1), "label": m["month"],
                     "lx": round(x + (bw - 4) / 2, 1), "ly": height - pad_b + 14,
                     "title": f"{m['month']}: {m['actor']} as actor, {m['target']} as target"})
    return {"width": width, "height": height, "bars": bars, "max": peak, "base": height - pad_b, "pad_l": pad_l}
