"""Fixtures for the web tests: stores built by the real ingest (see webstore.py for the pages)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.web.webstore import plant_hostile, plant_story, write_pages


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> Path:
    """A store built by the real ingest from our pages, plus planted hostile rows; stories may be planted."""
    from storyline.run.ingest import ingest

    root = tmp_path_factory.mktemp("web")
    db = root / "web.duckdb"
    report = ingest([str(write_pages(root / "pages"))], db, engine="inline")
    assert report.new == 3, report
    plant_hostile(db)
    plant_story(db)
    return db


@pytest.fixture
def writable_copy(web_store: Path, tmp_path: Path) -> Path:
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(web_store, db)
    return db


@pytest.fixture(scope="session")
def client(web_store: Path):
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app
    with TestClient(create_app(str(web_store)), raise_server_exceptions=False) as c:
        yield c
