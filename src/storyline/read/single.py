"""Readers for one-page files: scraped text (.txt) and HTML (.html/.htm)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from storyline.model import Page, ReadError, content_hash
from storyline.read.decode import NotText, decode
from storyline.read.limits import Limits, human_bytes


def read_bytes_limited(path: Path, limits: Limits) -> bytes:
    size = path.stat().st_size
    if size > limits.max_page_bytes:
        raise NotText(f"file is {human_bytes(size)}, over the page limit of {human_bytes(limits.max_page_bytes)} "
                      f"(--max-page-bytes)")
    with open(path, "rb") as fh:
        data = fh.read(limits.max_page_bytes + 1)
    if len(data) > limits.max_page_bytes:
        raise NotText(f"file grew past the page limit of {human_bytes(limits.max_page_bytes)}")
    return data


def page_from_bytes(data: bytes, *, source: str, kind: str, url: str | None = None,
                    captured: str | None = None, declared: str | None = None) -> Page:
    text, enc = decode(data, html=(kind == "html"), declared=declared)
    return Page(source=source, kind=kind, content=text, content_hash=content_hash(data), url=url,
                captured=captured, encoding=enc)


def read_single(path: Path, kind: str, limits: Limits) -> Iterator[Page | ReadError]:
    try:
        data = read_bytes_limited(path, limits)
        yield page_from_bytes(data, source=str(path), kind=kind)
    except NotText as exc:
        yield ReadError(str(path), str(exc))
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
