"""Crash safety: SIGKILL at random points, then a re-run gives exactly the clean run's store; disk full."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests.hardening.hardening_env import export_articles, ingest_cmd, write_pages


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


@pytest.mark.slow
def test_crash_sigkill_at_random_points_then_rerun_equals_a_clean_run(forty_pages, clean_run, tmp_path):
    db = tmp_path / "k.duckdb"
    rnd = random.Random(int(os.environ.get("STORYLINE_CRASH_SEED", "1234")))
    t0 = time.monotonic()
    probe = subprocess.run(ingest_cmd([forty_pages], tmp_path / "timing.duckdb"), capture_output=True, timeout=600)
    assert probe.returncode == 0
    full = time.monotonic() - t0
    kills = []
    for _ in range(4):
        proc = subprocess.Popen(ingest_cmd([forty_pages], db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        delay = rnd.uniform(0.2, full)
        time.sleep(delay)
        finished = proc.poll() is not None
        _kill_group(proc)
        stored = 0
        if db.exists():
            con = duckdb.connect(str(db))   # opens (replaying the WAL) after every kill
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        kills.append((round(delay, 2), finished, stored))
    print(f"kills (delay s, had finished, articles stored): {kills}; clean run {full:.1f}s")
    final = subprocess.run(ingest_cmd([forty_pages], db), capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    rows = export_articles(db)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate articles after crashes"
    assert set(ids) == set(clean_run)
    assert all(r["text"] == clean_run[r["id"]] for r in rows)
    con = duckdb.connect(str(db), read_only=True)
    for table in ("sentences", "quotes", "events"):   # no orphan rows from a half-written batch
        orphans = con.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
                              ).fetchone()[0]
        assert orphans == 0, table
    con.close()


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    return r.returncode == 0


@pytest.mark.slow
def test_crash_disk_full_gives_a_clear_error_and_an_intact_store(tmp_path):
    mnt = tmp_path / "small"
    if not _mount_tmpfs(mnt, "24m"):
        pytest.skip("needs root and `mount -t tmpfs` to make a size-limited file system")
    try:
        pages = tmp_path / "pages"
        write_pages(pages / "first", 6)
        write_pages(pages / "second", 30, start=100)
        db = mnt / "s.duckdb"
        r = subprocess.run(ingest_cmd([pages / "first"], db), capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        before = {a["id"] for a in export_articles(db)}
        assert len(before) == 6
        # fill the file system, leaving a few KB: the next batch cannot be written
        free = shutil.disk_usage(mnt).free
        with open(mnt / "filler", "wb") as fh:
            fh.write(b"\0" * max(0, free - 16 * 1024))
        r = subprocess.run(ingest_cmd([pages / "second"], db), capture_output=True, text=True, timeout=600)
        print("disk-full run:", r.returncode, r.stderr.strip().splitlines()[-3:])
        assert r.returncode == 2
        assert "Traceback" not in r.stderr
        last = [ln for ln in r.stderr.splitlines() if ln.startswith("storyline: error:")]
        assert last and ("No space left" in last[-1] or "disk" in last[-1].lower()), r.stderr
        os.unlink(mnt / "filler")
        con = duckdb.connect(str(db))      # the store opens and holds at least what it held before
        ids = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
        con.close()
        assert before <= ids
        r = subprocess.run(ingest_cmd([pages], db), capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        rows = export_articles(db)
        assert len(rows) == 36 and len({a["id"] for a in rows}) == 36
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
