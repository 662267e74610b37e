"""Reads and writes of the watch tables (watches, alerts, alert_records) and the queries a watch check runs
over the stored events, quotes, actors and articles (see ``follow_schema``; the criteria live in
``storyline.follow.watch``).

Functions take an open DuckDB connection or cursor (``Store.con``, or a reader's cursor for ``list_alerts``).
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storyline.store.follow import rows, transaction
from storyline.store.follow_schema import has_tables

# articles ingested after a mark (all when the mark is None): a check costs what is new, not the whole store
_FRESH = "SELECT id FROM articles WHERE ? IS NULL OR ingested_at > ?"


# ---------------------------------------------------------------- watches
def add_watch(con, criteria: dict[str, Any]) -> int:
    """Store a watch (criteria already checked); with ``new_only`` what is stored now counts as checked."""
    new_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM watches").fetchone()[0]
    if criteria.get("new_only"):
        criteria["checked_through"] = last_ingested(con)
    cols = ["id"] + list(criteria)
    con.execute(f"INSERT INTO watches ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [new_id] + list(criteria.values()))
    return new_id


def remove_watch(con, watch_id: int) -> bool:
    if not con.execute("SELECT 1 FROM watches WHERE id = ?", [watch_id]).fetchone():
        return False
    con.execute("DELETE FROM watches WHERE id = ?", [watch_id])
    return True


def watch_rows(con) -> list[dict]:
    """Every watch as a row (column -> value), by id; none when the table is not there."""
    if not has_tables(con, "watches"):
        return []
    return rows(con, "SELECT * FROM watches ORDER BY id")


def count_watches(con) -> int:
    if not has_tables(con, "watches"):
        return 0
    return con.execute("SELECT count(*) FROM watches").fetchone()[0]


def set_checked_through(con, watch_id: int, through: datetime) -> None:
    con.execute("UPDATE watches SET checked_through = ? WHERE id = ?", [through, watch_id])


# ---------------------------------------------------------------- alerts
def _alert_out(r: dict) -> dict:
    r["evidence"] = json.loads(r["evidence"]) if r.get("evidence") else []
    for k in ("raised_at", "updated_at"):
        if r.get(k) is not None and hasattr(r[k], "isoformat"):
            r[k] = r[k].isoformat()
    return r


def list_alerts(con, limit: int = 100, after: int = 0, watch_id: int | None = None) -> list[dict]:
    """Alerts, newest last (``after``: only those with a higher ``seq``, for polling)."""
    if not has_tables(con, "alerts"):
        return []
    sql = "SELECT * FROM alerts WHERE seq > ?"
    params: list = [after]
    if watch_id is not None:
        sql += " AND watch_id = ?"
        params.append(watch_id)
    sql += " ORDER BY seq DESC LIMIT ?"
    params.append(limit)
    out = [_alert_out(r) for r in rows(con, sql, params)]
    out.reverse()
    return out


def list_alerts_by_id(con, alert_id: str) -> dict:
    return _alert_out(rows(con, "SELECT * FROM alerts WHERE id = ?", [alert_id])[0])


def last_seq(con) -> int:
    return con.execute("SELECT coalesce(max(seq), 0) FROM alerts").fetchone()[0]


def covered_records(con, watch_id: int) -> dict[str, str]:
    """Record id -> the alert of this watch that already covers it."""
    return {r[0]: r[1] for r in con.execute(
        "SELECT record_id, alert_id FROM alert_records WHERE watch_id = ?", [watch_id]).fetchall()}


def alert_sources(con, alert_id: str) -> int | None:
    """How many sources the alert counted when last raised or updated (None: no such alert)."""
    row = con.execute("SELECT sources FROM alerts WHERE id = ?", [alert_id]).fetchone()
    return None if row is None else (row[0] or 0)


def raise_alert(con, alert: dict, watch_id: int, record_ids: list[str]) -> None:
    """Insert a new alert and the records it covers, in one transaction."""
    cols = list(alert)
    with transaction(con):
        con.execute(f"INSERT INTO alerts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [json.dumps(v, ensure_ascii=False) if k == "evidence" else v for k, v in alert.items()])
        _cover(con, watch_id, record_ids, alert["id"])


def update_alert(con, alert_id: str, sources: int, evidence: list[dict], seq: int, webhook_status: str | None,
                 watch_id: int, record_ids: list[str]) -> None:
    """An alert's event gained sources: its count, evidence and seq move, with the records newly covered."""
    with transaction(con):
        con.execute("""UPDATE alerts SET sources = ?, evidence = ?, updated_at = current_timestamp,
            seq = ?, webhook_status = ? WHERE id = ?""",
                    [sources, json.dumps(evidence, ensure_ascii=False), seq, webhook_status, alert_id])
        _cover(con, watch_id, record_ids, alert_id)


def _cover(con, watch_id: int, record_ids: list[str], alert_id: str) -> None:
    for r in record_ids:
        con.execute("INSERT INTO alert_records VALUES (?, ?, ?)", [watch_id, r, alert_id])


def set_webhook_status(con, alert_id: str, status: str) -> None:
    con.execute("UPDATE alerts SET webhook_status = ? WHERE id = ?", [status, alert_id])


def pending_webhooks(con) -> list[tuple[str, str]]:
    """(alert id, webhook URL) of the alerts whose POST is still pending."""
    return con.execute("""SELECT a.id, w.webhook FROM alerts a JOIN watches w ON w.id = a.watch_id
        WHERE a.webhook_status = 'pending' AND w.webhook IS NOT NULL""").fetchall()


# ---------------------------------------------------------------- what a check reads
def last_ingested(con) -> datetime | None:
    return con.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]


def actor_ids(con, name: str) -> set[str]:
    """Actor ids a watch's name stands for: the id itself, a canonical name, or a name seen for the actor."""
    ids = {r[0] for r in con.execute("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?)",
                                     [name, name]).fetchall()}
    ids |= {r[0] for r in con.execute(
        "SELECT DISTINCT actor_id FROM article_actors "
        "WHERE list_contains(list_transform(aliases, x -> lower(x)), lower(?))",
        [name]).fetchall()}
    return ids


def actor_countries(con) -> dict[str, str | None]:
    return {r[0]: r[1] for r in con.execute("SELECT id, country FROM actors").fetchall()}


def article(con, article_id: str) -> dict:
    """The fields an alert shows of an article ({} when it is not stored)."""
    found = rows(con, "SELECT id, url, source, title, outlet, ingested_at FROM articles WHERE id = ?", [article_id])
    return found[0] if found else {}


def fresh_events(con, since) -> list[dict]:
    """Merged events, plus per-article events in no merged event (stores linked or not), that involve an
    article ingested after ``since`` (all when None), each with ``event_ids`` and ``evidence``."""
    merged = rows(con, f"""WITH fe AS (SELECT list(id) AS ids FROM events WHERE article_id IN ({_FRESH}))
        SELECT id, type, actor, actor_id, target, target_id, coalesce(date, date_lo) AS date,
        hedged, negated, event_ids, evidence FROM merged_events, fe WHERE list_has_any(event_ids, fe.ids)""",
                  [since, since])
    for m in merged:
        m["evidence"] = json.loads(m["evidence"]) if m["evidence"] else []
        m["event_ids"] = list(m["event_ids"] or [m["id"]])
    single = rows(con, f"""SELECT id, type, actor, actor_id, target, target_id, coalesce(date, date_lo) AS date,
        hedged, negated, article_id, sentence, start_char, end_char FROM events
        WHERE article_id IN ({_FRESH}) AND id NOT IN (SELECT unnest(event_ids) FROM merged_events)""", [since, since])
    for e in single:
        e["event_ids"] = [e["id"]]
        e["evidence"] = [{"article_id": e.pop("article_id"), "sentence": e.pop("sentence"),
                          "start": e.pop("start_char"), "end": e.pop("end_char")}]
    return merged + single


def fresh_quotes(con, since) -> list[dict]:
    """Quotes of the articles ingested after ``since`` (all when None)."""
    return rows(con, f"""SELECT id, article_id, speaker, speaker_name, speaker_id, text, kind, sentence,
        start_char, end_char FROM quotes WHERE article_id IN ({_FRESH})""", [since, since])
