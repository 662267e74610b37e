"""clean: Page -> Article. HTML through trafilatura + htmldate (clean/html.py); scraped text through
our line classifier (clean/text.py). ``furniture`` holds line keys learned from the corpus
(clean/furniture.py) that are dropped wherever they appear."""
from __future__ import annotations

from storyline.model import Article, Page


def clean(page: Page, furniture: frozenset[str] = frozenset()) -> Article:
    if page.kind == "html":
        from storyline.clean.html import clean_html
        return clean_html(page)
    from storyline.clean.text import clean_text
    return clean_text(page, furniture)
