"""Articles: the list (filtered, newest first), one article with its spans, and the store's row counts."""
from __future__ import annotations

from typing import Any, Optional

from storyline.store.queries.common import (
    EVENT_COLS,
    Con,
    article_link,
    event_from_row,
    like,
    one,
    page,
    rows,
    scalar,
    upper,
)

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
        params.append(like(q))
    if date_from:
        where.append("coalesce(a.published_hi, a.published) || '~' >= ?")
        params.append(date_from)
    if date_to:
        where.append("coalesce(a.published_lo, a.published) <= ?")
        params.append(upper(date_to))
    base = "FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
    total = scalar(con, "SELECT count(*) " + base, params)
    items = rows(con, f"SELECT {ARTICLE_LIST_COLS} {base} ORDER BY a.published DESC NULLS LAST, a.id "
                      "LIMIT ? OFFSET ?", params + [limit, offset])
    return page(total, limit, offset, items)


def get_article(con: Con, article_id: str) -> Optional[dict[str, Any]]:
    """One article: its clean text and the spans found in it (char offsets into ``text``)."""
    a = one(con, """SELECT id, source, url, outlet, title, subtitle, published, published_lo, published_hi,
        published_evidence, updated, byline, dateline, language, notes, text FROM articles WHERE id = ?""",
            [article_id])
    if a is None:
        return None
    lo, hi = a.pop("published_lo"), a.pop("published_hi")
    a["published_range"] = [lo, hi] if lo or hi else None
    mentions = rows(con, """SELECT m.start_char AS start, m.end_char AS "end", m.text, m.label, m.actor_id,
        ac.name AS actor_name FROM mentions m LEFT JOIN actors ac ON ac.id = m.actor_id
        WHERE m.article_id = ? AND coalesce(m.sentence, 0) >= 0 ORDER BY m.start_char""", [article_id])
    quotes = rows(con, """SELECT id, speaker, speaker_name, speaker_id, text, kind, sentence, start_char AS start,
        end_char AS "end" FROM quotes WHERE article_id = ? ORDER BY start_char""", [article_id])
    meta = {a["id"]: a}
    events = [event_from_row(r, meta) for r in rows(
        con, f"SELECT {EVENT_COLS} FROM events e WHERE e.article_id = ? ORDER BY e.start_char, e.id", [article_id])]
    for q in quotes:
        q["link"] = article_link(article_id, q["start"], q["end"])
    stories = rows(con, "SELECT id, title FROM stories WHERE list_contains(article_ids, ?) ORDER BY id", [article_id])
    a.update({"mentions": mentions, "quotes": quotes, "events": events, "stories": stories})
    return a


def counts(con: Con) -> dict[str, int]:
    return {t: scalar(con, f"SELECT count(*) FROM {t}") for t in
            ("articles", "stories", "events", "merged_events", "quotes", "actors")}
