"""ingest() takes one IngestOptions, the object the CLI builds too; fields by keyword still override it."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from storyline.read import Limits
from storyline.run.ingest import IngestOptions, ingest


def _articles(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT id, title, published FROM articles ORDER BY id").fetchall()
    finally:
        con.close()


def test_options_object_and_keywords_give_the_same_ingest(pages_dir: Path, tmp_path: Path) -> None:
    opts = IngestOptions(engine="inline", understand=False, link=False, batch_size=1)
    by_options = ingest([str(pages_dir)], tmp_path / "a.duckdb", opts)
    by_keywords = ingest([str(pages_dir)], tmp_path / "b.duckdb", engine="inline", understand=False, link=False,
                         batch_size=1)
    assert (by_options.new, by_options.pages, by_options.engine) == (by_keywords.new, by_keywords.pages, "inline")
    assert by_options.new == 3
    assert _articles(tmp_path / "a.duckdb") == _articles(tmp_path / "b.duckdb")


def test_keywords_override_the_options_object_and_leave_it_as_it_was(pages_dir: Path, tmp_path: Path) -> None:
    opts = IngestOptions(engine="inline", understand=False, link=False,
                         limits=Limits(max_page_bytes=10))              # every page refused...
    report = ingest([str(pages_dir)], tmp_path / "s.duckdb", opts, limits=Limits())   # ...unless overridden
    assert report.new == 3 and not report.refused
    assert opts.limits.max_page_bytes == 10
    refused = ingest([str(pages_dir)], tmp_path / "t.duckdb", opts)
    assert refused.new == 0 and len(refused.refused) == 3


def test_an_unknown_setting_is_refused_by_name(pages_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="engin"):
        ingest([str(pages_dir)], tmp_path / "s.duckdb", engin="inline")
    assert not (tmp_path / "s.duckdb").exists()      # refused before the store is opened


def test_options_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        IngestOptions().engine = "dask"      # type: ignore[misc]


def test_cli_ingest_passes_its_flags_as_options(pages_dir: Path, tmp_path: Path, monkeypatch) -> None:
    import storyline.run.ingest as run_ingest
    from storyline.cli import app

    seen: list[IngestOptions] = []
    real = run_ingest.ingest

    def recording(paths, db, options=None, **kw):
        seen.append(options)
        return real(paths, db, options, **kw)
    monkeypatch.setattr(run_ingest, "ingest", recording)
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(pages_dir), "--db", str(db), "--engine", "inline", "--no-link",
                                      "--batch-size", "2", "--max-page-bytes", "5000", "-q"])
    assert result.exit_code == 0, result.output
    assert seen == [IngestOptions(limits=Limits(max_page_bytes=5000), engine="inline", batch_size=2, link=False,
                                  page_timeout=300.0)]
    assert len(_articles(db)) == 3
