"""WARC reader (.warc, .warc.gz): response records holding HTML become Pages.

Record boundaries are found here (WARC header block + Content-Length) so that one corrupt
record costs only itself: the reader re-synchronises on the next ``WARC/1.x`` line, and in a
``.warc.gz`` on the next gzip member (streams.GzipMembers). Each record's bytes are then parsed
by warcio (HTTP headers, chunked/compressed payloads); the decoded payload is read under the page
limit, so a compression bomb inside one HTTP response is refused without being expanded.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator

from storyline.model import Page, ReadError
from storyline.read.decode import NotText
from storyline.read.limits import DEFAULT_LIMITS, Limits, human_bytes
from storyline.read.names import refuse, source_name
from storyline.read.single import page_from_bytes
from storyline.read.streams import damage_of, describe_stream_error, open_stream

_VERSION = re.compile(rb"^WARC/\d\.\d+\r?\n$")
_HEADER_LINE_MAX = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml")


class _Damaged(Exception):
    """The compressed stream skipped a corrupt stretch inside this record."""


def _readline(stream, before: int) -> bytes:
    line = stream.readline(_HEADER_LINE_MAX)
    if not line and damage_of(stream) != before:
        raise _Damaged
    return line


def _read_header_block(stream, before: int) -> list[bytes] | None:
    lines = []
    total = 0
    while True:
        line = _readline(stream, before)
        if not line:
            return None
        total += len(line)
        if total > 1024 * 1024:
            raise ValueError("WARC header block longer than 1 MB")
        if line in (b"\r\n", b"\n"):
            return lines
        lines.append(line)


def _headers(lines: list[bytes]) -> dict[str, str]:
    out = {}
    for line in lines[1:]:
        if b":" in line:
            k, v = line.split(b":", 1)
            out[k.strip().decode("latin-1").lower()] = v.strip().decode("latin-1")
    return out


def _read_exact(stream, n: int, before: int, keep: bool) -> bytes | None:
    """Read (keep) or skip ``n`` bytes; None when the file ends early."""
    parts = []
    while n > 0:
        chunk = stream.read(min(n, 1 << 20))
        if not chunk:
            if damage_of(stream) != before:
                raise _Damaged
            return None
        n -= len(chunk)
        if keep:
            parts.append(chunk)
    return b"".join(parts)


def _resync(stream) -> bytes | None:
    """Skip to the next line that starts a WARC record; return that line (or None at the end)."""
    misses = 0
    while True:
        line = stream.readline(_HEADER_LINE_MAX)
        if not line:
            misses += 1
            if misses > 1 or not damage_of(stream):
                return None
            continue
        misses = 0
        if _VERSION.match(line):
            return line


def read_warc(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Page | ReadError]:
    name = source_name(path)
    try:
        stream = open_stream(path, limits)
    except OSError as exc:
        yield refuse(name, describe_stream_error(exc))
        return
    n = 0
    pending: bytes | None = None
    reported_damage = 0
    try:
        with stream:
            while n < limits.max_records:
                before = damage_of(stream)
                where = f"{name}#record{n + 1}"
                try:
                    first = pending or _readline(stream, before)
                    pending = None
                    while first in (b"\r\n", b"\n"):
                        first = _readline(stream, before)
                    if not first:
                        break
                    n += 1
                    if not _VERSION.match(first):
                        if n == 1 and not damage_of(stream):
                            yield refuse(name, "not a WARC file (no WARC/1.x header)")
                            return
                        yield refuse(where, "corrupt WARC record (bad header line): skipped to the next record")
                        pending = _resync(stream)
                        continue
                    block = _read_header_block(stream, before)
                    if block is None:
                        yield refuse(where, "truncated WARC record (header block ends early)")
                        break
                    lines = [first] + block
                    h = _headers(lines)
                    try:
                        length = int(h.get("content-length", ""))
                        if length < 0:
                            raise ValueError
                    except ValueError:
                        yield refuse(where, "corrupt WARC record (no valid Content-Length): skipped to the next record")
                        pending = _resync(stream)
                        continue
                    rtype = h.get("warc-type", "")
                    if rtype != "response" or length > limits.max_page_bytes:
                        if rtype == "response":
                            yield refuse(where, f"record of {human_bytes(length)} is over the page limit of "
                                                f"{human_bytes(limits.max_page_bytes)} (--max-page-bytes)")
                        if _read_exact(stream, length, before, keep=False) is None:
                            yield refuse(where, "truncated WARC record (content shorter than its Content-Length)")
                            break
                        continue
                    body = _read_exact(stream, length, before, keep=True)
                    if body is None:
                        yield refuse(where, "truncated WARC record (content shorter than its Content-Length)")
                        break
                except _Damaged:
                    n = max(n, 1)
                    reported_damage = damage_of(stream)
                    yield refuse(where, f"corrupt compressed data in this record "
                                        f"({stream.raw.last_damage}): skipped to the next gzip member")
                    continue
                page = _page_from_record(b"".join(lines) + b"\r\n" + body + b"\r\n\r\n", where, h, limits)
                if page is not None:
                    yield page
    except Exception as exc:  # stream-level failure: report it; pages already yielded are kept
        yield refuse(name, describe_stream_error(exc))
        return
    if n == 0 and not damage_of(stream):
        yield refuse(name, "empty file")
    elif damage_of(stream) > reported_damage:
        yield refuse(name, f"corrupt compressed data ({stream.raw.last_damage}): skipped")


def _page_from_record(raw: bytes, where: str, h: dict[str, str], limits: Limits) -> Page | ReadError | None:
    try:
        for rec in ArchiveIterator(io.BytesIO(raw), no_record_parse=False, arc2warc=False):
            if rec.rec_type != "response":
                return None
            http = rec.http_headers
            ctype = (http.get_header("Content-Type") if http else "") or ""
            if http is not None and not any(t in ctype.lower() for t in _HTML_TYPES):
                return None  # images, scripts, PDFs: not pages
            status = http.get_statuscode() if http else "200"
            if status and not str(status).startswith("2"):
                return None
            data = _read_capped(rec.content_stream(), limits.max_page_bytes)
            if data is None:
                return refuse(where, f"page expands past the page limit of {human_bytes(limits.max_page_bytes)} "
                                     f"(--max-page-bytes) once its Content-Encoding is undone")
            m = re.search(r"charset=([\w.:-]+)", ctype, re.I)
            return page_from_bytes(data, source=where, kind="html", url=h.get("warc-target-uri"),
                                   captured=h.get("warc-date"), declared=m.group(1) if m else None)
    except NotText as exc:
        return refuse(where, str(exc))
    except Exception as exc:
        return refuse(where, f"unreadable WARC record ({exc.__class__.__name__}: {exc})")
    return None


def _read_capped(stream, cap: int) -> bytes | None:
    parts, total = [], 0
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > cap:
            return None
        parts.append(chunk)
