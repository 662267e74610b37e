"""The read pool: one read-only instance shared for a short while, then released so a writer can get in."""
from __future__ import annotations

import threading
import time

import duckdb

from storyline.web.pool import ReadPool


def test_pool_reuses_one_instance_within_its_ttl(writable_copy):
    pool = ReadPool(str(writable_copy), ttl=30)
    try:
        for _ in range(5):
            with pool.cursor() as cur:
                assert cur.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert pool.opened == 1
    finally:
        pool.close()


def test_pool_releases_the_store_so_a_writer_can_open_it(writable_copy):
    pool = ReadPool(str(writable_copy), ttl=0.2)
    try:
        with pool.cursor() as cur:
            cur.execute("SELECT 1").fetchall()
        assert pool.is_open()
        deadline = time.monotonic() + 5
        while pool.is_open() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not pool.is_open(), "the reaper closes an idle instance after its ttl"
        con = duckdb.connect(str(writable_copy))          # the write lock is free again
        con.execute("INSERT INTO meta VALUES ('pool-test', 'x')")
        con.close()
        with pool.cursor() as cur:                         # and the next request sees the new row
            assert cur.execute("SELECT value FROM meta WHERE key = 'pool-test'").fetchone() == ("x",)
        assert pool.opened == 2
    finally:
        pool.close()


def test_pool_serves_concurrent_requests_with_their_own_cursors(writable_copy):
    pool = ReadPool(str(writable_copy), ttl=0.05)
    errors = []

    def work():
        try:
            for _ in range(30):
                with pool.cursor() as cur:
                    assert cur.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        except Exception as exc:   # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pool.close()
    assert errors == []


def _count_meta(pool: ReadPool, key: str) -> int:
    with pool.cursor() as cur:
        return cur.execute("SELECT count(*) FROM meta WHERE key = ?", [key]).fetchone()[0]


def test_pool_leaves_the_snapshot_as_soon_as_the_writer_is_done(writable_copy):
    from storyline.store.db import Store
    writer = Store(writable_copy)                      # a real writer: announcement lock, store open, snapshot
    writer.publish_snapshot()
    pool = ReadPool(str(writable_copy), ttl=30)        # a ttl far longer than the test
    try:
        assert _count_meta(pool, "late") == 0          # served from the snapshot while the writer runs
        writer.con.execute("INSERT INTO meta VALUES ('late', 'x')")
        assert _count_meta(pool, "late") == 0          # not published yet: still the old snapshot
        assert pool.opened == 1
        writer.close()
        assert _count_meta(pool, "late") == 1          # the writer has gone: the next request reads the store
        assert pool.opened == 2
    finally:
        pool.close()
        writer.close()


def test_pool_follows_a_newly_published_snapshot(writable_copy):
    from storyline.store.db import Store
    writer = Store(writable_copy)
    writer.publish_snapshot()
    pool = ReadPool(str(writable_copy), ttl=30)
    try:
        assert _count_meta(pool, "mid") == 0
        writer.con.execute("INSERT INTO meta VALUES ('mid', 'x')")
        writer.publish_snapshot()
        assert _count_meta(pool, "mid") == 1           # a new snapshot file: the old instance is retired
        assert pool.opened == 2
        assert _count_meta(pool, "mid") == 1
        assert pool.opened == 2                        # and the new one is reused
    finally:
        pool.close()
        writer.close()


WRITER = """
import sys
from storyline.store.db import Store
store = Store(sys.argv[1])
store.con.execute("INSERT INTO meta VALUES ('w', 'x')")
print("written", flush=True)
sys.stdin.readline()
store.close()
"""


def test_pool_steps_off_the_store_when_a_writer_announces_itself(writable_copy):
    import shutil
    import subprocess
    import sys

    from storyline.store.db import snapshot_path
    shutil.copyfile(writable_copy, snapshot_path(writable_copy))     # a snapshot from an earlier run
    pool = ReadPool(str(writable_copy), ttl=30)                      # a ttl far longer than the test
    writer = None
    try:
        with pool.cursor():
            pass
        assert pool.opened == 1 and pool.is_open()
        t0 = time.monotonic()
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(writable_copy)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "written"       # it got the store: the idle pool let go
        assert time.monotonic() - t0 < 15
        assert _count_meta(pool, "w") == 0             # readers now use the snapshot
        writer.communicate("done\n", timeout=30)
        assert writer.returncode == 0
        assert _count_meta(pool, "w") == 1             # and the store again once the writer is done
    finally:
        pool.close()
        if writer is not None and writer.poll() is None:
            writer.kill()


def test_pool_does_not_hold_its_lock_while_a_busy_store_makes_a_request_wait(tmp_path):
    """A store held by a writer and without a snapshot (copied or restored without it): a request waits for it on
    its own and then fails with a clear error; the pool's lock stays free meanwhile, so other requests are not
    queued behind it (issue 27, item 5: 18 s answers and 31 x 503 during an ingest)."""
    import os
    import subprocess
    import sys

    from storyline.store import StoreError
    from storyline.store.db import snapshot_path
    store = tmp_path / "s.duckdb"           # made and written by other processes only, as a served store is
    subprocess.run([sys.executable, "-c", "import sys; from storyline.store import Store; Store(sys.argv[1]).close()",
                    str(store)], check=True)
    writer = subprocess.Popen([sys.executable, "-c", "import sys, time; from storyline.store import Store; "
                               "s = Store(sys.argv[1]); print('open', flush=True); time.sleep(30)", str(store)],
                              stdout=subprocess.PIPE, text=True)      # another process, as an ingest is
    line = writer.stdout.readline().strip()
    assert line.startswith("open"), line
    os.unlink(snapshot_path(store))
    pool = ReadPool(str(store), ttl=30, wait=3.0)
    outcome: list = []

    def request():
        try:
            with pool.cursor() as cur:
                outcome.append(cur.execute("SELECT 1").fetchone())
        except StoreError as exc:
            outcome.append(exc)

    t = threading.Thread(target=request)
    try:
        t.start()
        time.sleep(0.5)                                   # the request is now waiting for the store
        assert t.is_alive(), outcome
        got = pool._lock.acquire(timeout=1.0)
        assert got, "the pool's lock is held while a request waits for a busy store"
        pool._lock.release()
        t.join(timeout=10)
        assert len(outcome) == 1 and isinstance(outcome[0], StoreError) and "busy" in str(outcome[0])
    finally:
        t.join(timeout=10)
        writer.kill()
        writer.wait()
        pool.close()
