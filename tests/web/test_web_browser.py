"""End to end in headless Chromium (Debian's package, driven by Playwright) against a real uvicorn server."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.optional import import_or_missing, missing
from tests.web.webstore import EVIL_SCRIPT, SAMPLE

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class LiveServer:
    """uvicorn on a free localhost port, in a thread of this process."""

    def __init__(self, db: Path):
        import uvicorn

        from storyline.web.app import create_app
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=self.port,
                                                    log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} missing (apt-get install chromium)")
    sync_api = import_or_missing("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """The bundled seed sample, ingested for real (the ingest links it into stories). Returns (db, linked)."""
    if not SAMPLE.is_dir():
        missing(f"bundled sample missing at {SAMPLE}")
    from storyline.run.ingest import ingest
    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    ingest([str(SAMPLE)], db, engine="inline")
    return db, True


@pytest.fixture(scope="session")
def sample_server(sample_store):
    srv = LiveServer(sample_store[0])
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def web_server(web_store):
    srv = LiveServer(web_store)
    yield srv
    srv.stop()


def _story_url(page, server) -> str:
    page.goto(server.url + "/")
    link = page.locator("a.story-title").first
    return server.url + link.get_attribute("href")


def test_browser_story_list_shows_one_story_with_three_articles(page, sample_store, sample_server):
    page.goto(sample_server.url + "/")
    items = page.locator("li.story-item")
    assert items.count() == 1
    assert items.first.get_attribute("data-articles") == "3"
    assert "3 articles" in items.first.inner_text()
    assert not page.dialogs


def test_browser_story_page_draws_timeline_and_network(page, sample_server):
    page.goto(_story_url(page, sample_server))
    page.wait_for_selector("svg#timeline")
    assert page.locator("svg#timeline g.ev").count() > 0
    assert page.locator("svg#timeline g.ev circle.mark, svg#timeline g.ev rect.mark, "
                        "svg#timeline g.ev path.mark").count() > 0
    assert page.locator("svg#network g.node circle").count() >= 2
    assert page.locator("svg#network g.edge path").count() >= 1
    assert page.locator("#brief li").count() >= 1
    assert page.locator(".outlet-column").count() >= 2
    box = page.locator("svg#timeline").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 50          # drawn, not collapsed
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
    assert (ARTIFACTS / "story.png").stat().st_size > 10_000


def test_browser_hedged_toggle_hides_hedged_events(page, sample_server):
    page.goto(_story_url(page, sample_server))
    hedged = page.locator("svg#timeline g.ev.hedged")
    if hedged.count() == 0:
        pytest.skip("no hedged event in this story")
    assert hedged.first.is_visible()
    page.locator("#show-hedged").uncheck()
    assert not hedged.first.is_visible()


def test_browser_clicking_an_event_highlights_its_sentence(page, sample_server):
    import httpx
    page.goto(_story_url(page, sample_server))
    link = page.locator("svg#timeline a.ev-link[href]").first
    event_id = link.get_attribute("data-event")
    link.hover()
    assert page.locator("#event-detail").is_visible()                  # the detail panel from the embedded JSON
    link.click()
    page.wait_for_url("**/article/**")
    ev = httpx.get(f"{sample_server.url}/api/events/{event_id}").json()
    sentence = ev["evidence"][0]["sentence"]
    hl = page.locator("#hl")
    hl.wait_for()
    shown = "".join(page.locator("#text .hl").all_inner_texts())
    assert " ".join(shown.split()) == " ".join(sentence.split())
    assert hl.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    top = hl.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top <= page.viewport_size["height"]                     # scrolled into view


def test_browser_clicking_a_quote_opens_it_in_its_article(page, sample_server):
    page.goto(_story_url(page, sample_server))
    q = page.locator("a.quote-link").first
    text = q.inner_text().strip("“”…")
    q.click()
    page.wait_for_url("**/article/**")
    shown = " ".join("".join(page.locator("#text .hl").all_inner_texts()).split())
    assert shown and " ".join(text.split())[:40] in shown


def test_browser_hostile_text_renders_as_text_and_no_dialog_fires(page, web_store, web_server):
    import httpx
    api = httpx.Client(base_url=web_server.url)
    aid = api.get("/api/articles", params={"q": "Council rejects"}).json()["items"][0]["id"]
    sid = next(st["id"] for st in api.get("/api/stories").json()["items"]
               if aid in api.get(f"/api/stories/{st['id']}").json()["article_ids"])
    page.goto(f"{web_server.url}/article/{aid}")
    assert EVIL_SCRIPT in page.locator("#article-title").inner_text()
    assert EVIL_SCRIPT in page.locator("#text").inner_text()
    assert '"><img src=x onerror=alert(1)>' in page.locator("#text").inner_text()
    assert page.locator(".url.unsafe").inner_text() == "javascript:alert(1)"
    for path in (f"/article/{aid}", f"/story/{sid}", "/actor/person:planted-evil", "/", "/articles", "/actors",
                 "/events", "/search?q=council"):
        page.goto(web_server.url + path)
        page.wait_for_load_state("load")
        assert page.locator("img").count() == 0, path
        assert page.locator("#text script, main script:not([type='application/json'])").count() == 0, path
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript")], path
    page.goto(f"{web_server.url}/story/{sid}")
    evil = page.locator("svg#timeline a.ev-link[data-event='planted-evil-event']")
    evil.hover()                                  # the panel is filled from the embedded JSON
    assert EVIL_SCRIPT in page.locator("#event-detail").inner_text()
    assert page.locator("#event-detail img").count() == 0
    page.goto(f"{web_server.url}/actor/person:planted-evil")
    assert EVIL_SCRIPT in page.locator("#actor-name").inner_text()
    page.wait_for_timeout(300)
    assert page.dialogs == []


# ------------------------------------------------------------------ geometry of the pictures (issue 24.8)
SHOTS = ARTIFACTS / "web"
BOXES_JS = """sel => {
  const svg = document.querySelector(sel);
  const vb = svg.viewBox.baseVal;
  const box = e => { const b = e.getBBox(); return {x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height}; };
  return {w: vb.width, h: vb.height,
          texts: [...svg.querySelectorAll('text')].map(t => Object.assign(box(t), {text: t.textContent})),
          nodes: [...svg.querySelectorAll('g.node circle')].map(box),
          hrefs: [...svg.querySelectorAll('a.node-link')].map(a => a.getAttribute('href'))};
}"""


def _overlaps(boxes, tol=1.0):
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["x0"] < b["x1"] - tol and b["x0"] < a["x1"] - tol
                    and a["y0"] < b["y1"] - tol and b["y0"] < a["y1"] - tol):
                out.append((a["text"], b["text"]))
    return out


def _outside(g, tol=0.5):
    return [t["text"] for t in g["texts"]
            if t["x0"] < -tol or t["y0"] < -tol or t["x1"] > g["w"] + tol or t["y1"] > g["h"] + tol]


def _shot(page, selector, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.locator(selector).screenshot(path=str(path))
    assert path.stat().st_size > 1_000
    return path


def test_browser_network_fills_its_box_with_labels_inside_and_apart(page, sample_server):
    page.goto(_story_url(page, sample_server))
    page.wait_for_selector("svg#network g.node")
    _shot(page, "svg#network", "network.png")
    g = page.evaluate(BOXES_JS, "svg#network")
    assert len(g["nodes"]) >= 4
    assert not _outside(g), _outside(g)                      # no label cut off at the box's edge
    assert not _overlaps(g["texts"]), _overlaps(g["texts"])  # no two labels on top of each other
    x0, x1 = min(n["x0"] for n in g["nodes"]), max(n["x1"] for n in g["nodes"])
    y0, y1 = min(n["y0"] for n in g["nodes"]), max(n["y1"] for n in g["nodes"])
    assert (x1 - x0) / g["w"] > 0.85 and (y1 - y0) / g["h"] > 0.75   # the graph uses its box
    # only actors: every node links to an actor page, and the text names no unresolved participant
    assert g["hrefs"] and all(h.startswith("/actor/") for h in g["hrefs"])
    assert len(g["hrefs"]) == len(g["nodes"])
    import httpx
    for h in g["hrefs"]:                                        # persons, organisations, states, groups
        assert httpx.get(sample_server.url + "/api" + h.replace("/actor/", "/actors/", 1)).json()["type"] in \
            {"PERSON", "ORG", "GPE", "NORP"}
    labels = [t["text"] for t in g["texts"]]
    assert sum(1 for t in labels if t) >= len(g["nodes"])        # every actor is named


def test_browser_timeline_axis_labels_stay_inside(page, sample_server):
    page.goto(_story_url(page, sample_server))
    page.wait_for_selector("svg#timeline")
    _shot(page, "svg#timeline", "timeline.png")
    g = page.evaluate(BOXES_JS, "svg#timeline")
    assert not _outside(g), _outside(g)
    axis = [t for t in g["texts"] if t["y1"] < 30]
    assert len(axis) >= 2 and not _overlaps(axis)


def test_browser_activity_chart_labels_do_not_collide(page, sample_server):
    import httpx
    api = httpx.Client(base_url=sample_server.url)        # (the live server holds the store open: ask it)
    actor = next(a["id"] for a in api.get("/api/actors", params={"limit": 50}).json()["items"]
                 if len(api.get(f"/api/actors/{a['id']}").json()["over_time"]) >= 3)
    page.goto(f"{sample_server.url}/actor/{actor}")
    page.wait_for_selector("svg#activity")
    _shot(page, "svg#activity", "activity.png")
    g = page.evaluate(BOXES_JS, "svg#activity")
    assert len(g["texts"]) >= 3
    assert not _outside(g), _outside(g)
    assert not _overlaps(g["texts"]), _overlaps(g["texts"])


def test_browser_framing_is_readable_html_with_each_outlets_words(page, sample_server):
    page.goto(_story_url(page, sample_server))
    page.wait_for_selector(".outlets-section")
    _shot(page, ".outlets-section", "framing.png")
    assert page.locator(".outlets-section pre, #story pre").count() == 0   # no raw JSON dump
    assert "{" not in page.locator(".outlets-section").inner_text()
    _shot(page, "#wording", "wording.png")
    columns = page.locator(".outlet-column")
    assert columns.count() >= 2
    for i in range(columns.count()):
        col = columns.nth(i).inner_text()
        assert "Whom it quotes" in col and "Leaves out" in col and "Hedging" in col
    # the words that differ: each outlet's verb and labels for one merged event, with its sentence
    rows = page.locator("#wording table.wording tbody tr")
    assert rows.count() >= 2
    events = page.locator("#wording .wording-event")
    for i in range(events.count()):
        ev = events.nth(i)
        outlets = ev.locator("tbody tr td:first-child").all_inner_texts()
        assert len(set(outlets)) >= 2                                    # the same fact, several outlets
        assert ev.locator("mark.w-differs").count() >= 1                 # and something worded differently
    verbs = page.locator("#wording mark.w-verb").all_inner_texts()
    assert verbs and all(v.strip() for v in verbs)
    # each 'own word' in a column is marked in that outlet's sentence below
    marked = {" ".join(t.split()) for t in page.locator("#wording mark.w-differs").all_inner_texts()}
    own = {" ".join(t.split()) for t in page.locator(".own-words .word").all_inner_texts()}
    assert own and own <= marked
    # a sentence opens its article with the sentence highlighted
    link = page.locator("#wording a.wording-link").first
    sentence = " ".join(link.inner_text().split())
    link.click()
    page.wait_for_url("**/article/**")
    shown = " ".join("".join(page.locator("#text .hl").all_inner_texts()).split())
    assert shown and sentence[:40] in shown
    assert not page.dialogs
