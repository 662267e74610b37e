"""JSON lines written by crawlers and extractors: the article's body under their field names, and what the
record states (title, publication date, authors, site) taken as the record's own statements."""
from __future__ import annotations

import json
from pathlib import Path

from storyline.clean import clean
from storyline.model import Page, ReadError
from storyline.read.jsonl import read_jsonl

BODY = ("The regional council voted on Tuesday to approve the new water budget, ending a dispute that has divided "
        "farmers and city residents for most of the year.\nCouncillors voted nine to four in favour of the plan, "
        "which raises prices for the largest users.\n\"This is a fair deal for everyone who depends on the "
        "river,\" the mayor said after the vote.")


def one(tmp_path: Path, record: dict):
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (item,) = list(read_jsonl(p))
    return item


def test_news_please_record_states_title_date_authors_site(tmp_path: Path) -> None:
    page = one(tmp_path, {"url": "https://www.valley-news.com/2019/05/17/water.html",
                          "title": "Council approves the water budget", "maintext": BODY,
                          "date_publish": "2019-05-17 10:32:00", "date_download": "2019-05-18 01:00:00",
                          "authors": ["Jane Roe", "Sam Poe"], "source_domain": "valley-news.com"})
    assert isinstance(page, Page) and page.kind == "text"
    a = clean(page)
    assert a.title == "Council approves the water budget"
    assert a.published == "2019-05-17" and "date_publish" in a.published_evidence
    assert a.byline == "Jane Roe, Sam Poe"
    assert a.outlet == "valley-news.com"
    assert a.url == "https://www.valley-news.com/2019/05/17/water.html"
    # the whole body, no paragraph taken for the headline
    assert a.text.startswith("The regional council voted") and a.text.endswith("after the vote.")
    assert "Council approves" not in a.text


def test_trafilatura_json_record_and_a_stated_date_after_the_capture_is_left_out(tmp_path: Path) -> None:
    page = one(tmp_path, {"source": "https://valley-news.com/water", "title": "Council approves the water budget",
                          "author": "Jane Roe", "sitename": "Valley News", "date": "2031-01-01",
                          "captured": "2019-05-18", "text": BODY})
    a = clean(page)
    assert a.url == "https://valley-news.com/water"
    assert a.outlet == "Valley News" and a.byline == "Jane Roe"
    assert a.published != "2031-01-01"            # later than the capture: not a publication date


def test_html_record_title_from_the_record(tmp_path: Path) -> None:
    html = ("<html><head><title>Page title | Valley News</title></head><body><article><h1>Headline on the page"
            "</h1>" + "".join(f"<p>{p}</p>" for p in BODY.split("\n")) + "</article></body></html>")
    a = clean(one(tmp_path, {"url": "https://valley-news.com/a", "html": html, "title": "The record's title"}))
    assert a.title == "The record's title"
    assert "regional council" in a.text


def test_stated_title_loses_the_site_part_a_crawler_copied_from_the_title_tag(tmp_path: Path) -> None:
    a = clean(one(tmp_path, {"url": "https://valley-news.com/a", "title": "Council approves the water budget | "
                             "Valley News", "sitename": "Valley News", "text": BODY}))
    assert a.title == "Council approves the water budget"


def test_record_without_a_body_names_the_fields_it_reads(tmp_path: Path) -> None:
    item = one(tmp_path, {"url": "https://valley-news.com/a", "title": "Only a title"})
    assert isinstance(item, ReadError)
    assert "maintext" in item.reason and "\"html\" or \"text\"" in item.reason
