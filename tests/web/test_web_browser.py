"""End to end in headless Chromium (Debian's package, driven by Playwright) against a real uvicorn server."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import duckdb
import pytest

from webstore import EVIL_SCRIPT, SAMPLE

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
        pytest.skip(f"{CHROMIUM} missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
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
        pytest.skip(f"bundled sample missing at {SAMPLE}")
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
