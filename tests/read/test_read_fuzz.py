"""Property tests (hypothesis): no input makes a reader or the cleaner raise.

Every reader must turn any bytes into Page or ReadError records; pages must be storable (valid
UTF-8 sources and content) and refusals printable on one line. The cleaner must turn any text or
HTML page into an Article.
"""
from __future__ import annotations

import atexit
import gzip
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.model import Article, Page, ReadError, content_hash
from storyline.read import Limits, read_file
from storyline.read.decode import NotText, decode

# STORYLINE_FUZZ_EXAMPLES=2000 for a deeper run than the default quick one
FUZZ = settings(max_examples=int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "120")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
SMALL = Limits(max_page_bytes=64 * 1024, max_expanded_bytes=1 << 20, ratio_after_bytes=256 * 1024)
_CTRL = re.compile(r"[\x00-\x1f\x7f]")
_TMP = Path(tempfile.mkdtemp(prefix="storyline-fuzz-"))
# hypothesis calls the tests many times, so one folder serves them all; it goes when the run ends
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)


def _check(items: list, data: bytes = b"x") -> None:
    if not data.strip():
        assert items, "an empty file is refused, not passed over in silence"
    for x in items:
        assert isinstance(x, (Page, ReadError))
        x.source.encode("utf-8")
        assert not _CTRL.search(x.source)
        if isinstance(x, ReadError):
            assert not _CTRL.search(x.reason) and x.reason
        else:
            x.content.encode("utf-8")


def _read(name: str, data: bytes) -> list:
    p = _TMP / name
    p.write_bytes(data)
    return list(read_file(p, SMALL))


def _warc(payloads: list[bytes], gz: bool) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i, payload in enumerate(payloads):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://x/{i}", "response", payload=io.BytesIO(payload),
                                            http_headers=http))
    return buf.getvalue()


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    b = bytearray(data)
    for pos, val in edits:
        if b:
            b[pos % len(b)] = val
    return bytes(b[:cut] if cut is not None else b)


@FUZZ
@given(st.binary(max_size=4096), st.booleans())
def test_fuzz_decode_returns_text_or_refuses(data: bytes, html: bool) -> None:
    try:
        text, enc = decode(data, html=html)
    except NotText as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and enc


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["p.txt", "p.html"]))
def test_fuzz_single_any_bytes(data: bytes, name: str) -> None:
    items = _read(name, data)
    _check(items)
    assert len(items) == 1


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["p.warc", "p.warc.gz", "p.jsonl", "p.jsonl.gz"]))
def test_fuzz_containers_any_bytes(data: bytes, name: str) -> None:
    _check(_read(name, data), data)


@FUZZ
@given(st.lists(st.binary(max_size=600), min_size=1, max_size=4), st.booleans(),
       st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), max_size=6),
       st.one_of(st.none(), st.integers(0, 4000)))
def test_fuzz_warc_mutated(payloads: list[bytes], gz: bool, edits, cut) -> None:
    data = _mutate(_warc(payloads, gz), edits, cut)
    _check(_read("m.warc.gz" if gz else "m.warc", data))


@FUZZ
@given(st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["url", "text", "html", "captured", "x"]),
                    st.one_of(st.text(max_size=200), st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
                    max_size=4),
    st.text(max_size=50)), max_size=8), st.booleans(),
    st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), max_size=4))
def test_fuzz_jsonl_lines(rows, gz: bool, edits) -> None:
    data = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in rows).encode("utf-8", "surrogatepass")
    data = _mutate(data, edits, None)
    if gz:
        data = gzip.compress(data)
    _check(_read("l.jsonl.gz" if gz else "l.jsonl", data))


_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<title>", "</title>", "<br>",
                         "<script>", "</script>", "<article>", "</article>", "<meta charset=\"utf-8\">",
                         '<meta property="article:published_time" content="2019-02-30">', "<time datetime=\"x\">",
                         "<!--", "-->", "<a href=\"javascript:x\">", "</a>", "&amp;", "&#0;", "&#xD800;", "<![CDATA[",
                         '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019"}</script>'])
_HTML = st.lists(st.one_of(_TAGS, st.text(max_size=80)), max_size=40).map("".join)


@FUZZ
@given(_HTML)
def test_fuzz_clean_html_never_raises(html: str) -> None:
    from storyline.clean import clean
    art = clean(Page(source="fuzz.html", kind="html", content=html, content_hash=content_hash(html)))
    assert isinstance(art, Article)


_LINES = st.lists(st.one_of(
    st.text(max_size=120),
    st.sampled_from(["", "By Jane Doe", "Posted by admin", "Reply", "March 3, 2019", "Tuesday", "Share this",
                     "Advertisement", "Comments", "\u201cQuoted,\u201d she said.", "12:30 PM ET", "--", "2019"])),
    max_size=30).map("\n".join)


@FUZZ
@given(_LINES)
def test_fuzz_clean_text_never_raises(text: str) -> None:
    from storyline.clean import clean
    art = clean(Page(source="fuzz.txt", kind="text", content=text, content_hash=content_hash(text)))
    assert isinstance(art, Article)
