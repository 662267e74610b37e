"""The follow tables (sources, items, versions, watches, alerts), created (IF NOT EXISTS) in the storyline store
on first use by the follow code. Their reads and writes: ``store.follow`` (sources, items, versions) and
``store.watches`` (watches, alerts, the matching queries).

State is committed one item at a time, so a run killed at any point loses nothing and fetches nothing again:
an item is ``pending`` once discovered, ``fetched`` once its response is in the WARC archive (with the file
that holds it), ``ingested`` once the pipeline stored it. A restarted run ingests what is ``fetched`` from
the archive and fetches only what is ``pending`` (or ``failed`` and due again).
"""
from __future__ import annotations

TABLES = {
    "follow_sources": """CREATE TABLE IF NOT EXISTS follow_sources (
        id INTEGER PRIMARY KEY, url VARCHAR UNIQUE NOT NULL, kind VARCHAR, added_at TIMESTAMP DEFAULT current_timestamp,
        etag VARCHAR, last_modified VARCHAR, last_poll TIMESTAMP, last_ok TIMESTAMP, last_status INTEGER,
        items INTEGER DEFAULT 0, error VARCHAR, failures INTEGER DEFAULT 0, next_poll TIMESTAMP)""",
    # one row per canonical URL: its current state and latest version
    "follow_items": """CREATE TABLE IF NOT EXISTS follow_items (
        canonical VARCHAR PRIMARY KEY, url VARCHAR NOT NULL, source_id INTEGER, item_date VARCHAR,
        status VARCHAR NOT NULL, attempts INTEGER DEFAULT 0, error VARCHAR, next_try TIMESTAMP,
        discovered_at TIMESTAMP DEFAULT current_timestamp, fetched_at TIMESTAMP, final_url VARCHAR,
        http_status INTEGER, body_hash VARCHAR, warc_file VARCHAR, article_id VARCHAR, version INTEGER DEFAULT 0)""",
    # every version of a page seen at a URL; a re-published page with a new body links to the one before
    "follow_versions": """CREATE TABLE IF NOT EXISTS follow_versions (
        canonical VARCHAR, version INTEGER, article_id VARCHAR, body_hash VARCHAR, previous_article_id VARCHAR,
        fetched_at TIMESTAMP DEFAULT current_timestamp)""",
    "watches": """CREATE TABLE IF NOT EXISTS watches (
        id INTEGER PRIMARY KEY, name VARCHAR, actor VARCHAR, target VARCHAR, type VARCHAR, country VARCHAR,
        keyword VARCHAR, outlet VARCHAR, include_negated BOOLEAN DEFAULT false, include_hedged BOOLEAN DEFAULT true,
        quotes BOOLEAN DEFAULT true, jsonl VARCHAR, webhook VARCHAR, new_only BOOLEAN DEFAULT false,
        created_at TIMESTAMP DEFAULT current_timestamp, checked_through TIMESTAMP)""",
    # one alert per watch and event (a merged event gaining sources updates its alert) or quote
    "alerts": """CREATE TABLE IF NOT EXISTS alerts (
        id VARCHAR PRIMARY KEY, watch_id INTEGER, kind VARCHAR, record_id VARCHAR, type VARCHAR,
        actor VARCHAR, actor_id VARCHAR, target VARCHAR, date VARCHAR, hedged BOOLEAN, negated BOOLEAN,
        sentence VARCHAR, text VARCHAR, article_id VARCHAR, url VARCHAR, title VARCHAR, outlet VARCHAR, sources INTEGER,
        evidence JSON, raised_at TIMESTAMP DEFAULT current_timestamp, updated_at TIMESTAMP, seq INTEGER,
        webhook_status VARCHAR)""",
    # which per-article records an alert already covers (an event id belongs to one alert per watch)
    "alert_records": """CREATE TABLE IF NOT EXISTS alert_records (watch_id INTEGER, record_id VARCHAR,
        alert_id VARCHAR)""",
}


def ensure(con) -> None:
    """Create the follow tables in an open writable DuckDB connection (idempotent)."""
    for ddl in TABLES.values():
        con.execute(ddl)


def has_tables(con, *names: str) -> bool:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_name IN (SELECT unnest(?))",
                       [list(names)]).fetchall()
    return len({r[0] for r in rows}) == len(set(names))
