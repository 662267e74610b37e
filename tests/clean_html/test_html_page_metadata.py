"""Metadata seen wrong on real pages (issue 24), on reductions of those pages written for these tests: a title
that is the site's name, a month glued to a byline, an outlet credited as its own author split in two, a site name
that is a URL; and an article's URL from its canonical link."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.byline import clean_byline
from storyline.clean.html import clean_html
from storyline.model import Page, content_hash

PAGES = Path(__file__).resolve().parent / "pages"
BODY = ("<p>The city council voted on Tuesday to close the old bridge to cars from next month, after engineers "
        "found cracks in two of its supporting piers during a routine inspection in the spring.</p>"
        "<p>Buses will be diverted over the northern bridge, which the council said could carry the extra traffic "
        "until repairs are finished, probably late next year, at a cost the budget office put at four million.</p>"
        "<p>Shop owners near the bridge said they feared losing customers, and asked the council for help.</p>")


def html_page(head: str, body: str, url: str | None = None) -> Page:
    html = f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>"
    return Page(source="page.html", kind="html", content=html, content_hash=content_hash(html), url=url)


# ------------------------------------------------------------------ title
def test_title_is_not_the_site_name_korean_page() -> None:
    content = (PAGES / "ko_site_title.html").read_text(encoding="utf-8")
    art = clean_html(Page(source="ko.html", kind="html", content=content, content_hash=content_hash(content)))
    assert art.outlet == "서울일보"
    assert art.title == "국회, 청년 주거 지원법 개정안 통과"
    assert art.language == "ko"


def test_title_that_is_only_the_site_name_is_left_out() -> None:
    page = html_page('<title>Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette">',
                     f"<article>{BODY}</article>")
    art = clean_html(page)
    assert art.outlet == "Harbour Gazette" and art.title is None


# ------------------------------------------------------------------ byline
def test_byline_month_of_a_stamp_is_not_part_of_the_name() -> None:
    # an author search that drops the digits of "By Alice Brandt / March 25, 2015" leaves "March" behind
    page = html_page("<title>Weekly edition</title>",
                     '<div class="ArticleText"><h2>Weekly edition</h2><div class="FeatureByline"> By <b>Alice '
                     f'Brandt</b>\n<br/>March 25, 2015 </div>{BODY}</div>')
    assert clean_html(page).byline == "Alice Brandt"
    page = html_page("<title>Bridge to close</title>",
                     '<div class="credit"><cite class="byline vcard top-line"><span>By </span>'
                     f'<span class="fn">ROSA KLINE</span>\n<abbr>May 4, 2016 9:12 AM</abbr></cite></div>{BODY}')
    assert clean_html(page).byline == "ROSA KLINE"


@pytest.mark.parametrize("raw, name", [
    ("Joshua Field May", "Joshua Field"), ("Ann Lee March", "Ann Lee"), ("Theresa May", "Theresa May"),
    ("By Mary June", "Mary June"), ("Brian August", "Brian August"),
])
def test_byline_trailing_month_after_a_full_name(raw: str, name: str) -> None:
    assert clean_byline([raw]) == name


def test_byline_outlet_credited_as_author_is_one_name() -> None:
    # "Auto & i" in both the site name and the author tag: one outlet, not "Auto, I"
    page = html_page('<title>Charging gets faster</title><meta property="og:site_name" content="Auto &amp; i">'
                     '<meta name="DC.creator" content="Auto &amp; i">', f"<article>{BODY}</article>")
    art = clean_html(page)
    assert art.outlet == "Auto & i" and art.byline == "Auto & i"
    assert clean_byline(["Jane Roe & Sam Poe"], {"autoi"}) == "Jane Roe, Sam Poe"


# ------------------------------------------------------------------ outlet
def test_outlet_declared_as_a_url_is_named_from_the_title() -> None:
    page = html_page('<title>Singer\'s gown stolen | CelebWire.com</title>'
                     '<meta property="og:site_name" content="http://www.celebwire.com">'
                     '<meta property="og:title" content="Singer\'s gown stolen">',
                     f"<article>{BODY}</article>")
    art = clean_html(page)
    assert art.outlet == "CelebWire" and art.title == "Singer's gown stolen"


def test_outlet_declared_as_a_url_without_a_name_is_its_host() -> None:
    page = html_page('<title>Bridge to close</title><meta property="og:site_name" content="https://www.town-news.org/">',
                     f"<article>{BODY}</article>")
    assert clean_html(page).outlet == "town-news.org"


# ------------------------------------------------------------------ canonical URL
CANON = '<link rel="canonical" href="https://www.harbour.example/2024/05/bridge-to-close">'


def test_url_from_canonical_link_of_an_html_file() -> None:
    art = clean_html(html_page(f"<title>Bridge</title>{CANON}", f"<article>{BODY}</article>"))
    assert art.url == "https://www.harbour.example/2024/05/bridge-to-close"


def test_url_from_og_url_resolved_against_the_page_s_own() -> None:
    head = '<title>Bridge</title><meta property="og:url" content="/2024/05/bridge-to-close">'
    art = clean_html(html_page(head, f"<article>{BODY}</article>", url="https://harbour.example/a?utm_source=x"))
    assert art.url == "https://harbour.example/2024/05/bridge-to-close"
    # relative, with nothing to resolve it against: no URL rather than a path
    assert clean_html(html_page(head, f"<article>{BODY}</article>")).url is None


@pytest.mark.parametrize("href", ["javascript:alert(1)", "ftp://harbour.example/x", "https://www.harbour.example/",
                                  "mailto:desk@harbour.example"])
def test_url_canonical_that_names_no_article_is_ignored(href: str) -> None:
    art = clean_html(html_page(f'<title>Bridge</title><link rel="canonical" href="{href}">',
                               f"<article>{BODY}</article>"))
    assert art.url is None


def test_url_captured_page_keeps_its_url_against_another_site_s_canonical() -> None:
    own = "https://news.aggregator.example/story/123"
    art = clean_html(html_page(f"<title>Bridge</title>{CANON}", f"<article>{BODY}</article>", url=own))
    assert art.url == own
    amp = "https://amp.harbour.example/2024/05/bridge-to-close?amp=1"
    art = clean_html(html_page(f"<title>Bridge</title>{CANON}", f"<article>{BODY}</article>", url=amp))
    assert art.url == "https://www.harbour.example/2024/05/bridge-to-close"


def test_title_declared_also_as_site_name_stays_when_headline_long() -> None:
    # a page whose og:site_name repeats its headline: the headline is the title (and no site name)
    head = ("<title>Student halls too full to be safe, experts warn</title>"
            '<meta property="og:site_name" content="Student halls too full to be safe, experts warn">')
    art = clean_html(html_page(head,
                               f"<article><h1>Student halls too full to be safe, experts warn</h1>{BODY}</article>"))
    assert art.title == "Student halls too full to be safe, experts warn"


def test_outlet_host_written_in_the_title_is_kept_whole() -> None:
    page = html_page('<title>Bridge to close | town-news.org</title>'
                     '<meta property="og:site_name" content="www.town-news.org">', f"<article>{BODY}</article>")
    assert clean_html(page).outlet == "town-news.org"


@pytest.mark.parametrize("raw", ["facebook.com/harbourgazette", "www.harbour-gazette.com", "harbour-gazette.co.uk"])
def test_byline_web_address_names_no_one(raw: str) -> None:
    assert clean_byline([raw]) is None


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize("stamp", ["2023-02-30T10:00:00Z", "2023-04-31", "2022-13-05T08:00:00+01:00"])
def test_an_impossible_stated_date_is_no_date(stamp: str) -> None:
    """A page whose published_time is no day of the calendar has no publication date (it was stored as the 1st of
    its month, which htmldate salvaged from the same tag)."""
    art = clean_html(html_page(f'<title>Bridge closed</title>'
                               f'<meta property="article:published_time" content="{stamp}">',
                               f"<article><h1>Bridge closed</h1>{BODY}</article>"))
    assert art.published is None and art.published_evidence is None


def test_a_possible_stated_date_is_kept() -> None:
    art = clean_html(html_page('<title>Bridge closed</title><meta property="article:published_time" '
                               'content="2023-02-28T10:00:00Z">', f"<article><h1>Bridge closed</h1>{BODY}</article>"))
    assert art.published == "2023-02-28"


# ------------------------------------------------------------------ markup the tree parser cannot hold
def test_a_body_nested_deeper_than_the_parser_goes_is_read_flat() -> None:
    """A page of 200k nested divs parses as nearly empty (libxml2 stops at a nesting depth): its paragraphs are
    read from the markup as a flat stream instead of the page being refused as bodiless (issue 27, item 6)."""
    deep = "<div>" * 200_000 + f"<article><h1>Bridge closed</h1>{BODY}</article>" + "</div>" * 200_000
    art = clean_html(html_page("<title>Bridge closed</title>", deep))
    assert "cracks in two of its supporting piers" in art.text and art.text.count("\n\n") == 2

