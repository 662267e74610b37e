"""The hostile corpus (make_hostile.py): every bad file refused with a reason, every good page kept.

Reader-level tests run by default (a second or two); the full `storyline ingest` over the corpus (it
loads spaCy for the good pages) is marked slow.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from storyline.model import Page, ReadError
from storyline.read import Limits, read_file, read_paths
from tests.hostile.hostile_env import CLI, MEMORY_CAP_MB, PY, drop_dac

_CTRL = re.compile(r"[\x00-\x1f\x7f]")


@pytest.fixture(scope="module")
def read_all(hostile):
    pages, errors = [], []
    t0 = time.monotonic()
    for item in read_paths([str(hostile.root)]):
        (errors if isinstance(item, ReadError) else pages).append(item)
    return pages, errors, time.monotonic() - t0


def _find(errors: list[ReadError], root: Path, frag: str) -> list[ReadError]:
    want = f"{root}/{frag}"
    return [e for e in errors if e.source == want or e.source.startswith(want)]


def test_hostile_read_refuses_each_bad_file_with_its_reason(hostile, read_all):
    _, errors, _ = read_all
    missing = []
    for frag, reason in hostile.refused.items():
        hits = _find(errors, hostile.root, frag)
        if not any(reason.lower() in e.reason.lower() for e in hits):
            missing.append((frag, reason, [e.reason for e in hits]))
    assert not missing, missing


def test_hostile_read_keeps_every_good_page(hostile, read_all):
    pages, _, _ = read_all
    text = "\n".join(p.content for p in pages)
    lost = {mk: what for mk, what in hostile.good.items() if mk not in text}
    assert not lost, lost


def test_hostile_read_decodes_encoding_traps(hostile, read_all):
    pages, _, _ = read_all
    by_name = {Path(p.source).name: p for p in pages}
    assert "Caf\u00e9 cr\u00e8me" in by_name["latin1-declared-utf8.html"].content
    assert by_name["utf16le-nobom.txt"].encoding == "utf-16-le"
    assert by_name["utf16be-nobom.txt"].encoding == "utf-16-be"
    assert "\u201cofficials\u201d" in by_name["cp1252-quotes.txt"].content
    assert "\x00" not in by_name["stray-nul.txt"].content


def test_hostile_read_every_source_and_reason_prints_on_one_line(read_all):
    pages, errors, _ = read_all
    for rec in [*errors, *pages]:
        assert not _CTRL.search(rec.source), rec.source
        rec.source.encode("utf-8")  # storable: no lone surrogates from undecodable file names
    for e in errors:
        assert not _CTRL.search(e.reason), e.reason
    names = [p.source for p in pages]
    assert any(s.endswith("names/new\\nline.txt") for s in names)
    assert any(s.endswith("names/bad-\\xff\\xfe-utf8.txt") for s in names)


def test_hostile_read_does_not_follow_symlinks_by_default(hostile, read_all):
    pages, errors, _ = read_all
    for rec in [*pages, *errors]:
        assert "/links/self/" not in rec.source and "/loop/" not in rec.source
    assert not any(p.source.endswith("links/zero.txt") for p in pages)
    # each link is named with the reason it was not read
    linked = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors if "/links/" in e.source}
    assert {"zero.txt", "dangling.txt", "self"} <= set(linked)
    assert all("not followed" in linked[k] for k in ("zero.txt", "dangling.txt", "self"))


def test_hostile_read_follows_symlinks_when_asked_and_cuts_loops(hostile):
    items = list(read_paths([str(hostile.root / "links")], Limits(follow_symlinks=True)))
    loops = [e for e in items if isinstance(e, ReadError) and "folder loop" in e.reason]
    assert loops
    zero = [e for e in items if isinstance(e, ReadError) and e.source.endswith("links/zero.txt")]
    assert zero == [] or "not a regular file" in zero[0].reason or "device" in zero[0].reason
    reals = [p for p in items if isinstance(p, Page) and p.source.endswith("inner/real.txt")]
    assert len(reals) == 1


def test_hostile_read_whole_corpus_is_quick(read_all):
    # the bombs expand 5 GB and 256 MB; the ratio and page caps stop them after a few MB
    assert read_all[2] < 20.0, f"reading the hostile corpus took {read_all[2]:.1f}s"


def _rchar() -> int:
    with open("/proc/self/io") as fh:
        return int(next(line for line in fh if line.startswith("rchar:")).split()[1])


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs /proc/self/io to count bytes read")
def test_hostile_read_sparse_file_refused_without_being_read(hostile):
    before = _rchar()
    out = list(read_file(hostile.root / "big" / "sparse-1gb.html"))
    assert len(out) == 1 and isinstance(out[0], ReadError) and "over the page limit" in out[0].reason
    assert _rchar() - before < 1 << 20


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs /proc/self/io to count bytes read")
def test_hostile_read_gzip_bomb_refused_after_a_few_mb(hostile):
    before = _rchar()
    out = list(read_file(hostile.root / "gz" / "bomb.warc.gz"))
    assert any("compression bomb" in e.reason for e in out if isinstance(e, ReadError)), out
    assert _rchar() - before < 8 << 20   # compressed bytes read from disk before the refusal


def test_hostile_read_unreadable_files_are_refused(hostile):
    prefix = drop_dac()
    if prefix is None:
        pytest.skip("running as root and setpriv is missing: chmod 000 does not stop root's reads")
    code = ("import sys; from storyline.read import read_paths; from storyline.model import ReadError\n"
            "for x in read_paths([sys.argv[1]]):\n"
            "    print(('ERR ' + x.source + ' :: ' + x.reason) if isinstance(x, ReadError) else ('OK ' + x.source))")
    r = subprocess.run([*prefix, PY, "-c", code, str(hostile.root / "perm")], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert re.search(r"ERR .*perm/secret\.txt :: cannot read: Permission denied", r.stdout), r.stdout
    assert re.search(r"ERR .*perm/closed :: cannot list folder: Permission denied", r.stdout), r.stdout
    assert "OK " not in r.stdout


def test_hostile_cli_refuses_bad_files_one_line_each(hostile, tmp_path):
    """The CLI over the refusal-only parts of the corpus (no good page: spaCy never loads)."""
    root = hostile.root
    args = [str(root / "empty"), str(root / "big"), str(root / "gz" / "bomb.warc.gz"),
            str(root / "links" / "pipe.html"), str(root / "names" / "empty\nand newline.txt"),
            str(root / "no-such-file.txt")]
    db = tmp_path / "h.duckdb"
    r = subprocess.run([*CLI, "ingest", *args, "--db", str(db), "--no-link", "--engine", "inline"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    refused = [ln for ln in lines if ln.startswith("storyline: refused ")]
    # every stderr line is a whole message: nothing spilled onto a line of its own
    assert all(ln.startswith("storyline: ") for ln in lines), lines
    for frag in ("empty/zero.txt: empty file", "empty/blank.txt: no text", "big/sparse-1gb.html: file is 1.0 GB",
                 "big/links-1m.html: file is", "gz/bomb.warc.gz: expands more than", "links/pipe.html: not a regular",
                 "names/empty\\nand newline.txt: empty file", "no-such-file.txt: no such file"):
        assert sum(frag in ln for ln in refused) == 1, (frag, refused)


@pytest.mark.slow
def test_hostile_cli_ingest_keeps_every_good_page_under_the_memory_cap(hostile, tmp_path):
    prefix = drop_dac()
    db = tmp_path / "h.duckdb"
    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "print('maxrss_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(r.returncode)")
    cmd = [*(prefix or []), PY, "-c", wrapper, *CLI, "ingest", str(hostile.root), "--db", str(db), "--no-link"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert r.returncode == 1, r.stderr[-3000:]
    lines = r.stderr.splitlines()
    assert all(ln.startswith("storyline: ") or ln.startswith("maxrss_kb") for ln in lines), lines
    refused = [ln for ln in lines if ln.startswith("storyline: refused ")]
    for frag, reason in {**hostile.refused, **hostile.refused_by_clean}.items():
        assert any(f"{hostile.root}/{frag}" in ln and reason.lower() in ln.lower() for ln in refused), (frag, reason)
    if prefix is not None:
        for frag in hostile.unreadable:
            assert any(f"{hostile.root}/{frag}" in ln and "Permission denied" in ln for ln in refused), frag
    rss_mb = int(next(ln for ln in lines if ln.startswith("maxrss_kb")).split()[1]) / 1024
    print(f"peak RSS of the largest ingest process: {rss_mb:.0f} MB (cap {MEMORY_CAP_MB} MB)")
    assert rss_mb < MEMORY_CAP_MB
    ex = subprocess.run([*CLI, "export", "articles", "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert ex.returncode == 0, ex.stderr
    rows = [json.loads(ln) for ln in ex.stdout.splitlines() if ln.strip()]
    text = "\n".join(r["text"] for r in rows)
    lost = {mk: what for mk, what in hostile.good.items() if mk not in text}
    assert not lost, lost
    assert len({r["id"] for r in rows}) == len(rows)


@pytest.mark.slow
def test_hostile_million_links_page_cleans_under_a_raised_limit(hostile, tmp_path):
    """Past the page limit on purpose: the cleaner must finish (no crash, bounded memory) on 1M links."""
    db = tmp_path / "links.duckdb"
    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "print('maxrss_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(r.returncode)")
    r = subprocess.run([PY, "-c", wrapper, *CLI, "ingest", str(hostile.root / "big" / "links-1m.html"), "--db",
                        str(db), "--no-link", "--engine", "inline", "--max-page-bytes", str(64 << 20)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode in (0, 1), r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "error:" not in r.stderr, r.stderr[-2000:]
    rss_mb = int(next(ln for ln in r.stderr.splitlines() if ln.startswith("maxrss_kb")).split()[1]) / 1024
    print(f"1M links page: exit {r.returncode}, peak RSS {rss_mb:.0f} MB")
    assert rss_mb < MEMORY_CAP_MB
