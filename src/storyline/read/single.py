"""Readers for one-page files: scraped text (.txt) and HTML (.html/.htm)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from storyline.model import Page, ReadError, content_hash
from storyline.read.decode import NotText, decode
from storyline.read.limits import DEFAULT_LIMITS, Limits, human_bytes
from storyline.read.names import printable, refuse, source_name
from storyline.read.streams import describe_stream_error, open_regular


def read_bytes_limited(path: str | os.PathLike, limits: Limits) -> bytes:
    """The file's bytes, refused by its size before reading (a 1 GB sparse file costs one fstat)."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limits.max_page_bytes:
            raise NotText(f"file is {human_bytes(size)}, over the page limit of "
                          f"{human_bytes(limits.max_page_bytes)} (--max-page-bytes)")
        data = fh.read(limits.max_page_bytes + 1)   # bounded even if the file grows meanwhile
    if len(data) > limits.max_page_bytes:
        raise NotText(f"file grew past the page limit of {human_bytes(limits.max_page_bytes)}")
    return data


def page_from_bytes(data: bytes, *, source: str, kind: str, url: str | None = None,
                    captured: str | None = None, declared: str | None = None) -> Page:
    text, enc = decode(data, html=(kind == "html"), declared=declared)
    return Page(source=printable(source), kind=kind, content=text, content_hash=content_hash(data),
                url=printable(url) if url else None, captured=printable(captured) if captured else None,
                encoding=enc)


def read_single(path: Path, kind: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Page | ReadError]:
    name = source_name(path)
    try:
        data = read_bytes_limited(path, limits)
        yield page_from_bytes(data, source=name, kind=kind)
    except NotText as exc:
        yield refuse(name, str(exc))
    except OSError as exc:
        yield refuse(name, describe_stream_error(exc))
