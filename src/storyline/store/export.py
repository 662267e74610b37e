"""Exports: the stored records as JSON lines, CSV or Parquet (every field of each kind: docs/export.md).

Each kind is one SQL query whose columns are the record's fields. Free-form nested values (a story's summary and
framing, an event's evidence) are JSON text in the query: JSON lines parse them back into objects, CSV and Parquet
keep them as JSON text. So CSV and Parquet have the same columns on every store, whatever the nested values hold
(Arrow cannot write a struct with no field, e.g. a framing's empty ``voices``), and Parquet is written straight
from DuckDB's Arrow batches with DuckDB's column types. Rows stream in chunks: flat memory on a large store.

A file is written under a temporary name in its folder and renamed at the end: a failed export leaves no file.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq

from storyline.store.db import Store

FORMATS = ("jsonl", "csv", "parquet")
CHUNK = 2000


@dataclass(frozen=True)
class Query:
    """What one export runs: the SQL (one row a record) and which of its VARCHAR columns hold JSON."""
    sql: str
    json_columns: tuple[str, ...] = ()


def _articles(store: Store, **_: Any) -> Query:
    return Query("""SELECT id, source, url, outlet, title, subtitle, published,
        CASE WHEN published_lo IS NULL AND published_hi IS NULL THEN NULL ELSE [published_lo, published_hi] END
            AS published_range,
        published_evidence, updated, byline, dateline, language, text, kind, content_hash, captured,
        pipeline_version, notes FROM articles ORDER BY source, id""")


def _quotes(store: Store, **_: Any) -> Query:
    return Query("""SELECT id, article_id, speaker, speaker_name, speaker_id, text, kind, sentence,
        start_char AS "start", end_char AS "end", pipeline_version FROM quotes ORDER BY article_id, start_char""")


MERGED_EVENTS = Query("""SELECT id, story_id, type, mode, actor, actor_id, target, target_id, date,
    CASE WHEN date_lo IS NULL THEN NULL ELSE [date_lo, date_hi] END AS date_range, date_inferred, location,
    hedged, negated, coalesce(reference, false) AS reference, event_ids, coalesce(evidence, '[]')::VARCHAR AS evidence,
    coalesce(conflicts, '[]')::VARCHAR AS conflicts
    FROM merged_events ORDER BY coalesce(date, date_lo), id""", ("evidence", "conflicts"))

ARTICLE_EVENTS = Query("""SELECT id, type, mode, actor, actor_id, target, target_id, date,
    CASE WHEN date_lo IS NULL THEN NULL ELSE [date_lo, date_hi] END AS date_range, date_inferred, location,
    hedged, negated, coalesce(reference, false) AS reference, trigger, article_id,
    json_array(json_object('article_id', article_id, 'sentence', sentence, 'start', start_char, 'end', end_char)
        )::VARCHAR AS evidence, pipeline_version
    FROM events ORDER BY article_id, start_char, id""", ("evidence",))


def _events(store: Store, merged: bool | None = None, **_: Any) -> Query:
    """Merged events (one per event however many outlets reported it, ``evidence`` from each) or the events of
    each article as found (``merged=False``). By default the merged ones when the store is linked."""
    has_merged = store.count("merged_events") > 0
    if merged is None:
        merged = has_merged
    if merged and not has_merged and store.count("events"):
        raise ValueError("the store holds no merged events yet (run `storyline link`), or ask for --per-article")
    return MERGED_EVENTS if merged else ARTICLE_EVENTS


def _entities(store: Store, **_: Any) -> Query:
    return Query("""SELECT a.id, a.name, a.type, a.country, a.sector,
        list_sort(list_distinct(flatten(list(aa.aliases)))) AS aliases,
        list_sort(list_distinct(list(aa.article_id))) AS article_ids, sum(aa.mentions)::INTEGER AS mentions
        FROM actors a JOIN article_actors aa ON aa.actor_id = a.id
        GROUP BY a.id, a.name, a.type, a.country, a.sector ORDER BY mentions DESC, a.id""")


def _mentions(store: Store, **_: Any) -> Query:
    """One row per mention (pronouns and descriptors included): what each stretch of text refers to, so that
    cross-document resolution can be scored without guessing."""
    # a headline mention (sentence -1) has offsets into the title: its id says so ("ID:h0-9")
    return Query("""SELECT m.article_id || ':' || (CASE WHEN m.sentence < 0 THEN 'h' ELSE '' END) || m.start_char || '-' || m.end_char AS id, m.article_id, m.sentence, m.start_char AS "start", m.end_char AS "end", m.text, m.label,
        m.actor_id AS entity_id, a.name AS entity_name FROM mentions m LEFT JOIN (SELECT id, any_value(name) AS name
        FROM actors GROUP BY id) a ON a.id = m.actor_id ORDER BY m.article_id, m.start_char""")  # noqa: E501 (SQL)


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
STORY_COLUMNS = ("id", "title", "article_ids", "first_date", "last_date", "summary", "outlets")


def _stories(store: Store, **_: Any) -> Query:
    """The stories, with each key of their ``extra`` (framing, timeline, ...) as a JSON column of its own."""
    keys = [r["k"] for r in store.query(
        "SELECT DISTINCT unnest(json_keys(extra)) AS k FROM stories WHERE extra IS NOT NULL ORDER BY k")]
    keys = [k for k in keys if _KEY.match(k) and k not in STORY_COLUMNS]
    extra = "".join(f", json_extract(extra, '$.{k}')::VARCHAR AS \"{k}\"" for k in keys)
    return Query(f"""SELECT id, title, article_ids, first_date, last_date, coalesce(summary, '[]')::VARCHAR AS summary,
        outlets{extra} FROM stories ORDER BY len(article_ids) DESC, id""", ("summary", *keys))


# kind -> the query that exports it; a new kind is one function and one line here (and a section in docs/export.md)
KIND_QUERIES: dict[str, Callable[..., Query]] = {
    "articles": _articles,
    "quotes": _quotes,
    "events": _events,
    "entities": _entities,
    "stories": _stories,
    "mentions": _mentions,
}
KINDS = tuple(KIND_QUERIES)


def query_for(store: Store, kind: str, **options: Any) -> Query:
    if kind not in KIND_QUERIES:
        raise ValueError(f"unknown export kind {kind!r} (one of: {', '.join(KINDS)})")
    return KIND_QUERIES[kind](store, **options)


def _jsonable(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def _cursor_rows(store: Store, q: Query) -> tuple[list[str], Iterator[tuple]]:
    cur = store.con.execute(q.sql)
    cols = [d[0] for d in cur.description]

    def rows() -> Iterator[tuple]:
        while True:
            batch = cur.fetchmany(CHUNK)
            if not batch:
                return
            yield from batch
    return cols, rows()


def iter_records(store: Store, kind: str, **options: Any) -> Iterator[dict[str, Any]]:
    """The records of ``kind`` as docs/export.md lists them (nested values as lists and objects)."""
    yield from _records(store, query_for(store, kind, **options))


def _records(store: Store, q: Query) -> Iterator[dict[str, Any]]:
    cols, rows = _cursor_rows(store, q)
    parse = [c in q.json_columns for c in cols]
    for row in rows:
        yield {c: (json.loads(v) if p and v is not None else _jsonable(v)) for c, v, p in zip(cols, row, parse)}


def _flat(v: Any) -> Any:
    """A CSV cell: lists as JSON, dates in ISO 8601, JSON text as it is."""
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(_jsonable(v), ensure_ascii=False)
    return _jsonable(v)


@contextmanager
def _atomic(path: str) -> Iterator[str]:
    """A temporary file beside ``path``, renamed onto it when the block ends well, removed when it fails.
    A path that is not a regular file (/dev/null, a FIFO) is written directly: renaming onto it would replace it."""
    target = Path(path)
    if target.exists() and not target.is_file():
        yield path
        return
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))   # the umask's permissions, as open() gives
    try:
        yield str(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_text(store: Store, q: Query, fmt: str, fh: IO[str]) -> int:
    n = 0
    if fmt == "jsonl":
        for rec in _records(store, q):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    else:
        cols, rows = _cursor_rows(store, q)
        w = csv.writer(fh)
        w.writerow(cols)
        for row in rows:
            w.writerow([_flat(v) for v in row])
            n += 1
    return n


def _write_parquet(store: Store, q: Query, path: str) -> int:
    reader = store.con.execute(q.sql).to_arrow_reader(CHUNK)
    n = 0
    with pq.ParquetWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            n += batch.num_rows
    return n


def write_export(store: Store, kind: str, fmt: str, out: IO[bytes] | None = None, path: str | None = None,
                 **options: Any) -> int:
    """Write the records of ``kind`` in ``fmt`` to ``path`` (standard output when path is None or '-'; ``out``
    is ignored, kept for callers of the old signature). ``options`` go to the kind (events: ``merged``).
    Returns the number of records."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (jsonl, csv or parquet)")
    q = query_for(store, kind, **options)
    to_stdout = path in (None, "-")
    if fmt == "parquet":
        if to_stdout:
            raise ValueError("parquet needs a file: give -o FILE.parquet")
        with _atomic(path) as tmp:
            return _write_parquet(store, q, tmp)
    if to_stdout:
        fh = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
        try:
            return _write_text(store, q, fmt, fh)
        finally:
            fh.flush()
            fh.detach()
    with _atomic(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            return _write_text(store, q, fmt, fh)
