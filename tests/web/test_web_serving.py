"""Serving cheaply (issue 27, item 7): the story list from rows computed once per generation of the store, story
views encoded and rendered once, no per-query search for an absent pandas, and `storyline serve --workers N`."""
from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

import storyline.store.queries.cache as cache_mod
from storyline.store.queries import get_story, list_stories
from storyline.store.queries.stories import story_index
from storyline.web.app import create_app


def _add_stories(db: Path) -> list[str]:
    """Stories of every size over the fixture's articles: some with merged events, some without, one empty."""
    con = duckdb.connect(str(db))
    try:
        arts = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        made = []
        for i, ids in enumerate([arts[:1], arts[1:], arts[:2], arts, [], arts[2:]]):
            sid = f"extra-{i}"
            con.execute("INSERT INTO stories VALUES (?, ?, '2023-03-14', '2023-03-15', ['Harbour Times'], ?, ?, "
                        "'{}', 'test')", [sid, f"Extra story {i}", ids, json.dumps([{"text": f"brief {i} sines",
                                                                                      "article_id": None}])])
            if i % 2 == 0 and ids:
                con.execute("""INSERT INTO merged_events (id, story_id, type, actor, date, hedged, negated, event_ids,
                    evidence, conflicts) VALUES (?, ?, 'AGREE', 'Portugal', '2023-03-14', false, false, [], '[]', '[]')""",  # noqa: E501 (SQL)
                            [f"extra-ev-{i}", sid])
            made.append(sid)
        return made
    finally:
        con.close()


FILTERS = [{}, {"outlet": "harbour times"}, {"q": "sines"}, {"q": "extra story 3"}, {"actor": "portugal"},
           {"date_from": "2023-03-15"}, {"date_to": "2023-03"}, {"date_from": "2030"}]


def test_story_list_from_the_index_is_the_list_the_queries_give(writable_copy):
    _add_stories(writable_copy)
    con = duckdb.connect(str(writable_copy), read_only=True)
    try:
        index = story_index(con)
        assert len(index.rows) >= 7
        for f in FILTERS:
            for limit, offset in ((20, 0), (1, 0), (2, 1), (3, 3), (2, 50)):
                want = list_stories(con, limit=limit, offset=offset, **f)
                assert list_stories(con, limit=limit, offset=offset, index=index, **f) == want, (f, limit, offset)
    finally:
        con.close()


def test_story_views_are_read_once_per_generation_and_follow_a_changed_store(writable_copy, monkeypatch):
    calls = []
    real = cache_mod.get_story

    def counted(con, story_id):
        calls.append(story_id)
        return real(con, story_id)

    monkeypatch.setattr(cache_mod, "get_story", counted)
    app = create_app(str(writable_copy), pool_ttl=0.1)
    with TestClient(app) as client:
        sid = client.get("/api/stories").json()["items"][0]["id"]
        first = client.get(f"/api/stories/{sid}")
        again = client.get(f"/api/stories/{sid}")
        assert first.status_code == again.status_code == 200 and first.content == again.content
        assert calls == [sid], "the second request is answered from the cache"
        assert client.get(f"/story/{sid}").status_code == 200
        assert client.get(f"/story/{sid}").status_code == 200
        assert calls == [sid, sid], "the page is rendered once too"
        with app.state.pool.cursor() as con:
            assert first.json() == json.loads(json.dumps(real(con, sid))), "the cached JSON is the story's"
        deadline = time.monotonic() + 10            # the pool lets go of the store after its ttl
        while app.state.pool.is_open() and time.monotonic() < deadline:
            time.sleep(0.05)
        con = duckdb.connect(str(writable_copy))
        con.execute("UPDATE stories SET title = 'A title changed after the first read' WHERE id = ?", [sid])
        con.close()
        assert client.get(f"/api/stories/{sid}").json()["title"] == "A title changed after the first read"
        assert "A title changed after the first read" in client.get(f"/story/{sid}").text
        listed = client.get("/api/stories").json()["items"]
        assert any(s["title"] == "A title changed after the first read" for s in listed)


def test_a_story_that_is_not_there_is_404_on_every_read(client):
    assert client.get("/api/stories/no-such-story").status_code == 404
    assert client.get("/api/stories/no-such-story").status_code == 404
    assert client.get("/story/no-such-story", headers={"accept": "text/html"}).status_code == 404


def test_queries_do_not_search_the_path_for_pandas_each_time(writable_copy, monkeypatch):
    """DuckDB's client imports pandas for each parameter; when pandas is absent, each try searched sys.path again
    (4 searches a query, ~40% of a story's CPU)."""
    if importlib.util.find_spec("pandas") is not None:
        pytest.skip("pandas is installed: its import is remembered")
    searched = []
    real = importlib.machinery.PathFinder.find_spec

    def spy(fullname, path=None, target=None):
        if fullname.split(".")[0] == "pandas":
            searched.append(fullname)
        return real(fullname, path, target)

    monkeypatch.setattr(importlib.machinery.PathFinder, "find_spec", spy)
    con = duckdb.connect(str(writable_copy), read_only=True)
    try:
        sid = con.execute("SELECT id FROM stories LIMIT 1").fetchone()[0]
        for _ in range(3):
            assert get_story(con, sid) is not None
    finally:
        con.close()
    assert searched == []
    assert importlib.util.find_spec("pandas") is None, "asking whether pandas is there still answers None"
    with pytest.raises(ModuleNotFoundError):
        import pandas  # noqa: F401


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(x) for x in out.split()}


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for p in pids:
        try:
            os.kill(p, 0)
        except ProcessLookupError:
            continue
        if "Z" not in subprocess.run(["ps", "-o", "stat=", "-p", str(p)], capture_output=True, text=True).stdout:
            alive.add(p)
    return alive


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_serve_with_workers_answers_and_leaves_no_worker_behind(web_store, sig):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "serve", "--db",
                             str(web_store), "--port", str(port), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=10)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read().decode(errors="replace")
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.3)
        assert r.status_code == 200 and r.json()["total"] >= 1
        assert httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": "evil.example"}).status_code == 400
        workers = _children(proc.pid)
        assert len(workers) >= 2, "two worker processes (and uvicorn's helpers)"
        proc.send_signal(sig)
        proc.wait(20)
        deadline = time.monotonic() + 15
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(workers), f"workers left after {sig.name}: {_alive(workers)}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
