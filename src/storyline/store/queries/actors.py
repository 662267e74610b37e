"""Actors: the list (most mentioned first) and an actor's profile."""
from __future__ import annotations

from typing import Any, Optional

from storyline.store.queries.common import (
    EVENT_COLS,
    Con,
    article_link,
    article_meta,
    date_key,
    event_from_row,
    like,
    one,
    page,
    rows,
    scalar,
)


# ------------------------------------------------------------------ actors
def list_actors(con: Con, *, q: Optional[str] = None, type: Optional[str] = None,
                limit: int = 50, offset: int = 0) -> dict[str, Any]:
    where, params = [], []
    if q:
        where.append("a.name ILIKE ? ESCAPE '\\'")
        params.append(like(q))
    if type:
        where.append("a.type = ?")
        params.append(type)
    base = "FROM actors a" + (" WHERE " + " AND ".join(where) if where else "")
    total = scalar(con, "SELECT count(*) " + base, params)
    items = rows(con, f"""SELECT a.id, a.name, a.type, a.country, a.sector,
        (SELECT coalesce(sum(mentions), 0) FROM article_actors aa WHERE aa.actor_id = a.id)::INTEGER AS mentions,
        (SELECT count(*) FROM article_actors aa WHERE aa.actor_id = a.id) AS articles
        {base} ORDER BY mentions DESC, a.id LIMIT ? OFFSET ?""", params + [limit, offset])
    return page(total, limit, offset, items)


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
    meta = article_meta(con, (r["article_id"] for r in ev_rows))
    as_actor, as_target = [], []
    for r in ev_rows:
        ev = event_from_row(r, meta)
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
            d = date_key(ev)
            month = d[:7] if d != "~" and not d.startswith("-") else "undated"
            slot = over_time.setdefault(month, {"month": month, "actor": 0, "target": 0})
            slot[role] += 1
    a.update({"aliases": list(aliases), "articles": articles, "events_as_actor": as_actor,
              "events_as_target": as_target, "quotes": quotes,
              "over_time": [over_time[k] for k in sorted(over_time, key=lambda m: (m == "undated", m))]})
    return a
