"""One round of following: poll the sources that are due, fetch the new pages, archive them, ingest them
through the pipeline (clean -> understand -> store -> link), then check the watchlists.

Every step commits its state per item (see ``schema``), so a round killed anywhere is resumed by the next:
pages already in the archive are ingested from it, never fetched again.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storyline.follow import discover, schema
from storyline.follow.archive import Archive
from storyline.follow.fetch import Fetched, Fetcher, Policy
from storyline.model import content_hash
from storyline.store import follow as follow_db
from storyline.store.follow import add_source, list_sources, remove_source  # noqa: F401  (the follow API)

Log = Callable[[str], None]
HTML_TYPES = ("text/html", "application/xhtml")   # and text/plain, read as scraped text (``_page_text``)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _at(epoch: float | None, default: datetime) -> datetime:
    if epoch is None:
        return default
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)


def _page_text(ctype: str, body: bytes) -> tuple[str | None, str | None]:
    """(text, None) for a plain-text page (read as scraped text), (None, None) for HTML, (None, why) otherwise."""
    mime = ctype.split(";")[0].strip()
    if not mime or any(t in mime for t in HTML_TYPES):
        return None, None
    if mime != "text/plain":
        return None, f"not an HTML or text page ({mime})"
    from storyline.read.decode import NotText, decode
    m = re.search(r"charset=([\w.:-]+)", ctype)
    try:
        text, _enc = decode(body, declared=m.group(1) if m else None)
    except NotText as exc:
        return None, f"not a readable text page ({exc})"
    return text.encode("utf-8", "replace").decode("utf-8"), None


@dataclass
class RoundReport:
    polled: int = 0
    source_errors: int = 0
    discovered: int = 0
    fetched: int = 0
    unchanged: int = 0
    refused: int = 0
    failed: int = 0
    ingested: int = 0
    new_articles: int = 0
    alerts: int = 0
    requests: int = 0
    next_poll: datetime | None = None
    notes: list[str] = field(default_factory=list)


class Follower:
    """Runs rounds over the sources followed in the store at ``db``."""

    def __init__(self, db: str | Path, policy: Policy | None = None, interval: float = 900.0, log: Log | None = None,
                 engine: str = "inline", max_attempts: int = 5, max_pages: int = 500, deliverer=None,
                 understand: bool = True):
        self.db = str(db)
        self.policy = policy or Policy()
        self.interval = interval
        self.log = log or (lambda _m: None)
        self.engine = engine
        self.max_attempts = max_attempts
        self.max_pages = max_pages
        self.fetcher = Fetcher(self.policy, self.log)
        self.deliverer = deliverer
        self.understand = understand     # False: clean and store only (no actors, quotes, events, linking)

    def close(self) -> None:
        self.fetcher.close()

    # ------------------------------------------------------------ one round
    def round(self) -> RoundReport:
        from storyline.store import Store
        rep = RoundReport()
        archive = Archive(self.db)
        try:
            with Store(self.db) as store:
                con = store.con
                schema.ensure(con)
                self._poll_sources(con, rep)
                self._fetch_pages(con, archive, rep)
                archive.close()
                self._ingest(store, rep)
                from storyline.follow.watch import check_watches
                rep.alerts = check_watches(con, self.deliverer, self.log)
                if rep.alerts:
                    store.publish_snapshot()
                rep.next_poll = self._next_due(con)
        finally:
            archive.close()
        return rep

    def _next_due(self, con) -> datetime | None:
        return follow_db.next_due(con, self.max_attempts, utcnow())

    # ------------------------------------------------------------ sources
    def _poll_sources(self, con, rep: RoundReport) -> None:
        now = utcnow()
        due = follow_db.due_sources(con, now)
        if not due:
            return
        with ThreadPoolExecutor(max(1, self.policy.concurrency)) as pool:
            futs = {}
            for sid, url, etag, lm, failures in due:
                self.log(f"follow: polling {url}")
                futs[pool.submit(self._read_source, url, etag, lm)] = (sid, url, failures)
            for fut in as_completed(futs):
                sid, url, failures = futs[fut]
                rep.polled += 1
                res, found, err = fut.result()
                rep.requests += res.requests
                self._record_source(con, sid, url, failures, res, found, err, rep)

    def _read_source(self, url: str, etag: str | None, lm: str | None):
        """Fetch (conditionally) and parse a source, with the children of a sitemap index; never raises."""
        res = self.fetcher.get(url, etag=etag, last_modified=lm, max_bytes=self.policy.max_bytes * 5)
        if not res.ok or res.not_modified:
            return res, None, res.error
        try:
            found = discover.parse(res.body or b"", res.final_url or url)
        except discover.NotAFeed as exc:
            return res, None, str(exc)
        seen = {url}
        queue = list(found.sitemaps)
        while queue and len(seen) < 50:
            child = queue.pop(0)
            if child.url in seen:
                continue
            seen.add(child.url)
            sub = self.fetcher.get(child.url, max_bytes=self.policy.max_bytes * 5)
            res.requests += sub.requests
            if not sub.ok or not sub.body:
                self.log(f"follow: sitemap {child.url} not read: {sub.error or 'empty'}")
                continue
            try:
                more = discover.parse(sub.body, sub.final_url or child.url)
            except discover.NotAFeed as exc:
                self.log(f"follow: sitemap {child.url} not read: {exc}")
                continue
            found.items.extend(more.items)
            queue.extend(more.sitemaps)
        return res, found, None

    def _record_source(self, con, sid: int, url: str, failures: int, res: Fetched, found, err: str | None,
                       rep: RoundReport) -> None:
        now = utcnow()
        if err is not None:
            rep.source_errors += 1
            failures += 1
            backoff = min(self.policy.backoff * 60 * (2 ** min(failures, 10)), self.policy.defer_cap)
            nxt = _at(res.retry_at, now + timedelta(seconds=backoff))
            nxt = max(nxt, now + timedelta(seconds=min(self.interval, backoff)))
            follow_db.source_failed(con, sid, now, res.status, err, failures, nxt)
            self.log(f"follow: source {url} failed: {err}; next try at {nxt:%H:%M:%S} UTC")
            return
        nxt = now + timedelta(seconds=self.interval)
        if res.not_modified:
            follow_db.source_not_modified(con, sid, now, nxt)
            self.log(f"follow: {url} not modified (304)")
            return
        new = self._record_items(con, sid, found.items)
        rep.discovered += new
        follow_db.source_read(con, sid, found.kind, res.headers.get("etag"), res.headers.get("last-modified"), now,
                          res.status, nxt, len(found.items))
        self.log(f"follow: {url}: {found.kind}, {len(found.items)} item(s), {new} new or re-published")

    def _record_items(self, con, sid: int, items: list[discover.Item]) -> int:
        """Insert the items not seen before; a known page whose item date moved is queued again."""
        by_canon: dict[str, discover.Item] = {}
        for it in items:
            by_canon.setdefault(discover.canonical(it.url), it)
        if not by_canon:
            return 0
        new, again = follow_db.record_items(con, sid, {c: (it.url, it.date) for c, it in by_canon.items()})
        for url, old_date, date in again:
            self.log(f"follow: {url} re-published ({old_date or 'no date'} -> {date})")
        return new

    # ------------------------------------------------------------ pages
    def _fetch_pages(self, con, archive: Archive, rep: RoundReport) -> None:
        now = utcnow()
        due = follow_db.due_pages(con, self.max_attempts, now, self.max_pages)
        if not due:
            return
        with ThreadPoolExecutor(max(1, self.policy.concurrency)) as pool:
            futs = {pool.submit(self.fetcher.get, url): (c, url, h, n) for c, url, h, n in due}
            for fut in as_completed(futs):
                c, url, old_hash, attempts = futs[fut]
                res = fut.result()
                rep.requests += res.requests
                self._record_page(con, archive, c, url, old_hash, attempts, res, rep)

    def _record_page(self, con, archive: Archive, c: str, url: str, old_hash: str | None, attempts: int,
                     res: Fetched, rep: RoundReport) -> None:
        now = utcnow()
        attempts += 1
        if res.refused:
            rep.refused += 1
            follow_db.page_refused(con, c, res.error, attempts, res.status)
            self.log(f"follow: refused {url}: {res.error}")
            return
        if not res.ok:
            rep.failed += 1
            last = attempts >= self.max_attempts
            later = now + timedelta(seconds=min(self.policy.backoff * 30 * 2 ** attempts, self.policy.defer_cap))
            nxt = max(_at(res.retry_at, later), later)
            follow_db.page_failed(con, c, res.error, attempts, nxt, res.status)
            self.log(f"follow: failed {url}: {res.error}; " + (
                f"given up after {attempts} attempts" if last else f"next try at {nxt:%H:%M:%S} UTC"))
            return
        body = res.body or b""
        path = archive.write(res.final_url or url, res.status or 200, res.headers, body)
        ctype = res.headers.get("content-type", "").lower()
        text, why = _page_text(ctype, body)
        # the hash the reader gives the page (its id): of the body, or of the decoded text for a text page
        body_hash = content_hash(text if text is not None else body)
        if body_hash == old_hash:
            rep.unchanged += 1
            follow_db.page_unchanged(con, c, attempts, now)
            self.log(f"follow: fetched {url}: unchanged since the last version")
            return
        if why:
            rep.refused += 1
            follow_db.page_not_readable(con, c, why, attempts, now, res.status, path)
            self.log(f"follow: refused {url}: {why}")
            return
        if text is not None:
            path = archive.write_text(res.final_url or url, text, now.isoformat() + "Z")
        rep.fetched += 1
        follow_db.page_fetched(con, c, attempts, now, res.final_url, res.status, body_hash, path)
        self.log(f"follow: fetched {url} ({len(body):,} bytes)")

    # ------------------------------------------------------------ ingest
    def _ingest(self, store, rep: RoundReport) -> None:
        con = store.con
        rows = follow_db.fetched_pages(con)
        if not rows:
            return
        files = sorted({r[3] for r in rows if r[3] and Path(r[3]).exists()})
        from storyline.run.ingest import ingest
        self.log(f"follow: ingesting {len(rows)} page(s) from {len(files)} archive file(s)")
        report = ingest(files, self.db, store=store, engine=self.engine, understand=self.understand,
                        link=self.understand)
        rep.new_articles += report.new
        ids = follow_db.stored_articles(con, [r[2][:16] for r in rows])
        refused, ingested = [], []
        for c, url, body_hash, _f, old_id, version in rows:
            aid = body_hash[:16]
            if aid not in ids:
                rep.refused += 1
                refused.append((c, "the pipeline refused the page (see `storyline` errors)"))
                self.log(f"follow: refused {url}: the pipeline did not store it")
                continue
            rep.ingested += 1
            previous = old_id if old_id and old_id != aid else None
            ingested.append((c, aid, (version or 0) + 1, body_hash, previous))
            if previous:
                self.log(f"follow: {url}: a new version (article {aid}, replacing {previous})")
        follow_db.record_ingest(con, refused, ingested)

    # ------------------------------------------------------------ loop
    def run(self, once: bool = False, stop: Callable[[], bool] | None = None) -> RoundReport:
        from storyline.store import StoreError
        while True:
            try:
                rep = self.round()
            except StoreError as exc:
                if once or "busy" not in str(exc):
                    raise
                rep = RoundReport()    # another process writes the store: this round waits for the next
                self.log(f"follow: {exc}; trying again at the next poll")
            else:
                self.log(f"follow: round done: {rep.polled} source(s) polled ({rep.source_errors} failed), "
                         f"{rep.fetched} page(s) fetched, {rep.refused} refused, {rep.failed} failed, "
                         f"{rep.new_articles} new article(s), {rep.alerts} alert(s)")
            if once or (stop and stop()):
                if rep.next_poll:
                    self.log(f"follow: next poll due at {rep.next_poll:%Y-%m-%d %H:%M:%S} UTC")
                return rep
            now = utcnow()
            nxt = rep.next_poll or now + timedelta(seconds=self.interval)
            wait = max(1.0, min((nxt - now).total_seconds(), self.interval))
            self.log(f"follow: next poll at {now + timedelta(seconds=wait):%H:%M:%S} UTC (in {wait:.0f}s)")
            end = time.monotonic() + wait
            while time.monotonic() < end:
                if stop and stop():
                    return rep
                time.sleep(min(1.0, end - time.monotonic()))
