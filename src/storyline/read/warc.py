"""WARC reader (.warc, .warc.gz): response and resource records holding HTML become Pages.

Record boundaries are found here (WARC header block + Content-Length) so that one corrupt
record costs only itself: the reader re-synchronises on the next ``WARC/1.x`` line, and in a
``.warc.gz`` on the next gzip member (streams.GzipMembers). Each record's bytes are then parsed
by warcio (HTTP headers, chunked/compressed payloads); the decoded payload is read under the page
limit, so a compression bomb inside one HTTP response is refused without being expanded.

Every page-like record is either read or refused with a reason, never dropped in silence: a record whose
Content-Length runs into the next record (its content is not followed by the blank line that ends a record,
and the next record's ``WARC/1.x`` header stands inside it) is refused and the record after it is read from
where it really starts; ``resource`` records holding HTML are pages too; a response without a Content-Type is
read when its payload looks like HTML and refused otherwise. Records that are not pages by their declared
type (requests, metadata, images, scripts) are skipped by design.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

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
_PAGE_RECORDS = ("response", "resource")
# the start of a record inside another record's content: blank line, version line, then a WARC header field
_EMBEDDED_RECORD = re.compile(rb"\r?\n\r?\n(WARC/\d\.\d+\r?\n)(?=(?:[^\r\n]*\r?\n){0,40}?WARC-[A-Za-z-]+:)")
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|title|article|p)[\s>]", re.I)


class _Pushback:
    """The stream, with bytes given back to be read again (the part of an over-long record that belongs to the
    next one). ``raw`` is the stream's own, so that damage counts read through it still work."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._buf = b""
        self.raw = getattr(stream, "raw", None)

    def unread(self, data: bytes) -> None:
        self._buf = data + self._buf

    def readline(self, limit: int = -1) -> bytes:
        if self._buf:
            end = self._buf.find(b"\n")
            cut = len(self._buf) if end < 0 else end + 1
            if limit >= 0:
                cut = min(cut, limit)
            line, self._buf = self._buf[:cut], self._buf[cut:]
            if line.endswith(b"\n") or (limit >= 0 and len(line) >= limit):
                return line
            return line + self._stream.readline(-1 if limit < 0 else limit - len(line))
        return self._stream.readline(limit)

    def read(self, n: int) -> bytes:
        if self._buf:
            out, self._buf = self._buf[:n], self._buf[n:]
            return out
        return self._stream.read(n)


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
    raw_stream = stream
    try:
        with raw_stream:
            stream = _Pushback(raw_stream)
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
                    if rtype not in _PAGE_RECORDS or length > limits.max_page_bytes:
                        if rtype in _PAGE_RECORDS:
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
                    if _overruns(stream, body):
                        yield refuse(where, "corrupt WARC record (its Content-Length runs into the next record): "
                                            "skipped; the next record is read from its own header")
                        continue
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
    stream = raw_stream
    if n == 0 and not damage_of(stream):
        yield refuse(name, "empty file")
    elif damage_of(stream) > reported_damage:
        yield refuse(name, f"corrupt compressed data ({stream.raw.last_damage}): skipped")


def _overruns(stream: _Pushback, body: bytes) -> bool:
    """Is this record's content longer than the record? A record ends with a blank line; when what follows the
    content is not one and the next record's header stands inside the content, give that part back to the stream
    (it is the next record) and say so."""
    tail = stream.read(4)
    if tail[:2] == b"\r\n" or tail[:1] == b"\n" or not tail:
        stream.unread(tail)
        return False
    m = _EMBEDDED_RECORD.search(body)
    if m is None:
        stream.unread(tail)
        return False
    stream.unread(body[m.start(1):] + tail)
    return True


def _page_from_record(raw: bytes, where: str, h: dict[str, str], limits: Limits) -> Page | ReadError | None:
    try:
        for rec in ArchiveIterator(io.BytesIO(raw), no_record_parse=False, arc2warc=False):
            if rec.rec_type not in _PAGE_RECORDS:
                return None
            http = rec.http_headers if rec.rec_type == "response" else None
            if rec.rec_type == "response" and http is None:
                return refuse(where, "response record without HTTP headers: skipped")
            ctype = ((http.get_header("Content-Type") if http else h.get("content-type")) or "").strip()
            if ctype and not any(t in ctype.lower() for t in _HTML_TYPES):
                return None  # images, scripts, PDFs: not pages
            status = http.get_statuscode() if http else "200"
            if status and not str(status).startswith("2"):
                return None
            data = _read_capped(rec.content_stream(), limits.max_page_bytes)
            if data is None:
                return refuse(where, f"page expands past the page limit of {human_bytes(limits.max_page_bytes)} "
                                     f"(--max-page-bytes) once its Content-Encoding is undone")
            if not ctype and not _HTML_SNIFF.search(data[:4096]):
                return refuse(where, f"{rec.rec_type} record without a Content-Type whose content does not look "
                                     f"like HTML: skipped")
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
