"""Opening input files safely, as bounded byte streams (gzip-aware, with decompression caps).

* ``open_regular`` opens without blocking and refuses anything but a regular file (a FIFO named
  ``.html`` would otherwise hang the run; ``/dev/zero`` would never end).
* ``open_stream`` wraps a ``.gz`` file in a reader that stops at ``max_expanded_bytes`` and at
  ``max_expansion_ratio`` (a gzip bomb is refused after a few MB, not after GBs), and that survives a
  corrupt gzip member: it reports the damage and carries on at the next member, so in a per-record
  ``.warc.gz`` one damaged record costs only itself.
"""
from __future__ import annotations

import io
import os
import stat
import zlib

from storyline.read.limits import Limits, human_bytes


class ExpansionLimit(IOError):
    """More bytes came out of a compressed file than the limits allow."""


class NotRegular(IOError):
    """The path is a FIFO, device, socket or folder, not a regular file."""


def open_regular(path: str | os.PathLike) -> io.FileIO:
    """Open ``path`` for reading without ever blocking; refuse what is not a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                    or stat.S_ISBLK(st.st_mode) else "a folder" if stat.S_ISDIR(st.st_mode) else "a socket"
                    if stat.S_ISSOCK(st.st_mode) else "special")
            raise NotRegular(f"not a regular file ({kind})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return io.FileIO(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


class GzipMembers(io.RawIOBase):
    """Decompress a (multi-member) gzip file under caps; resynchronise after a corrupt member.

    ``damage`` counts corrupt stretches skipped. At a corrupt member the read returns short (0 bytes
    once, like an end of file) so a reader can notice ``damage`` went up and drop the record in flight;
    the next read goes on from the next gzip member header found in the file.
    """

    _MAGIC = b"\x1f\x8b\x08"

    def __init__(self, fh: io.FileIO, limits: Limits):
        self._fh, self._limits = fh, limits
        self._d = zlib.decompressobj(31)
        self._buf = b""              # decompressed, not yet returned
        self._eof = False
        self._short = False          # report one short read after damage
        self._in_member = False
        self.count = 0               # decompressed bytes returned
        self.compressed = 0          # compressed bytes consumed
        self.damage = 0
        self.last_damage = ""

    def readable(self) -> bool:
        return True

    def _check(self) -> None:
        lim = self._limits
        if self.count > lim.max_expanded_bytes:
            raise ExpansionLimit(f"expands past {human_bytes(lim.max_expanded_bytes)} (--max-expanded-bytes): "
                                 f"a compression bomb or a file too large to take")
        if self.count > lim.ratio_after_bytes and self.count > lim.max_expansion_ratio * max(1, self.compressed):
            raise ExpansionLimit(f"expands more than {lim.max_expansion_ratio}x ({human_bytes(self.count)} from "
                                 f"{human_bytes(self.compressed)}): a compression bomb")

    def _resync(self, data: bytes, why: str) -> None:
        """Skip to the next gzip member header after a corrupt one."""
        self.damage += 1
        self.last_damage = why
        self._short = True
        self._d = zlib.decompressobj(31)
        self._in_member = False
        at = data.find(self._MAGIC, 1)
        while at < 0:
            more = self._fh.read(1 << 16)
            if not more:
                self._eof = True
                return
            self.compressed += len(more)
            data = data[-2:] + more
            at = data.find(self._MAGIC, 1 if len(data) > len(more) else 0)
        self._pending = data[at:]

    _pending = b""

    def _fill(self, want: int) -> None:
        while not self._buf and not self._eof and not self._short:
            if self._pending:
                data, self._pending = self._pending, b""
            elif self._d.unconsumed_tail:
                data = b""
            else:
                data = self._fh.read(1 << 16)
                self.compressed += len(data)
                if not data:
                    self._eof = True
                    if self._in_member:
                        raise EOFError("compressed stream ends before its end marker")
                    return
            data = self._d.unconsumed_tail + data
            if not self._in_member and len(data) < 3:
                more = self._fh.read(1 << 16)
                self.compressed += len(more)
                if more:
                    self._pending = data + more
                    continue
            if not self._in_member and data and not data.startswith(self._MAGIC[:2]):
                if data.strip(b"\0") == b"" and len(data) < 1 << 16:
                    continue  # padding after the last member
                self._resync(data, "bytes between gzip members")
                continue
            self._in_member = True
            try:
                out = self._d.decompress(data, max(want, 1 << 16))
            except zlib.error as exc:
                self._resync(data, f"corrupt gzip data ({exc})")
                continue
            self._buf = out
            if self._d.eof:   # member done: the next one starts in unused_data
                self._pending = self._d.unused_data
                self._d = zlib.decompressobj(31)
                self._in_member = False

    def readinto(self, b) -> int:
        if not self._buf:
            self._fill(len(b))
        if not self._buf:      # end of file, or one short read to mark damage
            self._short = False
            return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        self.count += n
        self._check()
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


def open_stream(path: str | os.PathLike, limits: Limits) -> io.BufferedReader:
    """A buffered byte stream over ``path``, decompressed (under the caps) when it is gzip."""
    fh = open_regular(path)
    try:
        magic = fh.read(2)
        fh.seek(0)
    except BaseException:
        fh.close()
        raise
    if magic == b"\x1f\x8b":
        return io.BufferedReader(GzipMembers(fh, limits), buffer_size=1 << 16)
    return io.BufferedReader(fh, buffer_size=1 << 16)


def damage_of(stream: io.BufferedReader) -> int:
    raw = getattr(stream, "raw", None)
    return getattr(raw, "damage", 0)


def describe_stream_error(exc: BaseException) -> str:
    """One readable reason for a failure while streaming a (compressed) container."""
    if isinstance(exc, (ExpansionLimit, NotRegular)):
        return str(exc)
    if isinstance(exc, EOFError):
        return "truncated: the compressed stream ends before its end marker"
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data ({exc})"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return f"{exc.__class__.__name__}: {exc}"
