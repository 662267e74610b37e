"""What a page states about itself: JSON-LD, OpenGraph / article meta tags, itemprop microdata, <title>, <h1>."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Optional

from storyline.clean.html.date_values import parse_date, stamp_zone
from storyline.clean.html.util import _squash, shown_text

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle",


    "livebglogposting", "liveblogposting", "scholarlyarticle", "techarticle", "socialmediaposting",
    "report", "review", "creativework", "posting", "discussionforumposting", "medicalwebpage",
    "podcastepisode", "recipe", "howto",
}
PAGE_TYPES = {"webpage", "itempage", "collectionpage", "aboutpage", "profilepage", "qapage"}

# <meta> keys (property / name / itemprop, lower-cased) by what they state, most specific first
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "article.published", "published_time",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "citation_publication_date", "citation_date", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "publication-date", "date_published",
    "originalpublicationdate", "article_date_original", "cxenseparse:recs:publishtime",
    "og:pubdate", "bt:pubdate", "rnews:datepublished", "dc.date", "dcterms.date", "date",
    "displaydate", "timestamp",
)
META_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "article:modified",
    "datemodified", "dateupdated", "last-modified", "lastmod", "dcterms.modified",
    "dc.date.modified", "article.updated", "sailthru.lastmodified", "modified_time",
)
META_TITLE = ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "title",
              "parsely-title", "sailthru.title")
META_SITE = ("og:site_name", "application-name", "al:android:app_name", "al:ios:app_name",
             "twitter:app:name:iphone", "publisher", "dc.publisher", "cxenseparse:site",
             "copyright")
META_AUTHOR = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
               "sailthru.author", "byl", "citation_author", "twitter:creator")
META_LANG = ("og:locale", "content-language", "language", "dc.language", "inlanguage")


# ------------------------------------------------------------------ structured metadata
@dataclass
class HtmlMeta:
    """What the page states about itself (JSON-LD, meta tags, microdata), before any guessing."""
    meta: dict[str, str] = field(default_factory=dict)        # first value per lower-cased key
    ld_published: Optional[str] = None
    ld_published_zone: str = "none"
    ld_modified: Optional[str] = None
    ld_headline: Optional[str] = None
    ld_authors: list[str] = field(default_factory=list)
    ld_publisher: Optional[str] = None
    ld_language: Optional[str] = None
    item_published: Optional[str] = None                        # itemprop=datePublished on an element
    item_modified: Optional[str] = None
    time_pubdate: Optional[str] = None                          # <time pubdate datetime=...>
    html_lang: Optional[str] = None
    title_tag: Optional[str] = None
    h1: list[str] = field(default_factory=list)
    canonical: Optional[str] = None
    copyright_years: set[int] = field(default_factory=set)


def _iter_ld(obj: Any, depth: int = 0) -> Iterable[dict]:
    if depth > 6:
        return
    if isinstance(obj, list):
        for x in obj:
            yield from _iter_ld(x, depth + 1)
    elif isinstance(obj, dict):
        yield obj
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            if key in obj:
                yield from _iter_ld(obj[key], depth + 1)


def _ld_types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower().rsplit("/", 1)[-1]}
    if isinstance(t, list):
        return {x.lower().rsplit("/", 1)[-1] for x in t if isinstance(x, str)}
    return set()


def _ld_names(value: Any) -> list[str]:
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, str):
            name = v
        elif isinstance(v, dict):
            name = v.get("name") or ""
            if not isinstance(name, str):
                name = ""
        else:
            continue
        name = _squash(name)
        if name and not name.startswith("http") and len(name) < 120:
            out.append(name)
    return out


def _load_json(text: str) -> Any:
    text = text.strip()
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text).strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    # a common breakage: raw newlines / tabs inside strings, or trailing junk
    try:
        return json.loads(re.sub(r"[\r\n\t]+", " ", text))
    except ValueError:
        pass
    try:
        obj, _ = json.JSONDecoder().raw_decode(text)
        return obj
    except ValueError:
        return None


def read_meta(tree: Any) -> HtmlMeta:
    """Collect the page's structured statements from an lxml HTML tree."""
    hm = HtmlMeta()
    latest = date.today() + timedelta(days=1)
    root = tree
    lang = root.get("lang") or root.get("xml:lang") if hasattr(root, "get") else None
    hm.html_lang = lang.strip() if isinstance(lang, str) and lang.strip() else None

    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "")
        key = key.strip().lower()
        content = el.get("content")
        if key and content and content.strip() and key not in hm.meta:
            hm.meta[key] = content.strip()

    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            hm.canonical = el.get("href").strip()
            break

    # JSON-LD: the article-typed object is the page's own statement; a WebPage one is second best
    best: Optional[tuple[int, dict]] = None
    publisher = None
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json" or not el.text:
            continue
        data = _load_json(el.text)
        for obj in _iter_ld(data):
            types = _ld_types(obj)
            rank = 2 if types & ARTICLE_TYPES or any(t.endswith("article") for t in types) else (
                1 if types & PAGE_TYPES else 0)
            if rank and (best is None or rank > best[0] or (
                    rank == best[0] and "datePublished" in obj and "datePublished" not in best[1])):
                best = (rank, obj)
            if publisher is None and isinstance(obj.get("publisher"), (dict, str, list)):
                names = _ld_names(obj.get("publisher"))
                publisher = names[0] if names else None
            if publisher is None and types & {"organization", "newsmediaorganization"} and rank == 0:
                names = _ld_names(obj)
                publisher = names[0] if names else None
    if best is not None:
        obj = best[1]
        raw = obj.get("datePublished") or obj.get("dateCreated") or obj.get("uploadDate")
        hm.ld_published = parse_date(raw, latest)
        hm.ld_published_zone = stamp_zone(raw)
        hm.ld_modified = parse_date(obj.get("dateModified"), latest)
        headline = obj.get("headline") or (obj.get("name") if best[0] == 2 else None)
        if isinstance(headline, list):
            headline = headline[0] if headline else None
        hm.ld_headline = _squash(headline) if isinstance(headline, str) else None
        hm.ld_authors = _ld_names(obj.get("author") or obj.get("creator"))
        lang = obj.get("inLanguage")
        hm.ld_language = lang if isinstance(lang, str) else None
    hm.ld_publisher = publisher

    # microdata on elements (meta tags were handled above)
    # (selected through the attribute: libxml2 then tests one attribute, not every element)
    for el in root.xpath('//@itemprop[.="datePublished" or .="dateModified"]/..'):
        if el.tag == "meta":
            continue
        val = el.get("datetime") or el.get("content") or _squash(el.text_content())
        d = parse_date(val, latest)
        if d is None:
            continue
        if el.get("itemprop") == "datePublished" and hm.item_published is None:
            hm.item_published = d
        elif el.get("itemprop") == "dateModified" and hm.item_modified is None:
            hm.item_modified = d
    for el in root.iter("time"):
        if el.get("pubdate") is None:
            continue
        d = parse_date(el.get("datetime") or _squash(el.text_content()), latest)
        if d:
            hm.time_pubdate = d
            break

    t = root.find(".//title")
    if t is not None:
        hm.title_tag = _squash(t.text_content()) or None
    hm.h1 = [x for x in (_squash(shown_text(h)) for h in root.iter("h1")) if x][:5]
    return hm
