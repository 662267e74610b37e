"""Read connections for the server: one read-only DuckDB instance shared for at most ``ttl`` seconds.

Opening the store costs tens of milliseconds, more than most queries, so requests share one read-only
instance (each request gets its own cursor: DuckDB connections are not shared between threads). The
instance is retired after ``ttl`` seconds and closed as soon as its last request finishes, and an idle
one is closed by a small reaper thread: the server never keeps the file open for long, so an ingest can
take the write lock, and a new snapshot (or the store after the ingest) is seen within ``ttl`` seconds.

Sooner, in fact: each request first checks (a ``stat`` and a non-blocking ``flock`` probe, ~11 µs measured) that the
instance still reads the right file. One opened on the snapshot is retired as soon as the writer has gone or
has published a newer snapshot, and one opened on the store as soon as a writer announces itself, so the
request after an ingest ends sees all of it, and a waiting writer is not kept waiting for the ttl.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Optional

import duckdb

from storyline.store.db import connect_for_read, file_id, snapshot_path, writer_active
from storyline.store.queries.cache import Generation, generation


class _Instance:
    __slots__ = ("con", "path", "stamp", "generation", "opened", "last_used", "users", "retired")

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, gen: Generation = None):
        self.con, self.path = con, path
        self.stamp = file_id(path)   # a published snapshot is a new file (atomic rename)
        self.generation = gen        # what the instance reads (None: not pinned down, nothing cached)
        self.opened = self.last_used = time.monotonic()
        self.users = 0
        self.retired = False


class ReadPool:
    def __init__(self, db: str, ttl: float = 1.0, wait: float = 2.0):
        self.db, self.ttl, self.wait = str(db), ttl, wait
        self._lock = threading.Lock()
        self._current: Optional[_Instance] = None
        self._stop = threading.Event()
        self._reaper: Optional[threading.Thread] = None
        self.opened = 0            # how many times the store was opened (for tests and the bench)

    def _retire(self, inst: _Instance) -> None:
        inst.retired = True
        if self._current is inst:
            self._current = None
        if inst.users == 0:
            try:
                inst.con.close()
            except duckdb.Error:
                pass

    def _start_reaper(self) -> None:   # called with the lock held
        if self._reaper is None:
            self._reaper = threading.Thread(target=self._reap, name="storyline-read-pool", daemon=True)
            self._reaper.start()

    def _reap(self) -> None:
        while not self._stop.wait(max(0.02, self.ttl / 4)):
            with self._lock:
                inst = self._current
                if inst is None:
                    self._reaper = None         # nothing open: the next acquire starts a new reaper
                    return
                if self._stale(inst):
                    self._retire(inst)

    def _stale(self, inst: _Instance) -> bool:
        """True when ``inst`` is past its ttl or no longer reads the file a fresh request would open."""
        if time.monotonic() - inst.opened >= self.ttl:
            return True
        if inst.path == snapshot_path(self.db):          # read the snapshot while a writer ran
            return not writer_active(self.db) or file_id(inst.path) != inst.stamp
        return writer_active(self.db)                      # read the store: a writer is waiting for it

    def _take(self) -> Optional[_Instance]:
        """The current instance, counted as in use (None when there is none fit to use). Lock held by the caller."""
        inst = self._current
        if inst is not None and self._stale(inst):
            self._retire(inst)
            inst = None
        if inst is not None:
            inst.users += 1
            inst.last_used = time.monotonic()
        return inst

    def _open(self) -> tuple[duckdb.DuckDBPyConnection, str, Generation]:
        """A new read-only connection, the path it reads and that file's generation. The file cannot change while a
        connection reads it (a writer needs it to itself; a snapshot is replaced by a rename): the generation seen
        before and after opening is that of the file opened, unless a rename came between (then None)."""
        candidates = (self.db, snapshot_path(self.db))
        before = {p: generation(p) for p in candidates}
        con, path = connect_for_read(self.db, wait=self.wait)
        gen = generation(path)
        return con, path, gen if gen is not None and gen == before.get(path) else None

    @contextmanager
    def read(self) -> Iterator[tuple[duckdb.DuckDBPyConnection, Generation]]:
        """A cursor for one request, and the generation of the file it reads."""
        with self._lock:
            inst = self._take()
        if inst is None:
            # opened outside the lock: a store that is busy (a writer and no snapshot) makes this request wait up to
            # ``wait`` seconds and then fail with a clear error, without queueing every other request behind it
            con, path, gen = self._open()
            with self._lock:
                inst = self._take()
                if inst is None:
                    inst = self._current = _Instance(con, path, gen)
                    self.opened += 1
                    self._start_reaper()
                    inst.users += 1
                    con = None
            if con is not None:     # another request opened one meanwhile: use it
                try:
                    con.close()
                except duckdb.Error:
                    pass
        with self._lock:
            cur = inst.con.cursor()
        try:
            yield cur, inst.generation
        finally:
            try:
                cur.close()
            except duckdb.Error:
                pass
            with self._lock:
                inst.users -= 1
                if inst.retired and inst.users == 0:
                    try:
                        inst.con.close()
                    except duckdb.Error:
                        pass

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.read() as (cur, _gen):
            yield cur

    def is_open(self) -> bool:
        with self._lock:
            return self._current is not None

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            if self._current is not None:
                self._retire(self._current)
