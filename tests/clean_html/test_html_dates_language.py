"""htmldate's free-text dates are parsed in English and in the page's declared language only."""
from __future__ import annotations

from storyline.clean.html import clean_html
from storyline.clean.upstream import PageLanguageDates
from storyline.model import Page, content_hash

PARAS = "".join(
    f"<p>Paragraph {i} of the report explains how the regional council voted on the new water budget, "
    f"which farmers and city residents have argued about for most of the year.</p>" for i in range(1, 4))


def page_with_shown_date(lang: str, shown: str) -> Page:
    html = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Budget</title></head><body>"
            f"<article><h1>Council approves the water budget</h1><div class='byline'><span>{shown}</span></div>"
            f"{PARAS}</article></body></html>")
    return Page(source="t.html", kind="html", content=html, content_hash=content_hash(html),
                url="https://example.org/news/budget", captured="2024-01-15T10:00:00Z")


def test_language_parser_knows_only_its_languages():
    dates = PageLanguageDates({"PARSERS": ["custom-formats", "absolute-time"], "STRICT_PARSING": True})
    dates.local.langs = ("en", "fr")
    assert dates.get_date_data("2 novembre 2023")["date_obj"].date().isoformat() == "2023-11-02"
    dates.local.langs = ("en",)
    assert dates.get_date_data("2 novembre 2023")["date_obj"] is None
    assert dates.get_date_data("November 2, 2023")["date_obj"].date().isoformat() == "2023-11-02"
    dates.local.langs = ("en", "zz")          # a code dateparser does not know: English alone, no error
    assert dates.get_date_data("November 2, 2023")["date_obj"] is not None


def test_french_page_date_shown_in_french_is_found():
    art = clean_html(page_with_shown_date("fr", "2 novembre 2023"))
    assert art.published == "2023-11-02"


def test_english_page_date_shown_in_english_is_found():
    art = clean_html(page_with_shown_date("en", "November 2, 2023"))
    assert art.published == "2023-11-02"
