"""What keeps a long ingest's memory flat: a capped DuckDB buffer pool and a bounded set of recent page ids."""
from __future__ import annotations

from storyline.run.ingest import _RecentIds
from storyline.store import Store


def test_store_caps_duckdb_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_DUCKDB_MEMORY", "256MB")
    store = Store(tmp_path / "s.duckdb")
    try:
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        store.close()
    assert limit.startswith("244"), limit          # 256 MB = 244.1 MiB


def test_store_default_memory_cap_is_not_duckdbs_80_percent(tmp_path, monkeypatch):
    monkeypatch.delenv("STORYLINE_DUCKDB_MEMORY", raising=False)
    store = Store(tmp_path / "s.duckdb")
    try:
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        store.close()
    assert limit.endswith("MiB") and float(limit.split()[0]) < 1024, limit


def test_recent_ids_forget_the_oldest():
    seen = _RecentIds(3)
    for key in "abcd":
        seen.add(key)
    assert "a" not in seen
    assert all(k in seen for k in "bcd")
    seen.add("b")                                   # seen again: still there, nothing else dropped
    assert all(k in seen for k in "bcd")
