"""clean: Page -> Article. HTML through trafilatura + htmldate (clean/html.py); scraped text through
our line classifier (clean/text.py). ``furniture`` holds line keys learned from the corpus
(clean/furniture.py) that are dropped wherever they appear."""
from __future__ import annotations

from storyline.model import Article, Page

# learned furniture may not take more than this share of a page's body: lines shared by pages that
# are mostly the same (syndicated copies of one wire story) are the story, not furniture
MAX_FURNITURE_SHARE = 0.5


def clean(page: Page, furniture: frozenset[str] = frozenset()) -> Article:
    if page.kind == "html":
        from storyline.clean.html import clean_html
        return clean_html(page)
    from storyline.clean.text import clean_text
    article = clean_text(page, furniture)
    if furniture:
        plain = clean_text(page)
        if len(article.text) < (1 - MAX_FURNITURE_SHARE) * len(plain.text):
            return plain
    return article
