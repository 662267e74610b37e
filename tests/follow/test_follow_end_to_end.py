"""End to end: a local feed serves the bundled sample pages one at a time; a watch on an actor and an event
type; each round fetches, ingests (the whole pipeline) and raises alerts, which arrive in the JSON lines file,
at a local webhook receiver and on the web page (headless Chromium, updated without a reload). The pages are
served as they are bundled, scraped text (text/plain), as a plain static file server would."""
from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest

from storyline.follow.deliver import Deliverer
from storyline.follow.fetch import Policy
from storyline.follow.poll import Follower, add_source
from storyline.follow.watch import add_watch, record_deliveries
from storyline.store import Store
from tests.follow.followserver import FollowServer, Route, rss
from tests.optional import import_or_missing, missing

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "seeds"
CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")


class LiveServer:
    """`storyline serve` in its own process (as a user runs it beside `storyline follow run`)."""

    def __init__(self, db: Path):
        import subprocess
        import sys
        import urllib.request
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        src = str(Path(__file__).resolve().parents[2] / "src")
        env = dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "serve",
                                      "--db", str(db), "--port", str(self.port)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/api/alerts", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline and self.proc.poll() is None, "the web server did not start"
                time.sleep(0.1)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def test_follow_a_feed_of_the_sample_with_a_watch(server, tmp_path):
    pages = sorted(SAMPLE.glob("*.txt"))
    if not pages:
        missing(f"bundled sample missing at {SAMPLE}")
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} missing (apt-get install chromium)")
    sync_api = import_or_missing("playwright.sync_api")
    receiver = FollowServer()
    db = tmp_path / "follow.duckdb"
    out = tmp_path / "alerts.jsonl"
    base = server.url
    for p in pages:
        server.routes[f"/news/{p.stem}.html"] = Route(p.read_bytes(), ctype="text/plain; charset=utf-8")
    with Store(db) as s:
        add_source(s.con, base + "/feed.xml")
        add_watch(s.con, actor="United States", type="REQUEST", jsonl=str(out), webhook=receiver.url + "/hook")
    web = LiveServer(db)
    deliverer = Deliverer(backoff=0.1)
    follower = Follower(db, Policy(host_delay=0.0, timeout=10), interval=1.0, deliverer=deliverer)
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            pg = browser.new_page()
            pg.goto(web.url + "/alerts")
            assert pg.locator("li.alert").count() == 0
            for i in range(1, len(pages) + 1):       # the feed grows by one page a round
                server.routes["/feed.xml"] = Route(rss(base, [(f"/news/{p.stem}.html", None) for p in pages[:i]]),
                                                   ctype="application/rss+xml")
                with Store(db) as s:
                    s.con.execute("UPDATE follow_sources SET next_poll = NULL")
                rep = follower.round()
                assert rep.fetched == 1 and rep.ingested == 1, rep
            assert deliverer.drain(30)
            with Store(db) as s:
                record_deliveries(s.con, deliverer)
                stored = s.con.execute(
                    "SELECT id, actor, type, sentence, webhook_status, actor_id FROM alerts").fetchall()
                s.publish_snapshot()
            # the watch holds the state by its id; an alert names the actor as its sentence does ("United States",
            # "US State Department official": a body the state owns keeps the state's id)
            assert stored and all(a[2] == "REQUEST" and a[5] == "gpe:USA" for a in stored)
            assert any(a[1] == "United States" for a in stored)
            assert {a[4] for a in stored} == {"sent"}
            # the page, opened before any alert existed, shows them without a reload
            deadline = time.monotonic() + 20
            while pg.locator("li.alert").count() < len(stored):      # (the CSP forbids wait_for_function's eval)
                assert time.monotonic() < deadline, "the alerts page did not update"
                pg.wait_for_timeout(200)
            assert pg.url == web.url + "/alerts"
            rows = pg.locator("li.alert .actor").all_text_contents()
            assert "United States" in rows
            browser.close()
    finally:
        web.stop()
        follower.close()
        receiver.close()
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    raised = [x for x in lines if not x["update"]]
    assert len({x["id"] for x in raised}) == len(raised) == len(stored)          # one alert per event
    # an event reported again by a later page updated its alert (more sources) instead of raising another
    updates = [x for x in lines if x["update"]]
    assert updates and all(u["id"] in {x["id"] for x in raised} for u in updates)
    assert max(u["sources"] for u in updates) >= 2
    assert all(x["sentence"] and x["article_id"] and x["url"].startswith(base) for x in lines)
    posted = [json.loads(b) for path, b in receiver.posts if path == "/hook"]
    assert {p["id"] for p in posted} == {a[0] for a in stored}
    assert all(server.completed[f"/news/{p.stem}.html"] == 1 for p in pages)        # each page fetched once
    warcs = list(Path(f"{db}.warc").glob("*.warc.gz"))
    assert len(warcs) == len(pages)
