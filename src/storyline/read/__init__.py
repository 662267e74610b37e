"""read: any input -> Page records (or ReadError records, never a crash of the batch).

``read_paths(paths, limits)`` walks files and folders lazily and dispatches on the file type:
.txt (scraped text), .html/.htm, .warc/.warc.gz, .jsonl(.gz).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.model import Page, ReadError
from storyline.read.files import format_of, walk
from storyline.read.jsonl import read_jsonl
from storyline.read.limits import DEFAULT_LIMITS, Limits
from storyline.read.names import refuse, source_name
from storyline.read.single import read_single
from storyline.read.warc import read_warc

__all__ = ["Limits", "DEFAULT_LIMITS", "read_file", "read_paths", "format_of"]


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Page | ReadError]:
    fmt = format_of(path)
    try:
        if fmt in ("text", "html"):
            yield from read_single(path, fmt, limits)
        elif fmt == "warc":
            yield from read_warc(path, limits)
        elif fmt == "jsonl":
            yield from read_jsonl(path, limits)
        else:
            yield refuse(path, "unsupported file type")
    except Exception as exc:  # last line of defence: a reader bug costs one file, not the batch
        yield refuse(source_name(path), f"reader failed ({exc.__class__.__name__}: {exc})")


def read_paths(paths: Iterable[str], limits: Limits = DEFAULT_LIMITS) -> Iterator[Page | ReadError]:
    for item in walk(list(paths), limits):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item, limits)
