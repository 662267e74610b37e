"""clean: Page -> Article. HTML through trafilatura + htmldate (clean/html.py); scraped text through
our line classifier (clean/text.py). ``furniture`` holds line keys learned from the corpus
(clean/furniture.py) that are dropped wherever they appear."""
from __future__ import annotations

import dataclasses

from storyline.model import Article, Page

# learned furniture may not take more than this share of a page's body: lines shared by pages that
# are mostly the same (syndicated copies of one wire story) are the story, not furniture
MAX_FURNITURE_SHARE = 0.5


def clean(page: Page, furniture: frozenset[str] = frozenset()) -> Article:
    if page.kind == "html":
        from storyline.clean.html import clean_html
        return with_stated(clean_html(page), page)
    from storyline.clean.text import clean_text, page_language
    language = page_language(page.content)
    article = clean_text(page, furniture, language=language)
    if furniture:
        plain = clean_text(page, language=language)
        if len(article.text) < (1 - MAX_FURNITURE_SHARE) * len(plain.text):
            article = plain
    return with_stated(article, page)


def with_stated(article: Article, page: Page) -> Article:
    """The article with what its record states (``Page.stated``: a JSON line's title, date, authors, site) in
    place of what the cleaner found: the record's producer declared them, as a page's JSON-LD does. A stated
    date that does not parse, or lies after the capture, is left out (the cleaner's stays)."""
    if not page.stated:
        return article
    from storyline.clean.byline import clean_byline
    from storyline.clean.html import clean_title, latest_date, parse_date, url_host
    changes: dict = {}
    outlet = next((v for f, _, v in page.stated if f == "outlet"), article.outlet)
    for field, key, value in page.stated:
        if field == "title":     # a crawler's title is often the <title> tag: its " | Site" part goes
            changes["title"] = clean_title(value, outlet, url_host(article.url)) or value
        elif field == "outlet":
            changes["outlet"] = value
        elif field == "byline":
            byline = clean_byline(value.split(";"))
            if byline:
                changes["byline"] = byline
        elif field == "published":
            day = parse_date(value, latest_date(page.captured))
            if day:
                changes.update(published=day, published_range=None, published_candidates=(),
                               published_evidence=f"stated in the record ({key}: {value[:40]})")
                if article.updated and article.updated <= day:
                    changes["updated"] = None
    return dataclasses.replace(article, **changes)
