"""JSON-lines reader: one page per line, ``{"url", "html"}`` or ``{"url", "text"}``.

A bad line is refused on its own (named ``file:line``); the lines around it are read.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from storyline.model import Page, ReadError, content_hash
from storyline.read.decode import NotText, check_text
from storyline.read.limits import Limits, human_bytes
from storyline.read.streams import describe_stream_error, open_stream


def read_jsonl(path: Path, limits: Limits) -> Iterator[Page | ReadError]:
    name = str(path)
    try:
        stream = open_stream(path, limits)
    except OSError as exc:
        yield ReadError(name, f"cannot read: {exc.strerror or exc}")
        return
    lineno = 0
    good = 0
    try:
        with stream:
            while lineno < limits.max_records:
                raw = stream.readline(limits.max_page_bytes + 1)
                if not raw:
                    break
                lineno += 1
                where = f"{name}:{lineno}"
                if len(raw) > limits.max_page_bytes and not raw.endswith(b"\n"):
                    yield ReadError(where, f"line longer than the page limit of {human_bytes(limits.max_page_bytes)}")
                    while raw and not raw.endswith(b"\n"):  # drop the rest of that line
                        raw = stream.readline(1 << 20)
                    continue
                if not raw.strip():
                    continue
                item = _parse_line(raw, where)
                if isinstance(item, Page):
                    good += 1
                yield item
    except Exception as exc:
        yield ReadError(name, describe_stream_error(exc))
        return
    if lineno == 0:
        yield ReadError(name, "empty file")


def _parse_line(raw: bytes, where: str) -> Page | ReadError:
    try:
        obj = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return ReadError(where, f"not valid JSON ({exc.__class__.__name__}: {str(exc)[:80]})")
    if not isinstance(obj, dict):
        return ReadError(where, "a JSON object with \"html\" or \"text\" was expected")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    for key, kind in (("html", "html"), ("text", "text")):
        val = obj.get(key)
        if isinstance(val, str):
            try:
                check_text(val)
            except NotText as exc:
                return ReadError(where, str(exc))
            data = val.encode("utf-8", "surrogatepass")
            return Page(source=where, kind=kind, content=val.encode("utf-8", "replace").decode("utf-8"),
                        content_hash=content_hash(data), url=url, captured=obj.get("captured") if isinstance(
                            obj.get("captured"), str) else None, encoding="utf-8")
    return ReadError(where, "no \"html\" or \"text\" field with a string value")
