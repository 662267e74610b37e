"""Build an N-article corpus for measuring: WARC (.warc.gz, one gzip member per record) and/or JSON lines.

    python bench/make_corpus.py N OUT [--format warc|jsonl|both] [--per-file 10000] [--no-gzip] [--synthetic]
                                      [--max-words W]

Pages come from the real HTML in ../shared/data (readability-news, trafilatura-eval, htmldate-eval; found
through bench/_common.shared_dir()), or, when ../shared is absent (or with --synthetic), from news-like
pages this script writes itself. The output says which. ``--max-words W`` keeps the real pages whose clean text
(storyline's own clean stage) is at most W words: the 600 pages average ~860 words (median ~540), longer than a
typical news article, and the understand stage's cost grows with the words.

Every article is a variant of a source page that deduplication cannot collapse:
- a new id: a quarter of the words of the visible text (never tags, scripts or styles) are swapped for other
  words of the same page, so both the content hash and the MinHash shingles differ between copies (word
  5-shingles shared by two copies: about 0.75**5, under a quarter) while the page keeps its length, markup
  and language;
- a new URL (``...-v<k>``) and new dates: every ISO date (``2019-12-16``, also in timestamps, JSON-LD and meta tags)
  and every ``/YYYY/MM/DD/`` URL path is moved by the same number of days, and WARC-Date follows.

Streams: the list of source paths is the only thing kept (a few hundred paths); each output article is
built from one file read at the time, written, and forgotten.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import random
import re
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import shared_dir  # noqa: E402

HTML_SETS = ("readability-news", "trafilatura-eval", "htmldate-eval")
SWAP_SHARE = 0.25
# raised when the same arguments give other pages: corpora built by an older generator are rebuilt
# (2: timestamps' days move too; before, a page's stated date could fall after its capture)
GENERATOR = 2

_SEG = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I)
_WORD = re.compile(r"[^\W\d_]{4,}")
# a day in ISO form, also the day of a timestamp ("2023-11-06T12:00:00+00:00": no word boundary after it)
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")
_CHARSET = re.compile(r"""(<meta[^>]+charset\s*=\s*["']?)([\w.:-]+)""", re.I)
_CANONICAL = re.compile(r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)""", re.I)


# ------------------------------------------------------------------ sources
def real_sources(shared: Path) -> list[tuple[Path, str | None]]:
    """(path, url) of the HTML pages in ../shared/data (urls from each set's metadata when it has them)."""
    out: list[tuple[Path, str | None]] = []
    data = shared / "data"
    rn = data / "readability-news"
    if rn.is_dir():
        out += [(p, None) for p in sorted(rn.glob("*/source.html"))]
    for name in ("trafilatura-eval", "htmldate-eval"):
        d = data / name
        meta = d / ("evaldata.json" if name == "trafilatura-eval" else "eval.json")
        urls: dict[str, str] = {}
        if meta.is_file():
            try:
                urls = {v["file"]: u for u, v in json.loads(meta.read_text()).items() if isinstance(v, dict)}
            except (ValueError, KeyError, TypeError):
                urls = {}
        if (d / "pages").is_dir():
            out += [(p, urls.get(p.name)) for p in sorted((d / "pages").glob("*.htm*"))]
    return out


def clean_words(path: Path, url: str | None) -> int:
    """Words of the page's clean text as storyline's clean stage gives it (-1 when the page does not clean)."""
    from storyline.clean import clean
    from storyline.read.single import page_from_bytes
    try:
        html, url = read_source(path, url)
        art = clean(page_from_bytes(html.encode("utf-8", "surrogateescape"), source=url, kind="html"))
    except Exception:
        return -1
    text = getattr(art, "text", None)
    return len(text.split()) if isinstance(text, str) else -1


def short_sources(srcs: list[tuple[Path, str | None]], max_words: int) -> list[tuple[Path, str | None]]:
    """The sources whose clean text has 1..max_words words."""
    return [s for s in srcs if 0 < clean_words(*s) <= max_words]


def read_source(path: Path, url: str | None) -> tuple[str, str]:
    """The page decoded as storyline reads it (charset sniffing included), and a URL for it."""
    from storyline.read.single import page_from_bytes
    page = page_from_bytes(path.read_bytes(), source=str(path), kind="html")
    if url is None:
        m = _CANONICAL.search(page.content[:200_000])
        url = m.group(1) if m and m.group(1).startswith("http") else f"https://{path.parent.name}.example.org/article"
    return page.content, url


# ------------------------------------------------------------------ synthetic pages (no ../shared)
_FIRST = ["Ana", "Tom", "Maria", "David", "Laila", "Kenji", "Olga", "Samuel", "Priya", "Jonas", "Fatima", "Pierre"]
_LAST = ["Costa", "Baker", "Novak", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Haddad", "Silva", "Petrov"]
_ROLE = ["Prime Minister", "Foreign Minister", "union leader", "chief executive", "spokeswoman", "General", "Senator"]
_PLACE = ["Lisbon", "Nairobi", "Oslo", "Lima", "Hanoi", "Warsaw", "Accra", "Quito", "Tunis", "Manila"]
_COUNTRY = ["Portugal", "Kenya", "Norway", "Peru", "Vietnam", "Poland", "Ghana", "Ecuador", "Tunisia", "Chile"]
_ORG = ["the Northfield steel plant", "the central bank", "the port authority", "the health ministry",
        "the national rail company", "the farmers' union", "the energy regulator", "the city council"]
_ACT = ["signed an agreement with", "accused", "met with", "imposed sanctions on", "called on", "criticised",
        "promised aid to", "threatened to sue", "rejected a proposal from", "held talks with", "arrested members of"]
_TOPIC = ["trade", "the port", "wages", "the drought", "fuel prices", "the election", "the new railway",
          "fishing rights", "the budget", "the strike"]
_WEEKDAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_page(i: int, rng: random.Random) -> tuple[str, str]:
    """A news-like HTML page (headline, date, byline, 6-12 paragraphs with quotes and events, site furniture)."""
    def person() -> str:
        return f"{rng.choice(_ROLE)} {rng.choice(_FIRST)} {rng.choice(_LAST)}"
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
    place, country = rng.randrange(len(_PLACE)), rng.randrange(len(_COUNTRY))
    topic = rng.choice(_TOPIC)
    headline = f"{_COUNTRY[country]} and {rng.choice(_COUNTRY)} clash over {topic}"
    paras = [f"{_PLACE[place]} - {_COUNTRY[country]} {rng.choice(_ACT)} {rng.choice(_COUNTRY)} on "
             f"{_WEEKDAY[day.weekday()]} over {topic}, officials said."]
    for _ in range(rng.randrange(5, 12)):
        kind = rng.randrange(4)
        if kind == 0:
            paras.append(f"\u201cWe will not accept any delay on {topic},\u201d {person()} said at a news conference "
                         f"in {rng.choice(_PLACE)}, adding that talks would continue next week.")
        elif kind == 1:
            paras.append(f"{person()} {rng.choice(_ACT)} {rng.choice(_ORG)} after a week of protests, according "
                         f"to local media, which reported that several people were detained.")
        elif kind == 2:
            paras.append(f"The dispute over {topic} began in {rng.choice(['March', 'June', 'October'])} "
                         f"{day.year - 1}, when {rng.choice(_ORG)} said it could no longer pay for it.")
        else:
            paras.append(f"{rng.choice(_COUNTRY)} reportedly {rng.choice(_ACT)} {rng.choice(_ORG)}, "
                         f"but {person()} told reporters the claims were false.")
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    url = f"https://news{i % 7}.example.org/{day:%Y/%m/%d}/story-{i}"
    html = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{headline} | Example News"
            f"</title><meta property=\"article:published_time\" content=\"{day.isoformat()}T08:00:00Z\"></head>"
            f"<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a>"
            f"</nav><article><h1>{headline}</h1><p class=\"byline\">By {rng.choice(_FIRST)} {rng.choice(_LAST)}"
            f"</p><time datetime=\"{day.isoformat()}\">{day:%B %d, %Y}</time>\n{body}</article>"
            f"<footer><p>Sign up for our newsletter</p><p>&copy; {day.year} Example News</p></footer></body></html>")
    return html, url


# ------------------------------------------------------------------ variants
def _shift(y: str, m: str, d: str, days: int) -> str | None:
    try:
        return (date(int(y), int(m), int(d)) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


def shift_dates(text: str, days: int) -> str:
    def iso(m: re.Match) -> str:
        return _shift(*m.groups(), days) or m.group(0)

    def path(m: re.Match) -> str:
        s = _shift(*m.groups(), days)
        return "/" + s.replace("-", "/") + "/" if s else m.group(0)
    return _URL_DAY.sub(path, _ISO.sub(iso, text))


def variant(html: str, rng: random.Random, days: int) -> str:
    """Swap SWAP_SHARE of the visible words for other words of the same page; move the dates by ``days``."""
    parts = _SEG.split(html)
    vocab = list({w for seg in parts[::2] for w in _WORD.findall(seg)})[:4000]
    if vocab:
        def swap(m: re.Match) -> str:
            if rng.random() >= SWAP_SHARE:
                return m.group(0)
            w = rng.choice(vocab)
            return w.capitalize() if m.group(0)[0].isupper() else w.lower()
        for i in range(0, len(parts), 2):
            if len(parts[i]) > 20:
                parts[i] = _WORD.sub(swap, parts[i])
    html = "".join(parts)
    html = _CHARSET.sub(lambda m: m.group(1) + "utf-8", html, count=1)   # we write UTF-8 whatever it was
    return shift_dates(html, days)


def _vary_url(url: str, k: int, days: int) -> str:
    url = shift_dates(url.strip().replace(" ", "%20"), days)
    base, sep, query = url.partition("?")
    base, hsep, frag = base.partition("#")
    return f"{base.rstrip('/')}-v{k}" + (sep + query if sep else "")


# ------------------------------------------------------------------ writers
def warc_record(url: str, captured: datetime, html: bytes) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: " + str(len(html)).encode() + b"\r\n\r\n" + html)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.UUID(bytes=hashlib.md5(html).digest())}>\r\n"
            f"WARC-Date: {captured:%Y-%m-%dT%H:%M:%SZ}\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


class ShardWriter:
    """Writes records into OUT/corpus-00000.<ext>, a new file every ``per_file`` records."""

    def __init__(self, out: Path, ext: str, per_file: int, compress: bool):
        self.out, self.ext, self.per_file, self.compress = out, ext, per_file, compress
        self.fh: io.BufferedWriter | None = None
        self.n = 0
        self.files: list[Path] = []
        self.bytes = 0

    def write(self, data: bytes) -> None:
        if self.fh is None or self.n % self.per_file == 0:
            self.close()
            p = self.out / f"corpus-{len(self.files):05d}.{self.ext}{'.gz' if self.compress else ''}"
            self.files.append(p)
            self.fh = open(p, "wb")
        if self.compress:   # one gzip member per record, as crawlers write them (readers can resynchronise)
            data = gzip.compress(data, compresslevel=1, mtime=0)
        self.fh.write(data)
        self.bytes += len(data)
        self.n += 1

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def articles(n: int, seed: int, synthetic: bool, srcs: list[tuple[Path, str | None]] | None = None
             ) -> Iterator[tuple[str, str, datetime, str]]:
    """(html, url, capture time, source name) for n articles, one at a time (from ``srcs``, default: all the real
    pages, or synthetic ones when there are none)."""
    if srcs is None:
        shared = None if synthetic else shared_dir()
        srcs = real_sources(shared) if shared else []
    order = list(range(len(srcs)))
    random.Random(seed).shuffle(order)
    base = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        days = -rng.randrange(0, 1500)
        if srcs:
            k, j = divmod(i, len(srcs))
            path, url = srcs[order[j]]
            try:
                html, url = read_source(path, url)
            except Exception:
                html, url = synthetic_page(i, rng)
            yield variant(html, rng, days), _vary_url(url, k, days), base + timedelta(days=days), path.name
        else:
            html, url = synthetic_page(i, rng)   # dated 2023-2024: captured a year after the base day
            yield variant(html, rng, 0), url, base + timedelta(days=365), "synthetic"


def make_corpus(n: int, out: Path, formats: tuple[str, ...] = ("warc",), per_file: int = 10_000,
                compress: bool = True, seed: int = 1, synthetic: bool = False, quiet: bool = False,
                max_words: int | None = None) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    shared = None if synthetic else shared_dir()
    srcs = real_sources(shared) if shared else []
    kept = ""
    if srcs and max_words:
        every = len(srcs)
        srcs = short_sources(srcs, max_words)
        if not srcs:
            raise SystemExit(f"make_corpus: no page of {shared}/data has at most {max_words} words of clean text")
        kept = f" (the {len(srcs)} of {every} with at most {max_words} words of clean text)"
    if srcs:
        where = (f"real pages: {len(srcs)} HTML pages from {shared}/data ({', '.join(HTML_SETS)}){kept}, "
                 f"each used up to {-(-n // len(srcs))} times with {SWAP_SHARE:.0%} of its words swapped, "
                 f"new URL and dates moved")
    else:
        where = ("synthetic pages written by make_corpus.py " +
                 ("(--synthetic)" if synthetic else "(../shared is absent)"))
    writers = {}
    for f in formats:
        d = out / f if len(formats) > 1 else out
        d.mkdir(parents=True, exist_ok=True)
        writers[f] = ShardWriter(d, "warc" if f == "warc" else "jsonl", per_file, compress)
    t0 = time.monotonic()
    for i, (html, url, captured, _name) in enumerate(articles(n, seed, synthetic, srcs), 1):
        raw = html.encode("utf-8", "surrogateescape")
        if "warc" in writers:
            writers["warc"].write(warc_record(url, captured, raw))
        if "jsonl" in writers:
            writers["jsonl"].write((json.dumps({"url": url, "html": html, "captured": f"{captured:%Y-%m-%dT%H:%M:%SZ}"},
                                               ensure_ascii=False) + "\n").encode("utf-8", "surrogateescape"))
        if not quiet and i % 1000 == 0:
            print(f"  {i}/{n} articles ({i / (time.monotonic() - t0):.0f}/s)", file=sys.stderr)
    for w in writers.values():
        w.close()
    summary = {"articles": n, "generator": GENERATOR, "source": where, "seconds": round(time.monotonic() - t0, 1),
               "files": {f: [str(p) for p in w.files] for f, w in writers.items()},
               "bytes": {f: w.bytes for f, w in writers.items()}}
    if not quiet:
        print(f"make_corpus: {n} articles from {where}")
        for f, w in writers.items():
            print(f"make_corpus: {f}: {len(w.files)} file(s), {w.bytes / 1e6:.1f} MB in "
                  f"{w.files[0].parent if w.files else out}")
        print(f"make_corpus: {summary['seconds']}s")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="output folder")
    ap.add_argument("--format", choices=("warc", "jsonl", "both"), default="warc")
    ap.add_argument("--per-file", type=int, default=10_000, help="records per output file")
    ap.add_argument("--no-gzip", action="store_true", help="write .warc / .jsonl instead of .gz")
    ap.add_argument("--synthetic", action="store_true", help="write our own pages even when ../shared is here")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-words", type=int, default=None, metavar="W",
                    help="only real pages with at most W words of clean text (news-article length)")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("N must be at least 1")
    formats = ("warc", "jsonl") if a.format == "both" else (a.format,)
    make_corpus(a.n, a.out, formats, a.per_file, not a.no_gzip, a.seed, a.synthetic, max_words=a.max_words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
