"""What the command line prints: the store's overview (``storyline stats``, the demo), the story list
(``storyline stories``) and one story's timeline and articles (``storyline story``)."""
from __future__ import annotations

from typing import Any, Optional

from storyline.store.queries.common import Con, drawn, json_value, one, rows


def article_rows(con: Con) -> list[dict[str, Any]]:
    """Every article's source, title, outlet and publication date (or range), by source."""
    return rows(con, "SELECT source, title, outlet, published, published_lo, published_hi FROM articles "
                     "ORDER BY source")


def overview(con: Con, top: int = 5) -> dict[str, Any]:
    """Counts (articles, outlets, their date span, quotes, events, merged events, actors, stories, refused pages),
    the six commonest languages and the ``top`` biggest stories."""
    counts = one(con, """SELECT (SELECT count(*) FROM articles) AS articles,
        (SELECT count(DISTINCT outlet) FROM articles) AS outlets,
        (SELECT min(coalesce(published, published_lo)) FROM articles WHERE coalesce(published, published_lo)
            NOT LIKE '--%') AS first, (SELECT max(coalesce(published, published_hi)) FROM articles
            WHERE coalesce(published, published_hi) NOT LIKE '--%') AS last,
        (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM merged_events) AS merged, (SELECT count(*) FROM actors) AS actors,
        (SELECT count(*) FROM stories) AS stories, (SELECT count(DISTINCT source) FROM errors) AS refused""")
    langs = rows(con, "SELECT coalesce(language, '?') AS l, count(*) AS n FROM articles GROUP BY 1 "
                      "ORDER BY n DESC, l LIMIT 6")
    biggest = rows(con, "SELECT title, len(article_ids) AS n, outlets, first_date, last_date FROM stories "
                        "ORDER BY n DESC, id LIMIT ?", [top])
    return {"counts": counts, "languages": langs, "top": biggest}


def story_table(con: Con, actor: Optional[str] = None, limit: int = 20) -> tuple[int, list[dict[str, Any]]]:
    """(how many stories match, the ``limit`` biggest of them): id, title, n articles, outlets, date span; with
    ``actor``, only stories one of whose articles names an actor whose name holds it."""
    where, params = "", []
    if actor:
        where = (" WHERE id IN (SELECT sa.story_id FROM story_articles sa JOIN article_actors aa "
                 "ON aa.article_id = sa.article_id JOIN actors a ON a.id = aa.actor_id "
                 "WHERE a.name ILIKE ?)")
        params.append(f"%{actor}%")
    total = one(con, "SELECT count(*) AS n FROM stories" + where, params)["n"]
    found = rows(con, "SELECT id, title, len(article_ids) AS n, outlets, first_date, last_date FROM stories"
                      + where + " ORDER BY n DESC, id LIMIT ?", params + [limit])
    return total, found


def story_outline(con: Con, story_id: str) -> Optional[dict[str, Any]]:
    """A story's row, the merged events its timeline draws (grouped and capped by the link step; with how many
    sources each), its articles by date and its brief
    (a list of {text, article_id}); None when there is no such story."""
    s = one(con, "SELECT * FROM stories WHERE id = ?", [story_id])
    if s is None:
        return None
    events = rows(con, "SELECT id, type, actor, target, date, date_lo, date_hi, date_inferred, hedged, negated, "
                       "len(event_ids) AS sources FROM merged_events WHERE story_id = ? "
                       "ORDER BY coalesce(date, date_lo), type", [story_id])
    arts = rows(con, "SELECT id, outlet, title, published FROM articles WHERE id IN (SELECT unnest(?)) "
                     "ORDER BY published", [s["article_ids"]])
    summary = json_value(s.get("summary"), []) if s.get("summary") else []
    events = drawn(json_value(s.get("extra"), {}), events)
    return {"story": s, "events": events, "articles": arts, "brief": summary if isinstance(summary, list) else []}


def highlights(con: Con, n_quotes: int = 6, n_events: int = 10) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What the demo shows: the first ``n_quotes`` direct quotes with their speakers' names, and the first
    ``n_events`` merged events in date order (undated last)."""
    quotes = rows(con, """SELECT coalesce(a.name, q.speaker) AS who, q.text FROM quotes q
        LEFT JOIN actors a ON a.id = q.speaker_id WHERE q.kind = 'direct'
        ORDER BY q.article_id, q.start_char LIMIT ?""", [n_quotes])
    events = rows(con, """SELECT type, actor, target, coalesce(date, date_lo) AS d, date_hi, hedged, negated,
        evidence FROM merged_events ORDER BY coalesce(date, date_lo) NULLS LAST, id LIMIT ?""", [n_events])
    return quotes, events
