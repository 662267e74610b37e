"""Parameters as a user sends them: blank form fields on the pages, impossible dates on the API (issue 24.6)."""
from __future__ import annotations

import pytest

HTML = {"accept": "text/html"}


def test_web_empty_search_returns_the_search_page_not_json(client):
    for url in ("/search?q=", "/search?q=+", "/search?q=&limit=20"):
        r = client.get(url, headers=HTML)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert 'id="search-empty"' in r.text and '"error"' not in r.text


def test_web_blank_filter_fields_mean_not_given(client):
    """A filter form submitted with its fields left blank is the unfiltered page, not a 422."""
    r = client.get("/?q=&actor=&outlet=&date_from=&date_to=", headers=HTML)
    assert r.status_code == 200 and 'id="stories"' in r.text
    assert client.get("/events?type=&actor=&date_from=", headers=HTML).status_code == 200
    assert client.get("/articles?outlet=&q=", headers=HTML).status_code == 200


def test_web_api_keeps_blank_values_an_error(client):
    r = client.get("/api/search?q=")
    assert r.status_code == 422 and r.json()["error"]["details"]


def test_web_page_with_a_bad_parameter_is_an_html_error_page(client):
    r = client.get("/events?date_from=2020-13-45", headers=HTML)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "date_from" in r.text and "not a real date" in r.text


@pytest.mark.parametrize("value", ["2020-13-45", "2020-02-30", "2021-00", "2019-04-31", "0000"])
def test_web_api_impossible_dates_are_422(client, value):
    for path in ("/api/events", "/api/stories", "/api/articles"):
        r = client.get(path, params={"date_from": value})
        assert r.status_code == 422, (path, value)
        body = r.json()["error"]
        assert "date_from" in body["message"] and "not a real date" in body["message"]
    assert client.get("/api/events", params={"date_to": value}).status_code == 422


@pytest.mark.parametrize("value", ["2020", "2020-02", "2020-02-29", "2019-12-31"])
def test_web_api_real_dates_still_pass(client, value):
    assert client.get("/api/events", params={"date_from": value}).status_code == 200
