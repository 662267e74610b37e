"""The DuckDB schema, created and versioned by the package.

Append-only by content: an article's id comes from its content hash, and every row that an
article produces (sentences, mentions, quotes, events, times) is written in the same
transaction as the article row, so a killed run loses at most the batch in flight and a
re-run skips what is stored. Corpus-level tables (stories, merged events, entities) are
rebuilt by the link step from the per-article rows.

Only the articles table carries keys (its id and content hash: two per article). The per-article rows (tens to
hundreds per article) and the actors have none: DuckDB keeps the nodes of an index it has touched in memory,
outside what its buffer pool can evict, so a writer inserting at random key positions (ids are hashes) loads
ever more of every index as the store grows. Schema 1 had keys on sentences, article_actors, quotes, events,
actors and indexes on three article_id columns (~280 index keys per annotated article): a streaming ingest
under the 128MB cap failed at ~22k articles ("failed to pin block"), and a re-run failed at once. Uniqueness is
kept by the writer instead (one writer; an article's rows are written once, in its transaction; actors are
inserted with an anti-join). Point lookups by article_id scan the column: 2-3 ms on a 22k-article store, as with
the indexes.
"""
from __future__ import annotations

SCHEMA_VERSION = 2

TABLES = {
    "meta": """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    "articles": """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, source VARCHAR NOT NULL, url VARCHAR,
        kind VARCHAR, outlet VARCHAR, title VARCHAR, subtitle VARCHAR,
        published VARCHAR, published_lo VARCHAR, published_hi VARCHAR, published_evidence VARCHAR,
        published_candidates INTEGER[], updated VARCHAR, byline VARCHAR, dateline VARCHAR, language VARCHAR,
        captured VARCHAR, text VARCHAR, dropped_lines VARCHAR[], notes VARCHAR[],
        pipeline_version VARCHAR NOT NULL, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    "sentences": """CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR)""",
    "actors": """CREATE TABLE IF NOT EXISTS actors (
        id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR, sector VARCHAR,
        pipeline_version VARCHAR)""",
    "article_actors": """CREATE TABLE IF NOT EXISTS article_actors (
        article_id VARCHAR, actor_id VARCHAR, aliases VARCHAR[], mentions INTEGER)""",
    "mentions": """CREATE TABLE IF NOT EXISTS mentions (
        article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, label VARCHAR,
        actor_id VARCHAR, sentence INTEGER)""",
    "quotes": """CREATE TABLE IF NOT EXISTS quotes (
        id VARCHAR, article_id VARCHAR, speaker VARCHAR, speaker_name VARCHAR, speaker_id VARCHAR,
        text VARCHAR, kind VARCHAR, sentence VARCHAR, start_char INTEGER, end_char INTEGER,
        pipeline_version VARCHAR)""",
    "events": """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR, article_id VARCHAR, type VARCHAR, mode VARCHAR,
        actor VARCHAR, actor_id VARCHAR, target VARCHAR, target_id VARCHAR,
        date VARCHAR, date_lo VARCHAR, date_hi VARCHAR, date_inferred BOOLEAN, location VARCHAR,
        hedged BOOLEAN, negated BOOLEAN, trigger VARCHAR,
        sentence VARCHAR, start_char INTEGER, end_char INTEGER, pipeline_version VARCHAR, reference BOOLEAN)""",
    "times": """CREATE TABLE IF NOT EXISTS times (
        article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, date VARCHAR,
        date_lo VARCHAR, date_hi VARCHAR, sentence INTEGER)""",
    "errors": """CREATE TABLE IF NOT EXISTS errors (
        source VARCHAR, reason VARCHAR, pipeline_version VARCHAR, seen_at TIMESTAMP DEFAULT current_timestamp)""",
    "line_stats": """CREATE TABLE IF NOT EXISTS line_stats (
        key VARCHAR PRIMARY KEY, pages INTEGER)""",
    # corpus level, rebuilt by the link step
    "stories": """CREATE TABLE IF NOT EXISTS stories (
        id VARCHAR PRIMARY KEY, title VARCHAR, first_date VARCHAR, last_date VARCHAR,
        outlets VARCHAR[], article_ids VARCHAR[], summary JSON, extra JSON, pipeline_version VARCHAR)""",
    "story_articles": """CREATE TABLE IF NOT EXISTS story_articles (story_id VARCHAR, article_id VARCHAR)""",
    "merged_events": """CREATE TABLE IF NOT EXISTS merged_events (
        id VARCHAR PRIMARY KEY, story_id VARCHAR, type VARCHAR, mode VARCHAR, actor VARCHAR, actor_id VARCHAR,
        target VARCHAR, target_id VARCHAR, date VARCHAR, date_lo VARCHAR, date_hi VARCHAR, date_inferred BOOLEAN,
        location VARCHAR, hedged BOOLEAN, negated BOOLEAN, event_ids VARCHAR[], evidence JSON, conflicts JSON,
        reference BOOLEAN)""",
    # an article-level actor filed under its canonical actor of the corpus, with the rule that did it
    "actor_links": """CREATE TABLE IF NOT EXISTS actor_links (
        article_id VARCHAR, local_id VARCHAR, actor_id VARCHAR, evidence VARCHAR)""",
    "link_state": """CREATE TABLE IF NOT EXISTS link_state (name VARCHAR PRIMARY KEY, state JSON,
        saved_at TIMESTAMP DEFAULT current_timestamp)""",
}

INDEXES = [
    "CREATE INDEX IF NOT EXISTS idx_articles_hash ON articles(content_hash)",
]

# schema 1 -> 2: the indexes and keys of the per-article tables and actors go (see the module docstring); a
# table's key can only go with the table, so those are copied into a new one (rows and column order kept)
UNKEYED_SINCE = 2        # the schema version from which the tables below carry no key
DROPPED_INDEXES = ("idx_quotes_article", "idx_events_article", "idx_mentions_article")
UNKEYED_TABLES = ("sentences", "article_actors", "quotes", "events", "actors")

# columns added after a table was first made: (table, column, type), added to older stores when opened
ADDED_COLUMNS = (("events", "reference", "BOOLEAN"), ("merged_events", "reference", "BOOLEAN"))

# rows that belong to one article (deleted together when an article is re-processed)
PER_ARTICLE = ("sentences", "article_actors", "mentions", "quotes", "events", "times", "actor_links")
