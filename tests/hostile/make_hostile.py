"""Write the hostile corpus into a folder (nothing here is a committed blob: every file is generated).

    python tests/hostile/make_hostile.py OUT_DIR [--slow]

``make_hostile(root, slow=False)`` returns a Manifest:
  * ``good``: marker word -> what it is. Every good page carries one unique marker word in its body;
    after ``storyline ingest`` each marker must be found in some stored article's text.
  * ``refused``: a fragment of the refused source (as the CLI prints it) -> a fragment of the reason.
  * ``either``: sources that may be ingested or refused, but must never crash the run (deep nesting).
  * ``notes``: what could not be built here (e.g. FIFOs on a file system that has none).

The quick corpus is a few MB on disk (the 1 GB file is sparse). ``slow=True`` adds the cases that take
seconds to process: a page of one million links read under a raised page limit, a 50 MB single-line
text, a multi-GB gzip bomb that only the absolute cap (not the ratio cap) would see.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SUBJECTS = ["The city council", "The regional government", "A group of farmers", "The transport ministry",
            "Local fishermen", "The harbour authority", "Teachers at the school", "The water company"]
VERBS = ["approved a plan", "rejected a proposal", "announced a new budget", "signed an agreement",
         "called for talks", "opened an inquiry", "postponed a vote", "published a report"]
OBJECTS = ["to repair the old bridge", "on the price of bread", "for the northern railway line",
           "about the flooded fields", "with the neighbouring province", "on school meals"]


def article_text(i: int, marker: str, *, title: str | None = None) -> str:
    """A small plausible news article (title + four body paragraphs), unique through ``i`` and ``marker``."""
    rnd = random.Random(i)
    title = title or f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)}"
    paras = []
    for k in range(4):
        s, v, o = rnd.choice(SUBJECTS), rnd.choice(VERBS), rnd.choice(OBJECTS)
        paras.append(f"{s} {v} {o} on Tuesday, officials in the town of {marker if k == 1 else 'Northfield'} said "
                     f"in a statement that described the decision as number {i * 10 + k} of the year. "
                     f"Residents said they had waited a long time for an answer and would follow the next steps "
                     f"closely.")
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def article_html(i: int, marker: str, *, charset: str | None = "utf-8", extra_body: str = "") -> str:
    text = article_text(i, marker)
    title, *paras = [p for p in text.split("\n\n") if p.strip()]
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p.strip()}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}{extra_body}</article></body></html>")


@dataclass
class Manifest:
    root: Path
    good: dict[str, str] = field(default_factory=dict)       # marker -> description
    refused: dict[str, str] = field(default_factory=dict)    # source fragment -> reason fragment
    refused_by_clean: dict[str, str] = field(default_factory=dict)  # read fine, refused by the cleaner
    either: list[str] = field(default_factory=list)          # may be ingested or refused, never a crash
    notes: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)      # refused only when permissions are enforced


class _Markers:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        # a made-up capitalised place name: survives cleaning, never occurs by chance
        return "Qz" + "".join("bcdfghjklmnprstvwxz"[(self.n * 7 + k * 3) % 19] for k in range(4)) + f"ova{self.n}"


def _warc_bytes(records: list[tuple[str, bytes, str]], gz: bool) -> bytes:
    """WARC response records (uri, http payload bytes, content type) written with warcio's WARCWriter."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for uri, payload, ctype in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http)
        w.write_record(rec)
    return buf.getvalue()


def _gzip_zero_members(total: int, member: int = 1 << 20) -> bytes:
    """``total`` zero bytes as repeated gzip members of ``member`` bytes each (about 1 KB per MB on disk)."""
    one = gzip.compress(b"\0" * member, compresslevel=9)
    return one * (total // member)


def _gzip_one_member(prefix: bytes, zeros: int) -> bytes:
    """One gzip member: ``prefix`` then ``zeros`` zero bytes (a bomb a single-member decoder must expand)."""
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [co.compress(prefix)]
    chunk = b"\0" * (1 << 20)
    for _ in range(zeros // len(chunk)):
        out.append(co.compress(chunk))
    out.append(co.flush())
    return b"".join(out)


def make_hostile(root: Path, *, slow: bool = False) -> Manifest:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    m = Manifest(root)
    mark = _Markers()
    i = 0

    def good_text(rel: str, *, encoding: str = "utf-8", desc: str = "") -> Path:
        nonlocal i
        i += 1
        mk = mark()
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(article_text(i, mk).encode(encoding))
        m.good[mk] = desc or rel
        return p

    # ---- plain good pages, so the run has something to keep
    for k in range(3):
        good_text(f"plain/good{k}.txt", desc="plain text page")
    i += 1
    mk = mark()
    (root / "plain" / "good.html").write_text(article_html(i, mk), encoding="utf-8")
    m.good[mk] = "plain html page"

    # ---- zero-byte files, whitespace only, binary noise, NULs
    (root / "empty").mkdir()
    (root / "empty" / "zero.txt").write_bytes(b"")
    m.refused["empty/zero.txt"] = "empty"
    (root / "empty" / "zero.html").write_bytes(b"")
    m.refused["empty/zero.html"] = "empty"
    (root / "empty" / "blank.txt").write_bytes(b" \n\t\r\n   \n")
    m.refused["empty/blank.txt"] = "whitespace"
    (root / "noise").mkdir()
    rnd = random.Random(7)
    (root / "noise" / "noise.html").write_bytes(rnd.randbytes(64 * 1024))
    m.refused["noise/noise.html"] = "binary"
    (root / "noise" / "png-named.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + rnd.randbytes(8000))
    m.refused["noise/png-named.txt"] = "binary"
    (root / "noise" / "gzip-named.html").write_bytes(gzip.compress(article_html(999, "Nothing").encode()))
    m.refused["noise/gzip-named.html"] = "binary"
    # a few stray NULs inside an otherwise good page: the page is kept
    i += 1
    mk = mark()
    t = article_text(i, mk)
    (root / "noise" / "stray-nul.txt").write_bytes(t[:200].encode() + b"\x00" + t[200:].encode())
    m.good[mk] = "text page with one stray NUL byte"
    # markup only, no article body
    (root / "noise" / "no-body.html").write_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body><div></div></body></html>")
    m.refused_by_clean["noise/no-body.html"] = "no article text"

    # ---- a 1 GB sparse file: refused by its size, never read
    (root / "big").mkdir()
    with open(root / "big" / "sparse-1gb.html", "wb") as fh:
        fh.truncate(1 << 30)
    m.refused["big/sparse-1gb.html"] = "over the page limit"
    # a page over the page limit: one million links (about 20 MB)
    links = "".join(f'<a href="/p{n}">l{n}</a>' for n in range(1_000_000))
    (root / "big" / "links-1m.html").write_text(f"<html><body><p>{links}</p></body></html>")
    del links
    m.refused["big/links-1m.html"] = "over the page limit"

    # ---- gzip bomb named .warc.gz: a valid WARC header, then GBs of zeros (about 5 MB on disk)
    (root / "gz").mkdir()
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
            b"Content-Length: 99999999999\r\n\r\n")
    with open(root / "gz" / "bomb.warc.gz", "wb") as fh:
        fh.write(gzip.compress(head))
        fh.write(_gzip_zero_members(5 << 30))
    m.refused["gz/bomb.warc.gz"] = "compress"      # "compression bomb" (ratio or expanded-size cap)
    # the same bomb as JSON lines
    with open(root / "gz" / "bomb.jsonl.gz", "wb") as fh:
        fh.write(_gzip_zero_members(2 << 30))
    m.refused["gz/bomb.jsonl.gz"] = "compress"
    # a bomb inside one WARC record's HTTP payload (Content-Encoding: gzip): small record, huge page
    i += 1
    bomb_payload = _gzip_one_member(b"<html><body><p>", 256 << 20)
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    mk_a, mk_b = mark(), mark()
    for uri, payload, enc in (("http://ok.example/a", article_html(i, mk_a).encode(), None),
                              ("http://bomb.example/p", bomb_payload, "gzip"),
                              ("http://ok.example/b", article_html(i + 1, mk_b).encode(), None)):
        hdrs = [("Content-Type", "text/html; charset=utf-8")] + ([("Content-Encoding", enc)] if enc else [])
        http = StatusAndHeaders("200 OK", hdrs, protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http))
    i += 1
    (root / "gz" / "payload-bomb.warc").write_bytes(buf.getvalue())
    m.good[mk_a] = "WARC record before a payload bomb"
    m.good[mk_b] = "WARC record after a payload bomb"
    m.refused["gz/payload-bomb.warc#record"] = "page limit"

    # ---- truncated gzip: a .warc.gz cut inside its third record (records 1-2 kept), a .jsonl.gz cut short
    recs = []
    kept = []
    for k in range(4):
        i += 1
        mk = mark()
        recs.append((f"http://trunc.example/{k}", article_html(i, mk).encode(), "text/html; charset=utf-8"))
        kept.append(mk)
    full = _warc_bytes(recs, gz=True)
    two = len(_warc_bytes(recs[:2], gz=True))
    three = len(_warc_bytes(recs[:3], gz=True))
    (root / "gz" / "truncated.warc.gz").write_bytes(full[: (two + three) // 2])
    for mk in kept[:2]:
        m.good[mk] = "record before the truncation"
    m.refused["gz/truncated.warc.gz"] = "truncated"
    lines = []
    for k in range(3):
        i += 1
        mk = mark()
        lines.append(json.dumps({"url": f"http://j.example/{k}", "text": article_text(i, mk)}))
        m.good[mk] = "jsonl.gz line before the truncation"
    # a last line long enough that the cut falls inside it (the first three lines stay whole)
    tail = json.dumps({"url": "http://j.example/last", "text": random.Random(3).randbytes(200_000).hex()})
    gzd = gzip.compress(("\n".join(lines) + "\n" + tail + "\n").encode())
    (root / "gz" / "truncated.jsonl.gz").write_bytes(gzd[: len(gzd) - 1000])
    m.refused["gz/truncated.jsonl.gz"] = "truncated"
    (root / "gz" / "not-gzip.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 100)
    m.refused["gz/not-gzip.warc.gz"] = "corrupt"

    # ---- a WARC with a corrupt record between good ones (the good records are kept)
    (root / "warc").mkdir()
    parts = []
    for k in range(3):
        i += 1
        mk = mark()
        parts.append(_warc_bytes([(f"http://w.example/{k}", article_html(i, mk).encode(), "text/html")], gz=False))
        if k != 1:
            m.good[mk] = f"WARC record {k + 1} of 3"
    bad = parts[1]
    cut = bad.index(b"Content-Length:")
    parts[1] = bad[:cut] + b"Content-Length: banana\r\n" + bad[bad.index(b"\r\n", cut) + 2:]
    (root / "warc" / "corrupt-middle.warc").write_bytes(b"".join(parts))
    m.refused["warc/corrupt-middle.warc#record2"] = "corrupt"
    # garbage bytes between records (a damaged sector): skipped, the next record found again
    i += 1
    mk1, mk2 = mark(), mark()
    a = _warc_bytes([("http://g.example/1", article_html(i, mk1).encode(), "text/html")], gz=False)
    i += 1
    b = _warc_bytes([("http://g.example/2", article_html(i, mk2).encode(), "text/html")], gz=False)
    (root / "warc" / "garbage-between.warc").write_bytes(a + b"\x00\xff garbage line\r\n" * 50 + b)
    m.good[mk1] = "WARC record before garbage"
    m.good[mk2] = "WARC record after garbage"
    m.refused["warc/garbage-between.warc#record2"] = "corrupt"
    (root / "warc" / "not-a-warc.warc").write_text("hello, I am not a WARC file\n" * 10)
    m.refused["warc/not-a-warc.warc"] = "not a WARC"
    # gzip records where one member is corrupt in the middle
    i += 1
    gparts = []
    gm = []
    for k in range(3):
        i += 1
        mk = mark()
        gm.append(mk)
        gparts.append(_warc_bytes([(f"http://gz.example/{k}", article_html(i, mk).encode(), "text/html")], gz=True))
    mid = bytearray(gparts[1])
    for off in range(30, len(mid) - 30, 7):
        mid[off] ^= 0x5A
    (root / "warc" / "corrupt-member.warc.gz").write_bytes(gparts[0] + bytes(mid) + gparts[2])
    m.good[gm[0]] = "gzip WARC record before a corrupt member"
    m.good[gm[2]] = "gzip WARC record after a corrupt member (found again at the next gzip member)"
    m.refused["warc/corrupt-member.warc.gz#record2"] = "corrupt compressed data"

    # ---- HTML nested 100k levels deep
    (root / "deep").mkdir()
    i += 1
    mk = mark()
    body = article_text(i, mk).replace("\n\n", "</p><p>")
    (root / "deep" / "nested-100k.html").write_text(
        "<html><head><title>Deep</title></head><body>" + "<div>" * 100_000 + f"<p>{body}</p>" + "</div>" * 100_000
        + "</body></html>")
    m.either.append("deep/nested-100k.html")
    (root / "deep" / "unclosed-100k.html").write_text("<html><body>" + "<b><i>" * 50_000 + "text " * 100)
    m.either.append("deep/unclosed-100k.html")

    # ---- encoding traps
    (root / "enc").mkdir()
    good_text("enc/utf16le-nobom.txt", encoding="utf-16-le", desc="UTF-16-LE without BOM")
    good_text("enc/utf16be-nobom.txt", encoding="utf-16-be", desc="UTF-16-BE without BOM")
    good_text("enc/utf16-bom.txt", encoding="utf-16", desc="UTF-16 with BOM")
    good_text("enc/utf8-bom.txt", encoding="utf-8-sig", desc="UTF-8 with BOM")
    i += 1
    mk = mark()
    (root / "enc" / "latin1-declared-utf8.html").write_bytes(
        article_html(i, mk, extra_body="<p>Caf\u00e9 cr\u00e8me na\u00efve \u00a3 prices.</p>").encode("latin-1"))
    m.good[mk] = "Latin-1 bytes under a UTF-8 declaration"
    i += 1
    mk = mark()
    (root / "enc" / "bogus-charset.html").write_bytes(article_html(i, mk, charset="x-no-such-charset").encode())
    m.good[mk] = "HTML declaring a charset that does not exist"
    i += 1
    mk = mark()
    t = article_text(i, mk)
    half = len(t) // 2
    (root / "enc" / "mixed.txt").write_bytes(t[:half].encode() + " caf\u00e9 ".encode("utf-8") +
                                               " na\u00efve ".encode("latin-1") + t[half:].encode("cp1252"))
    m.good[mk] = "UTF-8 and Latin-1 mixed in one file"
    i += 1
    mk = mark()
    (root / "enc" / "cp1252-quotes.txt").write_bytes(article_text(i, mk).replace(
        "officials", "\u201cofficials\u201d").encode("cp1252"))
    m.good[mk] = "Windows-1252 smart quotes"

    # ---- JSONL with bad lines among good ones
    (root / "jsonl").mkdir()
    rows = []
    for k in range(4):
        i += 1
        mk = mark()
        rows.append(json.dumps({"url": f"http://l.example/{k}", "text": article_text(i, mk)}))
        m.good[mk] = f"JSONL line {k}"
    i += 1
    mk = mark()
    rows.insert(2, '{"url": "http://l.example/broken", "text": "unterminated')
    rows.insert(3, "[1, 2, 3]")
    rows.insert(4, json.dumps({"url": "http://l.example/nobody", "html": 42}))
    rows.append(json.dumps({"url": "http://l.example/h", "html": article_html(i, mk)}))
    m.good[mk] = "JSONL line with html"
    (root / "jsonl" / "mixed.jsonl").write_text("\n".join(rows) + "\n\n")
    m.refused["jsonl/mixed.jsonl:3"] = "not valid JSON"
    m.refused["jsonl/mixed.jsonl:4"] = "JSON object"
    m.refused["jsonl/mixed.jsonl:5"] = "no \"html\" or \"text\""
    (root / "jsonl" / "binary.jsonl").write_bytes(random.Random(5).randbytes(5000))
    m.refused["jsonl/binary.jsonl"] = ""

    # ---- awkward file names
    (root / "names").mkdir()
    good_text("names/with space.txt", desc="space in the name")
    good_text("names/new\nline.txt", desc="newline in the name")
    good_text("names/\u00fcn\u00efc\u00f8d\u00e9 \u65e5\u672c.txt", desc="non-ASCII name")
    good_text("names/-starts-with-dash.txt", desc="name that looks like an option")
    i += 1
    mk = mark()
    bad_name = os.fsencode(root / "names") + b"/bad-\xff\xfe-utf8.txt"
    with open(bad_name, "wb") as fh:
        fh.write(article_text(i, mk).encode())
    m.good[mk] = "file name that is not valid UTF-8"
    (root / "names" / "empty\nand newline.txt").write_bytes(b"")
    m.refused["names/empty\\nand newline.txt"] = "empty"

    # ---- symlinks: a loop to a parent, a dangling link, a link to a device (none followed by default)
    (root / "links" / "inner").mkdir(parents=True)
    good_text("links/inner/real.txt", desc="page inside a folder with a symlink loop")
    os.symlink("..", root / "links" / "inner" / "loop")
    os.symlink(root / "links", root / "links" / "self")
    os.symlink(root / "links" / "nowhere.txt", root / "links" / "dangling.txt")
    os.symlink("/dev/zero", root / "links" / "zero.txt")

    # ---- special files: a FIFO named .html (opening it would block forever)
    try:
        os.mkfifo(root / "links" / "pipe.html")
        m.refused["links/pipe.html"] = "not a regular file"
    except (AttributeError, OSError) as exc:
        m.notes.append(f"no FIFO: {exc}")

    # ---- unreadable permissions (a file and a folder)
    (root / "perm" / "closed").mkdir(parents=True)
    (root / "perm" / "secret.txt").write_text(article_text(9999, "Unreadable"))
    (root / "perm" / "closed" / "inside.txt").write_text(article_text(9998, "Unreachable"))
    os.chmod(root / "perm" / "secret.txt", 0)
    os.chmod(root / "perm" / "closed", 0)
    m.unreadable += ["perm/secret.txt", "perm/closed"]

    if slow:
        (root / "slow").mkdir()
        i += 1
        mk = mark()
        words = article_text(i, mk).replace("\n", " ")
        (root / "slow" / "one-line-50mb.txt").write_text(words * (50_000_000 // len(words)))
        m.refused["slow/one-line-50mb.txt"] = "over the page limit"
    return m


def fix_permissions(root: Path) -> None:
    """Give back the permissions make_hostile took away, so the folder can be deleted."""
    for rel in ("perm/secret.txt", "perm/closed"):
        p = Path(root) / rel
        if p.exists():
            os.chmod(p, 0o755)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    man = make_hostile(out, slow="--slow" in sys.argv)
    print(f"wrote {out}: {len(man.good)} good pages, {len(man.refused)} refusals expected, "
          f"{len(man.either)} either way, unreadable {man.unreadable}")
    for n in man.notes:
        print("note:", n)
