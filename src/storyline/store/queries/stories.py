"""Stories: the list (filtered, largest first) and one story with its timeline, brief, quotes, outlets and network."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional

from storyline.model import QUAD_CLASS
from storyline.store.queries.common import (
    EVENT_COLS,
    MERGED_COLS,
    Con,
    article_link,
    article_meta,
    date_key,
    drawn,
    event_from_merged,
    event_from_row,
    json_value,
    like,
    merged_article_ids,
    one,
    page,
    rows,
    scalar,
    upper,
)
from storyline.store.queries.framing import outlets_side_by_side, wording_by_event

# ------------------------------------------------------------------ the story list
STORY_LIST_COLS = "s.id, s.title, s.first_date, s.last_date, s.outlets, s.article_ids"
STORY_ORDER = "ORDER BY len(s.article_ids) DESC, s.id"


@dataclass(frozen=True)
class StoryIndex:
    """Every story's list row, in list order (largest first), with both event counts: merged events and the
    articles' own events (a page counts merged events when any story on it has some, else the articles' events)."""
    rows: tuple[dict[str, Any], ...]
    merged: dict[str, int]
    per_article: dict[str, int]


def _story_filter(actor: Optional[str], outlet: Optional[str], date_from: Optional[str], date_to: Optional[str],
                  q: Optional[str]) -> tuple[list[str], list[Any]]:
    where, params = [], []
    if actor:
        where.append("""EXISTS (SELECT 1 FROM article_actors aa JOIN actors a ON a.id = aa.actor_id
            WHERE list_contains(s.article_ids, aa.article_id) AND (a.id = ? OR a.name ILIKE ? ESCAPE '\\'))""")
        params += [actor, like(actor)]
    if outlet:
        where.append("list_contains(list_transform(coalesce(s.outlets, []), o -> lower(o)), lower(?))")
        params.append(outlet)
    if date_from:
        where.append("coalesce(s.last_date, s.first_date) || '~' >= ?")
        params.append(date_from)
    if date_to:
        where.append("coalesce(s.first_date, s.last_date) <= ?")
        params.append(upper(date_to))
    if q:
        # the brief's sentences, not its JSON: "article_id" (a key of every item) matched every story
        where.append("(s.title ILIKE ? ESCAPE '\\' OR array_to_string(json_extract_string(s.summary, '$[*].text'), "
                     "' ') ILIKE ? ESCAPE '\\')")
        params += [like(q), like(q)]
    return where, params


def _list_item(r: dict, per_article_q: dict[str, int], merged: dict[str, int], per_article_e: dict[str, int],
               use_merged: bool) -> dict[str, Any]:
    ids = list(r["article_ids"] or [])
    n_events = merged.get(r["id"], 0) if use_merged else sum(per_article_e.get(a, 0) for a in ids)
    return {"id": r["id"], "title": r["title"], "first_date": r["first_date"], "last_date": r["last_date"],
            "outlets": list(r["outlets"] or []), "article_ids": ids, "n_articles": len(ids), "n_events": n_events,
            "n_quotes": sum(per_article_q.get(a, 0) for a in ids)}


def story_index(con: Con) -> StoryIndex:
    """Every story's list row, computed once (four scans) for a store that does not change: ``list_stories``
    then answers from it without a query when unfiltered, and with one query of the matching ids when filtered."""
    found = rows(con, f"SELECT {STORY_LIST_COLS} FROM stories s {STORY_ORDER}")
    per_article_q = dict(con.execute("SELECT article_id, count(*) FROM quotes GROUP BY article_id").fetchall())
    merged = dict(con.execute("SELECT story_id, count(*) FROM merged_events GROUP BY story_id").fetchall())
    per_article_e = dict(con.execute("SELECT article_id, count(*) FROM events GROUP BY article_id").fetchall())
    items = tuple(_list_item(r, per_article_q, merged, per_article_e, use_merged=False) for r in found)
    return StoryIndex(rows=items, merged={r["id"]: merged.get(r["id"], 0) for r in items},
                      per_article={r["id"]: r["n_events"] for r in items})


def _page_from_index(index: StoryIndex, matched: Sequence[dict], limit: int, offset: int) -> dict[str, Any]:
    chosen = matched[offset:offset + limit]
    use_merged = any(index.merged[r["id"]] for r in chosen)
    counts = index.merged if use_merged else index.per_article
    return page(len(matched), limit, offset, [dict(r, n_events=counts[r["id"]]) for r in chosen])


def list_stories(con: Con, *, actor: Optional[str] = None, outlet: Optional[str] = None,
                 date_from: Optional[str] = None, date_to: Optional[str] = None, q: Optional[str] = None,
                 limit: int = 20, offset: int = 0, index: Optional[StoryIndex] = None) -> dict[str, Any]:
    """Stories, largest first, filtered by an actor (id or name), an outlet, a date span or text. With ``index``
    (``story_index`` of the same store), the rows come from it."""
    where, params = _story_filter(actor, outlet, date_from, date_to, q)
    base = "FROM stories s" + (" WHERE " + " AND ".join(where) if where else "")
    if index is not None:
        if not where:
            return _page_from_index(index, index.rows, limit, offset)
        keep = {r[0] for r in con.execute("SELECT s.id " + base, params).fetchall()}
        return _page_from_index(index, [r for r in index.rows if r["id"] in keep], limit, offset)
    total = scalar(con, "SELECT count(*) " + base, params)
    found = rows(con, f"SELECT {STORY_LIST_COLS} {base} {STORY_ORDER} LIMIT ? OFFSET ?", params + [limit, offset])
    # counts for the whole page in three scans, not two queries per story
    all_ids = sorted({a for r in found for a in (r["article_ids"] or [])})
    per_article_q = dict(con.execute("SELECT article_id, count(*) FROM quotes WHERE article_id IN "
                                     "(SELECT unnest(?)) GROUP BY article_id", [all_ids]).fetchall()) if all_ids else {}
    merged = dict(con.execute("SELECT story_id, count(*) FROM merged_events WHERE story_id IN (SELECT unnest(?)) "
                              "GROUP BY story_id", [[r["id"] for r in found]]).fetchall()) if found else {}
    per_article_e = {} if merged or not all_ids else dict(con.execute(
        "SELECT article_id, count(*) FROM events WHERE article_id IN (SELECT unnest(?)) GROUP BY article_id",
        [all_ids]).fetchall())
    items = [_list_item(r, per_article_q, merged, per_article_e, bool(merged)) for r in found]
    return page(total, limit, offset, items)


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
    """One story: articles, timeline (merged events, else the articles' events; ``timeline_rows``: those the
    stored timeline draws, grouped and capped), brief with citations, quotes by speaker, outlets side by side and
    the actor network."""
    s = one(con, "SELECT id, title, first_date, last_date, outlets, article_ids, summary, extra FROM stories "
                 "WHERE id = ?", [story_id])
    if s is None:
        return None
    ids = list(s["article_ids"] or []) or [r[0] for r in con.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", [story_id]).fetchall()]
    extra = json_value(s["extra"], {})
    extra = extra if isinstance(extra, dict) else {}
    articles = rows(con, """SELECT id, title, outlet, published, url, source FROM articles
        WHERE id IN (SELECT unnest(?)) ORDER BY published NULLS LAST, id""", [ids])
    meta = {a["id"]: a for a in articles}
    merged = rows(con, f"SELECT {MERGED_COLS} FROM merged_events m WHERE m.story_id = ?", [story_id])
    if merged:
        meta.update(article_meta(con, merged_article_ids(merged) - set(meta)))
        events = [event_from_merged(r, meta) for r in merged]
    else:
        events = [event_from_row(r, meta) for r in rows(
            con, f"SELECT {EVENT_COLS} FROM events e WHERE e.article_id IN (SELECT unnest(?))", [ids])]
    events.sort(key=lambda e: (date_key(e), e["id"]))
    quotes_by = story_quotes(con, ids, meta)
    return {
        "id": s["id"], "title": s["title"], "first_date": s["first_date"], "last_date": s["last_date"],
        "outlets": list(s["outlets"] or []), "article_ids": ids, "n_articles": len(ids),
        "articles": articles, "events_source": "merged_events" if merged else "events",
        "timeline": events,
        "timeline_rows": drawn(extra, events) if merged else events,
        "brief": _locate_summary(con, json_value(s["summary"], []), meta),
        "quotes_by_speaker": quotes_by,
        "outlets_side_by_side": outlets_side_by_side(con, articles, events, quotes_by, extra),
        "wording": wording_by_event(extra, events, meta),
        "wording_computed": any(isinstance(f, dict) and "wording" in f
                                for f in ((extra.get("framing") or {}) if isinstance(extra.get("framing"), dict)
                                          else {}).values()),
        "network": network(events, actor_types(con, events)),
        "extra": extra,
    }
