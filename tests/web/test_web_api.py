"""The JSON API and pages, in-process (FastAPI TestClient) over a store built by the real ingest."""
from __future__ import annotations

import json
import re

import duckdb
import pytest
from fastapi.testclient import TestClient

from storyline.store.search import build_search_index, search_articles
from storyline.web.app import create_app
from tests.web.webstore import EVIL_ACTOR, evil_article_id, story_id_of


def test_api_stories_list_counts_and_filters(client):
    data = client.get("/api/stories").json()
    assert data["total"] >= 1
    s = data["items"][0]
    assert s["n_articles"] == len(s["article_ids"]) >= 1
    assert {"first_date", "last_date", "outlets", "n_events", "n_quotes"} <= set(s)
    # filters narrow, never fail
    assert client.get("/api/stories", params={"outlet": "No Such Outlet"}).json()["total"] == 0
    assert client.get("/api/stories", params={"date_from": "2099"}).json()["total"] == 0
    assert client.get("/api/stories", params={"actor": "zzzz-nobody"}).json()["total"] == 0
    page = client.get("/api/stories", params={"limit": 1, "offset": 0}).json()
    assert page["limit"] == 1 and len(page["items"]) <= 1


def test_api_story_has_timeline_brief_quotes_outlets_network(client):
    sid = story_id_of(client)
    st = client.get(f"/api/stories/{sid}").json()
    assert st["timeline"], "the articles' events make the timeline"
    for ev in st["timeline"]:
        assert ev["evidence"] and ev["evidence"][0]["link"].startswith("/article/")
    assert st["events_source"] in ("events", "merged_events")
    assert st["quotes_by_speaker"] and all(g["quotes"] for g in st["quotes_by_speaker"])
    outlets = {o["outlet"] for o in st["outlets_side_by_side"]}
    assert len(outlets) >= 2
    assert st["network"]["nodes"]
    for b in st["brief"]:
        if b["start"] is not None:
            art = client.get(f"/api/articles/{b['article_id']}").json()
            assert art["text"][b["start"]:b["end"]] == b["text"]


def test_api_story_outlets_show_what_each_omits(client):
    st = client.get(f"/api/stories/{story_id_of(client)}").json()
    sides = st["outlets_side_by_side"]
    reported = [{r["label"] for r in o["reports"]} for o in sides]
    for o, mine in zip(sides, reported):
        others = set().union(*(r for r in reported if r is not mine))
        assert {r["label"] for r in o["omits"]} == others - mine


def test_api_article_spans_point_into_the_text(client):
    for a in client.get("/api/articles").json()["items"]:
        art = client.get(f"/api/articles/{a['id']}").json()
        text = art["text"]
        assert art["mentions"]
        for m in art["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
        for q in art["quotes"]:
            assert 0 <= q["start"] < q["end"] <= len(text)
        for ev in art["events"]:
            e = ev["evidence"][0]
            assert 0 <= e["start"] < e["end"] <= len(text)


def test_api_actor_profile_has_events_as_actor_and_target(client):
    prof = client.get("/api/actors/person:planted-evil").json()
    assert prof["name"] == EVIL_ACTOR
    assert [e["id"] for e in prof["events_as_actor"]] == ["planted-evil-event"]
    assert prof["quotes"] and prof["quotes"][0]["link"].startswith("/article/")
    assert prof["over_time"] == [{"month": "2023-03", "actor": 1, "target": 0}]
    listed = client.get("/api/actors", params={"q": "Evil"}).json()
    assert [x["id"] for x in listed["items"]] == ["person:planted-evil"]


def test_api_events_filter_by_type_hedged_date_and_actor(client):
    all_ev = client.get("/api/events", params={"limit": 200}).json()
    assert all_ev["total"] == len(all_ev["items"]) > 0
    threats = client.get("/api/events", params={"type": "THREATEN"}).json()["items"]
    assert threats and all(e["type"] == "THREATEN" for e in threats)
    hedged = client.get("/api/events", params={"hedged": "true", "limit": 200}).json()["items"]
    assert hedged and all(e["hedged"] for e in hedged)
    march20 = client.get("/api/events", params={"date_from": "2023-03-20", "date_to": "2023-03-20"}).json()
    assert "planted-evil-event" in [e["id"] for e in march20["items"]]
    assert all((e["date"] or "") >= "2023-03-20" for e in march20["items"])
    by_actor = client.get("/api/events", params={"actor": "person:planted-evil"}).json()["items"]
    assert [e["id"] for e in by_actor] == ["planted-evil-event"]
    one = client.get("/api/events/planted-evil-event").json()
    assert one["actor"] == EVIL_ACTOR and one["hedged"] is True


def test_search_falls_back_to_ilike_then_uses_the_index(writable_copy):
    con = duckdb.connect(str(writable_copy))
    try:
        assert search_articles(con, "Sines")["method"] == "fts"   # ingest built the index
        con.execute("DROP SCHEMA IF EXISTS fts_main_articles CASCADE")
        before = search_articles(con, "Sines")
        assert before["method"] == "ilike" and before["total"] == 2
        assert build_search_index(con)
        after = search_articles(con, "sines port")
        assert after["method"] == "fts" and after["total"] == 2
        assert all(it["score"] is not None for it in after["items"])
        # an article stored after the index was built is still found (listed after the ranked hits)
        con.execute("""INSERT INTO articles (id, content_hash, source, title, text, pipeline_version)
                       VALUES ('late', 'late', 'late.txt', 'Late news', 'Sines port news arrived late.', 'x')""")
        late = search_articles(con, "sines port")
        assert late["total"] == 3 and late["items"][-1]["id"] == "late"
    finally:
        con.close()


def test_search_snippet_marks_the_terms(client):
    data = client.get("/api/search", params={"q": "Sines"}).json()
    assert data["total"] == 2
    for it in data["items"]:
        sn = it["snippet"]
        assert sn["marks"] and all(sn["text"][s:e].lower() == "sines" for s, e in sn["marks"])


@pytest.mark.parametrize("url", [
    "/api/stories?limit=0", "/api/stories?limit=100000", "/api/stories?offset=-1", "/api/stories?date_from=May",
    "/api/events?type=NOPE", "/api/events?hedged=maybe", "/api/search", "/api/search?q=",
    "/api/search?q=" + "x" * 500, "/api/actors?type=<b>", "/article/x?hl=1-2-3", "/api/stories?limit=abc",
])
def test_api_bad_parameters_give_clear_422_json(client, url):
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()["error"]
    assert body["status"] == 422 and body["message"].startswith("invalid parameter(s)") and body["details"]


def test_api_unknown_ids_give_404_and_control_chars_400(client):
    r = client.get("/api/stories/nope")
    assert r.status_code == 404 and "nope" in r.json()["error"]["message"]
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/actors/nope").status_code == 404
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/search?q=a%00b").status_code == 400
    page = client.get("/story/nope", headers={"accept": "text/html"})
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


def test_api_is_read_only(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/stories").status_code == 405


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e/%2e%2e/store/db.py", "/static//etc/passwd", "/app.py"])
def test_static_never_serves_files_outside_its_folder(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert "def create_app" not in r.text and "root:" not in r.text


def test_static_serves_the_assets(client):
    assert client.get("/static/app.js").status_code == 200
    assert "timeline" in client.get("/static/style.css").text


def test_openapi_schema_lists_every_api_route(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}",
            "/api/actors", "/api/actors/{actor_id}", "/api/events", "/api/events/{event_id}",
            "/api/search"} <= paths
    docs = client.get("/docs").text
    assert "/api/search" in docs and "cdn" not in docs.lower()


def test_pages_each_have_a_json_twin(client):
    sid = story_id_of(client)
    aid = evil_article_id(client)
    for path in ["/", f"/story/{sid}", f"/article/{aid}", "/articles", "/actors", "/actor/person:planted-evil",
                 "/events?type=THREATEN", "/search?q=port"]:
        page = client.get(path)
        assert page.status_code == 200, path
        m = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', page.text)
        assert m, path
        twin = client.get(m.group(1).replace("&amp;", "&"))
        assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json"), path


def test_pages_escape_hostile_text_everywhere(client):
    sid = story_id_of(client)
    aid = evil_article_id(client)
    pages = [f"/article/{aid}", f"/story/{sid}", "/", "/articles", "/actors", "/actor/person:planted-evil",
             "/events", "/search?q=council"]
    for path in pages:
        body = client.get(path).text
        assert "<script>alert" not in body, path
        assert "<img src=x" not in body, path
        assert 'href="javascript:' not in body.lower(), path
        assert "onerror=alert(1)>" not in body or "&gt;" in body, path
    art = client.get(f"/article/{aid}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in art
    assert "javascript:alert(1)" in art            # shown as text
    assert '<span class="url unsafe">javascript:alert(1)</span>' in art
    story = client.get(f"/story/{sid}").text
    data = re.search(r'<script type="application/json" id="story-data">(.*?)</script>', story, re.S).group(1)
    assert "<" not in data and ">" not in data


def test_pages_send_a_strict_content_security_policy(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_article_page_highlights_the_requested_span(client):
    aid = evil_article_id(client)
    art = client.get(f"/api/articles/{aid}").json()
    ev = art["events"][0]["evidence"][0]
    page = client.get(ev["link"].split("#")[0]).text
    m = re.search(r'<(?:span|a) [^>]*class="[^"]*\bhl\b[^"]*"[^>]*id="hl"', page)
    assert m, "the first highlighted piece carries the scroll anchor"
    assert page.count('id="hl"') == 1


def test_pages_work_with_empty_link_tables(writable_copy):
    con = duckdb.connect(str(writable_copy))
    for t in ("stories", "story_articles", "merged_events"):
        con.execute(f"DELETE FROM {t}")
    con.close()
    with TestClient(create_app(str(writable_copy)), raise_server_exceptions=False) as c:
        assert c.get("/api/stories").json() == {"total": 0, "limit": 20, "offset": 0, "items": []}
        home = c.get("/")
        assert home.status_code == 200 and 'id="no-stories"' in home.text and "Recent articles" in home.text
        assert c.get("/api/events", params={"merged": "true"}).json()["total"] == 0
        assert c.get("/api/events").json()["total"] > 0


def test_story_uses_merged_events_when_the_link_step_made_them(writable_copy):
    con = duckdb.connect(str(writable_copy))
    sid = con.execute("SELECT id FROM stories LIMIT 1").fetchone()[0]
    con.execute("DELETE FROM merged_events")   # only the planted one below
    a1, a2 = [r[0] for r in con.execute("SELECT id FROM articles WHERE outlet IN ('Harbour Times', 'Coastal Ledger') "
                                        "ORDER BY id").fetchall()]
    con.execute("""INSERT INTO merged_events (id, story_id, type, actor, target, date_lo, date_hi, hedged, negated,
        event_ids, evidence, conflicts) VALUES ('m1', ?, 'AGREE', 'Portugal', 'Morocco', '2023-03-13', '2023-03-14',
        false, false, ['x', 'y'], ?, '[]')""",
                [sid, json.dumps([{"article_id": a1, "sentence": "s", "start": 0, "end": 5},
                                  {"article_id": a2, "sentence": "t", "start": 2, "end": 9}])])
    con.close()
    with TestClient(create_app(str(writable_copy)), raise_server_exceptions=False) as c:
        st = c.get(f"/api/stories/{sid}").json()
        assert st["events_source"] == "merged_events"
        [m] = st["timeline"]
        assert m["date_range"] == ["2023-03-13", "2023-03-14"] and len(m["evidence"]) == 2
        assert {e["outlet"] for e in m["evidence"]} == {"Harbour Times", "Coastal Ledger"}
        page = c.get(f"/story/{sid}").text
        assert 'class="ev quad-verbal-cooperation range"' in page      # a range is drawn as a bar
        assert c.get("/api/events", params={"merged": "true", "story": sid}).json()["total"] == 1


def test_store_missing_gives_503_json(tmp_path):
    with TestClient(create_app(str(tmp_path / "none.duckdb")), raise_server_exceptions=False) as c:
        r = c.get("/api/stories")
        assert r.status_code == 503 and "no such store" in r.json()["error"]["message"]


def test_serve_warns_when_bound_beyond_localhost(monkeypatch, capsys, web_store):
    import uvicorn

    from storyline.web import server
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    server.serve(str(web_store))
    assert calls[-1]["host"] == "127.0.0.1" and "warning" not in capsys.readouterr().err
    server.serve(str(web_store), host="0.0.0.0", port=8123)
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 8123
    assert "warning" in capsys.readouterr().err


def test_story_draws_the_rows_its_stored_timeline_keeps(writable_copy):
    """The link step groups and caps a story's timeline (link/timeline.py) and keeps it in ``extra``; the page and
    ``storyline story`` draw those rows, not every merged event (a shooting was 53 rows)."""
    from storyline.store.queries.overview import story_outline
    con = duckdb.connect(str(writable_copy))
    sid = con.execute("SELECT id FROM stories LIMIT 1").fetchone()[0]
    con.execute("DELETE FROM merged_events")
    for mid, day in (("kept", "2023-03-14"), ("folded", "2023-03-15")):
        con.execute("""INSERT INTO merged_events (id, story_id, type, actor, target, date, hedged, negated,
            event_ids, evidence, conflicts) VALUES (?, ?, 'AGREE', 'Portugal', 'Morocco', ?, false, false, ['x'],
            '[]', '[]')""", [mid, sid, day])
    con.execute("UPDATE stories SET extra = ? WHERE id = ?", [json.dumps({"timeline": [
        {"event_id": "kept", "start": "2023-03-14", "end": "2023-03-14", "label": "2023-03-14",
         "placement": "stated", "n_sources": 1}]}), sid])
    assert [e["id"] for e in story_outline(con, sid)["events"]] == ["kept"]
    con.execute("UPDATE stories SET extra = NULL WHERE id = ?", [sid])   # linked before timelines were kept
    assert [e["id"] for e in story_outline(con, sid)["events"]] == ["kept", "folded"]
    con.execute("UPDATE stories SET extra = ? WHERE id = ?", [json.dumps({"timeline": [{"event_id": "kept"}]}), sid])
    con.close()
    with TestClient(create_app(str(writable_copy)), raise_server_exceptions=False) as c:
        st = c.get(f"/api/stories/{sid}").json()
        assert [e["id"] for e in st["timeline"]] == ["kept", "folded"]     # every merged event, with evidence
        assert [e["id"] for e in st["timeline_rows"]] == ["kept"]          # what the timeline draws
        page = c.get(f"/story/{sid}").text
        assert page.count('class="ev quad-verbal-cooperation') == 1
