"""Concurrency: readers (`storyline export`, the web app) while an ingest writes — no error, no torn read.

DuckDB lets one process write a file; readers use ``connect_for_read``, which falls back to the
snapshot the writer publishes. Every article a reader sees must carry its full text (the text a
finished run stores for that id), and the count seen never goes down.
"""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.hardening.hardening_env import CLI, export_articles, ingest_cmd, write_pages


def _expected_texts(db: Path) -> dict[str, str]:
    return {a["id"]: a["text"] for a in export_articles(db)}


@pytest.fixture(scope="module")
def writer_setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("conc")
    first, second = base / "first", base / "second"
    write_pages(first, 8)
    write_pages(second, 40, start=200)
    ref = base / "ref.duckdb"   # a finished run over everything: the texts every read must match
    r = subprocess.run(ingest_cmd([first, second], ref), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return first, second, _expected_texts(ref)


def _start_writer(db: Path, first: Path, second: Path) -> subprocess.Popen:
    r = subprocess.run(ingest_cmd([first], db), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr   # the store exists, with a published snapshot
    return subprocess.Popen(ingest_cmd([second], db, "--batch-size", "2"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_concurrency_export_loop_while_ingest_writes(writer_setup, tmp_path):
    first, second, expected = writer_setup
    db = tmp_path / "c.duckdb"
    writer = _start_writer(db, first, second)
    reads, counts, errors = 0, [], []
    try:
        while True:
            done = writer.poll() is not None
            r = subprocess.run([*CLI, "export", "articles", "--db", str(db)], capture_output=True, text=True,
                               timeout=120)
            if r.returncode != 0:
                errors.append(r.stderr.strip())
            else:
                import json
                rows = [json.loads(ln) for ln in r.stdout.splitlines() if ln.strip()]
                for a in rows:
                    assert a["text"] == expected[a["id"]], f"torn read of {a['id']}"
                counts.append(len(rows))
                reads += 1
            if done:
                break
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait()
    print(f"export reads during the ingest: {reads}, article counts seen: {counts}, errors: {len(errors)}")
    assert writer.returncode == 0, writer.stderr.read()
    assert not errors, errors[:3]
    assert counts == sorted(counts) and counts[0] >= 8 and counts[-1] == 48
    assert reads >= 2


@pytest.mark.slow
def test_concurrency_web_app_reads_while_ingest_writes(writer_setup, tmp_path):
    from fastapi.testclient import TestClient

    from storyline.web import app as app_mod
    first, second, expected = writer_setup
    db = tmp_path / "w.duckdb"
    writer = _start_writer(db, first, second)
    client = TestClient(app_mod.create_app(str(db)))
    reads, statuses, totals = 0, [], []
    try:
        while True:
            done = writer.poll() is not None
            r = client.get("/api/articles", params={"limit": 200})
            statuses.append(r.status_code)
            if r.status_code == 200:
                body = r.json()
                totals.append(body["total"])
                for item in body["items"][:5]:
                    one = client.get(f"/api/articles/{item['id']}")
                    statuses.append(one.status_code)
                    if one.status_code == 200:
                        assert one.json()["text"] == expected[item["id"]], f"torn read of {item['id']}"
                page = client.get("/")
                statuses.append(page.status_code)
                reads += 1
            if done:
                break
            time.sleep(0.05)
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait()
    print(f"web reads during the ingest: {reads}; totals seen {sorted(set(totals))}; "
          f"statuses {sorted(set(statuses))}")
    assert writer.returncode == 0
    assert set(statuses) == {200}, sorted(set(statuses))
    assert totals == sorted(totals) and totals[-1] == 48


@pytest.mark.slow
def test_concurrency_reader_during_a_first_ingest_gets_no_busy_error(writer_setup, tmp_path):
    """A reader that arrives while the very first ingest of a store writes it (no snapshot exists yet)."""
    first, second, _ = writer_setup
    db = tmp_path / "f.duckdb"
    writer = subprocess.Popen(ingest_cmd([first, second], db, "--batch-size", "2"), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    errors = []
    try:
        deadline = time.monotonic() + 60
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        while writer.poll() is None:
            r = subprocess.run([*CLI, "export", "articles", "--db", str(db)], capture_output=True, text=True,
                               timeout=120)
            if r.returncode != 0:
                errors.append(r.stderr.strip())
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait()
    assert not errors, errors[:3]
