"""The store and ingest: idempotence, exports, exit codes, refused files named with a reason."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from storyline.run.ingest import ingest
from storyline.store import Store, StoreError
from storyline.store.export import write_export

CLI = [sys.executable, "-m", "storyline.cli"]


def test_store_ingest_is_idempotent(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = ingest([str(pages_dir)], db, engine="inline", link=False)
    assert first.new == 3 and not first.refused
    second = ingest([str(pages_dir)], db, engine="inline", link=False)
    assert second.new == 0 and second.skipped == 3
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (3, 3)
    # every row records the pipeline version that produced it
    assert con.execute("SELECT count(*) FROM articles WHERE pipeline_version IS NULL").fetchone()[0] == 0
    con.close()


def test_store_same_content_under_two_names_is_one_article(pages_dir: Path, tmp_path: Path) -> None:
    (pages_dir / "copy_of_a.txt").write_bytes((pages_dir / "a.txt").read_bytes())
    db = tmp_path / "s.duckdb"
    report = ingest([str(pages_dir)], db, engine="inline", link=False)
    assert report.new == 3 and report.skipped == 1


def test_store_refuses_newer_schema(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="newer storyline"):
        Store(db)


def test_store_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "x.duckdb"
    bogus.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError):
        Store(bogus)


def test_export_formats_round_trip(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest([str(pages_dir)], db, engine="inline", link=False)
    with Store(db, read_only=True) as store:
        n = write_export(store, "articles", "jsonl", None, str(tmp_path / "a.jsonl"))
        write_export(store, "articles", "csv", None, str(tmp_path / "a.csv"))
        write_export(store, "articles", "parquet", None, str(tmp_path / "a.parquet"))
    rows = [json.loads(ln) for ln in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert n == 3 and len(rows) == 3
    for key in ("id", "source", "url", "outlet", "title", "published", "published_range", "published_evidence",
                "updated", "byline", "dateline", "language", "text"):
        assert all(key in r for r in rows), key
    titles = {r["title"] for r in rows}
    assert "Harbour reopens" in titles
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 3
    assert (tmp_path / "a.csv").read_text().count("\n") >= 4


def test_cli_exit_codes_and_refusals(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ok = subprocess.run(CLI + ["ingest", str(pages_dir), "--db", str(db), "--no-link", "-q"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    (pages_dir / "empty.txt").write_bytes(b"")
    (pages_dir / "noise.html").write_bytes(bytes(range(256)) * 40)
    bad = subprocess.run(CLI + ["ingest", str(pages_dir), "--db", str(db), "--no-link", "-q"],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    lines = [ln for ln in bad.stderr.splitlines() if ln.startswith("storyline: refused")]
    assert any("empty.txt" in ln and "empty" in ln for ln in lines), bad.stderr
    assert any("noise.html" in ln and "binary" in ln for ln in lines), bad.stderr
    # nothing already stored was lost
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    con.close()
    usage = subprocess.run(CLI + ["ingest"], capture_output=True, text=True)
    assert usage.returncode == 2
    missing = subprocess.run(CLI + ["export", "articles", "--db", str(tmp_path / "nope.duckdb")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "no such store" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_cli_export_to_stdout(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest([str(pages_dir)], db, engine="inline", link=False)
    res = subprocess.run(CLI + ["export", "articles", "--db", str(db)], capture_output=True, text=True)
    assert res.returncode == 0
    assert len([json.loads(ln) for ln in res.stdout.splitlines()]) == 3


def test_cli_help_on_every_command() -> None:
    for cmd in ("ingest", "export", "demo", "serve", "stories", "story", "stats"):
        res = subprocess.run(CLI + [cmd, "--help"], capture_output=True, text=True)
        assert res.returncode == 0 and "Usage" in res.stdout, cmd


def test_ingest_syndicated_copies_keep_their_body(tmp_path: Path, article_a: str) -> None:
    """Lines shared by many near-identical pages are the story (a wire copy), not furniture."""
    d = tmp_path / "wire"
    d.mkdir()
    for i in range(6):
        (d / f"copy{i}.txt").write_text(article_a.replace("Sines", f"Sines {i}"), encoding="utf-8")
    report = ingest([str(d)], tmp_path / "s.duckdb", engine="inline", link=False, understand=False)
    assert report.new == 6 and not report.refused
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    texts = [r[0] for r in con.execute("SELECT text FROM articles").fetchall()]
    assert all("signed an agreement" in t for t in texts)
    con.close()


def test_ingest_learned_furniture_is_dropped(tmp_path: Path) -> None:
    """A line repeated across many different pages (a site's footer) is dropped from each."""
    d = tmp_path / "site"
    d.mkdir()
    towns = ["Ashford", "Brockley", "Carrow", "Dunmore", "Elston", "Farley"]
    things = ["a new bridge", "the school budget", "a flood barrier", "bus fares", "a library", "the harbour wall"]
    for i, (town, thing) in enumerate(zip(towns, things)):
        body = (f"{town} council votes on {thing}\n\n"
                f"Councillors in {town} voted on Wednesday to approve {thing} after a debate that lasted "
                f"{i + 2} hours.\n\n"
                f"The mayor of {town} said the decision on {thing} would be reviewed by residents next spring.\n\n"
                f"Opponents in {town} said they would ask the regional court to look again at {thing}.\n")
        (d / f"p{i}.txt").write_text(
            body + "\nThe Northfield Gazette is an independent newspaper owned by its readers since 1901.\n",
            encoding="utf-8")
    ingest([str(d)], tmp_path / "s.duckdb", engine="inline", link=False, understand=False)
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    texts = [r[0] for r in con.execute("SELECT text FROM articles").fetchall()]
    assert len(texts) == 6 and not any("independent newspaper" in t for t in texts)
    con.close()
