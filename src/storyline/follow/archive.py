"""The WARC archive beside the store: every page fetched is written as a response record (warcio), one
gzip member each, flushed and synced before its item is marked fetched. ``storyline ingest`` reads these
files again (re-deriving every record from exactly what was seen, with newer code if need be)."""
from __future__ import annotations

import io
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# hop-by-hop and encoding headers: the stored payload is the decoded body
_DROP = {"transfer-encoding", "content-encoding", "content-length", "connection", "keep-alive"}


def archive_dir(db: str | Path) -> Path:
    return Path(f"{db}.warc")


class Archive:
    """Appends response records to one WARC file per run (``<db>.warc/<UTC time>-<pid>.warc.gz``)."""

    def __init__(self, db: str | Path):
        self.dir = archive_dir(db)
        self.path: Path | None = None
        self._fh = None
        self._writer: WARCWriter | None = None

    def _open(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.path = self.dir / f"{stamp}-{os.getpid()}-{int(time.time() * 1000) % 1000:03d}.warc.gz"
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True)

    def write(self, url: str, status: int, headers: dict[str, str], body: bytes) -> str:
        """Write one response record; return the file that holds it (the record is on disk on return)."""
        if self._writer is None:
            self._open()
        hdrs = [(k, v) for k, v in headers.items() if k.lower() not in _DROP]
        hdrs.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} OK" if status == 200 else str(status), hdrs, protocol="HTTP/1.1")
        rec = self._writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        self._writer.write_record(rec)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        return str(self.path)

    def write_text(self, url: str, text: str, captured: str) -> str:
        """A plain-text page (text/plain): the WARC keeps the response as received (``write``); the pipeline
        reads it from a JSON lines twin of the round's WARC file (``{"url", "text", "captured"}``), as the
        WARC reader takes HTML responses only. Returns the twin's path (the line is on disk on return)."""
        if self._writer is None:
            self._open()
        twin = Path(str(self.path).removesuffix(".warc.gz") + ".text.jsonl")
        with open(twin, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"url": url, "text": text, "captured": captured}, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return str(twin)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh, self._writer = None, None
