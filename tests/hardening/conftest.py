import subprocess
from pathlib import Path

import pytest

from tests.hardening.hardening_env import export_articles, ingest_cmd, write_pages


@pytest.fixture(scope="module")
def forty_pages(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("forty") / "pages"
    write_pages(d, 40)
    return d


@pytest.fixture(scope="module")
def clean_run(forty_pages: Path, tmp_path_factory) -> dict[str, str]:
    """id -> text of a run that was never interrupted."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    r = subprocess.run(ingest_cmd([forty_pages], db), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    rows = export_articles(db)
    assert len(rows) == 40
    return {row["id"]: row["text"] for row in rows}
