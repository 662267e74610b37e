"""The store's keys: only the articles table has them, so that a long ingest's memory does not grow with the
store (DuckDB keeps touched index nodes in memory); schema-1 stores are migrated when opened for writing."""
from __future__ import annotations

from pathlib import Path

import duckdb

from storyline.run.ingest import ingest
from storyline.store import Store
from storyline.store.schema import SCHEMA_VERSION

# schema 1's keyed tables and indexes, as an older storyline created them
SCHEMA_1 = [
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE TABLE sentences (article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR, "
    "PRIMARY KEY (article_id, idx))",
    "CREATE TABLE actors (id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, sector VARCHAR, "
    "pipeline_version VARCHAR)",
    "CREATE TABLE article_actors (article_id VARCHAR, actor_id VARCHAR, aliases VARCHAR[], mentions INTEGER, "
    "PRIMARY KEY (article_id, actor_id))",
    "CREATE TABLE mentions (article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, label VARCHAR, "
    "actor_id VARCHAR, sentence INTEGER)",
    "CREATE INDEX idx_mentions_article ON mentions(article_id)",
    "INSERT INTO meta VALUES ('schema_version', '1'), ('created_by', 'test')",
    "INSERT INTO sentences VALUES ('a1', 0, 0, 5, 'Hello'), ('a1', 1, 6, 11, 'World')",
    "INSERT INTO actors VALUES ('org:acme', 'Acme', 'ORG', NULL, 'business', 'old')",
    "INSERT INTO article_actors VALUES ('a1', 'org:acme', ['Acme'], 2)",
    "INSERT INTO mentions VALUES ('a1', 0, 4, 'Acme', 'ORG', 'org:acme', 0)",
]


def _keys(con: duckdb.DuckDBPyConnection) -> tuple[set[str], set[str]]:
    keyed = {r[0] for r in con.execute("SELECT table_name FROM duckdb_constraints() "
                                       "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchall()}
    indexed = {r[0] for r in con.execute("SELECT table_name FROM duckdb_indexes()").fetchall()}
    return keyed, indexed


def test_store_per_article_tables_carry_no_index(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db), read_only=True)
    keyed, indexed = _keys(con)
    per_article = {"sentences", "article_actors", "mentions", "quotes", "events", "times", "actors"}
    assert not (keyed | indexed) & per_article, (keyed, indexed)
    assert "articles" in keyed and "articles" in indexed     # its id and content hash: two keys per article


def test_store_schema_1_is_migrated_and_keeps_its_rows(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    for ddl in SCHEMA_1:
        con.execute(ddl)
    con.close()
    Store(db).close()        # opened for writing: migrated
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    keyed, indexed = _keys(con)
    assert not (keyed | indexed) & {"sentences", "actors", "article_actors", "mentions"}, (keyed, indexed)
    assert con.execute("SELECT idx, text FROM sentences ORDER BY idx").fetchall() == [(0, "Hello"), (1, "World")]
    assert con.execute("SELECT aliases, mentions FROM article_actors").fetchall() == [(["Acme"], 2)]
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1
    con.close()
    report = ingest([str(pages_dir)], db, engine="inline", link=False)   # and it takes new articles
    assert report.new == 3 and not report.refused


def test_store_writer_keeps_actors_and_child_rows_unique(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest([str(pages_dir)], db, engine="inline", link=False, batch_size=1)   # one article per transaction
    (pages_dir / "d.txt").write_text((pages_dir / "a.txt").read_text(encoding="utf-8") + "\nOne more line here.",
                                     encoding="utf-8")
    ingest([str(pages_dir)], db, engine="inline", link=False, batch_size=1)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) = count(DISTINCT id) FROM actors").fetchone()[0]
    assert con.execute("SELECT count(*) > 0 FROM actors").fetchone()[0]
    for table, key in (("sentences", "article_id, idx"), ("article_actors", "article_id, actor_id"),
                       ("quotes", "id"), ("events", "id")):
        dup = con.execute(f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1)")
        assert dup.fetchone()[0] == 0, table
    con.close()
