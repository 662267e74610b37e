"""Requests an attacker or an unlucky user sends (issue 27, item 6). The server `storyline serve` runs answers only
the names it is reached by: a page elsewhere
that points a DNS name at 127.0.0.1 (DNS rebinding) cannot read the store through a visitor's browser."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.web.server import _host_name, allowed_hosts, make_app


@pytest.mark.parametrize("base, status", [
    ("http://127.0.0.1:8000", 200), ("http://localhost:8000", 200), ("http://[::1]:8000", 200),
    ("http://LOCALHOST", 200), ("http://rebind.attacker.example:8000", 400), ("http://127.0.0.1.nip.io", 400),
])
def test_loopback_server_answers_loopback_names_only(web_store: Path, base: str, status: int) -> None:
    with TestClient(make_app(str(web_store), "127.0.0.1"), base_url=base) as c:
        r = c.get("/api/stories")
        assert r.status_code == status, r.text
        if status == 400:
            assert r.text.startswith("unknown Host header") and '"id"' not in r.text     # no store content


def test_named_and_wildcard_bindings(web_store: Path) -> None:
    with TestClient(make_app(str(web_store), "0.0.0.0", ["news.example.org"]),
                    base_url="http://news.example.org") as c:
        assert c.get("/api/stories").status_code == 200
    with TestClient(make_app(str(web_store), "0.0.0.0", ["news.example.org"]), base_url="http://other.example") as c:
        assert c.get("/api/stories").status_code == 400
    assert allowed_hosts("0.0.0.0") is None                   # every interface, no names given: any name
    assert "box.lan" in allowed_hosts("box.lan")


def test_host_header_names() -> None:
    assert _host_name("[::1]:8000") == "::1"
    assert _host_name("Example.ORG:80") == "example.org"
    assert _host_name("localhost") == "localhost"


def test_story_search_reads_the_brief_not_its_json_keys(client) -> None:
    """`q` matches a story's title and brief sentences, never the brief's JSON key names (issue 27, item 6)."""
    every = client.get("/api/stories").json()
    assert every["total"] >= 1
    assert client.get("/api/stories", params={"q": "article_id"}).json()["total"] == 0
    word = every["items"][0]["title"].split()[0]
    assert client.get("/api/stories", params={"q": word}).json()["total"] >= 1
