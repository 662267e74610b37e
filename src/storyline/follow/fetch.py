"""A polite, bounded HTTP fetcher (httpx): robots.txt, a per-host delay, a global concurrency limit,
conditional GET, retries with backoff on 429/5xx honouring Retry-After (capped), redirects followed by hand
within a limit (each hop checked against robots.txt), and a timeout and a size cap on every response (the
body is streamed and dropped past the cap, never read whole first).

Thread-safe: one ``Fetcher`` is shared by the worker threads of a round.
"""
from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from storyline import __version__

USER_AGENT = f"storyline/{__version__} (news follower; honours robots.txt)"


@dataclass
class Policy:
    timeout: float = 20.0            # seconds for a whole response (connect, headers and body)
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2                 # extra attempts on 429 / 5xx
    backoff: float = 1.0             # first wait between attempts; doubled each time
    retry_after_cap: float = 30.0    # wait inline for a Retry-After up to this; longer: try again next round
    defer_cap: float = 6 * 3600.0    # never put a source or page off longer than this
    host_delay: float = 1.0          # seconds between two requests to one host (robots.txt Crawl-delay if longer)
    crawl_delay_cap: float = 60.0
    concurrency: int = 4             # requests in flight at once, all hosts together
    robots_ttl: float = 3600.0
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    """What one GET came to. ``error`` is None on success (2xx or 304); ``retry_at`` (epoch seconds) says
    when trying again makes sense; ``refused`` marks a refusal by policy (robots.txt, size), not a failure."""
    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    refused: bool = False
    retry_at: float | None = None
    requests: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _TooBig(Exception):
    pass


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class Fetcher:
    def __init__(self, policy: Policy | None = None, log: Callable[[str], None] | None = None):
        self.policy = policy or Policy()
        self.log = log or (lambda _m: None)
        p = self.policy
        self.client = httpx.Client(
            follow_redirects=False, headers={"User-Agent": p.user_agent},
            timeout=httpx.Timeout(p.timeout, connect=min(p.timeout, 10.0)),
            limits=httpx.Limits(max_connections=p.concurrency, max_keepalive_connections=p.concurrency))
        self._slots = threading.BoundedSemaphore(p.concurrency)
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._host_next: dict[str, float] = {}
        self._robots: dict[str, tuple[float, RobotFileParser | None, str | None]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------ politeness
    def _host_lock(self, origin: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(origin, threading.Lock())

    def _one_request(self, url: str, headers: dict[str, str], cap: int) -> tuple[int, dict[str, str], bytes]:
        """One GET, waiting for the host's turn; the body is streamed under ``cap`` and the whole response
        must arrive within the policy's timeout."""
        origin = _origin(url)
        with self._host_lock(origin):
            wait = self._host_next.get(origin, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                with self._slots:
                    return self._get_streamed(url, headers, cap)
            finally:
                self._host_next[origin] = time.monotonic() + self._delay_for(origin)

    def _get_streamed(self, url: str, headers: dict[str, str], cap: int) -> tuple[int, dict[str, str], bytes]:
        deadline = time.monotonic() + self.policy.timeout
        with self.client.stream("GET", url, headers=headers) as resp:
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            length = hdrs.get("content-length", "")
            if length.isdigit() and int(length) > cap:
                raise _TooBig(f"{int(length):,} bytes announced (Content-Length), over the cap of {cap:,}")
            parts, total = [], 0
            if resp.status_code < 300 or resp.status_code == 304:
                for chunk in resp.iter_bytes():
                    total += len(chunk)
                    if total > cap:
                        raise _TooBig(f"over the cap of {cap:,} bytes (stopped reading)")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout(f"the response took longer than {self.policy.timeout:g}s")
                    parts.append(chunk)
            return resp.status_code, hdrs, b"".join(parts)

    def _delay_for(self, origin: str) -> float:
        entry = self._robots.get(origin)
        crawl = None
        if entry and entry[1] is not None:
            try:
                crawl = entry[1].crawl_delay(self.policy.user_agent)
            except Exception:
                crawl = None
        return max(self.policy.host_delay, min(float(crawl or 0), self.policy.crawl_delay_cap))

    def robots(self, url: str) -> tuple[RobotFileParser | None, str | None]:
        """The robots.txt rules of the URL's host (cached), or (None, why) when it could not be read
        (a 5xx or unreachable robots.txt: nothing is fetched from that host this time)."""
        origin = _origin(url)
        with self._lock:
            lk = self._robots_locks.setdefault(origin, threading.Lock())
        with lk:
            entry = self._robots.get(origin)
            if entry and time.monotonic() - entry[0] < self.policy.robots_ttl:
                return entry[1], entry[2]
            rp, why, ttl_ok = RobotFileParser(), None, True
            try:
                status, _h, body = self._one_request(origin + "/robots.txt", {}, 512 * 1024)
                if status in (401, 403):
                    rp.disallow_all = True
                elif 400 <= status < 500 or status in (301, 302, 303, 307, 308):
                    rp.allow_all = True
                elif status >= 500:
                    rp, why, ttl_ok = None, f"robots.txt answered {status}", False
                else:
                    rp.parse(body.decode("utf-8", "replace").splitlines())
            except (_TooBig, httpx.HTTPError) as exc:
                rp, why, ttl_ok = None, f"robots.txt unreadable ({_describe(exc)})", False
            self._robots[origin] = (time.monotonic() if ttl_ok else time.monotonic() - self.policy.robots_ttl + 60,
                                    rp, why)
            return rp, why

    def allowed(self, url: str) -> tuple[bool, str | None]:
        rp, why = self.robots(url)
        if rp is None:
            return False, why
        if not rp.can_fetch(self.policy.user_agent, url):
            return False, "robots.txt forbids it"
        return True, None

    # ------------------------------------------------------------ GET
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> Fetched:
        """GET ``url`` politely; never raises for network trouble (the outcome is in the result)."""
        p = self.policy
        cap = max_bytes or p.max_bytes
        res = Fetched(url=url)
        seen = {url}
        current = url
        hops = 0
        attempt = 0
        while True:
            if urlsplit(current).scheme not in ("http", "https"):
                res.error, res.refused = f"not an http(s) URL: {current}", True
                return res
            ok, why = self.allowed(current)
            if not ok:
                res.error, res.refused = why, why == "robots.txt forbids it"
                if not res.refused:
                    res.retry_at = time.time() + 600
                return res
            headers = {}
            if current == url:
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
            res.requests += 1
            try:
                status, hdrs, body = self._one_request(current, headers, cap)
            except _TooBig as exc:
                res.error, res.refused = f"too large: {exc}", True
                return res
            except httpx.HTTPError as exc:   # timeouts, refused connections, protocol errors: next round
                res.error = _describe(exc)
                res.retry_at = time.time() + min(p.backoff * 30, p.defer_cap)
                return res
            res.status, res.headers, res.final_url = status, hdrs, current
            if status in (301, 302, 303, 307, 308):
                loc = hdrs.get("location")
                if not loc:
                    res.error = f"HTTP {status} without a Location"
                    return res
                nxt = urljoin(current, loc)
                hops += 1
                if nxt in seen:
                    res.error, res.refused = f"redirect loop ({hops} hops, back to {nxt})", True
                    return res
                if hops > p.max_redirects:
                    res.error, res.refused = f"more than {p.max_redirects} redirects", True
                    return res
                seen.add(nxt)
                current = nxt
                continue
            if status == 429 or status >= 500:
                wait = retry_after_seconds(hdrs.get("retry-after"))
                if wait is None:
                    wait = p.backoff * (2 ** attempt) * (1 + random.random() * 0.1)
                if attempt < p.retries and wait <= p.retry_after_cap:
                    attempt += 1
                    self.log(f"follow: {status} from {current}; trying again in {wait:.1f}s "
                             f"(attempt {attempt + 1} of {p.retries + 1})")
                    time.sleep(wait)
                    continue
                retry = f" (Retry-After {hdrs['retry-after']})" if "retry-after" in hdrs else ""
                res.error = f"HTTP {status}" + retry
                res.retry_at = time.time() + min(max(wait, p.backoff * 2 ** (attempt + 1)), p.defer_cap)
                return res
            if status == 304:
                return res
            if status >= 400:
                res.error = f"HTTP {status}"
                res.retry_at = time.time() + min(3600.0, p.defer_cap)
                return res
            res.body = body
            return res


def _origin(url: str) -> str:
    s = urlsplit(url)
    return f"{s.scheme}://{s.netloc}".lower()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({str(exc) or exc.__class__.__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({str(exc) or exc.__class__.__name__})"
    return f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
