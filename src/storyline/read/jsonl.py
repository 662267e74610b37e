"""JSON-lines reader: one page per line, ``{"url", "html"}`` or ``{"url", "text"}``.

The page is the first string among HTML_KEYS (an HTML page), else among TEXT_KEYS (text). Records written by
crawlers and extractors (news-please / CC-News, trafilatura's JSON output, news datasets) also state their
article's title, publication date, authors and site under the names in STATED_KEYS: those travel with the page
(``Page.stated``) and the cleaner takes them as the record's own statements.

A bad line is refused on its own (named ``file:line``); the lines around it are read. In a
``.jsonl.gz`` a corrupt gzip member costs the lines inside it (streams.GzipMembers resynchronises).
A file of many bad lines is not a flood of refusals: the first SAMPLE_REFUSALS are named one by one, the rest are
counted into one refusal per file that gives their number and a sample of their reasons (each refusal costs a
stored row and a line on stderr downstream, and 100,000 of them used to take the run hours).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from storyline.model import Page, ReadError, content_hash
from storyline.read.decode import NotText, check_text
from storyline.read.limits import DEFAULT_LIMITS, Limits, human_bytes
from storyline.read.names import printable, refuse, source_name
from storyline.read.streams import damage_of, describe_stream_error, open_stream

SAMPLE_REFUSALS = 20


class _Refusals:
    """The refusals of one file: the first ones given as they come, the others counted by reason."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.given = 0
        self.more: dict[str, list] = {}     # reason -> [count, first line]

    def add(self, err: ReadError) -> ReadError | None:
        if self.given < SAMPLE_REFUSALS:
            self.given += 1
            return err
        reason = err.reason.split(" (", 1)[0]
        line = err.source.rsplit(":", 1)[-1]
        seen = self.more.setdefault(reason, [0, line])
        seen[0] += 1
        return None

    def summary(self) -> ReadError | None:
        if not self.more:
            return None
        total = sum(c for c, _ in self.more.values())
        common = sorted(self.more.items(), key=lambda kv: -kv[1][0])[:3]
        sample = "; ".join(f"{c:,} x {r} (first at line {ln})" for r, (c, ln) in common)
        return refuse(self.name, f"{total:,} more lines refused after the first {SAMPLE_REFUSALS}: {sample}")


def read_jsonl(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Page | ReadError]:
    for item in _read_jsonl(path, limits, refusals := _Refusals(source_name(path))):
        if isinstance(item, ReadError):
            item = refusals.add(item)
            if item is None:
                continue
        yield item
    summary = refusals.summary()
    if summary is not None:
        yield summary


def _read_jsonl(path: Path, limits: Limits, refusals: _Refusals) -> Iterator[Page | ReadError]:
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


HTML_KEYS = ("html", "raw_html", "content_html")
TEXT_KEYS = ("text", "maintext", "raw_text", "content", "body", "article")
URL_KEYS = ("url", "link", "source_url")
# by the names common crawlers and extractors use, most specific first ("date" last: in news-please it is
# absent, in CC-News and trafilatura's output it is the publication date)
STATED_KEYS = {
    "title": ("title", "headline"),
    "published": ("date_publish", "date_published", "datePublished", "published_at", "publish_date",
                  "publication_date", "published", "pubdate", "date"),
    "byline": ("authors", "author", "byline"),
    "outlet": ("sitename", "site_name", "outlet", "publisher", "source_domain", "hostname", "domain"),
}
MAX_STATED_CHARS = 500


def _stated(obj: dict) -> tuple[tuple[str, str, str], ...]:
    out = []
    for field, keys in STATED_KEYS.items():
        for key in keys:
            val = obj.get(key)
            if isinstance(val, list):       # authors: ["Jane Roe", "Sam Poe"]
                val = "; ".join(x for x in val if isinstance(x, str))
            elif isinstance(val, (int, float)) and not isinstance(val, bool) and field == "published":
                val = str(val)              # epoch seconds
            if isinstance(val, str) and val.strip():
                out.append((field, key, printable(" ".join(val.split()))[:MAX_STATED_CHARS]))
                break
    return tuple(out)


def _url_like(val: str | None) -> str | None:
    return val if val and val.startswith(("http://", "https://")) else None


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
    for key, kind in [(k, "html") for k in HTML_KEYS] + [(k, "text") for k in TEXT_KEYS]:
        val = obj.get(key)
        if isinstance(val, str) and val.strip():
            # JSON may carry lone surrogates (\ud800): keep the text storable
            text = val.encode("utf-8", "replace").decode("utf-8")
            try:
                check_text(text)
            except NotText as exc:
                return refuse(where, str(exc))
            stated = _stated(obj)
            title = next((v for f, _, v in stated if f == "title"), None)
            if kind == "text" and title and not text.lstrip().startswith(title):
                # an extracted body (news-please's maintext) has no headline line: the stated one goes on
                # top, where a scraped page has it, so the line classifier does not take a paragraph for it
                text = f"{title}\n\n{text}"
            return Page(source=where, kind=kind, content=text,
                        content_hash=content_hash(val.encode("utf-8", "surrogatepass")),
                        url=next((u for u in (_str_field(obj, k) for k in URL_KEYS) if u), None)
                        or _url_like(_str_field(obj, "source")),      # trafilatura's JSON names the URL so
                        captured=_str_field(obj, "captured") or _str_field(obj, "date_download"),
                        encoding="utf-8", stated=stated)
    return refuse(where, "no \"html\" or \"text\" field with a string value (also read: "
                         + ", ".join(HTML_KEYS[1:] + TEXT_KEYS[1:]) + ")")
