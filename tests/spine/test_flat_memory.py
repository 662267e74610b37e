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


def _settings(store: Store) -> tuple[str, int]:
    limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    threads = store.con.execute("SELECT current_setting('threads')").fetchone()[0]
    return limit, int(threads)


def test_streaming_narrows_duckdb_then_restores(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_DUCKDB_MEMORY", "512MB")
    monkeypatch.setenv("STORYLINE_DUCKDB_STREAM_MEMORY", "64MB")
    store = Store(tmp_path / "s.duckdb")
    try:
        before = _settings(store)
        with store.streaming():
            during = _settings(store)
        after = _settings(store)
    finally:
        store.close()
    assert during[0].startswith("61") and during[1] == 1, during        # 64 MB = 61.0 MiB
    assert after == before and before[0].startswith("488"), (before, after)


def _streaming(p) -> bool:
    """A progress call made while pages stream in (a file read, a batch stored), not at a stage's start or end."""
    return p.stage == "process" and bool(p.files_done or p.processed)


def test_ingest_streams_its_batches_under_the_small_cap(tmp_path, monkeypatch):
    from storyline.run.ingest import ingest
    monkeypatch.setenv("STORYLINE_DUCKDB_STREAM_MEMORY", "96MB")
    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(f"Title {i}\n\nThe council met on Tuesday to discuss item {i}.\n")
    store = Store(tmp_path / "s.duckdb")
    seen: list[tuple[str, int]] = []
    try:
        ingest([str(tmp_path / f"p{i}.txt") for i in range(3)], store=store, understand=False, link=False,
               on_progress=lambda p: seen.append(_settings(store)) if _streaming(p) else None)
        final = _settings(store)
    finally:
        store.close()
    assert seen and all(s[0].startswith("91") and s[1] == 1 for s in seen), seen   # 96 MB = 91.5 MiB
    assert not final[0].startswith("91"), final


def test_a_bad_memory_setting_is_one_clear_line(tmp_path, monkeypatch):
    import pytest

    from storyline.store import StoreError
    monkeypatch.setenv("STORYLINE_DUCKDB_STREAM_MEMORY", "lots'; DROP TABLE articles; --")
    store = Store(tmp_path / "s.duckdb")
    try:
        with pytest.raises(StoreError, match="STORYLINE_DUCKDB_STREAM_MEMORY"):
            with store.streaming():
                pass
    finally:
        store.close()


def test_streaming_reopens_the_connection_and_keeps_everything(tmp_path, monkeypatch):
    from storyline.run.ingest import ingest
    from storyline.store.db import writer_active
    monkeypatch.setattr(Store, "REOPEN_ARTICLES", 4)
    monkeypatch.setenv("STORYLINE_DUCKDB_STREAM_MEMORY", "96MB")
    for i in range(11):
        (tmp_path / f"p{i:02d}.txt").write_text(f"Title {i}\n\nThe council met on Tuesday to discuss item {i}.\n")
    db = tmp_path / "s.duckdb"
    store = Store(db)
    seen: list[tuple[int, tuple[str, int], bool]] = []
    try:
        ingest([str(tmp_path)], store=store, understand=False, link=False, batch_size=2,
               on_progress=lambda p: seen.append((store.reopened, _settings(store), writer_active(db)))
               if _streaming(p) else None)
        n = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        reopened = store.reopened
    finally:
        store.close()
    assert n == 11
    assert reopened == 2, reopened                                  # after the 4th and the 8th article
    after = [s for r, s, _ in seen if r > 0]
    assert after and all(s[0].startswith("91") and s[1] == 1 for s in after), after   # settings survive it
    assert all(w for _, _, w in seen)                               # the writer lock was never let go


def test_reopen_refuses_a_store_file_removed_under_the_writer(tmp_path):
    import pytest

    from storyline.store import StoreError
    db = tmp_path / "s.duckdb"
    store = Store(db)
    try:
        store.con.execute("INSERT INTO meta VALUES ('k', 'v')")
        store.reopen()
        assert store.con.execute("SELECT value FROM meta WHERE key = 'k'").fetchone() == ("v",)
        db.unlink()                          # someone deletes the file while the writer holds it
        with pytest.raises(StoreError, match="removed or replaced"):
            store.reopen()
        assert not db.exists()               # and no new, empty store was made in its place
    finally:
        store.close()


def test_streaming_checkpoints_under_its_own_cap_before_restoring(tmp_path):
    import os
    db = tmp_path / "s.duckdb"
    store = Store(db)
    try:
        with store.streaming():
            store.con.execute("INSERT INTO meta VALUES ('tail', 'written last')")
            wal = f"{db}.wal"
            assert os.path.exists(wal) and os.path.getsize(wal) > 0      # the tail is in the WAL
        assert not os.path.exists(wal) or os.path.getsize(wal) == 0      # checkpointed before the wide cap
        assert store.con.execute("SELECT value FROM meta WHERE key = 'tail'").fetchone() == ("written last",)
    finally:
        store.close()
