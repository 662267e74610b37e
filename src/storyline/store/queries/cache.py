"""Reads answered once per generation of the store: the story list's rows and recent story views.

A store opened read-only cannot change while it is open (DuckDB's writer needs the file to itself, and a snapshot
is replaced by a rename, never rewritten), so what a query returns is fixed by the file read: its ``generation``
(device, inode, size and modification time of the file and of its write-ahead log). The server computes each
story list row once per generation (``story_index``: no per-request scans of quotes, events and merged events) and
keeps the most recent story views' JSON and pages (up to a byte budget), so a story read twice is neither queried
nor encoded nor rendered again.
Nothing is kept across generations: the first request after an ingest reads the new store.
"""
from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Optional

from storyline.store.queries.articles import counts as _counts
from storyline.store.queries.common import Con
from storyline.store.queries.stories import get_story, list_stories, story_index

Generation = Optional[tuple]


def _stat(path: str) -> Optional[tuple[int, int, int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def generation(path: str) -> Generation:
    """What identifies the content of the store file at ``path`` now (None when there is no file)."""
    main = _stat(path)
    return None if main is None else (str(path), main, _stat(f"{path}.wal"))


def to_json(value: Any) -> bytes:
    """``value`` as the API sends it (the same bytes as a FastAPI/Starlette JSONResponse of it)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (bytes, str)) else 1024


class ReadCache:
    """Answers keyed by (generation, what was asked), the most recent kept up to ``max_bytes`` (encoded JSON and
    pages by their length, anything else as 1 KB); thread-safe. A generation of None (the file read could not be
    pinned down) is never cached."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._data: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self._index: dict[Generation, Any] = {}
        self.bytes = self.hits = self.misses = 0

    def get(self, gen: Generation, key: Hashable, compute: Callable[[], Any]) -> Any:
        if gen is None or self.max_bytes <= 0:
            return compute()
        k = (gen, key)
        with self._lock:
            if k in self._data:
                self._data.move_to_end(k)
                self.hits += 1
                return self._data[k][0]
        value = compute()
        size = _size(value)
        with self._lock:
            self.misses += 1
            if k not in self._data and size <= self.max_bytes:
                self._data[k] = (value, size)
                self.bytes += size
            while self.bytes > self.max_bytes:
                _, (_, dropped) = self._data.popitem(last=False)
                self.bytes -= dropped
        return value

    def per_generation(self, gen: Generation, compute: Callable[[], Any]) -> Any:
        """One value per generation (the story index), the last two generations kept (store and snapshot)."""
        if gen is None:
            return compute()
        with self._lock:
            if gen in self._index:
                return self._index[gen]
        value = compute()
        with self._lock:
            self._index[gen] = value
            while len(self._index) > 2:
                self._index.pop(next(iter(self._index)))
        return value


class StoreReads:
    """The reads of one request: ``con`` reads the file of generation ``gen``; answers are shared through ``cache``."""

    def __init__(self, con: Con, gen: Generation, cache: ReadCache):
        self.con, self.gen, self.cache = con, gen, cache

    def story_list(self, **filters: Any) -> dict[str, Any]:
        index = self.cache.per_generation(self.gen, lambda: story_index(self.con))
        return list_stories(self.con, index=index, **filters)

    def story(self, story_id: str) -> Optional[dict[str, Any]]:
        """One story as ``get_story`` reads it (not kept: its JSON and its page are, see ``story_json``)."""
        return get_story(self.con, story_id)

    def story_json(self, story_id: str) -> Optional[bytes]:
        """The story as the API sends it, encoded once per generation (None when there is no such story)."""
        def encode() -> Optional[bytes]:
            found = self.story(story_id)
            return None if found is None else to_json(found)
        return self.cache.get(self.gen, ("story.json", story_id), encode)

    def counts(self) -> dict[str, int]:
        return self.cache.get(self.gen, ("counts",), lambda: _counts(self.con))
