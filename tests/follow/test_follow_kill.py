"""`storyline follow run` killed (SIGKILL) in the middle of a round and started again: nothing lost, nothing
fetched twice (responses completed, counted on the server)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.follow.followserver import Route, article, rss

SRC = str(Path(__file__).resolve().parents[2] / "src")


def cli(*args, **kw):
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_killed_run_resumes_without_fetching_twice(server, tmp_path):
    db = str(tmp_path / "k.duckdb")
    base = server.url
    pages = [f"/p{n}.html" for n in range(1, 7)]
    for n, p in enumerate(pages, 1):
        server.routes[p] = Route(article(f"Harbour report {n}", f"The harbour authority published report {n} today.",
                                         f"It covers shipping in week {n}."))

    def stall_first(_h, n):          # the 4th page hangs the first time: the run is killed while it waits
        return Route(server.routes["/p1.html"].body.replace(b"report 1", b"report 4"), delay=30.0 if n == 1 else 0)
    server.routes["/p4.html"] = Route(handler=stall_first)
    server.routes["/feed.xml"] = Route(rss(base, [(p, None) for p in pages]), ctype="application/rss+xml")
    p = cli("follow", "add", base + "/feed.xml", "--db", db)
    assert p.wait(60) == 0, p.stderr.read()

    run = cli("follow", "run", "--db", db, "--interval", "60", "--concurrency", "1", "--host-delay", "0.2",
              "--timeout", "60", "--clean-only")
    deadline = time.monotonic() + 60
    while server.requests["/p4.html"] < 1:
        assert time.monotonic() < deadline and run.poll() is None, run.stderr.read() if run.poll() is not None else ""
        time.sleep(0.05)
    time.sleep(0.3)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(10)
    assert [server.completed[p] for p in pages[:3]] == [1, 1, 1]

    again = cli("follow", "run", "--once", "--db", db, "--concurrency", "1", "--host-delay", "0", "--clean-only")
    out, errs = again.communicate(timeout=120)
    assert again.returncode == 0, errs
    assert [server.completed[p] for p in pages] == [1] * 6, errs
    con = duckdb.connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6
        assert {r[0] for r in con.execute("SELECT status FROM follow_items").fetchall()} == {"ingested"}
    finally:
        con.close()
    assert "follow: fetched" in errs and "round done" in errs
