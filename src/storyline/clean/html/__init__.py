"""HTML page -> Article: main text, title, byline, outlet, dates, language.

trafilatura finds the main text and htmldate guesses dates; around them we read the
page's own structured statements first (JSON-LD, OpenGraph / article meta, itemprop
microdata), which are what the publisher declared, and only then fall back to guesses.
Guesses that are known traps are refused: a "last updated" stamp, a page clock
(today's date in the masthead), a copyright year.

Public:
    clean_html(page) -> Article
"""
from __future__ import annotations

from storyline.clean.byline import clean_byline
from storyline.clean.dateline import split_dateline
from storyline.clean.html.author import _credit_line, _stated_authors, _without_credit
from storyline.clean.html.body import _extract_text, _flat_paragraphs, _paragraphs, _shrink
from storyline.clean.html.date_values import latest_date, parse_date, stamp_zone, url_date
from storyline.clean.html.dates import pick_dates
from storyline.clean.html.language import declared_language
from storyline.clean.html.meta import HtmlMeta, read_meta
from storyline.clean.html.title import (
    _site_tokens,
    clean_title,
    host_name,
    outlet_name,
    page_url,
    pick_title,
    site_name_part,
    url_host,
)
from storyline.clean.html.util import _norm, _squash, shown_text
from storyline.clean.language import detect_language
from storyline.clean.upstream import load_html, traf_meta
from storyline.model import Article, Page

__all__ = ["clean_html", "HtmlMeta", "read_meta", "pick_title", "clean_title", "parse_date", "url_date",
           "latest_date", "stamp_zone", "url_host", "host_name", "site_name_part", "outlet_name", "page_url",
           "shown_text", "_site_tokens"]


def clean_html(page: Page) -> Article:
    """Clean one HTML page into an Article (empty text when no main text is found).

    Raises ValueError only for input that is not HTML text at all (wrong kind or type).
    """
    if page.kind != "html":
        raise ValueError(f"clean_html needs an html page, got kind={page.kind!r} ({page.source})")
    if not isinstance(page.content, str):
        raise ValueError(f"clean_html needs decoded HTML text, got {type(page.content).__name__} ({page.source})")
    base = dict(id=page.id, source=page.source, content_hash=page.content_hash, kind="html", captured=page.captured)
    html = _shrink(page.content.replace("\x00", ""))
    if not html.strip():
        return Article(text="", language=None, url=page.url, **base)

    tree = load_html(html)
    if tree is None:
        return Article(text="", language=None, url=page.url, **base)
    hm = read_meta(tree)
    url = page_url(page.url, hm)
    # everything that reads the whole page runs before the text extraction, which prunes the tree
    notes: list[str] = []       # what failed upstream on this page (the cleaner went on without it)
    published, evidence, updated = pick_dates(hm, html, tree, url or hm.canonical, page.captured, notes)
    # trafilatura's metadata only fills what the page does not state
    need_site = not (hm.meta.get("og:site_name") or hm.ld_publisher)
    need_title = not (hm.meta.get("og:title") or hm.ld_headline or hm.meta.get("twitter:title"))
    need_author = not hm.ld_authors
    tr_title, tr_author, tr_site = traf_meta(tree, url, need_title, need_author, need_site, notes)
    # a visible credit line when the markup names no one (read now: the text extraction prunes the tree)
    credit = None if clean_byline(_stated_authors(hm, tr_author)) else _credit_line(tree)

    text, found, text_notes = _extract_text(html, tree, url)
    notes.extend(text_notes)
    body = _paragraphs(text)
    if not body:
        body = _flat_paragraphs(html, tree)
    if not found:       # no document from trafilatura: none of its metadata either
        tr_title = tr_author = tr_site = None

    host = url_host(url)
    outlet = (hm.meta.get("og:site_name") or hm.ld_publisher or _squash(tr_site) or None)
    outlet = site_name_part(outlet_name(_squash(outlet) or None, host, hm.title_tag), host)

    title = pick_title(hm.meta.get("og:title"), hm.ld_headline, hm.meta.get("twitter:title"), hm.title_tag,
                       hm.h1, tr_title, outlet, host)

    sites = _site_tokens(outlet, host, host_name(host))
    byline = clean_byline(_stated_authors(hm, tr_author), sites) or (clean_byline([credit], sites) if credit else None)

    declared = declared_language(hm)
    # the language the body is written in (a page may declare its site's language, or none); when the text is too
    # short or mixed to tell, the declared one
    language = (detect_language(body) if body else None) or declared
    if byline:
        body = _without_credit(body, byline)

    # the story's first paragraph: past the headline and short lines trafilatura keeps above it
    first = next((p for p in body.split("\n\n") if len(p) >= 60 and _norm(p) != _norm(title or "")), "")
    return Article(text=body, outlet=outlet or (host if host else None), title=title, url=url,
                   published=published, published_evidence=evidence, updated=updated,
                   byline=byline, dateline=split_dateline(first), language=language, notes=tuple(notes), **base)
