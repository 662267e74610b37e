"""Inputs that used to lose data in silence or abort a run (issue 27, items 3 and 4): every page-like WARC record
is read or refused with a reason, and a folder nested a thousand deep costs only itself."""
from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.model import Page, ReadError
from storyline.read import read_paths
from storyline.read.files import walk
from storyline.read.warc import read_warc

BODY = "<p>The council of Northfield approved the budget for the new bridge on Tuesday, officials said.</p>"


def html(n: int) -> bytes:
    return (f"<html><head><title>Page {n}</title></head><body><article>{BODY}<p>Number {n}.</p></article></body>"
            "</html>").encode()


def record(n: int, rtype: str = "response", ctype: str | None = "text/html; charset=utf-8",
           warc_ctype: str | None = None) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    uri = f"http://example.org/{n}"
    if rtype == "response":
        headers = [("Content-Type", ctype)] if ctype else []
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        rec = w.create_warc_record(uri, "response", payload=io.BytesIO(html(n)), http_headers=http)
    else:
        rec = w.create_warc_record(uri, rtype, payload=io.BytesIO(html(n)), warc_content_type=warc_ctype)
    w.write_record(rec)
    return buf.getvalue()


def split(items):
    items = list(items)
    return [x for x in items if isinstance(x, Page)], [x for x in items if isinstance(x, ReadError)]


def test_content_length_that_swallows_the_next_record_costs_only_its_own(tmp_path: Path) -> None:
    recs = [record(n) for n in (1, 2, 3)]
    m = re.search(rb"Content-Length: (\d+)", recs[0])
    longer = int(m.group(1)) + 300          # runs well into record 2's header and payload
    recs[0] = recs[0][:m.start(1)] + str(longer).encode() + recs[0][m.end(1):]
    p = tmp_path / "over.warc"
    p.write_bytes(b"".join(recs))
    pages, errors = split(read_warc(p))
    assert [x.url for x in pages] == ["http://example.org/2", "http://example.org/3"]
    assert [e.source for e in errors] == [f"{p}#record1"]
    assert "runs into the next record" in errors[0].reason


def test_html_inside_a_page_that_mentions_warc_headers_is_not_cut(tmp_path: Path) -> None:
    """A well-formed record whose page talks about the WARC format keeps its whole text."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    page = html(1).replace(b"Number 1.", b"Number 1.\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\n")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("http://example.org/1", "response", payload=io.BytesIO(page),
                                        http_headers=http))
    p = tmp_path / "about.warc"
    p.write_bytes(buf.getvalue() + record(2))
    pages, errors = split(read_warc(p))
    assert [x.url for x in pages] == ["http://example.org/1", "http://example.org/2"] and not errors
    assert "WARC-Type: response" in pages[0].content


def test_resource_records_holding_html_are_pages(tmp_path: Path) -> None:
    p = tmp_path / "res.warc"
    p.write_bytes(record(1, "resource", warc_ctype="text/html") + record(2, "resource", warc_ctype="image/png"))
    pages, errors = split(read_warc(p))
    assert [x.url for x in pages] == ["http://example.org/1"] and not errors


def test_response_without_content_type_is_read_when_it_is_html(tmp_path: Path) -> None:
    p = tmp_path / "noct.warc"
    p.write_bytes(record(1, ctype=None) + record(2))
    pages, errors = split(read_warc(p))
    assert [x.url for x in pages] == ["http://example.org/1", "http://example.org/2"] and not errors


def test_a_folder_a_thousand_deep_costs_only_itself(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    for i in range(3):
        (good / f"a{i}.html").write_bytes(html(i))
    deep = tmp_path / "deep"
    cur = deep
    os.makedirs(cur)
    for _ in range(1000):                    # mkdir one level at a time, relative: no path past PATH_MAX
        os.mkdir(cur / "d")
        cur = cur / "d" if len(str(cur)) < 3000 else cur
        if len(str(cur)) >= 3000:
            break
    fd = os.open(cur, os.O_RDONLY)
    try:                                     # go deeper than PATH_MAX allows to name from the root
        for _ in range(1000):
            os.mkdir("d", dir_fd=fd)
            nfd = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        with open(os.open("x.html", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "wb") as f:
            f.write(html(9))
    finally:
        os.close(fd)
    after = tmp_path / "after.html"
    after.write_bytes(html(7))
    try:
        items = list(walk([str(good), str(deep), str(after)]))
        files = [x for x in items if isinstance(x, Path)]
        assert [f.name for f in files][:3] == ["a0.html", "a1.html", "a2.html"] and files[-1] == after
        pages = [x for x in read_paths([str(good), str(deep), str(after)]) if isinstance(x, Page)]
        assert len(pages) >= 4
    finally:   # pytest's own clean-up (shutil.rmtree) recurses once per level and would fail on this tree
        subprocess.run(["rm", "-rf", str(deep)], check=True)


def test_walk_survives_a_recursion_limit_lower_than_the_depth(tmp_path: Path) -> None:
    """The walk is iterative: its depth is not bounded by Python's recursion limit."""
    import sys
    cur = tmp_path / "t"
    cur.mkdir()
    for _ in range(120):
        cur = cur / "d"
        cur.mkdir()
    (cur / "leaf.html").write_bytes(html(1))
    import inspect
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 60)   # far fewer frames than the 120 levels
    try:
        found = [x for x in walk([str(tmp_path / "t")]) if isinstance(x, Path)]
    finally:
        sys.setrecursionlimit(old)
    assert [f.name for f in found] == ["leaf.html"]


def test_a_file_of_bad_lines_is_refused_in_one_summary(tmp_path: Path) -> None:
    from storyline.read import jsonl
    p = tmp_path / "bad.jsonl"
    good = '{"url": "http://example.org/g", "html": "' + html(1).decode().replace('"', '\\"') + '"}\n'
    p.write_text("[]\n" * 50_000 + good + "{nope\n" * 50_000)
    items = list(read_paths([str(p)]))
    pages, errors = split(items)
    assert [x.url for x in pages] == ["http://example.org/g"]
    assert len(errors) == jsonl.SAMPLE_REFUSALS + 1
    assert [e.source for e in errors[:2]] == [f"{p}:1", f"{p}:2"]
    last = errors[-1]
    assert last.source == str(p) and last.reason.startswith(f"{100_000 - jsonl.SAMPLE_REFUSALS:,} more lines refused")
    assert "not valid JSON" in last.reason and "a JSON object" in last.reason


def test_file_names_with_bidi_overrides_or_c1_controls_are_escaped(tmp_path: Path) -> None:
    p = tmp_path / "invoice\u202etxt.html"
    p.write_bytes(html(1))
    q = tmp_path / "n\u0085x\u009b[2J.txt"
    q.write_text("plain")                     # too short to be an article; refused by name
    r = tmp_path / "missing\u2066.html"
    items = list(read_paths([str(p), str(q), str(r)]))
    names = [x.source for x in items]
    assert all(not any(c in n for c in "\u202e\u0085\u009b\u2066") for n in names), names
    assert names[0].endswith("invoice\\u202etxt.html")
    from storyline.read.names import printable
    # RTL text and its mark stay
    assert printable("\u05e9\u05dc\u05d5\u05dd \u200f") == "\u05e9\u05dc\u05d5\u05dd \u200f"

