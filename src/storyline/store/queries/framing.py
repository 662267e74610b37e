"""A story's outlets side by side and "same facts, different words", from the link stage's framing (kept in the
story's ``extra``), else from the story's own events and quotes."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from storyline.store.queries.common import Con, article_link


def _event_key(ev: dict) -> tuple:
    return (ev["type"], ev.get("actor_id") or (ev.get("actor") or "").lower(),
            ev.get("target_id") or (ev.get("target") or "").lower())


def _label(ev: dict) -> str:
    parts = [ev.get("actor") or "?", ev["type"].lower() + (f" ({ev['mode']})" if ev.get("mode") else "")]
    if ev.get("target"):
        parts.append(ev["target"])
    return " ".join(parts)


def _framing_by_article(extra: dict) -> dict[str, dict]:
    """The link stage's per-outlet framing (``extra['framing']``, made by ``storyline.link.framing``), by article id."""
    framing = extra.get("framing") if isinstance(extra, dict) else None
    out: dict[str, dict] = {}
    if isinstance(framing, dict):
        for f in framing.values():
            if isinstance(f, dict):
                for aid in _strings(f.get("article_ids")):
                    out.setdefault(aid, f)
    return out


def _strings(value: Any) -> list[str]:
    return [x for x in value if isinstance(x, str)] if isinstance(value, list) else []


def _counts(d: dict) -> list[tuple[str, int]]:
    """name -> count pairs, most first (entries that are not a name and a count are skipped)."""
    good = [(str(k), v) for k, v in d.items() if isinstance(v, int) and not isinstance(v, bool)]
    return sorted(good, key=lambda kv: (-kv[1], kv[0].lower()))


def _brief_event(ev: dict) -> dict[str, Any]:
    return {"id": ev["id"], "label": _label(ev), "type": ev["type"], "hedged": ev["hedged"],
            "link": (ev.get("evidence") or [{}])[0].get("link")}


def sentence_pieces(sentence: str, marks: Sequence, differs: Sequence[str] = ()) -> list[dict[str, Any]]:
    """A sentence cut at its marks ([start, end, kind]) for the template, which escapes every piece; a piece
    whose words are in ``differs`` is flagged. Leading and trailing white space is dropped."""
    out, pos = [], 0
    n = len(sentence)
    good = [m for m in marks if isinstance(m, (list, tuple)) and len(m) == 3
            and all(isinstance(x, int) and not isinstance(x, bool) for x in m[:2])]
    for s, e, kind in sorted(good, key=lambda m: (m[0], m[1])):
        if s < pos or e > n or s >= e:
            continue
        if s > pos:
            out.append({"text": sentence[pos:s], "kind": None, "differs": False})
        word = sentence[s:e]
        out.append({"text": word, "kind": str(kind), "differs": word in differs})
        pos = e
    if pos < n:
        out.append({"text": sentence[pos:], "kind": None, "differs": False})
    if out:
        out[0]["text"] = out[0]["text"].lstrip()
        out[-1]["text"] = out[-1]["text"].rstrip()
    return [p for p in out if p["text"]]


def outlets_side_by_side(con: Con, articles: list[dict], events: list[dict], quotes_by: list[dict],
                         extra: dict) -> list[dict[str, Any]]:
    """Per outlet: its articles, whom it quotes (and from which side), what it reports, what the others report
    and it leaves out, how much it hedges, and the words it alone uses for facts the others report too.

    The framing is the link stage's (``storyline.link.framing``, kept in the story's ``extra``); a story linked
    before it existed falls back to the story's own events and quotes for reports, omissions and quotes."""
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in articles:
        by_outlet[a["outlet"] or "(unknown outlet)"].append(a)
    art_outlet = {a["id"]: a["outlet"] or "(unknown outlet)" for a in articles}
    ev_by_id = {ev["id"]: ev for ev in events}
    fr_of = _framing_by_article(extra)
    reported: dict[str, dict[tuple, dict]] = defaultdict(dict)
    for ev in events:
        for item in ev["evidence"]:
            o = art_outlet.get(item["article_id"])
            if o:
                reported[o].setdefault(_event_key(ev), dict(_brief_event(ev), link=item["link"]))
    all_keys: dict[tuple, dict] = {}
    for o in reported:
        for k, v in reported[o].items():
            all_keys.setdefault(k, v)
    out = []
    for o, arts in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0].lower())):
        ids = {a["id"] for a in arts}
        f = next((fr_of[a["id"]] for a in arts if a["id"] in fr_of), None)
        speakers: Counter = Counter()
        for g in quotes_by:
            n = sum(1 for q in g["quotes"] if q["article_id"] in ids)
            if n:
                speakers[g["speaker"]] += n
        mine = reported[o]
        entry: dict[str, Any] = {
            "outlet": o, "articles": [{"id": a["id"], "title": a["title"], "published": a["published"]} for a in arts],
            "quotes": [{"speaker": s, "count": n} for s, n in speakers.most_common()],
            "sides": [], "event_types": [{"type": t, "count": n} for t, n in
                                         Counter(v["type"] for v in mine.values()).most_common()],
            "reports": list(mine.values()), "omits": [v for k, v in all_keys.items() if k not in mine],
            "hedging": None, "words": [], "framing": "link" if f else None,
            "wording_computed": bool(f) and "wording" in f}
        if f:
            voices = f.get("voices") or {}
            if isinstance(voices, dict) and voices:
                entry["quotes"] = [{"speaker": s, "count": n} for s, n in _counts(voices)]
            sides = f.get("voices_by_side") or {}
            if isinstance(sides, dict):
                entry["sides"] = [{"side": s, "count": n} for s, n in _counts(sides)]
            rep = [ev_by_id[i] for i in f.get("events_reported") or [] if isinstance(i, str) and i in ev_by_id]
            omi = [ev_by_id[i] for i in f.get("events_omitted") or [] if isinstance(i, str) and i in ev_by_id]
            if rep or omi:
                entry["reports"] = [_brief_event(e) for e in rep]
                entry["omits"] = [_brief_event(e) for e in omi]
            entry["hedging"] = {k: f.get(k) if isinstance(f.get(k), int) else 0
                                for k in ("hedged_events", "asserted_events", "hedged_sentences", "sentences")}
            for w in f.get("wording") or []:
                if not isinstance(w, dict):
                    continue
                ev = ev_by_id.get(w.get("event_id")) if isinstance(w.get("event_id"), str) else None
                for word in [x for x in w.get("differs") or [] if isinstance(x, str)]:
                    entry["words"].append({"word": word, "event": _label(ev) if ev else None,
                                           "event_id": w.get("event_id"),
                                           "link": article_link(w.get("article_id"), w.get("start"), w.get("end"))})
        out.append(entry)
    return out


def wording_by_event(extra: dict, events: list[dict], meta: dict[str, dict]) -> list[dict[str, Any]]:
    """Same facts, different words: per merged event that outlets word differently, one row per outlet with
    its verb, its labels for the actor and target, its hedging cues and its sentence (marked where those
    words stand). From the link stage's framing; empty when the story has none."""
    framing = extra.get("framing") if isinstance(extra, dict) else None
    if not isinstance(framing, dict):
        return []
    order = {ev["id"]: i for i, ev in enumerate(events)}
    ev_by_id = {ev["id"]: ev for ev in events}
    rows: dict[str, list[dict]] = defaultdict(list)
    for f in framing.values():
        for w in (f.get("wording") or []) if isinstance(f, dict) else []:
            if not isinstance(w, dict) or not isinstance(w.get("sentence"), str) \
                    or not isinstance(w.get("event_id"), str):
                continue
            aid = w.get("article_id")
            differs = [x for x in w.get("differs") or [] if isinstance(x, str)]
            rows[w.get("event_id")].append({
                "outlet": (meta.get(aid) or {}).get("outlet") or "(unknown outlet)", "article_id": aid,
                "title": (meta.get(aid) or {}).get("title"), "published": (meta.get(aid) or {}).get("published"),
                "verb": w.get("verb") if isinstance(w.get("verb"), str) else None,
                "actor_labels": _strings(w.get("actor_labels")), "target_labels": _strings(w.get("target_labels")),
                "cues": _strings(w.get("cues")), "differs": differs,
                "pieces": sentence_pieces(w["sentence"], w.get("marks") or [], differs),
                "link": article_link(aid, w.get("start"), w.get("end")) if isinstance(aid, str) else None})
    out = []
    for eid, rs in sorted(rows.items(), key=lambda kv: (order.get(kv[0], len(order)), str(kv[0]))):
        ev = ev_by_id.get(eid)
        out.append({"event_id": eid, "label": _label(ev) if ev else None, "type": ev["type"] if ev else None,
                    "rows": sorted(rs, key=lambda r: (r["outlet"].lower(), str(r["published"] or ""),
                                                      str(r["article_id"])))})
    return out
