"""Each reader on inputs built here: WARC written with warcio's WARCWriter, gzip members, JSONL, encodings."""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.model import Page, ReadError
from storyline.read import Limits, format_of, read_file, read_paths
from storyline.read.decode import NotText, decode
from storyline.read.files import walk
from storyline.read.jsonl import read_jsonl
from storyline.read.names import printable, refuse, source_name
from storyline.read.single import read_single
from storyline.read.streams import ExpansionLimit, open_stream
from storyline.read.warc import read_warc

BODY = ("<p>The council of Northfield approved the budget for the new bridge on Tuesday, officials said in a "
        "statement.</p>")


def html(n: int) -> bytes:
    return (f"<html><head><title>Page {n}</title></head><body><article>{BODY}<p>Number {n}.</p></article></body>"
            "</html>").encode()


def warc(records, gz: bool) -> bytes:
    """records: (uri, payload, content type, status, record type)."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for uri, payload, ctype, status, rtype in records:
        if rtype == "response":
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http)
        else:
            rec = w.create_warc_record(uri, rtype, payload=io.BytesIO(payload))
        w.write_record(rec)
    return buf.getvalue()


def resp(n: int, ctype: str = "text/html; charset=utf-8", status: str = "200 OK"):
    return (f"http://example.org/{n}", html(n), ctype, status, "response")


def pages_of(items):
    return [x for x in items if isinstance(x, Page)]


def errors_of(items):
    return [x for x in items if isinstance(x, ReadError)]


# ------------------------------------------------------------------ WARC
@pytest.mark.parametrize("gz", [False, True])
def test_warc_reads_html_responses_only(tmp_path: Path, gz: bool) -> None:
    data = warc([resp(1), ("http://example.org/r", b"GET / HTTP/1.1\r\n\r\n", "", "", "request"),
                 resp(2, ctype="image/png"), resp(3, status="404 Not Found"), resp(4)], gz)
    p = tmp_path / ("a.warc.gz" if gz else "a.warc")
    p.write_bytes(data)
    items = list(read_warc(p))
    assert errors_of(items) == []
    got = pages_of(items)
    assert [x.url for x in got] == ["http://example.org/1", "http://example.org/4"]
    assert all(x.kind == "html" and x.source.startswith(f"{p}#record") for x in got)
    assert got[0].captured and got[0].encoding == "utf-8"


def test_warc_record_over_the_page_limit_is_refused_and_the_next_read(tmp_path: Path) -> None:
    big = ("http://example.org/big", b"<html><body>" + b"x" * 5000 + b"</body></html>", "text/html", "200 OK",
           "response")
    p = tmp_path / "a.warc"
    p.write_bytes(warc([big, resp(2)], gz=False))
    items = list(read_warc(p, Limits(max_page_bytes=2000)))
    assert [e.source for e in errors_of(items)] == [f"{p}#record1"]
    assert "over the page limit" in errors_of(items)[0].reason
    assert [x.url for x in pages_of(items)] == ["http://example.org/2"]


def test_warc_truncated_file_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    full = warc([resp(1), resp(2), resp(3)], gz=True)
    two = len(warc([resp(1), resp(2)], gz=True))
    p = tmp_path / "t.warc.gz"
    p.write_bytes(full[: two + 40])
    items = list(read_warc(p))
    assert len(pages_of(items)) == 2
    assert any("truncated" in e.reason for e in errors_of(items))


def test_warc_corrupt_gzip_member_costs_only_its_record(tmp_path: Path) -> None:
    parts = [warc([resp(n)], gz=True) for n in (1, 2, 3)]
    bad = bytearray(parts[1])
    for i in range(40, len(bad) - 20, 5):
        bad[i] ^= 0xA5
    p = tmp_path / "c.warc.gz"
    p.write_bytes(parts[0] + bytes(bad) + parts[2])
    items = list(read_warc(p))
    assert [x.url for x in pages_of(items)] == ["http://example.org/1", "http://example.org/3"]
    assert any("corrupt compressed data" in e.reason for e in errors_of(items))


def test_warc_bad_content_length_skips_to_the_next_record(tmp_path: Path) -> None:
    recs = [warc([resp(n)], gz=False) for n in (1, 2, 3)]
    recs[1] = recs[1].replace(b"Content-Length: ", b"Content-Length: -", 1)
    p = tmp_path / "b.warc"
    p.write_bytes(b"".join(recs))
    items = list(read_warc(p))
    assert [x.url for x in pages_of(items)] == ["http://example.org/1", "http://example.org/3"]
    assert [e.source for e in errors_of(items)] == [f"{p}#record2"]


def test_warc_not_a_warc_is_refused_once(tmp_path: Path) -> None:
    p = tmp_path / "n.warc"
    p.write_text("plain words\n" * 20)
    items = list(read_warc(p))
    assert len(items) == 1 and "not a WARC" in items[0].reason


def test_warc_payload_bomb_is_refused_by_the_page_limit(tmp_path: Path) -> None:
    payload = gzip.compress(b"<html><body>" + b" " * (8 << 20))
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                            protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("http://x/", "response", payload=io.BytesIO(payload), http_headers=http))
    p = tmp_path / "pb.warc"
    p.write_bytes(buf.getvalue())
    items = list(read_warc(p, Limits(max_page_bytes=1 << 20)))
    assert len(items) == 1 and "page limit" in items[0].reason


# ------------------------------------------------------------------ JSONL
def test_jsonl_bad_lines_are_named_by_number_and_the_rest_read(tmp_path: Path) -> None:
    lines = [json.dumps({"url": "u1", "text": "First page text here."}), "{broken", "",
             json.dumps(["not", "an", "object"]), json.dumps({"html": "<p>Second page.</p>", "url": 5}),
             json.dumps({"text": 3})]
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(lines) + "\n")
    items = list(read_jsonl(p))
    assert [(x.kind, x.url) for x in pages_of(items)] == [("text", "u1"), ("html", None)]
    assert [e.source for e in errors_of(items)] == [f"{p}:2", f"{p}:4", f"{p}:6"]


def test_jsonl_gz_and_long_line(tmp_path: Path) -> None:
    rows = [json.dumps({"text": "x" * 3000 + " words."}), json.dumps({"text": "A short page of text."})]
    p = tmp_path / "a.jsonl.gz"
    p.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    assert format_of(p) == "jsonl"
    items = list(read_jsonl(p, Limits(max_page_bytes=1000)))
    assert [e.source for e in errors_of(items)] == [f"{p}:1"]
    assert "longer than the page limit" in errors_of(items)[0].reason
    assert [x.content for x in pages_of(items)] == ["A short page of text."]


def test_jsonl_lone_surrogates_are_made_storable(tmp_path: Path) -> None:
    p = tmp_path / "s.jsonl"
    p.write_text('{"text": "Broken \\ud800 surrogate in an otherwise fine page."}\n')
    (page,) = list(read_jsonl(p))
    page.content.encode("utf-8")
    assert "surrogate" in page.content


def test_jsonl_deeply_nested_line_is_refused_not_a_crash(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text("[" * 200_000 + "]" * 200_000 + "\n" + json.dumps({"text": "Fine page."}) + "\n")
    items = list(read_jsonl(p))
    assert len(errors_of(items)) == 1 and len(pages_of(items)) == 1


def test_jsonl_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "e.jsonl"
    p.write_bytes(b"")
    assert [e.reason for e in read_jsonl(p)] == ["empty file"]


# ------------------------------------------------------------------ streams
def test_streams_ratio_cap_stops_a_bomb_early(tmp_path: Path) -> None:
    one = gzip.compress(b"\0" * (1 << 20), compresslevel=9)
    p = tmp_path / "b.jsonl.gz"
    p.write_bytes(one * 200)
    with pytest.raises(ExpansionLimit, match="compression bomb"):
        with open_stream(p, Limits(ratio_after_bytes=4 << 20)) as s:
            while s.read(1 << 20):
                pass
    assert s.raw.count < 8 << 20


def test_streams_expanded_cap_applies_to_ordinary_ratios(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl.gz"
    p.write_bytes(gzip.compress(os.urandom(3 << 20)))
    with pytest.raises(ExpansionLimit, match="max-expanded-bytes"):
        with open_stream(p, Limits(max_expanded_bytes=1 << 20)) as s:
            while s.read(1 << 16):
                pass


# ------------------------------------------------------------------ single files and decoding
def test_single_refuses_by_size_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.html"
    with open(p, "wb") as fh:
        fh.truncate(50 << 20)
    (e,) = list(read_single(p, "html", Limits(max_page_bytes=1 << 20)))
    assert isinstance(e, ReadError) and "over the page limit" in e.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_single_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    p = tmp_path / "pipe.txt"
    os.mkfifo(p)
    (e,) = list(read_file(p))
    assert isinstance(e, ReadError) and "not a regular file" in e.reason
    walked = list(walk([str(tmp_path)]))
    assert len(walked) == 1 and "not a regular file" in walked[0].reason


@pytest.mark.parametrize("enc", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_decode_boms_and_utf16_without_bom(enc: str) -> None:
    text = "Caf\u00e9 owners said the na\u00efve plan would fail. " * 5
    got, used = decode(text.encode(enc))
    assert got.lstrip("\ufeff") == text
    assert codecs.lookup(used).name.startswith(enc.replace("-sig", "")[:6])


def test_decode_latin1_declared_as_utf8_is_read_right() -> None:
    data = '<meta charset="utf-8"><p>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e at \u00a33.</p>'.encode("latin-1")
    text, enc = decode(data, html=True)
    assert "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e" in text and enc != "utf-8"


def test_decode_bogus_declaration_falls_back() -> None:
    text, enc = decode(b'<meta charset="x-made-up"><p>Plain words here.</p>', html=True)
    assert "Plain words" in text and enc == "utf-8"


def test_decode_refuses_binary_and_keeps_a_stray_nul() -> None:
    with pytest.raises(NotText):
        decode(os.urandom(4096))
    with pytest.raises(NotText):
        decode(b"")
    text, _ = decode(b"Some ordinary words in a page,\x00 then more words follow here.")
    assert "\x00" not in text and "then more words" in text


# ------------------------------------------------------------------ names and walking
def test_names_escape_control_characters_and_undecodable_bytes() -> None:
    assert printable("a\nb\tc\rd\x1b") == "a\\nb\\tc\\rd\\x1b"
    assert source_name(b"/tmp/x\xff.txt") == "/tmp/x\\xff.txt"
    assert printable("\u65e5\u672c caf\u00e9") == "\u65e5\u672c caf\u00e9"
    e = refuse("line\none", "reason\ntwo")
    assert "\n" not in e.source + e.reason


def test_walk_is_sorted_skips_unsupported_and_symlinks(tmp_path: Path) -> None:
    for n in ("b.txt", "a.html", "c.pdf", "d.warc.gz", "e.JSONL"):
        (tmp_path / n).write_text("x")
    os.symlink(tmp_path / "b.txt", tmp_path / "link.txt")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "z.htm").write_text("x")
    os.symlink(tmp_path, sub / "up")
    items = list(walk([str(tmp_path)]))
    got = [Path(p).name for p in items if not isinstance(p, ReadError)]
    assert got == ["a.html", "b.txt", "d.warc.gz", "e.JSONL", "z.htm"]
    # the links are not followed, and not passed over in silence either
    unsaid = {Path(e.source).name: e.reason for e in items if isinstance(e, ReadError)}
    assert set(unsaid) == {"link.txt", "up"}
    assert all("not followed" in r and "--follow-symlinks" in r for r in unsaid.values())
    followed = list(walk([str(tmp_path)], Limits(follow_symlinks=True)))
    assert any(isinstance(x, ReadError) and "folder loop" in x.reason for x in followed)


def test_read_paths_names_missing_and_unsupported_inputs(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_text("x")
    items = list(read_paths([str(tmp_path / "missing.txt"), str(tmp_path / "x.pdf")]))
    assert [e.reason.split(" (")[0] for e in items] == ["no such file or folder", "unsupported file type"]
