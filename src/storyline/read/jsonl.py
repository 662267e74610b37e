"""JSON-lines reader: one page per line, ``{"url", "html"}`` or ``{"url", "text"}``.

A bad line is refused on its own (named ``file:line``); the lines around it are read. In a
``.jsonl.gz`` a corrupt gzip member costs the lines inside it (streams.GzipMembers resynchronises).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from storyline.model import Page, ReadError, content_hash
from storyline.read.decode import NotText, check_text
from storyline.read.limits import DEFAULT_LIMITS, Limits, human_bytes
from storyline.read.names import printable, refuse, source_name
from storyline.read.streams import damage_of, describe_stream_error, open_stream


def read_jsonl(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Page | ReadError]:
    name = source_name(path)
    try:
        stream = open_stream(path, limits)
    except OSError as exc:
        yield refuse(name, describe_stream_error(exc))
        return
    lineno = 0
    said = 0       # lines that gave a page or a refusal
    damage = 0
    try:
        with stream:
            while lineno < limits.max_records:
                raw = stream.readline(limits.max_page_bytes + 1)
                if not raw:
                    if damage_of(stream) != damage:
                        damage = damage_of(stream)
                        yield refuse(f"{name}:{lineno + 1}", f"corrupt compressed data "
                                     f"({stream.raw.last_damage}): lines lost up to the next gzip member")
                        continue
                    break
                lineno += 1
                where = f"{name}:{lineno}"
                if len(raw) > limits.max_page_bytes and not raw.endswith(b"\n"):
                    said += 1
                    yield refuse(where, f"line longer than the page limit of {human_bytes(limits.max_page_bytes)} "
                                        f"(--max-page-bytes)")
                    while raw and not raw.endswith(b"\n"):  # drop the rest of that line
                        raw = stream.readline(1 << 20)
                    continue
                if not raw.strip():
                    continue
                said += 1
                yield _parse_line(raw, where)
    except Exception as exc:
        yield refuse(name, describe_stream_error(exc))
        return
    if said == 0 and not damage:
        yield refuse(name, "empty file" if lineno == 0 else "no JSON lines (only blank lines)")


def _str_field(obj: dict, key: str) -> str | None:
    val = obj.get(key)
    return printable(val) if isinstance(val, str) else None


def _parse_line(raw: bytes, where: str) -> Page | ReadError:
    try:
        obj = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return refuse(where, f"not valid JSON ({exc.__class__.__name__}: {str(exc)[:80]})")
    if not isinstance(obj, dict):
        return refuse(where, "a JSON object with \"html\" or \"text\" was expected")
    for key, kind in (("html", "html"), ("text", "text")):
        val = obj.get(key)
        if isinstance(val, str):
            # JSON may carry lone surrogates (\ud800): keep the text storable
            text = val.encode("utf-8", "replace").decode("utf-8")
            try:
                check_text(text)
            except NotText as exc:
                return refuse(where, str(exc))
            return Page(source=where, kind=kind, content=text,
                        content_hash=content_hash(val.encode("utf-8", "surrogatepass")),
                        url=_str_field(obj, "url"), captured=_str_field(obj, "captured"), encoding="utf-8")
    return refuse(where, "no \"html\" or \"text\" field with a string value")
