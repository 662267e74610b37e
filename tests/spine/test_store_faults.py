"""Store faults (issue 27): refusals stored once, readers of a store without its snapshot not kept waiting."""
from __future__ import annotations

import os
from pathlib import Path


def test_rerun_of_a_bad_file_stores_its_refusals_once(tmp_path: Path) -> None:
    from storyline.run.ingest import ingest
    from storyline.store import Store
    p = tmp_path / "bad.jsonl"
    p.write_text("[]\n" * 30 + "{nope\n")
    db = tmp_path / "s.duckdb"
    first = ingest([str(p)], db, link=False, engine="inline")
    again = ingest([str(p)], db, link=False, engine="inline")
    assert len(first.refused) == len(again.refused) == 21          # 20 named lines + one summary
    with Store(db, read_only=True) as st:
        rows = st.query("SELECT count(*) AS n, count(DISTINCT source || reason) AS d FROM errors")
    assert rows[0]["n"] == rows[0]["d"] == 21


def test_a_store_without_its_snapshot_gets_one_when_a_writer_opens_it(tmp_path: Path) -> None:
    """A store copied or restored without ``.snapshot``: readers during the next write read a snapshot at once
    instead of waiting on the write lock."""
    import time as _time

    from storyline.store import Store
    from storyline.store.db import connect_for_read, snapshot_path
    db = tmp_path / "s.duckdb"
    Store(db).close()
    os.unlink(snapshot_path(db))
    writer = Store(db)
    try:
        t0 = _time.monotonic()
        con, path = connect_for_read(db, wait=5.0)
        took = _time.monotonic() - t0
        con.close()
    finally:
        writer.close()
    assert path == snapshot_path(db) and took < 2.0


def test_paths_refused_while_walking_folders_are_stored(tmp_path: Path) -> None:
    """Symbolic links, FIFOs, broken links and missing paths are refused with a reason, and the reason is stored in
    ``errors`` as SECURITY.md promises (they were printed only)."""
    from storyline.run.ingest import ingest
    from storyline.store import Store
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.html").write_text("<html><body><article><p>" + "The council met on Tuesday to approve the budget. " * 8
                              + "</p></article></body></html>")
    os.mkfifo(d / "pipe.html")
    (d / "link.html").symlink_to(d / "a.html")
    (d / "broken.txt").symlink_to(d / "nowhere.txt")
    db = tmp_path / "s.duckdb"
    rep = ingest([str(d), str(tmp_path / "missing.html")], db, link=False, engine="inline")
    with Store(db, read_only=True) as st:
        stored = {r["source"] for r in st.query("SELECT source FROM errors")}
    assert {e.source for e in rep.refused} <= stored
    assert {str(d / "pipe.html"), str(d / "link.html"), str(d / "broken.txt"),
            str(tmp_path / "missing.html")} <= stored
