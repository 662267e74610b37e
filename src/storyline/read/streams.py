"""Opening container files as bounded byte streams (gzip-aware, with a decompression cap)."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

from storyline.read.limits import Limits, human_bytes


class ExpansionLimit(IOError):
    """More bytes came out of a compressed file than Limits.max_expanded_bytes allows."""


class CappedReader(io.RawIOBase):
    """Counts the bytes read through it and stops at a cap (defends against gzip bombs)."""

    def __init__(self, raw, cap: int, name: str):
        self._raw, self._cap, self._name, self.count = raw, cap, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = self._raw.readinto(b)
        self.count += n or 0
        if self.count > self._cap:
            raise ExpansionLimit(f"expands past {human_bytes(self._cap)} (--max-expanded-bytes): "
                                 f"a compression bomb or a file too large to take")
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_stream(path: Path, limits: Limits) -> io.BufferedReader:
    fh = open(path, "rb")
    magic = fh.read(2)
    fh.seek(0)
    if magic == b"\x1f\x8b":
        raw = gzip.GzipFile(fileobj=fh, mode="rb")
        return io.BufferedReader(CappedReader(raw, limits.max_expanded_bytes, str(path)), buffer_size=1 << 16)
    return io.BufferedReader(CappedReader(fh, 1 << 62, str(path)), buffer_size=1 << 16)


def describe_stream_error(exc: BaseException) -> str:
    """One readable reason for a failure while streaming a (compressed) container."""
    if isinstance(exc, ExpansionLimit):
        return str(exc)
    if isinstance(exc, EOFError):
        return "truncated: the compressed stream ends before its end marker"
    if isinstance(exc, gzip.BadGzipFile):
        return f"corrupt gzip data ({exc})"
    if exc.__class__.__name__ == "error" and exc.__class__.__module__ == "zlib":
        return f"corrupt compressed data ({exc})"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return f"{exc.__class__.__name__}: {exc}"
