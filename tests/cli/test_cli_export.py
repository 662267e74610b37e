"""Exports: every kind in every format on any store; nested free-form fields; no partial file on failure."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from storyline.run.ingest import ingest
from storyline.store import Store
from storyline.store.export import KINDS, iter_records, write_export

CLI = [sys.executable, "-m", "storyline.cli"]
SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "seeds"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"

# a story whose framing holds empty objects (an outlet with no quote has no voices, no loaded words): Arrow
# cannot write a struct with no field, so Parquet failed on it
EMPTY_FRAMING = {"framing": {"Some Outlet": {"outlet": "Some Outlet", "article_ids": [], "voices": {},
                                             "voices_by_side": {}, "loaded": {}, "tone": {}}},
                 "timeline": []}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    ingest([str(SAMPLE)], db, engine="inline")
    return db


@pytest.fixture
def empty_nested_db(pages_dir: Path, tmp_path: Path) -> Path:
    db = tmp_path / "nested.duckdb"
    ingest([str(pages_dir)], db, engine="inline")
    con = duckdb.connect(str(db))
    n = con.execute("SELECT count(*) FROM stories").fetchone()[0]
    assert n >= 1
    con.execute("UPDATE stories SET extra = ?", [json.dumps(EMPTY_FRAMING)])
    # a second kind of odd story: no extra at all, no summary
    con.execute("UPDATE stories SET extra = NULL, summary = NULL WHERE id = (SELECT max(id) FROM stories)")
    con.close()
    return db


def _export_all(db: Path, out: Path) -> dict:
    got = {}
    with Store(db, read_only=True) as store:
        for kind in KINDS:
            for fmt in ("jsonl", "csv", "parquet"):
                path = out / f"{kind}.{fmt}"
                n = write_export(store, kind, fmt, None, str(path))
                got[kind, fmt] = (n, path)
    return got


def _check_all(got: dict) -> None:
    for kind in KINDS:
        n, jpath = got[kind, "jsonl"]
        rows = [json.loads(ln) for ln in jpath.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == n, kind
        table = pq.read_table(got[kind, "parquet"][1])
        assert table.num_rows == n, kind
        with open(got[kind, "csv"][1], encoding="utf-8", newline="") as fh:
            crow = list(csv.DictReader(fh))
        assert len(crow) == n, kind
        if rows:    # one set of fields in every format
            assert set(table.column_names) == set(rows[0]) == set(crow[0]), kind


def test_export_every_kind_every_format_on_the_sample(sample_db: Path, tmp_path: Path) -> None:
    got = _export_all(sample_db, tmp_path)
    _check_all(got)
    assert all(got[k, "jsonl"][0] > 0 for k in KINDS)
    story = json.loads((tmp_path / "stories.jsonl").read_text().splitlines()[0])
    assert isinstance(story["summary"], list) and story["summary"][0]["article_id"]   # JSON lines: objects
    assert isinstance(story["framing"], dict)
    row = pq.read_table(tmp_path / "stories.parquet").to_pylist()[0]
    assert json.loads(row["framing"]) == story["framing"]       # Parquet: the same object as JSON text
    assert row["article_ids"] == story["article_ids"]           # plain lists stay lists


def test_export_story_with_empty_nested_fields(empty_nested_db: Path, tmp_path: Path) -> None:
    got = _export_all(empty_nested_db, tmp_path)
    _check_all(got)
    stories = [json.loads(ln) for ln in (tmp_path / "stories.jsonl").read_text().splitlines()]
    assert any(s.get("framing") == EMPTY_FRAMING["framing"] for s in stories)
    assert all(isinstance(s["summary"], list) for s in stories)
    rows = pq.read_table(tmp_path / "stories.parquet").to_pylist()
    assert any(r["framing"] and json.loads(r["framing"]) == EMPTY_FRAMING["framing"] for r in rows)


def test_export_empty_store_writes_the_columns(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    got = _export_all(db, tmp_path)
    for kind in KINDS:
        assert got[kind, "jsonl"][0] == 0
        assert "id" in pq.read_table(got[kind, "parquet"][1]).column_names, kind
        assert got[kind, "csv"][1].read_text().startswith("id,"), kind


def test_export_failure_leaves_no_file(sample_db: Path, tmp_path: Path, monkeypatch) -> None:
    import pyarrow.parquet

    from storyline.store import export
    target = tmp_path / "out" / "articles.parquet"
    target.parent.mkdir()
    # the disk fills up after the first chunk has been written
    monkeypatch.setattr(export, "CHUNK", 1)
    real = pyarrow.parquet.ParquetWriter.write_batch
    calls = []

    def full_disk(self, batch, *a, **k):
        calls.append(1)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(self, batch, *a, **k)
    monkeypatch.setattr(pyarrow.parquet.ParquetWriter, "write_batch", full_disk)
    with Store(sample_db, read_only=True) as store:
        with pytest.raises(OSError):
            write_export(store, "articles", "parquet", None, str(target))
        assert len(calls) == 2
        # a text export whose query fails once its file is open
        store.con.close()
        with pytest.raises(duckdb.Error):
            write_export(store, "articles", "jsonl", None, str(target.with_suffix(".jsonl")))
    assert list(target.parent.iterdir()) == []


def test_export_keeps_an_old_file_until_the_new_one_is_whole(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "articles.csv"
    target.write_text("old\n")
    with Store(sample_db, read_only=True) as store:
        write_export(store, "articles", "csv", None, str(target))
    assert target.read_text().startswith("id,")
    assert [p.name for p in tmp_path.iterdir()] == ["articles.csv"]


def test_cli_export_parquet_of_empty_nested_story(empty_nested_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "stories.parquet"
    r = subprocess.run(CLI + ["export", "stories", "--db", str(empty_nested_db), "-f", "parquet", "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert pq.read_table(out).num_rows >= 1


def test_cli_export_events_merged_or_per_article(sample_db: Path) -> None:
    def events(*flags: str) -> list[dict]:
        r = subprocess.run(CLI + ["export", "events", "--db", str(sample_db), *flags], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return [json.loads(ln) for ln in r.stdout.splitlines()]
    default, merged, per = events(), events("--merged"), events("--per-article")
    assert default == merged
    con = duckdb.connect(str(sample_db), read_only=True)
    n_events, n_merged = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM merged_events)"
                                     ).fetchone()
    con.close()
    assert len(per) == n_events and len(merged) == n_merged and n_merged < n_events
    assert all(len(e["evidence"]) == 1 and e["evidence"][0]["article_id"] == e["article_id"] for e in per)
    assert sum(len(e["evidence"]) for e in merged) >= n_events - 1 > len(merged)
    for e in per + merged:      # CONTRACT fields
        for key in ("id", "type", "mode", "actor", "actor_id", "target", "target_id", "date", "date_range",
                    "location", "hedged", "negated", "evidence"):
            assert key in e, key


def test_cli_export_to_a_missing_folder_is_one_line(sample_db: Path, tmp_path: Path) -> None:
    r = subprocess.run(CLI + ["export", "stories", "--db", str(sample_db), "-f", "parquet",
                              "-o", str(tmp_path / "no" / "such" / "s.parquet")], capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path / "no").exists()


def test_cli_export_merged_on_an_unlinked_store_says_so(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "unlinked.duckdb"
    ingest([str(pages_dir)], db, engine="inline", link=False)
    r = subprocess.run(CLI + ["export", "events", "--db", str(db), "--merged"], capture_output=True, text=True)
    assert r.returncode == 2 and "storyline link" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = subprocess.run(CLI + ["export", "events", "--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip()       # the default falls back to the per-article events


def test_export_help_points_into_the_repo() -> None:
    r = subprocess.run(CLI + ["export", "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 0
    assert "CONTRACT.md" not in r.stdout
    assert "docs/export.md" in r.stdout
    assert DOCS.is_file()


def test_export_fields_are_documented(sample_db: Path) -> None:
    """Every field an export writes is named in docs/export.md, under its kind's heading."""
    text = DOCS.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## `(\w+)`\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M))
    with Store(sample_db, read_only=True) as store:
        for kind in KINDS:
            options = [{}] if kind != "events" else [{"merged": True}, {"merged": False}]
            for opt in options:
                rec = next(iter_records(store, kind, **opt))
                assert kind in sections, f"docs/export.md has no section for {kind}"
                missing = [f for f in rec if f"`{f}`" not in sections[kind]]
                assert not missing, f"{kind}: fields not in docs/export.md: {missing}"
