"""Events: per article, or merged across the articles of a story."""
from __future__ import annotations

from typing import Any, Optional

from storyline.store.queries.common import (
    EVENT_COLS,
    MERGED_COLS,
    Con,
    article_meta,
    event_from_merged,
    event_from_row,
    like,
    merged_article_ids,
    one,
    page,
    rows,
    scalar,
    upper,
)


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
            params += [val, like(val)]
    if date_from:
        where.append(f"coalesce({alias}.date_hi, {alias}.date) || '~' >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"coalesce({alias}.date_lo, {alias}.date) <= ?")
        params.append(upper(date_to))
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
        meta = article_meta(con, merged_article_ids(found))
        items = [event_from_merged(r, meta) for r in found]
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
        meta = article_meta(con, (r["article_id"] for r in found))
        items = [event_from_row(r, meta) for r in found]
    return page(total, limit, offset, items)


def get_event(con: Con, event_id: str) -> Optional[dict[str, Any]]:
    r = one(con, f"SELECT {MERGED_COLS} FROM merged_events m WHERE m.id = ?", [event_id])
    if r:
        return event_from_merged(r, article_meta(con, merged_article_ids([r])))
    r = one(con, f"SELECT {EVENT_COLS} FROM events e WHERE e.id = ?", [event_id])
    if r:
        return event_from_row(r, article_meta(con, [r["article_id"]]))
    return None
