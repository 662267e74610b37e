"""WARC reader (.warc, .warc.gz): response records holding HTML become Pages.

Record boundaries are found here (WARC header block + Content-Length) so that one corrupt
record costs only itself: the reader re-synchronises on the next ``WARC/1.x`` line. Each
record's bytes are then parsed by warcio (HTTP headers, chunked/compressed payloads).
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator

from storyline.model import Page, ReadError
from storyline.read.decode import NotText
from storyline.read.limits import Limits, human_bytes
from storyline.read.single import page_from_bytes
from storyline.read.streams import open_stream, describe_stream_error

_VERSION = re.compile(rb"^WARC/\d\.\d+\r?\n$")
_HEADER_LINE_MAX = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml")


def _read_header_block(stream) -> list[bytes] | None:
    lines = []
    total = 0
    while True:
        line = stream.readline(_HEADER_LINE_MAX)
        if not line:
            return lines or None
        total += len(line)
        if total > 1024 * 1024:
            raise ValueError("WARC header block too long")
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


def _skip(stream, n: int) -> None:
    while n > 0:
        chunk = stream.read(min(n, 1 << 20))
        if not chunk:
            raise EOFError("WARC record ends early")
        n -= len(chunk)


def _resync(stream) -> bytes | None:
    """Skip to the next line that starts a WARC record; return that line (or None at the end)."""
    while True:
        line = stream.readline(_HEADER_LINE_MAX)
        if not line:
            return None
        if _VERSION.match(line):
            return line


def read_warc(path: Path, limits: Limits) -> Iterator[Page | ReadError]:
    name = str(path)
    try:
        stream = open_stream(path, limits)
    except OSError as exc:
        yield ReadError(name, f"cannot read: {exc.strerror or exc}")
        return
    n = 0
    pending: bytes | None = None
    try:
        with stream:
            while n < limits.max_records:
                first = pending or stream.readline(_HEADER_LINE_MAX)
                pending = None
                while first in (b"\r\n", b"\n"):
                    first = stream.readline(_HEADER_LINE_MAX)
                if not first:
                    break
                n += 1
                where = f"{name}#record{n}"
                if not _VERSION.match(first):
                    if n == 1:
                        yield ReadError(name, "not a WARC file (no WARC/1.x header)")
                        return
                    yield ReadError(where, "corrupt WARC record (bad header line): skipped to the next record")
                    pending = _resync(stream)
                    continue
                block = _read_header_block(stream)
                if block is None:
                    yield ReadError(where, "truncated WARC record (header block ends early)")
                    break
                lines = [first] + block
                h = _headers(lines)
                try:
                    length = int(h.get("content-length", ""))
                    if length < 0:
                        raise ValueError
                except ValueError:
                    yield ReadError(where, "corrupt WARC record (no valid Content-Length): skipped to the next record")
                    pending = _resync(stream)
                    continue
                rtype = h.get("warc-type", "")
                if rtype != "response" or length > limits.max_page_bytes:
                    if rtype == "response":
                        yield ReadError(where, f"record of {human_bytes(length)} is over the page limit of "
                                               f"{human_bytes(limits.max_page_bytes)} (--max-page-bytes)")
                    _skip(stream, length)
                    continue
                body = stream.read(length)
                if len(body) < length:
                    yield ReadError(where, "truncated WARC record (content shorter than its Content-Length)")
                    break
                page = _page_from_record(b"".join(lines) + b"\r\n" + body + b"\r\n\r\n", where, h)
                if page is not None:
                    yield page
    except Exception as exc:  # stream-level failure: report it; pages already yielded are kept
        yield ReadError(name, describe_stream_error(exc))


def _page_from_record(raw: bytes, where: str, h: dict[str, str]) -> Page | ReadError | None:
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
            data = rec.content_stream().read()
            m = re.search(r"charset=([\w.:-]+)", ctype, re.I)
            return page_from_bytes(data, source=where, kind="html", url=h.get("warc-target-uri"),
                                   captured=h.get("warc-date"), declared=m.group(1) if m else None)
    except NotText as exc:
        return ReadError(where, str(exc))
    except Exception as exc:
        return ReadError(where, f"unreadable WARC record ({exc.__class__.__name__}: {exc})")
    return None
