"""Reads and writes of the follow tables for sources, items and versions (see ``follow_schema``).

Functions take the open DuckDB connection the follow code works on (``Store.con``); each write commits on
its own, or in one transaction where a batch must land whole, so a run killed anywhere loses nothing.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from storyline.store.follow_schema import ensure, has_tables


@contextmanager
def transaction(con) -> Iterator[None]:
    """BEGIN ... COMMIT, ROLLBACK on any exception (re-raised)."""
    con.execute("BEGIN")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def rows(con, sql: str, params: Sequence[Any] | None = None) -> list[dict]:
    cur = con.execute(sql, list(params or []))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


# ---------------------------------------------------------------- sources
def add_source(con, url: str) -> tuple[int, bool]:
    """Follow ``url``; returns (source id, whether it is new)."""
    ensure(con)
    row = con.execute("SELECT id FROM follow_sources WHERE url = ?", [url]).fetchone()
    if row:
        return row[0], False
    new_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM follow_sources").fetchone()[0]
    con.execute("INSERT INTO follow_sources (id, url) VALUES (?, ?)", [new_id, url])
    return new_id, True


def remove_source(con, ident: str) -> bool:
    """Stop following the source with this URL or id; False when there is none."""
    ensure(con)
    row = con.execute("SELECT id FROM follow_sources WHERE url = ? OR CAST(id AS VARCHAR) = ?",
                      [ident, ident]).fetchone()
    if not row:
        return False
    con.execute("DELETE FROM follow_sources WHERE id = ?", [row[0]])
    return True


def list_sources(con) -> list[dict]:
    """Every source with its poll state and counts of its items (all, ingested, waiting)."""
    if not has_tables(con, "follow_sources", "follow_items"):
        return []
    return rows(con, """SELECT s.id, s.url, s.kind, s.last_poll, s.last_ok, s.last_status, s.error, s.failures,
        s.next_poll, (SELECT count(*) FROM follow_items i WHERE i.source_id = s.id) AS items,
        (SELECT count(*) FROM follow_items i WHERE i.source_id = s.id AND i.status = 'ingested') AS ingested,
        (SELECT count(*) FROM follow_items i WHERE i.source_id = s.id AND i.status IN ('pending', 'failed', 'fetched'))
            AS waiting
        FROM follow_sources s ORDER BY s.id""")


def due_sources(con, now: datetime) -> list[tuple]:
    """(id, url, etag, last_modified, failures) of the sources due for a poll at ``now``."""
    return con.execute("""SELECT id, url, etag, last_modified, failures FROM follow_sources
        WHERE next_poll IS NULL OR next_poll <= ? ORDER BY id""", [now]).fetchall()


def source_failed(con, sid: int, now: datetime, status: int | None, error: str, failures: int,
                  next_poll: datetime) -> None:
    con.execute("""UPDATE follow_sources SET last_poll = ?, last_status = ?, error = ?, failures = ?,
        next_poll = ? WHERE id = ?""", [now, status, error, failures, next_poll, sid])


def source_not_modified(con, sid: int, now: datetime, next_poll: datetime) -> None:
    con.execute("""UPDATE follow_sources SET last_poll = ?, last_ok = ?, last_status = 304, error = NULL,
        failures = 0, next_poll = ? WHERE id = ?""", [now, now, next_poll, sid])


def source_read(con, sid: int, kind: str, etag: str | None, last_modified: str | None, now: datetime,
                status: int | None, next_poll: datetime, items: int) -> None:
    con.execute("""UPDATE follow_sources SET kind = ?, etag = ?, last_modified = ?, last_poll = ?, last_ok = ?,
        last_status = ?, error = NULL, failures = 0, next_poll = ?, items = ? WHERE id = ?""",
                [kind, etag, last_modified, now, now, status, next_poll, items, sid])


def next_due(con, max_attempts: int, now: datetime) -> datetime | None:
    """When the next round has work: the next source poll, the next retry of a failed page, or ``now`` when a
    page waits to be fetched or ingested."""
    row = con.execute("""SELECT least(
        (SELECT min(coalesce(next_poll, current_timestamp::TIMESTAMP)) FROM follow_sources),
        (SELECT min(next_try) FROM follow_items WHERE status = 'failed' AND attempts < ?),
        (SELECT ?::TIMESTAMP FROM follow_items WHERE status IN ('pending', 'fetched') LIMIT 1))""",
                      [max_attempts, now]).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------- items
def record_items(con, sid: int, found: dict[str, tuple[str, str | None]]) -> tuple[int, list[tuple[str, Any, str]]]:
    """Insert the items (canonical URL -> (url, item date)) not seen before as ``pending``; a known page whose
    item date moved (and that was ingested or refused) is queued again. One transaction. Returns (the number
    new or queued again, (url, old date, new date) of those queued again)."""
    if not found:
        return 0, []
    known = {r[0]: (r[1], r[2]) for r in con.execute(
        "SELECT canonical, status, item_date FROM follow_items WHERE canonical IN (SELECT unnest(?))",
        [list(found)]).fetchall()}
    new, again = 0, []
    with transaction(con):
        for c, (url, date) in found.items():
            if c not in known:
                con.execute("""INSERT INTO follow_items (canonical, url, source_id, item_date, status)
                    VALUES (?, ?, ?, ?, 'pending')""", [c, url, sid, date])
                new += 1
                continue
            status, old_date = known[c]
            if date and old_date != date and status in ("ingested", "refused"):
                con.execute("""UPDATE follow_items SET status = 'pending', item_date = ?, attempts = 0,
                    error = NULL WHERE canonical = ?""", [date, c])
                again.append((url, old_date, date))
                new += 1
    return new, again


def due_pages(con, max_attempts: int, now: datetime, limit: int) -> list[tuple]:
    """(canonical, url, body hash, attempts) of the pages to fetch: pending, or failed and due again."""
    return con.execute("""SELECT canonical, url, body_hash, attempts FROM follow_items
        WHERE status = 'pending' OR (status = 'failed' AND attempts < ? AND (next_try IS NULL OR next_try <= ?))
        ORDER BY discovered_at, canonical LIMIT ?""", [max_attempts, now, limit]).fetchall()


def page_refused(con, canonical: str, error: str | None, attempts: int, http_status: int | None) -> None:
    """The fetcher refused the page (robots.txt, size, type): not tried again."""
    con.execute("UPDATE follow_items SET status = 'refused', error = ?, attempts = ?, http_status = ? "
                "WHERE canonical = ?", [error, attempts, http_status, canonical])


def page_failed(con, canonical: str, error: str | None, attempts: int, next_try: datetime,
                http_status: int | None) -> None:
    con.execute("UPDATE follow_items SET status = 'failed', error = ?, attempts = ?, next_try = ?, "
                "http_status = ? WHERE canonical = ?", [error, attempts, next_try, http_status, canonical])


def page_unchanged(con, canonical: str, attempts: int, now: datetime) -> None:
    """Fetched again with the body of its last version: nothing to ingest."""
    con.execute("UPDATE follow_items SET status = 'ingested', attempts = ?, fetched_at = ?, error = NULL "
                "WHERE canonical = ?", [attempts, now, canonical])


def page_not_readable(con, canonical: str, why: str, attempts: int, now: datetime, http_status: int | None,
                      warc_file: str) -> None:
    """Fetched and archived, but not a page the pipeline reads."""
    con.execute("""UPDATE follow_items SET status = 'refused', error = ?, attempts = ?, fetched_at = ?,
        http_status = ?, warc_file = ? WHERE canonical = ?""", [why, attempts, now, http_status, warc_file, canonical])


def page_fetched(con, canonical: str, attempts: int, now: datetime, final_url: str | None, http_status: int | None,
                 body_hash: str, warc_file: str) -> None:
    """Archived (in ``warc_file``): to be ingested."""
    con.execute("""UPDATE follow_items SET status = 'fetched', attempts = ?, fetched_at = ?, final_url = ?,
        http_status = ?, body_hash = ?, warc_file = ?, error = NULL WHERE canonical = ?""",
                [attempts, now, final_url, http_status, body_hash, warc_file, canonical])


def fetched_pages(con) -> list[tuple]:
    """(canonical, url, body hash, warc file, article id, version) of the pages archived, not yet ingested."""
    return con.execute("""SELECT canonical, url, body_hash, warc_file, article_id, version FROM follow_items
        WHERE status = 'fetched'""").fetchall()


def stored_articles(con, ids: list[str]) -> set[str]:
    """Those of ``ids`` that are stored articles."""
    return {r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}


def record_ingest(con, refused: list[tuple[str, str]], ingested: list[tuple[str, str, int, str, str | None]]) -> None:
    """After an ingest, in one transaction: the pages the pipeline refused ((canonical, why)) and those it stored
    ((canonical, article id, version, body hash, previous article id)), each with its new version row."""
    with transaction(con):
        for c, why in refused:
            con.execute("UPDATE follow_items SET status = 'refused', error = ? WHERE canonical = ?", [why, c])
        for c, aid, version, body_hash, previous in ingested:
            con.execute("UPDATE follow_items SET status = 'ingested', article_id = ?, version = ? "
                        "WHERE canonical = ?", [aid, version, c])
            con.execute("INSERT INTO follow_versions (canonical, version, article_id, body_hash, "
                        "previous_article_id) VALUES (?, ?, ?, ?, ?)", [c, version, aid, body_hash, previous])
