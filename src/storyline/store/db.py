"""The Store: one DuckDB file; schema, batched writes, and the queries exports and views use.

One writer process at a time (DuckDB's rule: a writing process locks the file, even against
read-only openers in other processes). So readers (the web server, exports) open the file
read-only when it is free, and otherwise the *snapshot* beside it (``<db>.snapshot``), which the
writer publishes between batches (checkpoint, copy, atomic rename): a reader never sees a torn
write and never blocks the writer. With neither, they wait briefly, then fail with one clear line.

A writer announces itself before it opens the file: it holds an exclusive ``flock`` on ``<db>.writer`` for
its lifetime (released by the kernel if it dies). Readers that see that lock go to the snapshot instead of
taking the file, so a stream of readers cannot starve a writer waiting for the file to be free.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

try:
    import fcntl
except ImportError:   # not POSIX: no writer announcement, readers fall back on lock errors only
    fcntl = None  # type: ignore[assignment]

from storyline.model import PIPELINE_VERSION, Annotated, ReadError
from storyline.store import rows
from storyline.store.corpus import CorpusStore
from storyline.store.schema import (
    ADDED_COLUMNS,
    DROPPED_INDEXES,
    INDEXES,
    PER_ARTICLE,
    SCHEMA_VERSION,
    TABLES,
    UNKEYED_SINCE,
    UNKEYED_TABLES,
)


class StoreError(RuntimeError):
    """A store problem with one readable line (locked, newer schema, not a DuckDB file...)."""


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "lock" in msg or "conflicting" in msg or "being used" in msg


def memory_limit() -> str:
    """DuckDB's buffer pool cap per connection (``STORYLINE_DUCKDB_MEMORY``, default 1GB).

    DuckDB's own default is 80% of the machine's RAM, and its buffer pool keeps the blocks it has written
    until that cap presses: a long ingest's writer would grow with the store. Operators past the cap spill
    to ``<db>.tmp``."""
    return _size_setting("STORYLINE_DUCKDB_MEMORY", "1GB")


def stream_memory_limit() -> str:
    """DuckDB's buffer pool cap while an ingest streams batches in (``STORYLINE_DUCKDB_STREAM_MEMORY``, default
    128MB). Appending batches needs little: measured on 20k real annotated articles written in batches of 16,
    the writer's RSS rose 343 -> 585 MB under the 1GB cap (DuckDB keeps the blocks it wrote) and stayed
    328-372 MB under 128MB, with no loss of speed. The wider cap comes back for the corpus steps."""
    return _size_setting("STORYLINE_DUCKDB_STREAM_MEMORY", "128MB")


def _size_setting(var: str, default: str) -> str:
    value = os.environ.get(var, default).strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*([KMGT]i?B|[KMGT]|bytes)?", value, re.IGNORECASE):
        raise StoreError(f"{var}={value!r}: not a memory size (examples: 512MB, 2GB)")
    return value


def connect(path: str | Path, read_only: bool = False, wait: float = 10.0) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, retrying while another process holds the write lock."""
    path = str(path)
    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no such store (run `storyline ingest` first)")
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config={"memory_limit": memory_limit()})
        except duckdb.IOException as exc:
            if _is_lock_error(exc) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
                continue
            if _is_lock_error(exc):
                raise StoreError(f"{path}: the store is busy (another storyline process is writing it); "
                                 f"try again when it finishes") from None
            raise StoreError(f"{path}: cannot open the store ({str(exc).splitlines()[0]})") from None
        except duckdb.Error as exc:
            raise StoreError(f"{path}: not a storyline store ({str(exc).splitlines()[0]})") from None


def file_id(path: str) -> tuple[int, int] | None:
    """The identity of the file at ``path`` now (device, inode); None when there is none. A file replaced by
    rename (a published snapshot) or removed and made again gets a new one."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def snapshot_path(path: str | Path) -> str:
    return f"{path}.snapshot"


def writer_path(path: str | Path) -> str:
    return f"{path}.writer"


def _announce_writer(path: str, wait: float) -> Any:
    """Take the writer announcement lock (see the module docstring); None where flock is unavailable."""
    if fcntl is None:
        return None
    try:
        fh = open(writer_path(path), "a+")
    except OSError:
        return None   # a read-only folder: DuckDB will say what is wrong when it opens the file
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fh
        except BlockingIOError:
            if time.monotonic() >= deadline:
                fh.close()
                raise StoreError(f"{path}: the store is busy (another storyline process is writing it); "
                                 f"try again when it finishes") from None
            time.sleep(0.1)


def writer_active(path: str | Path) -> bool:
    """True while a writer process holds (or waits to take) the store."""
    if fcntl is None or not os.path.exists(writer_path(path)):
        return False
    try:
        with open(writer_path(path)) as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def connect_for_read(path: str | Path, wait: float = 2.0) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A read-only connection: the store itself when free, else its latest snapshot. Returns (con, path used)."""
    path = str(path)
    snap = snapshot_path(path)
    if os.path.exists(snap) and writer_active(path):
        return connect(snap, read_only=True, wait=wait), snap
    try:
        return connect(path, read_only=True, wait=0.0 if os.path.exists(snapshot_path(path)) else wait), path
    except StoreError as exc:
        snap = snapshot_path(path)
        if "busy" in str(exc) and os.path.exists(snap):
            return connect(snap, read_only=True, wait=wait), snap
        raise


class Store(CorpusStore):
    """The store; its corpus-level reads and writes (stories, actor filing, year completion) are in
    ``storyline.store.corpus``."""

    def __init__(self, path: str | Path = "storyline.duckdb", read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self._streaming, self._since_open, self.reopened = False, 0, 0
        if read_only:
            self.con, self.read_path = connect_for_read(self.path)
        else:
            created = not os.path.exists(self.path)
            self._announce = _announce_writer(self.path, wait=10.0)
            try:
                self.con, self.read_path = connect(self.path), self.path
            except BaseException:
                self._release()
                raise
        if not read_only:
            self._init_schema()
            # readers arriving during the write find a snapshot, not a busy store: an (empty) one for a new
            # store, and a copy for a store copied or restored without its snapshot (readers then waited on the
            # write lock: 31 x 503 and 18 s answers while an ingest ran)
            if created or not os.path.exists(snapshot_path(self.path)):
                try:
                    self.publish_snapshot()
                except OSError:
                    pass
        else:
            self._check_version()

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        try:
            self.con.close()
        except Exception:
            pass
        self._release()

    def _release(self) -> None:
        fh = getattr(self, "_announce", None)
        self._announce = None
        if fh is not None:
            try:
                fh.close()   # closing the file drops the flock
            except OSError:
                pass

    def publish_snapshot(self) -> None:
        """Checkpoint and copy the store beside itself for readers, replacing the old copy atomically."""
        if self.read_only:
            return
        self.con.execute("CHECKPOINT")
        snap = snapshot_path(self.path)
        tmp = f"{snap}.tmp-{os.getpid()}"
        try:
            shutil.copyfile(self.path, tmp)
            os.replace(tmp, snap)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    # While streaming, the connection is closed and opened again after this many articles. DuckDB keeps
    # per-row-group metadata and allocator high-water outside its buffer pool: measured on real annotated
    # articles written in batches of 16 under the 128MB cap, the writer's RSS rose 309 -> 356 MB over 30k
    # articles on one connection; reopened every 2k or 8k it stayed under 340 MB, and came back to ~185 MB
    # right after each reopen. Closing checkpoints the WAL, which costs no more than the checkpoints it replaces.
    REOPEN_ARTICLES = 4096

    @contextmanager
    def streaming(self) -> Iterator[Store]:
        """Settings for a long run of small batched writes: a small buffer pool (memory flat in the corpus
        size), one DuckDB thread (the cores belong to the workers producing the batches), and a fresh
        connection every ``REOPEN_ARTICLES`` articles written; restored after."""
        if self.read_only:
            yield self
            return
        self._stream_settings()
        self._streaming, self._since_open = True, 0
        try:
            yield self
            # the last checkpoint under the small cap too: restored to 1GB first, checkpointing a 100k-article
            # run's tail took the ingest process 404 -> 597 MB (a 48k-article store: 186 MB under 128MB, 521 under 1GB)
            self.con.execute("CHECKPOINT")
        finally:
            self._streaming = False
            try:
                self.con.execute(f"SET memory_limit = '{memory_limit()}'")
                self.con.execute("RESET threads")
            except duckdb.Error:
                pass   # the connection is gone (closing after an error): nothing to restore

    def _stream_settings(self) -> None:
        self.con.execute(f"SET memory_limit = '{stream_memory_limit()}'")
        self.con.execute("SET threads = 1")

    def reopen(self) -> None:
        """Close the DuckDB connection and open it again (checkpointing the WAL). The writer announcement
        lock stays held throughout, so readers keep to the snapshot and no other writer gets in."""
        if self.read_only:
            return
        before = file_id(self.path)
        self.con.close()
        if before is None or file_id(self.path) != before:   # never reopen onto a new, empty file
            raise StoreError(f"{self.path}: the store file was removed or replaced while this ingest wrote it; "
                             f"run the ingest again to resume")
        self.con = connect(self.path)
        self.reopened += 1
        self._since_open = 0
        if self._streaming:
            self._stream_settings()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _init_schema(self) -> None:
        con = self.con
        con.execute("BEGIN")
        for ddl in TABLES.values():
            con.execute(ddl)
        for table, column, kind in ADDED_COLUMNS:   # a store made before the column: add it, rows get null
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
        for ddl in INDEXES:
            con.execute(ddl)
        row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('created_by', ?)",
                        [str(SCHEMA_VERSION), PIPELINE_VERSION])
        elif int(row[0]) > SCHEMA_VERSION:
            con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: made by a newer storyline (schema {row[0]} > {SCHEMA_VERSION})")
        elif int(row[0]) < UNKEYED_SINCE:
            _unkey(con)
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
        con.execute("COMMIT")

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except duckdb.Error:
            raise StoreError(f"{self.path}: not a storyline store (no meta table)") from None
        if row and int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer storyline (schema {row[0]} > {SCHEMA_VERSION})")

    # ------------------------------------------------------------ writes
    def known(self, article_ids: Sequence[str]) -> set[str]:
        if not article_ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))",
                                [list(article_ids)]).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, annotated: Sequence[Annotated], errors: Sequence[ReadError] = ()) -> int:
        """Write a batch of processed articles (and refused inputs) in one transaction; return new articles."""
        con = self.con
        stored = self.known([x.article.id for x in annotated])
        fresh = [a for a in annotated if a.article.id not in stored]
        seen: set[str] = set()
        fresh = [a for a in fresh if not (a.article.id in seen or seen.add(a.article.id))]
        con.execute("BEGIN")
        try:
            if fresh:
                self._insert_rows(fresh)
            if errors:   # a refusal is stored once: a rerun of the same bad input adds no row
                rows = {(e.source, e.reason): {"source": e.source, "reason": e.reason,
                                               "pipeline_version": PIPELINE_VERSION} for e in errors}
                _insert(con, "errors", list(rows.values()), new_on=("source", "reason"))
            con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except Exception:
                pass
            raise
        if self._streaming:
            self._since_open += len(fresh)
            if self._since_open >= self.REOPEN_ARTICLES:
                self.reopen()
        return len(fresh)

    def _insert_rows(self, batch: Sequence[Annotated]) -> None:
        con = self.con
        tables, actors = rows.annotated_rows(batch)
        # only articles has a key (see schema.py): the rows of fresh articles are new, one copy of each id kept
        _insert(con, "articles", tables["articles"], ignore=True)
        _insert(con, "sentences", _unique(tables["sentences"], "article_id", "idx"))
        _insert(con, "mentions", tables["mentions"])
        _insert(con, "article_actors", _unique(tables["article_actors"], "article_id", "actor_id"))
        _insert(con, "quotes", _unique(tables["quotes"], "id"))
        _insert(con, "events", _unique(tables["events"], "id"))
        _insert(con, "times", tables["times"])
        if actors:
            _insert(con, "actors", [rows.actor_row(x) for x in actors.values()], new_ids=True)

    def delete_articles(self, ids: Sequence[str]) -> None:
        """Drop articles and everything they produced (used to re-process with a newer pipeline)."""
        self.con.execute("BEGIN")
        for t in PER_ARTICLE:
            self.con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT unnest(?))", [list(ids)])
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)])
        self.con.execute("COMMIT")

    def add_line_stats(self, counts: dict[str, int]) -> None:
        if not counts:
            return
        self.con.execute("BEGIN")
        tbl = pa.table({"key": list(counts), "pages": list(counts.values())})
        self.con.register("_ls", tbl)
        self.con.execute("""INSERT INTO line_stats SELECT key, pages FROM _ls
                            ON CONFLICT (key) DO UPDATE SET pages = line_stats.pages + excluded.pages""")
        self.con.unregister("_ls")
        self.con.execute("COMMIT")

    def furniture_keys(self, min_pages: int) -> frozenset[str]:
        rows = self.con.execute("SELECT key FROM line_stats WHERE pages >= ?", [min_pages]).fetchall()
        return frozenset(r[0] for r in rows)

    def set_state(self, name: str, state: Any) -> None:
        self.con.execute("INSERT OR REPLACE INTO link_state (name, state) VALUES (?, ?)", [name, json.dumps(state)])

    def get_state(self, name: str) -> Any:
        row = self.con.execute("SELECT state FROM link_state WHERE name = ?", [name]).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    # ------------------------------------------------------------ reads
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        assert table in TABLES, table
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _unique(rows: list[dict[str, Any]], *key: str) -> list[dict[str, Any]]:
    """``rows`` with the first of each ``key`` value only."""
    seen: set = set()
    return [r for r in rows if not ((k := tuple(r[c] for c in key)) in seen or seen.add(k))]


def _unkey(con: duckdb.DuckDBPyConnection) -> None:
    """Schema 1 -> 2 inside the caller's transaction: drop the per-article indexes, and copy each keyed
    per-article table (and actors) into an unkeyed one of the same columns (DuckDB drops a key only with its
    table). Seconds on a 22k-article store; the copy streams under the memory cap."""
    for name in DROPPED_INDEXES:
        con.execute(f"DROP INDEX IF EXISTS {name}")
    for table in UNKEYED_TABLES:
        keyed = con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = ? AND "
                            "constraint_type IN ('PRIMARY KEY', 'UNIQUE')", [table]).fetchone()[0]
        if not keyed:
            continue
        con.execute(f"CREATE TABLE _unkeyed_{table} AS SELECT * FROM {table}")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE _unkeyed_{table} RENAME TO {table}")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], ignore: bool = False,
            new_ids: bool = False, new_on: tuple[str, ...] = ()) -> None:
    """Insert dict rows through Arrow (one statement per table per batch: fast in DuckDB). ``ignore``: rows
    whose key is taken are skipped (tables with a key); ``new_ids``: rows whose ``id`` is in the table already
    are skipped (an anti-join, for tables without one); ``new_on``: the same on these columns together."""
    if new_ids:
        new_on = ("id",)
    if not rows:
        return
    cols = list(rows[0].keys())
    schema_types = {r[0]: r[1] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    arrays = {}
    for c in cols:
        vals = [r.get(c) for r in rows]
        arrays[c] = pa.array(vals, type=_arrow_type(schema_types.get(c, "VARCHAR")))
    tbl = pa.table(arrays)
    name = f"_ins_{table}"
    con.register(name, tbl)
    try:
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        match = " AND ".join(f"t.{c} = {name}.{c}" for c in new_on)
        where = f" WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {match})" if new_on else ""
        con.execute(f"{verb} INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM {name}{where}")
    finally:
        con.unregister(name)


def _arrow_type(duck: str) -> pa.DataType:
    duck = duck.upper()
    if duck.endswith("[]"):
        return pa.list_(_arrow_type(duck[:-2]))
    return {"INTEGER": pa.int32(), "BIGINT": pa.int64(), "BOOLEAN": pa.bool_(), "DOUBLE": pa.float64(),
            "TIMESTAMP": pa.timestamp("us"), "JSON": pa.string()}.get(duck, pa.string())
