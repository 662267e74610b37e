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
