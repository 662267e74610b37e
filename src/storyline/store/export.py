"""Exports: the records of CONTRACT.md as JSON lines, CSV or Parquet.

Rows are streamed from DuckDB in chunks, so an export of a large store runs in flat memory.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from typing import IO, Any, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.store.db import Store

KINDS = ("articles", "quotes", "events", "entities", "stories", "mentions")

ARTICLES_SQL = """SELECT id, source, url, outlet, title, subtitle, published,
    CASE WHEN published_lo IS NULL AND published_hi IS NULL THEN NULL ELSE [published_lo, published_hi] END
        AS published_range,
    published_evidence, updated, byline, dateline, language, text, kind, content_hash, captured,
    pipeline_version FROM articles ORDER BY source, id"""

QUOTES_SQL = """SELECT id, article_id, speaker, speaker_name, speaker_id, text, kind, sentence,
    start_char AS "start", end_char AS "end", pipeline_version FROM quotes ORDER BY article_id, start_char"""

EVENTS_SQL = """SELECT id, type, mode, actor, actor_id, target, target_id, date,
    CASE WHEN date_lo IS NULL THEN NULL ELSE [date_lo, date_hi] END AS date_range, date_inferred, location,
    hedged, negated, trigger, article_id, sentence, start_char, end_char, pipeline_version
    FROM events ORDER BY article_id, start_char, id"""

MERGED_SQL = """SELECT id, story_id, type, mode, actor, actor_id, target, target_id, date,
    CASE WHEN date_lo IS NULL THEN NULL ELSE [date_lo, date_hi] END AS date_range, date_inferred, location,
    hedged, negated, event_ids, evidence, conflicts FROM merged_events ORDER BY coalesce(date, date_lo), id"""

ENTITIES_SQL = """SELECT a.id, a.name, a.type, a.country, a.sector,
    list_sort(list_distinct(flatten(list(aa.aliases)))) AS aliases,
    list_sort(list_distinct(list(aa.article_id))) AS article_ids, sum(aa.mentions)::INTEGER AS mentions
    FROM actors a JOIN article_actors aa ON aa.actor_id = a.id
    GROUP BY a.id, a.name, a.type, a.country, a.sector ORDER BY mentions DESC, a.id"""

# one row per mention (pronouns and descriptors included): what each stretch of text refers to, for scoring
MENTIONS_SQL = """SELECT m.article_id, m.sentence, m.start_char AS "start", m.end_char AS "end", m.text, m.label,
    m.actor_id AS entity_id, a.name AS entity_name FROM mentions m LEFT JOIN (SELECT id, any_value(name) AS name
    FROM actors GROUP BY id) a ON a.id = m.actor_id ORDER BY m.article_id, m.start_char"""

STORIES_SQL = """SELECT id, title, article_ids, first_date, last_date, summary, outlets, extra
    FROM stories ORDER BY len(article_ids) DESC, id"""


def _rows(store: Store, sql: str, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    cur = store.con.execute(sql)
    cols = [d[0] for d in cur.description]
    while True:
        batch = cur.fetchmany(chunk)
        if not batch:
            return
        for row in batch:
            yield dict(zip(cols, row))


def iter_records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    if kind == "articles":
        yield from _rows(store, ARTICLES_SQL)
    elif kind == "quotes":
        yield from _rows(store, QUOTES_SQL)
    elif kind == "events":
        if store.count("merged_events"):
            for r in _rows(store, MERGED_SQL):
                r["evidence"] = json.loads(r["evidence"]) if r["evidence"] else []
                r["conflicts"] = json.loads(r["conflicts"]) if r["conflicts"] else []
                yield r
        else:
            for r in _rows(store, EVENTS_SQL):
                r["evidence"] = [{"article_id": r.pop("article_id"), "sentence": r.pop("sentence"),
                                  "start": r.pop("start_char"), "end": r.pop("end_char")}]
                yield r
    elif kind == "entities":
        yield from _rows(store, ENTITIES_SQL)
    elif kind == "mentions":
        yield from _rows(store, MENTIONS_SQL)
    elif kind == "stories":
        for r in _rows(store, STORIES_SQL):
            r["summary"] = json.loads(r["summary"]) if r["summary"] else []
            extra = json.loads(r.pop("extra")) if r.get("extra") else {}
            r.update({k: v for k, v in extra.items() if k not in r})
            yield r
    else:
        raise ValueError(f"unknown export kind {kind!r} (one of: {', '.join(KINDS)})")


def _jsonable(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def write_export(store: Store, kind: str, fmt: str, out: IO[bytes] | None, path: str | None) -> int:
    """Write records of ``kind`` in ``fmt`` to ``path`` (or stdout when path is None or '-'). Returns rows."""
    records = (_jsonable(r) for r in iter_records(store, kind))
    n = 0
    if fmt == "parquet":
        if path in (None, "-"):
            raise ValueError("parquet needs a file: give -o FILE.parquet")
        writer = None
        buf: list[dict] = []
        def flush():
            nonlocal writer
            tbl = pa.Table.from_pylist([{k: (json.dumps(v) if isinstance(v, (dict, list)) and k in (
                "summary", "evidence", "conflicts") else v) for k, v in r.items()} for r in buf])
            if writer is None:
                writer = pq.ParquetWriter(path, tbl.schema)
            writer.write_table(tbl.cast(writer.schema))
            buf.clear()
        for r in records:
            buf.append(r)
            n += 1
            if len(buf) >= 5000:
                flush()
        if buf or writer is None:
            if buf:
                flush()
            else:
                pq.write_table(pa.table({"id": pa.array([], pa.string())}), path)
        if writer is not None:
            writer.close()
        return n
    fh = open(path, "w", encoding="utf-8", newline="") if path not in (None, "-") else io.TextIOWrapper(
        sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "jsonl":
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "csv":
            w = None
            for r in records:
                flat = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                        for k, v in r.items()}
                if w is None:
                    w = csv.DictWriter(fh, fieldnames=list(flat.keys()), extrasaction="ignore")
                    w.writeheader()
                w.writerow(flat)
                n += 1
        else:
            raise ValueError(f"unknown format {fmt!r} (jsonl, csv or parquet)")
    finally:
        if path not in (None, "-"):
            fh.close()
        else:
            fh.flush()
            fh.detach()
    return n
