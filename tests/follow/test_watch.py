"""Watchlists and alerts over a real store: events and quotes planted as the pipeline writes them, then
the real check, the JSON lines file, the webhook (a local receiver) and the CLI."""
from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from storyline.follow.deliver import Deliverer
from storyline.follow.watch import add_watch, check_watches, list_alerts, record_deliveries
from storyline.store import Store
from tests.follow.followserver import Route

ARTS = [("a1", "https://news.example/1", "Daily Planet"), ("a2", "https://wire.example/2", "Wire Service"),
        ("a3", "https://news.example/3", "Daily Planet")]


def event(eid, art, typ, actor, actor_id, target=None, target_id=None, hedged=False, negated=False,
          sentence="A sentence."):
    return {"id": eid, "article_id": art, "type": typ, "actor": actor, "actor_id": actor_id, "target": target,
            "target_id": target_id, "hedged": hedged, "negated": negated, "sentence": sentence,
            "start_char": 0, "end_char": len(sentence), "pipeline_version": "t"}


def insert(con, table, rows):
    for r in rows:
        con.execute(f"INSERT INTO {table} ({', '.join(r)}) VALUES ({', '.join('?' * len(r))})", list(r.values()))


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.duckdb"
    with Store(path) as s:
        insert(s.con, "articles", [{"id": a, "content_hash": a * 4, "source": u, "url": u, "outlet": o,
                                    "title": f"Title {a}", "text": "t", "pipeline_version": "t"} for a, u, o in ARTS])
        insert(s.con, "actors", [{"id": "gpe:ruritania", "name": "Ruritania", "type": "GPE", "country": "RUR"},
                                 {"id": "gpe:freedonia", "name": "Freedonia", "type": "GPE", "country": "FRA"},
                                 {"id": "person:ada-quill", "name": "Ada Quill", "type": "PERSON", "country": "RUR"}])
        insert(s.con, "article_actors", [{"article_id": "a1", "actor_id": "person:ada-quill",
                                          "aliases": ["Ada Quill", "Minister Quill"], "mentions": 2}])
        insert(s.con, "events", [
            event("e1", "a1", "REQUEST", "Ruritania", "gpe:ruritania", "Freedonia", "gpe:freedonia",
                  sentence="Ruritania asked Freedonia to reopen the border."),
            event("e2", "a1", "REQUEST", "Freedonia", "gpe:freedonia", sentence="Freedonia asked for talks."),
            event("e3", "a1", "REQUEST", "Ruritania", "gpe:ruritania", negated=True,
                  sentence="Ruritania did not ask for aid."),
            event("e4", "a1", "ACCUSE", "Ruritania", "gpe:ruritania", "Freedonia", "gpe:freedonia",
                  sentence="Ruritania accused Freedonia of spying."),
            event("e5", "a2", "REQUEST", "Ruritania", "gpe:ruritania", "Freedonia", "gpe:freedonia", hedged=True,
                  sentence="Ruritania may ask Freedonia for the border to reopen."),
        ])
        insert(s.con, "quotes", [{"id": "q1", "article_id": "a1", "speaker": "Minister Quill",
                                  "speaker_name": "Ada Quill",
                                  "speaker_id": "person:ada-quill", "text": "We will not wait", "kind": "direct",
                                  "sentence": "\"We will not wait,\" Minister Quill said.", "start_char": 0,
                                  "end_char": 10, "pipeline_version": "t"}])
    return path


def alerts(db):
    with Store(db, read_only=True) as s:
        return list_alerts(s.con)


def test_criteria_and_once_per_event(db, tmp_path):
    out = tmp_path / "alerts.jsonl"
    with Store(db) as s:
        w1 = add_watch(s.con, actor="Ruritania", type="REQUEST", jsonl=str(out))
        w2 = add_watch(s.con, actor="gpe:ruritania", type="request", include_negated=True, include_hedged=False)
        w3 = add_watch(s.con, target="Freedonia", keyword="spying")
        w4 = add_watch(s.con, country="FRA", outlet="wire")
        w5 = add_watch(s.con, actor="Minister Quill")        # a name seen for the actor: its quotes
        assert check_watches(s.con) == 7
        assert check_watches(s.con) == 0                      # once per event
    got = {}
    for a in alerts(db):
        got.setdefault(a["watch_id"], set()).add(a["record_id"])
    assert got[w1] == {"e1", "e5"}           # negated left out, hedged kept
    assert got[w2] == {"e1", "e3"}           # by canonical id; negated in, hedged out
    assert got[w3] == {"e4"}
    assert got[w4] == {"e5"}
    assert got[w5] == {"q1"}
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert {x["record_id"] for x in lines} == {"e1", "e5"}
    assert all(x["sentence"] and x["article_id"] and x["url"] for x in lines)
    with pytest.raises(ValueError, match="not a PLOVER type"):
        with Store(db) as s:
            add_watch(s.con, type="PARTY")
    with pytest.raises(ValueError, match="not an ISO 3166"):
        with Store(db) as s:
            add_watch(s.con, country="Freedonia")


def test_a_merged_event_gaining_a_source_updates_its_alert(db, tmp_path):
    out = tmp_path / "alerts.jsonl"
    with Store(db) as s:
        add_watch(s.con, actor="Ruritania", type="ACCUSE", jsonl=str(out))
        s.con.execute("""INSERT INTO merged_events (id, type, actor, actor_id, target, target_id, hedged, negated,
            event_ids, evidence) VALUES ('m1', 'ACCUSE', 'Ruritania', 'gpe:ruritania', 'Freedonia', 'gpe:freedonia',
            false, false, ['e4'], ?)""", [json.dumps([{"article_id": "a1",
                                                     "sentence": "Ruritania accused Freedonia of spying.",
                                                     "start": 0, "end": 5}])])
        assert check_watches(s.con) == 1
        # a second outlet's article arrives and the link step rebuilds the merged events (new id, one more source)
        insert(s.con, "articles", [{"id": "a4", "content_hash": "a4a4", "source": "u4", "url": "https://w.example/4",
                                    "text": "t", "pipeline_version": "t"}])
        s.con.execute("INSERT INTO events (id, article_id, type, actor, actor_id, target, target_id, hedged, negated, "
                      "sentence) VALUES ('e9', 'a4', 'ACCUSE', 'Ruritania', 'gpe:ruritania', 'Freedonia', "
                      "'gpe:freedonia', false, false, 'Ruritania charged Freedonia with spying.')")
        s.con.execute("DELETE FROM merged_events")
        s.con.execute("""INSERT INTO merged_events (id, type, actor, actor_id, target, target_id, hedged, negated,
            event_ids, evidence) VALUES ('m2', 'ACCUSE', 'Ruritania', 'gpe:ruritania', 'Freedonia', 'gpe:freedonia',
            false, false, ['e4', 'e9'], ?)""", [json.dumps([
            {"article_id": "a1", "sentence": "Ruritania accused Freedonia of spying.", "start": 0, "end": 5},
            {"article_id": "a4", "sentence": "Ruritania charged Freedonia with spying.", "start": 0, "end": 5}])])
        assert check_watches(s.con) == 1
        assert check_watches(s.con) == 0
    al = alerts(db)
    assert len(al) == 1 and al[0]["sources"] == 2 and al[0]["updated_at"]
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["update"] for x in lines] == [False, True]


def test_webhook_retried_in_the_background_without_blocking(db, server):
    def flaky(_h, n):
        return Route(status=500 if n <= 2 else 200)
    server.routes["POST /hook"] = Route(handler=flaky)
    d = Deliverer(retries=4, backoff=0.05)
    with Store(db) as s:
        add_watch(s.con, actor="Ruritania", type="ACCUSE", webhook=server.url + "/hook")
        # a receiver that is down does not hold the check up
        add_watch(s.con, actor="Freedonia", webhook="http://127.0.0.1:9/dead")
        t0 = time.monotonic()
        assert check_watches(s.con, d) == 2
        assert time.monotonic() - t0 < 1.0
        assert d.drain(20)
        record_deliveries(s.con, d)
        status = dict(s.con.execute("SELECT watch_id, webhook_status FROM alerts").fetchall())
    assert status[1] == "sent" and status[2].startswith("failed")
    assert server.requests["POST /hook"] == 3
    body = json.loads(server.posts[-1][1])
    assert body["actor"] == "Ruritania" and body["type"] == "ACCUSE" and "spying" in body["sentence"]


def test_cli_watch_and_alerts(db, tmp_path):
    from storyline.cli import app
    run = CliRunner().invoke
    r = run(app, ["watch", "add", "--actor", "Ruritania", "--type", "ACCUSE", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert run(app, ["watch", "add", "--db", str(db)]).exit_code == 2      # no criterion
    r = run(app, ["watch", "list", "--db", str(db)])
    assert "actor=Ruritania type=ACCUSE" in r.output
    r = run(app, ["watch", "check", "--db", str(db)])
    assert r.exit_code == 0, r.output
    r = run(app, ["alerts", "--db", str(db)])
    lines = [x for x in r.stdout.splitlines() if x.strip()]
    assert len(lines) == 1 and "ACCUSE Ruritania -> Freedonia" in lines[0] and "spying" in lines[0]
    run(app, ["watch", "add", "--actor", "Ada Quill", "--db", str(db)])
    run(app, ["watch", "check", "--db", str(db)])
    r = run(app, ["alerts", "--watch", "2", "--db", str(db)])
    assert "QUOTE Ada Quill: \"We will not wait\"" in r.stdout
    r = run(app, ["alerts", "--json", "--db", str(db)])
    assert json.loads(r.stdout.splitlines()[0])["actor"] == "Ruritania"


def test_alerts_api_and_page_escape_untrusted_text(db):
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app
    with Store(db) as s:
        s.con.execute("UPDATE events SET sentence = 'Ruritania accused <script>alert(1)</script> Freedonia.' "
                      "WHERE id = 'e4'")
        add_watch(s.con, actor="Ruritania", type="ACCUSE")
        add_watch(s.con, actor="Ruritania", type="REQUEST")
        check_watches(s.con)
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        r = c.get("/api/alerts")
        assert r.status_code == 200
        items = r.json()["items"]
        assert [a["record_id"] for a in items] == ["e4", "e1", "e5"]
        last = r.json()["last"]
        assert c.get(f"/api/alerts?after={last}").json()["items"] == []
        assert [a["record_id"] for a in c.get("/api/alerts?watch=2").json()["items"]] == ["e1", "e5"]
        assert c.get("/api/alerts?after=-1").status_code == 422
        page = c.get("/alerts", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
        assert 'href="/api/alerts"' in page.text and "/static/alerts.js" in page.text


def test_checks_are_incremental_and_new_only_skips_what_is_stored(db):
    with Store(db) as s:
        w_all = add_watch(s.con, actor="Ruritania", type="ACCUSE")
        w_new = add_watch(s.con, actor="Ruritania", type="ACCUSE", new_only=True)
        assert check_watches(s.con) == 1                      # the stored e4, for the first watch only
        # a row planted in an article checked already is not looked at again (checks cost what is new)
        s.con.execute("INSERT INTO events (id, article_id, type, actor, actor_id, hedged, negated, sentence) "
                      "VALUES ('old', 'a1', 'ACCUSE', 'Ruritania', 'gpe:ruritania', false, false, 'x')")
        assert check_watches(s.con) == 0
        # a newly ingested article with a matching event: both watches alert
        insert(s.con, "articles", [{"id": "a9", "content_hash": "a9a9", "source": "u9", "url": "https://n.example/9",
                                    "text": "t", "pipeline_version": "t"}])
        insert(s.con, "events", [event("e10", "a9", "ACCUSE", "Ruritania", "gpe:ruritania",
                                       sentence="Ruritania accused its neighbour.")])
        assert check_watches(s.con) == 2
    got = {(a["watch_id"], a["record_id"]) for a in alerts(db)}
    assert got == {(w_all, "e4"), (w_all, "e10"), (w_new, "e10")}


def test_a_plain_ingest_raises_the_alerts_of_the_store_watches(tmp_path):
    """Watches set before a plain `storyline ingest` see its articles at once (no separate `watch check`)."""
    from pathlib import Path

    from storyline.cli import app
    sample = Path(__file__).resolve().parents[2] / "sample"
    db = tmp_path / "s.duckdb"
    run = CliRunner().invoke
    out = tmp_path / "alerts.jsonl"
    assert run(app, ["watch", "add", "--type", "REQUEST", "--jsonl", str(out), "--db", str(db)]).exit_code == 0
    r = run(app, ["ingest", str(sample), "--db", str(db), "--engine", "inline", "--quiet"])
    assert r.exit_code == 0, r.output
    with Store(db, read_only=True) as s:
        raised = list_alerts(s.con)
    assert raised and all(a["type"] == "REQUEST" for a in raised)
    assert len(out.read_text().splitlines()) == len(raised)
