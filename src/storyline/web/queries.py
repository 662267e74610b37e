"""Read-only queries behind the web pages and the JSON API.

Every function takes an open (read-only) DuckDB connection and plain, already validated values, and
returns JSON-ready dicts; every value reaches SQL as a parameter. The corpus-level tables (stories,
story_articles, merged_events) may be empty: a story's timeline then comes from the per-article events.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Any, Iterable, Optional, Sequence
from urllib.parse import quote as _quote

import duckdb

from storyline.model import QUAD_CLASS

Con = duckdb.DuckDBPyConnection

EVENT_COLS = """e.id, e.article_id, e.type, e.mode, e.actor, e.actor_id, e.target, e.target_id, e.date, e.date_lo,
    e.date_hi, e.date_inferred, e.location, e.hedged, e.negated, e.trigger, e.sentence, e.start_char, e.end_char"""
MERGED_COLS = """m.id, m.story_id, m.type, m.mode, m.actor, m.actor_id, m.target, m.target_id, m.date, m.date_lo,
    m.date_hi, m.date_inferred, m.location, m.hedged, m.negated, m.event_ids, m.evidence, m.conflicts"""


# ------------------------------------------------------------------ helpers
def rows(con: Con, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def one(con: Con, sql: str, params: Sequence[Any] = ()) -> Optional[dict[str, Any]]:
    found = rows(con, sql, params)
    return found[0] if found else None


def scalar(con: Con, sql: str, params: Sequence[Any] = ()) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    return row[0] if row else None


def has_rows(con: Con, table: str) -> bool:
    return con.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]   # table names are ours


def article_link(article_id: str, start: Optional[int] = None, end: Optional[int] = None) -> str:
    """The article page, with the span [start, end) highlighted and scrolled into view."""
    url = "/article/" + _quote(str(article_id), safe="")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        url += f"?hl={start}-{end}#hl"
    return url


def _json(value: Any, default: Any) -> Any:
    if value is None:
        return default
    if isinstance(value, (list, dict)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


def _like(text: str) -> str:
    """An ILIKE pattern matching ``text`` literally (wildcards escaped with backslash)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _upper(bound: str) -> str:
    """An upper bound that keeps every date starting with ``bound`` (``2019-05`` keeps ``2019-05-23``)."""
    return bound + "~"


def _page(total: int, limit: int, offset: int, items: list) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _date_key(ev: dict) -> str:
    return ev.get("date") or (ev.get("date_range") or [None])[0] or "~"


# ------------------------------------------------------------------ events
def _event_from_row(r: dict, outlets: dict[str, dict]) -> dict[str, Any]:
    meta = outlets.get(r["article_id"], {})
    ev = {
        "id": r["id"], "type": r["type"], "quad_class": QUAD_CLASS.get(r["type"]), "mode": r["mode"],
        "actor": r["actor"], "actor_id": r["actor_id"], "target": r["target"], "target_id": r["target_id"],
        "date": r["date"], "date_range": [r["date_lo"], r["date_hi"]] if r["date_lo"] or r["date_hi"] else None,
        "date_inferred": bool(r["date_inferred"]), "location": r["location"], "hedged": bool(r["hedged"]),
        "negated": bool(r["negated"]), "trigger": r["trigger"], "merged": False, "conflicts": [],
        "evidence": [{"article_id": r["article_id"], "sentence": r["sentence"], "start": r["start_char"],
                      "end": r["end_char"], "outlet": meta.get("outlet"), "title": meta.get("title"),
                      "published": meta.get("published"),
                      "link": article_link(r["article_id"], r["start_char"], r["end_char"])}],
    }
    return ev


def _event_from_merged(r: dict, outlets: dict[str, dict]) -> dict[str, Any]:
    evidence = []
    for item in _json(r["evidence"], []):
        if not isinstance(item, dict):
            continue
        aid = item.get("article_id")
        meta = outlets.get(aid, {})
        start, end = item.get("start"), item.get("end")
        evidence.append({"article_id": aid, "sentence": item.get("sentence"), "start": start, "end": end,
                         "outlet": meta.get("outlet"), "title": meta.get("title"),
                         "published": meta.get("published"), "link": article_link(aid, start, end)})
    return {
        "id": r["id"], "story_id": r["story_id"], "type": r["type"], "quad_class": QUAD_CLASS.get(r["type"]),
        "mode": r["mode"], "actor": r["actor"], "actor_id": r["actor_id"], "target": r["target"],
        "target_id": r["target_id"], "date": r["date"],
        "date_range": [r["date_lo"], r["date_hi"]] if r["date_lo"] or r["date_hi"] else None,
        "date_inferred": bool(r["date_inferred"]), "location": r["location"], "hedged": bool(r["hedged"]),
        "negated": bool(r["negated"]), "trigger": None, "merged": True, "event_ids": list(r["event_ids"] or []),
        "conflicts": _json(r["conflicts"], []), "evidence": evidence,
    }


def _article_meta(con: Con, ids: Iterable[str]) -> dict[str, dict]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    found = rows(con, "SELECT id, outlet, title, published, url FROM articles WHERE id IN (SELECT unnest(?))", [ids])
    return {r["id"]: r for r in found}


def _merged_article_ids(merged_rows: list[dict]) -> set[str]:
    out = set()
    for r in merged_rows:
        for item in _json(r["evidence"], []):
            if isinstance(item, dict) and item.get("article_id"):
                out.add(item["article_id"])
    return out


def list_events(con: Con, *, type: Optional[str] = None, actor: Optional[str] = None,
                target: Optional[str] = None, date_from: Optional[str] = None, date_to: Optional[str] = None,
                hedged: Optional[bool] = None, story: Optional[str] = None, article: Optional[str] = None,
                merged: bool = False, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Events (per article, or merged across articles with ``merged``), filtered and paginated.
    ``actor`` and ``target`` match an actor id exactly or a name case-insensitively (substring)."""
    alias = "m" if merged else "e"
    where, params = [], []
    if type:
        where.append(f"{alias}.type = ?")
        params.append(type)
    for col, val in (("actor", actor), ("target", target)):
        if val:
            where.append(f"({alias}.{col}_id = ? OR {alias}.{col} ILIKE ? ESCAPE '\\')")
            params += [val, _like(val)]
    if date_from:
        where.append(f"coalesce({alias}.date_hi, {alias}.date) || '~' >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"coalesce({alias}.date_lo, {alias}.date) <= ?")
        params.append(_upper(date_to))
    if hedged is not None:
        where.append(f"coalesce({alias}.hedged, false) = ?")
        params.append(hedged)
    if merged:
        if story:
            where.append("m.story_id = ?")
            params.append(story)
        if article:
            where.append("list_contains(json_extract_string(m.evidence, '$[*].article_id'), ?)")
            params.append(article)
        base = "FROM merged_events m" + (" WHERE " + " AND ".join(where) if where else "")
        total = scalar(con, "SELECT count(*) " + base, params)
        found = rows(con, f"SELECT {MERGED_COLS} {base} ORDER BY coalesce(m.date, m.date_lo) NULLS LAST, m.id "
                          "LIMIT ? OFFSET ?", params + [limit, offset])
        meta = _article_meta(con, _merged_article_ids(found))
        items = [_event_from_merged(r, meta) for r in found]
    else:
        if story:
            where.append("e.article_id IN (SELECT unnest(article_ids) FROM stories WHERE id = ?)")
            params.append(story)
        if article:
            where.append("e.article_id = ?")
            params.append(article)
        base = "FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
        total = scalar(con, "SELECT count(*) " + base, params)
        found = rows(con, f"SELECT {EVENT_COLS} {base} ORDER BY coalesce(e.date, e.date_lo) NULLS LAST, "
                          "e.article_id, e.start_char, e.id LIMIT ? OFFSET ?", params + [limit, offset])
        meta = _article_meta(con, (r["article_id"] for r in found))
        items = [_event_from_row(r, meta) for r in found]
    return _page(total, limit, offset, items)


def get_event(con: Con, event_id: str) -> Optional[dict[str, Any]]:
    r = one(con, f"SELECT {MERGED_COLS} FROM merged_events m WHERE m.id = ?", [event_id])
    if r:
        return _event_from_merged(r, _article_meta(con, _merged_article_ids([r])))
    r = one(con, f"SELECT {EVENT_COLS} FROM events e WHERE e.id = ?", [event_id])
    if r:
        return _event_from_row(r, _article_meta(con, [r["article_id"]]))
    return None


# ------------------------------------------------------------------ stories
STORY_LIST_COLS = "s.id, s.title, s.first_date, s.last_date, s.outlets, s.article_ids"


def list_stories(con: Con, *, actor: Optional[str] = None, outlet: Optional[str] = None,
                 date_from: Optional[str] = None, date_to: Optional[str] = None, q: Optional[str] = None,
                 limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Stories, largest first, filtered by an actor (id or name), an outlet, a date span or text."""
    where, params = [], []
    if actor:
        where.append("""EXISTS (SELECT 1 FROM article_actors aa JOIN actors a ON a.id = aa.actor_id
            WHERE list_contains(s.article_ids, aa.article_id) AND (a.id = ? OR a.name ILIKE ? ESCAPE '\\'))""")
        params += [actor, _like(actor)]
    if outlet:
        where.append("list_contains(list_transform(coalesce(s.outlets, []), o -> lower(o)), lower(?))")
        params.append(outlet)
    if date_from:
        where.append("coalesce(s.last_date, s.first_date) || '~' >= ?")
        params.append(date_from)
    if date_to:
        where.append("coalesce(s.first_date, s.last_date) <= ?")
        params.append(_upper(date_to))
    if q:
        # the brief's sentences, not its JSON: "article_id" (a key of every item) matched every story
        where.append("(s.title ILIKE ? ESCAPE '\\' OR array_to_string(json_extract_string(s.summary, '$[*].text'), "
                     "' ') ILIKE ? ESCAPE '\\')")
        params += [_like(q), _like(q)]
    base = "FROM stories s" + (" WHERE " + " AND ".join(where) if where else "")
    total = scalar(con, "SELECT count(*) " + base, params)
    found = rows(con, f"SELECT {STORY_LIST_COLS} {base} ORDER BY len(s.article_ids) DESC, s.id LIMIT ? OFFSET ?",
                 params + [limit, offset])
    # counts for the whole page in three scans, not two queries per story
    all_ids = sorted({a for r in found for a in (r["article_ids"] or [])})
    per_article_q = dict(con.execute("SELECT article_id, count(*) FROM quotes WHERE article_id IN "
                                     "(SELECT unnest(?)) GROUP BY article_id", [all_ids]).fetchall()) if all_ids else {}
    merged = dict(con.execute("SELECT story_id, count(*) FROM merged_events WHERE story_id IN (SELECT unnest(?)) "
                              "GROUP BY story_id", [[r["id"] for r in found]]).fetchall()) if found else {}
    per_article_e = {} if merged or not all_ids else dict(con.execute(
        "SELECT article_id, count(*) FROM events WHERE article_id IN (SELECT unnest(?)) GROUP BY article_id",
        [all_ids]).fetchall())
    items = []
    for r in found:
        ids = list(r["article_ids"] or [])
        n_events = merged.get(r["id"], 0) if merged else sum(per_article_e.get(a, 0) for a in ids)
        items.append({"id": r["id"], "title": r["title"], "first_date": r["first_date"],
                      "last_date": r["last_date"], "outlets": list(r["outlets"] or []), "article_ids": ids,
                      "n_articles": len(ids), "n_events": n_events,
                      "n_quotes": sum(per_article_q.get(a, 0) for a in ids)})
    return _page(total, limit, offset, items)


def _event_key(ev: dict) -> tuple:
    return (ev["type"], ev.get("actor_id") or (ev.get("actor") or "").lower(),
            ev.get("target_id") or (ev.get("target") or "").lower())


def _label(ev: dict) -> str:
    parts = [ev.get("actor") or "?", ev["type"].lower() + (f" ({ev['mode']})" if ev.get("mode") else "")]
    if ev.get("target"):
        parts.append(ev["target"])
    return " ".join(parts)


def story_quotes(con: Con, article_ids: Sequence[str], meta: dict[str, dict]) -> list[dict[str, Any]]:
    """Quotes of the story's articles grouped by speaker (canonical actor when resolved), most quoted first."""
    found = rows(con, """SELECT id, article_id, speaker, speaker_name, speaker_id, text, kind, sentence,
        start_char, end_char FROM quotes WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, start_char""",
                 [list(article_ids)])
    groups: dict[str, dict] = {}
    for q in found:
        key = q["speaker_id"] or (q["speaker_name"] or q["speaker"] or "").lower() or "(unattributed)"
        g = groups.setdefault(key, {"speaker": q["speaker_name"] or q["speaker"] or "(unattributed)",
                                    "speaker_id": q["speaker_id"], "quotes": []})
        m = meta.get(q["article_id"], {})
        g["quotes"].append({"id": q["id"], "article_id": q["article_id"], "outlet": m.get("outlet"),
                            "text": q["text"], "kind": q["kind"], "speaker": q["speaker"],
                            "start": q["start_char"], "end": q["end_char"], "sentence": q["sentence"],
                            "link": article_link(q["article_id"], q["start_char"], q["end_char"])})
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"].lower()))


# the entity types that act in events (understand/events.py ACTOR_LABELS); places and facilities do not
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def actor_types(con: Con, events: Sequence[dict]) -> dict[str, str]:
    """Actor id -> entity type, for the actors of ``events``."""
    ids = sorted({i for ev in events for i in (ev.get("actor_id"), ev.get("target_id")) if i})
    if not ids:
        return {}
    return dict(con.execute("SELECT id, type FROM actors WHERE id IN (SELECT unnest(?))", [ids]).fetchall())


def network(events: Sequence[dict], types: Optional[dict[str, str]] = None) -> dict[str, Any]:
    """Who did what to whom: actors as nodes, (actor, type, target) as weighted directed edges.

    Only actors take part: a participant the understand stage did not resolve to an actor (no ``actor_id``:
    "shots", "two counts", "this issue"), or resolved to a place or a facility (``types``: id -> entity type,
    when given; only ``ACTOR_TYPES`` act), is no node, and its events are counted in ``left_out``."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple, dict] = {}
    left_out = 0

    def acts(aid: Optional[str]) -> bool:
        return bool(aid) and (types is None or types.get(aid) in ACTOR_TYPES)

    def node(name, aid):
        n = nodes.setdefault(aid, {"id": aid, "actor_id": aid, "name": name or aid, "degree": 0, "events": 0})
        n["events"] += 1
        return aid

    for ev in events:
        if not acts(ev.get("actor_id")) or not acts(ev.get("target_id")):
            if (ev.get("actor") or ev.get("actor_id")) and (ev.get("target") or ev.get("target_id")):
                left_out += 1                       # two participants, one of them no actor
            continue
        a = node(ev.get("actor"), ev["actor_id"])
        t = node(ev.get("target"), ev["target_id"])
        if a != t:
            k = (a, t, ev["type"])
            e = edges.setdefault(k, {"source": a, "target": t, "type": ev["type"],
                                     "quad_class": QUAD_CLASS.get(ev["type"]), "count": 0, "hedged": True,
                                     "event_ids": [], "link": None})
            e["count"] += 1
            e["hedged"] = e["hedged"] and ev.get("hedged", False)
            e["event_ids"].append(ev["id"])
            if e["link"] is None and ev.get("evidence"):
                e["link"] = ev["evidence"][0]["link"]
            nodes[a]["degree"] += 1
            nodes[t]["degree"] += 1
    ordered = sorted(nodes.values(), key=lambda n: (-n["degree"], -n["events"], n["name"].lower()))
    return {"nodes": ordered, "edges": list(edges.values()), "left_out": left_out}


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


def _locate_summary(con: Con, summary: list, meta: dict[str, dict]) -> list[dict[str, Any]]:
    out = []
    for item in summary:
        if isinstance(item, str):
            item = {"text": item, "article_id": None}
        if not isinstance(item, dict):
            continue
        text, aid = item.get("text"), item.get("article_id")
        start = end = None
        if isinstance(text, str) and text and isinstance(aid, str):
            pos = scalar(con, "SELECT strpos(text, ?) FROM articles WHERE id = ?", [text, aid])
            if pos:
                start = pos - 1
                end = start + len(text)
        m = meta.get(aid, {}) if isinstance(aid, str) else {}
        out.append({"text": text, "article_id": aid, "outlet": m.get("outlet"), "start": start, "end": end,
                    "link": article_link(aid, start, end) if isinstance(aid, str) else None})
    return out


def get_story(con: Con, story_id: str) -> Optional[dict[str, Any]]:
    """One story: articles, timeline (merged events, else the articles' events), brief with citations,
    quotes by speaker, outlets side by side and the actor network."""
    s = one(con, "SELECT id, title, first_date, last_date, outlets, article_ids, summary, extra FROM stories "
                 "WHERE id = ?", [story_id])
    if s is None:
        return None
    ids = list(s["article_ids"] or []) or [r[0] for r in con.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", [story_id]).fetchall()]
    extra = _json(s["extra"], {})
    extra = extra if isinstance(extra, dict) else {}
    articles = rows(con, """SELECT id, title, outlet, published, url, source FROM articles
        WHERE id IN (SELECT unnest(?)) ORDER BY published NULLS LAST, id""", [ids])
    meta = {a["id"]: a for a in articles}
    merged = rows(con, f"SELECT {MERGED_COLS} FROM merged_events m WHERE m.story_id = ?", [story_id])
    if merged:
        meta.update(_article_meta(con, _merged_article_ids(merged) - set(meta)))
        events = [_event_from_merged(r, meta) for r in merged]
    else:
        events = [_event_from_row(r, meta) for r in rows(
            con, f"SELECT {EVENT_COLS} FROM events e WHERE e.article_id IN (SELECT unnest(?))", [ids])]
    events.sort(key=lambda e: (_date_key(e), e["id"]))
    quotes_by = story_quotes(con, ids, meta)
    return {
        "id": s["id"], "title": s["title"], "first_date": s["first_date"], "last_date": s["last_date"],
        "outlets": list(s["outlets"] or []), "article_ids": ids, "n_articles": len(ids),
        "articles": articles, "events_source": "merged_events" if merged else "events",
        "timeline": events,
        "brief": _locate_summary(con, _json(s["summary"], []), meta),
        "quotes_by_speaker": quotes_by,
        "outlets_side_by_side": outlets_side_by_side(con, articles, events, quotes_by, extra),
        "wording": wording_by_event(extra, events, meta),
        "wording_computed": any(isinstance(f, dict) and "wording" in f
                                for f in ((extra.get("framing") or {}) if isinstance(extra.get("framing"), dict)
                                          else {}).values()),
        "network": network(events, actor_types(con, events)),
        "extra": extra,
    }


# ------------------------------------------------------------------ articles
ARTICLE_LIST_COLS = "a.id, a.title, a.outlet, a.published, a.url, a.source"


def list_articles(con: Con, *, outlet: Optional[str] = None, q: Optional[str] = None,
                  date_from: Optional[str] = None, date_to: Optional[str] = None,
                  limit: int = 20, offset: int = 0) -> dict[str, Any]:
    where, params = [], []
    if outlet:
        where.append("lower(a.outlet) = lower(?)")
        params.append(outlet)
    if q:
        where.append("a.title ILIKE ? ESCAPE '\\'")
        params.append(_like(q))
    if date_from:
        where.append("coalesce(a.published_hi, a.published) || '~' >= ?")
        params.append(date_from)
    if date_to:
        where.append("coalesce(a.published_lo, a.published) <= ?")
        params.append(_upper(date_to))
    base = "FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
    total = scalar(con, "SELECT count(*) " + base, params)
    items = rows(con, f"SELECT {ARTICLE_LIST_COLS} {base} ORDER BY a.published DESC NULLS LAST, a.id "
                      "LIMIT ? OFFSET ?", params + [limit, offset])
    return _page(total, limit, offset, items)


def get_article(con: Con, article_id: str) -> Optional[dict[str, Any]]:
    """One article: its clean text and the spans found in it (char offsets into ``text``)."""
    a = one(con, """SELECT id, source, url, outlet, title, subtitle, published, published_lo, published_hi,
        published_evidence, updated, byline, dateline, language, notes, text FROM articles WHERE id = ?""", [article_id])
    if a is None:
        return None
    lo, hi = a.pop("published_lo"), a.pop("published_hi")
    a["published_range"] = [lo, hi] if lo or hi else None
    mentions = rows(con, """SELECT m.start_char AS start, m.end_char AS "end", m.text, m.label, m.actor_id,
        ac.name AS actor_name FROM mentions m LEFT JOIN actors ac ON ac.id = m.actor_id
        WHERE m.article_id = ? ORDER BY m.start_char""", [article_id])
    quotes = rows(con, """SELECT id, speaker, speaker_name, speaker_id, text, kind, sentence, start_char AS start,
        end_char AS "end" FROM quotes WHERE article_id = ? ORDER BY start_char""", [article_id])
    meta = {a["id"]: a}
    events = [_event_from_row(r, meta) for r in rows(
        con, f"SELECT {EVENT_COLS} FROM events e WHERE e.article_id = ? ORDER BY e.start_char, e.id", [article_id])]
    for q in quotes:
        q["link"] = article_link(article_id, q["start"], q["end"])
    stories = rows(con, "SELECT id, title FROM stories WHERE list_contains(article_ids, ?) ORDER BY id", [article_id])
    a.update({"mentions": mentions, "quotes": quotes, "events": events, "stories": stories})
    return a


# ------------------------------------------------------------------ actors
def list_actors(con: Con, *, q: Optional[str] = None, type: Optional[str] = None,
                limit: int = 50, offset: int = 0) -> dict[str, Any]:
    where, params = [], []
    if q:
        where.append("a.name ILIKE ? ESCAPE '\\'")
        params.append(_like(q))
    if type:
        where.append("a.type = ?")
        params.append(type)
    base = "FROM actors a" + (" WHERE " + " AND ".join(where) if where else "")
    total = scalar(con, "SELECT count(*) " + base, params)
    items = rows(con, f"""SELECT a.id, a.name, a.type, a.country, a.sector,
        (SELECT coalesce(sum(mentions), 0) FROM article_actors aa WHERE aa.actor_id = a.id)::INTEGER AS mentions,
        (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = a.id) AS articles
        {base} ORDER BY mentions DESC, a.id LIMIT ? OFFSET ?""", params + [limit, offset])
    return _page(total, limit, offset, items)


def get_actor(con: Con, actor_id: str) -> Optional[dict[str, Any]]:
    """An actor's profile: aliases, articles, events as actor and as target over time, and quotes."""
    a = one(con, "SELECT id, name, type, country, sector FROM actors WHERE id = ?", [actor_id])
    if a is None:
        return None
    aliases = scalar(con, """SELECT list_sort(list_distinct(flatten(list(aliases)))) FROM article_actors
        WHERE actor_id = ?""", [actor_id]) or []
    articles = rows(con, """SELECT ar.id, ar.title, ar.outlet, ar.published, aa.mentions FROM article_actors aa
        JOIN articles ar ON ar.id = aa.article_id WHERE aa.actor_id = ?
        ORDER BY ar.published NULLS LAST, ar.id LIMIT 500""", [actor_id])
    ev_rows = rows(con, f"""SELECT {EVENT_COLS}, a.published FROM events e LEFT JOIN articles a ON a.id = e.article_id
        WHERE e.actor_id = ? OR e.target_id = ? ORDER BY coalesce(e.date, e.date_lo, a.published) NULLS LAST, e.id
        LIMIT 1000""", [actor_id, actor_id])
    meta = _article_meta(con, (r["article_id"] for r in ev_rows))
    as_actor, as_target = [], []
    for r in ev_rows:
        ev = _event_from_row(r, meta)
        (as_actor if r["actor_id"] == actor_id else as_target).append(ev)
        if r["actor_id"] == actor_id and r["target_id"] == actor_id:
            as_target.append(ev)
    quotes = rows(con, """SELECT q.id, q.article_id, q.text, q.kind, q.speaker, q.start_char AS start,
        q.end_char AS "end", ar.outlet, ar.published FROM quotes q LEFT JOIN articles ar ON ar.id = q.article_id
        WHERE q.speaker_id = ? ORDER BY ar.published NULLS LAST, q.article_id, q.start_char LIMIT 500""", [actor_id])
    for q in quotes:
        q["link"] = article_link(q["article_id"], q["start"], q["end"])
    over_time: dict[str, dict] = {}
    for role, evs in (("actor", as_actor), ("target", as_target)):
        for ev in evs:
            d = _date_key(ev)
            month = d[:7] if d != "~" and not d.startswith("-") else "undated"
            slot = over_time.setdefault(month, {"month": month, "actor": 0, "target": 0})
            slot[role] += 1
    a.update({"aliases": list(aliases), "articles": articles, "events_as_actor": as_actor,
              "events_as_target": as_target, "quotes": quotes,
              "over_time": [over_time[k] for k in sorted(over_time, key=lambda m: (m == "undated", m))]})
    return a


def counts(con: Con) -> dict[str, int]:
    return {t: scalar(con, f"SELECT count(*) FROM {t}") for t in
            ("articles", "stories", "events", "merged_events", "quotes", "actors")}
