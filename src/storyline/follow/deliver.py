"""Alert delivery beyond the store: a JSON lines file (appended at once) and a webhook (POSTed by a
background thread with bounded retries, so a slow or dead receiver never holds up an ingest)."""
from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def append_jsonl(path: str, record: dict) -> None:
    p = Path(path)
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    with open(p, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


class Deliverer:
    """Queues webhook POSTs for a worker thread. ``results`` collects (alert id, 'sent' | 'failed: why')
    for the caller to record; ``drain`` waits (bounded) for the queue to empty."""

    def __init__(self, retries: int = 4, backoff: float = 0.5, timeout: float = 5.0,
                 log: Callable[[str], None] | None = None):
        self.retries, self.backoff, self.timeout = retries, backoff, timeout
        self.log = log or (lambda _m: None)
        self.q: queue.Queue = queue.Queue(maxsize=10_000)
        self.results: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._inflight: set[str] = set()
        self._thread: threading.Thread | None = None

    def webhook(self, url: str, alert_id: str, record: dict) -> None:
        with self._lock:
            if alert_id + url in self._inflight:
                return
            self._inflight.add(alert_id + url)
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="storyline-webhook", daemon=True)
            self._thread.start()
        try:
            self.q.put_nowait((url, alert_id, record))
        except queue.Full:
            self._done(alert_id, url, "failed: the webhook queue is full")

    def _done(self, alert_id: str, url: str, status: str) -> None:
        with self._lock:
            self.results.append((alert_id, status))
            self._inflight.discard(alert_id + url)

    def _work(self) -> None:
        with httpx.Client(timeout=self.timeout, follow_redirects=False) as client:
            while True:
                url, alert_id, record = self.q.get()
                try:
                    self._done(alert_id, url, self._post(client, url, record))
                finally:
                    self.q.task_done()

    def _post(self, client: httpx.Client, url: str, record: dict) -> str:
        why = ""
        for attempt in range(self.retries + 1):
            try:
                r = client.post(url, content=json.dumps(record, ensure_ascii=False, default=str).encode("utf-8"),
                                headers={"Content-Type": "application/json"})
                if 200 <= r.status_code < 300:
                    return "sent"
                why = f"HTTP {r.status_code}"
                if r.status_code < 500 and r.status_code not in (408, 429):
                    break
            except httpx.HTTPError as exc:
                why = f"{exc.__class__.__name__}"
            if attempt < self.retries:
                time.sleep(self.backoff * 2 ** attempt)
        self.log(f"follow: webhook {url} failed: {why}")
        return f"failed: {why}"

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait up to ``timeout`` seconds for queued POSTs; True when none is left."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.q.unfinished_tasks == 0:
                return True
            time.sleep(0.05)
        return self.q.unfinished_tasks == 0

    def take_results(self) -> list[tuple[str, str]]:
        with self._lock:
            out, self.results = self.results, []
        return out
