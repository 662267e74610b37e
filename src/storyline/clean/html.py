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

from html.parser import HTMLParser

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Optional
from urllib.parse import urljoin, urlsplit

from storyline.clean.byline import byline_name, clean_byline
from storyline.clean.date_patterns import install as install_date_patterns
from storyline.clean.dateline import split_dateline
from storyline.clean.language import detect_language
from storyline.model import Article, Page

__all__ = ["clean_html", "HtmlMeta", "read_meta", "pick_title", "clean_title", "parse_date", "url_date"]

# pages bigger than this are reduced (scripts/styles dropped, then cut): lxml and
# trafilatura stay fast and bounded on pathological input
MAX_HTML_CHARS = 6_000_000
# below this many characters the first extraction is considered a miss and a recall pass is tried
MIN_TEXT_CHARS = 250
# a direct (no-fallback) extraction this long is trusted over a fallback FALLBACK_GROWTH times longer
MIN_DIRECT_CHARS = 500
FALLBACK_GROWTH = 3.0
EARLIEST = date(1995, 1, 1)

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

TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/\\~]+\s+|\s*\|\s*")
# second-level labels under which a host's own name sits one label further left (bbc.co.uk)
SECOND_LEVEL = {"co", "com", "or", "ne", "ac", "gov", "org", "net", "edu", "go", "gv", "nic"}
ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
COMPACT_DATE = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:T|\b|$)")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?:/|[_-]|$)")
COPYRIGHT = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)", re.I)


# ------------------------------------------------------------------ small helpers
def _squash(s: Optional[str]) -> str:
    return " ".join((s or "").split())     # str.split and re's \s agree on what whitespace is


def _valid(d: date, latest: date) -> bool:
    return EARLIEST <= d <= latest


def parse_date(value: Any, latest: Optional[date] = None) -> Optional[str]:
    """An ISO day (YYYY-MM-DD) from a stated date value, or None.

    Accepts ISO 8601 (with or without time / zone: the local day as written is kept),
    compact YYYYMMDD, epoch seconds/milliseconds and common English forms ("May 5, 2019",
    "5 May 2019"). A value without a day (e.g. only a year) gives None: it is not a date.
    """
    latest = latest or (date.today() + timedelta(days=1))
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value), latest)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("value")
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 80:
        return None
    m = ISO_DATE.search(s[:32])
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return d.isoformat() if _valid(d, latest) else None
    m = COMPACT_DATE.match(s)
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat() if _valid(d, latest) else None
        except ValueError:
            pass
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", s):
        return _from_epoch(float(s), latest)
    return _parse_words(s, latest)


_ZONE = re.compile(r"\d[T ]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d|UTC|GMT)?", re.I)


def stamp_zone(value: Any) -> str:
    """How a stated date pins the local day: "offset" (time with a non-UTC zone: the day is the
    publisher's), "utc" (time in UTC: the local day may be one off), "none" (no time or no zone)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "utc"
    if not isinstance(value, str):
        return "none"
    m = _ZONE.search(value)
    if not m or not m[1]:
        return "none"
    z = m[1].upper().replace(":", "")
    return "utc" if z in ("Z", "UTC", "GMT", "+0000", "-0000") else "offset"


def _from_epoch(x: float, latest: date) -> Optional[str]:
    if x > 1e11:
        x /= 1000.0
    try:
        d = datetime.fromtimestamp(x, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
    return d.isoformat() if _valid(d, latest) else None


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_WORD_DATE_A = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_WORD_DATE_B = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-z]{3})[a-z]*\.?,?\s+((?:19|20)\d\d)\b", re.I)
_SLASH_YMD = re.compile(r"\b((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})\b")


def _parse_words(s: str, latest: date) -> Optional[str]:
    for rx, order in ((_WORD_DATE_A, "mdy"), (_WORD_DATE_B, "dmy"), (_SLASH_YMD, "ymd")):
        m = rx.search(s)
        if not m:
            continue
        try:
            if order == "mdy":
                mon, day, year = _MONTHS.get(m[1].lower()[:3]), int(m[2]), int(m[3])
            elif order == "dmy":
                day, mon, year = int(m[1]), _MONTHS.get(m[2].lower()[:3]), int(m[3])
            else:
                year, mon, day = int(m[1]), int(m[2]), int(m[3])
            if not mon:
                continue
            d = date(year, mon, day)
        except ValueError:
            continue
        if _valid(d, latest):
            return d.isoformat()
    return None


# elements whose edges separate words when a browser shows them (a <br> or a block inside a heading)
_BREAKS = {"br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header", "hr", "tr", "td",
           "th", "dt", "dd", "blockquote", "figcaption"}


def shown_text(el: Any) -> str:
    """An element's text as shown: like ``text_content()`` (comments left out) but with a space where a
    <br> or a block element separates words ("<span>Open Progress</span><br><span>Why ...</span>" is
    "Open Progress Why ...", not "Open ProgressWhy ...")."""
    out: list[str] = []

    def walk(e: Any) -> None:
        tag = e.tag if isinstance(e.tag, str) else None     # comments / processing instructions: tail only
        if tag in _BREAKS:
            out.append(" ")
        if tag is not None and e.text:
            out.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                out.append(c.tail)
        if tag in _BREAKS:
            out.append(" ")
    walk(el)
    return "".join(out)


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


# ------------------------------------------------------------------ dates
def _impossible_day(value: Any) -> bool:
    """A stated value written as a full ISO day that is no day of the calendar ('2023-02-30T10:00:00Z')."""
    m = ISO_DATE.search(value.strip()[:32]) if isinstance(value, str) else None
    if m is None:
        return False
    try:
        date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return True
    return False


def _meta_date(hm: HtmlMeta, keys: Iterable[str], latest: date) -> tuple[Optional[str], Optional[str], str]:
    for k in keys:
        v = hm.meta.get(k)
        if v:
            d = parse_date(v, latest)
            if d:
                return d, k, stamp_zone(v)
    return None, None, "none"


def _copyright_years(html: str) -> set[int]:
    return {int(m[1]) for m in COPYRIGHT.finditer(html)}


def url_date(url: Optional[str], latest: Optional[date] = None) -> Optional[str]:
    """A full date written in a URL path (/2019/05/17/...), or None."""
    m = URL_DATE.search(urlsplit(url).path if url else "")
    if not m:
        return None
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return d.isoformat() if _valid(d, latest or date.today() + timedelta(days=1)) else None


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


# stated publication dates, most trusted first (order measured on the dev sets)
STATED_ORDER = ("itemprop", "meta", "jsonld", "time")


def latest_date(captured: Optional[str]) -> date:
    """The latest day a publication date may be: tomorrow (time zones), or the day after the capture."""
    latest = date.today() + timedelta(days=1)
    cap = parse_date(captured, latest) if captured else None
    return min(latest, date.fromisoformat(cap) + timedelta(days=1)) if cap else latest


def pick_dates(hm: HtmlMeta, html: str, tree: Any, url: Optional[str],
               captured: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(published, evidence, updated): stated dates first, then htmldate's guess, minus traps."""
    latest = latest_date(captured)
    cap = parse_date(captured) if captured else None

    updated = hm.ld_modified or hm.item_modified or _meta_date(hm, META_MODIFIED, latest)[0]

    md, mk, mz = _meta_date(hm, META_PUBLISHED, latest)
    stated = {
        "jsonld": (hm.ld_published, "JSON-LD datePublished", hm.ld_published_zone),
        "meta": (md, f"meta {mk}", mz),
        "itemprop": (hm.item_published, "itemprop datePublished", "none"),
        "time": (hm.time_pubdate, "time pubdate", "none"),
    }
    in_url = url_date(url, latest)

    def finish(d: str, ev: str) -> tuple[str, str, Optional[str]]:
        return d, ev, (updated if updated and updated > d else None)

    for key in STATED_ORDER:
        d, ev, zone = stated[key]
        if not d or d > latest.isoformat():
            continue
        # a UTC (or zone-less) stamp may fall on the next/previous day of the publisher's own
        # calendar; a date in the URL path is written in that calendar
        if in_url and in_url != d and zone != "offset" and _days(in_url, d) <= 1:
            return finish(in_url, "URL path")
        return finish(d, ev)
    if in_url:
        return finish(in_url, "URL path")

    if any(_impossible_day(hm.meta.get(k)) for k in META_PUBLISHED):
        # the page states its date as a day no calendar has (2023-02-30): that is no date, and htmldate, which reads
        # the same tag, would salvage its year and month as the 1st (2023-02-01)
        return None, None, updated
    guess = _htmldate(tree, url, latest, hm.html_lang)
    if guess:
        why = _trap(guess, html, cap, tree)
        if why is None:
            return finish(guess, "htmldate original")
        if why == "updated" and not updated:
            updated = guess
    return None, None, updated


class _PageLanguageDates:
    """Stands in for htmldate's dateparser: parses with the page's declared language and English only.

    htmldate's free-text search hands each date-like string ("Published on November 2, 2023 11:44") to one
    ``DateDataParser(languages=None)``, which first checks the string against all ~200 locales: on real pages
    half the strings parse in no locale at all, and that scan was a quarter of the clean stage's time
    (999 pages: 47 s -> 35 s of CPU with English alone, the same published/updated dates on every page).
    The page's own declared language (``<html lang>``) is tried after English, so a German page's
    "25. Oktober 2023" still parses."""

    def __init__(self, settings: Optional[dict]) -> None:
        import threading
        self.settings = settings
        self.parsers: dict[tuple[str, ...], Any] = {}
        self.local = threading.local()

    def parser(self, langs: tuple[str, ...]) -> Any:
        if langs not in self.parsers:
            from dateparser import DateDataParser
            try:
                from dateparser.data.languages_info import language_order
                known = [code for code in langs if code in language_order] or ["en"]
            except ImportError:
                known = ["en"]
            self.parsers[langs] = DateDataParser(languages=known, settings=self.settings)
        return self.parsers[langs]

    def get_date_data(self, string: str, date_formats: Any = None) -> Any:
        langs = getattr(self.local, "langs", ("en",))
        return self.parser(langs).get_date_data(string, date_formats)


_page_dates: Optional[_PageLanguageDates] = None
_date_parser_ready = False


def _page_language_dates() -> Optional[_PageLanguageDates]:
    """Point htmldate's external parser at ``_PageLanguageDates`` once per process (None: htmldate as is)."""
    global _date_parser_ready, _page_dates
    if _date_parser_ready:
        return _page_dates
    _date_parser_ready = True
    try:
        from htmldate import extractors
        original = extractors.get_external_parser
        if not hasattr(original, "cache_info"):
            return None     # not the lazy cached factory this was written for: leave htmldate alone
        settings = getattr(getattr(original(), "_settings", None), "_mod_settings", None)
        _page_dates = _PageLanguageDates(dict(settings) if settings else None)
        extractors.get_external_parser = lambda: _page_dates
    except Exception:   # an htmldate/dateparser without these names: plain htmldate
        _page_dates = None
    return _page_dates


def _htmldate(tree: Any, url: Optional[str], latest: date, lang: Optional[str] = None) -> Optional[str]:
    install_date_patterns()
    dates = _page_language_dates()
    if dates is not None:
        code = (lang or "").split("-")[0].split("_")[0].strip().lower()
        dates.local.langs = ("en", code) if code.isalpha() and code != "en" else ("en",)
    try:
        from htmldate import find_date
        kw = dict(original_date=True, url=url, max_date=latest.isoformat())
        # markup, URL and date patterns first; the free-text search (dateparser over every text
        # segment, then the whole page) only when they find nothing: same answers, a fraction of the time
        return find_date(tree, extensive_search=False, **kw) or find_date(tree, extensive_search=True, **kw)
    except Exception:   # htmldate is a guesser: a failure there is "no date", not a crash
        return None


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
UPDATE_WORDS = re.compile(
    r"(updated|modified|last edited|revised|aktualisiert|geändert|mis à jour|modifié|actualizado|"
    r"aggiornato|bijgewerkt)\W{0,3}(?:on|am|le|el|il|at)?\W{0,3}$", re.I)
CLOCK_PLACES = re.compile(r"clock|today|current-?date|currentdate|masthead|topbar|top-bar|date-?today|"
                          r"header-?date|weather", re.I)


def _renderings(d: str) -> list[re.Pattern]:
    """Ways a day is commonly written on a page (English and numeric forms)."""
    y, m, dd = int(d[:4]), int(d[5:7]), int(d[8:10])
    mon = _MONTH_NAMES[m - 1]
    pats = [
        rf"{y}-{m:02d}-{dd:02d}", rf"\b0?{dd}\.\s?0?{m}\.\s?{y}", rf"\b0?{m}/0?{dd}/{y}", rf"\b0?{dd}/0?{m}/{y}",
        rf"\b{mon[:3]}[a-z]*\.?\s+0?{dd}(?:st|nd|rd|th)?,?\s+{y}", rf"\b0?{dd}(?:st|nd|rd|th)?\.?\s+{mon[:3]}[a-z]*\.?,?\s+{y}",
    ]
    return [re.compile(p, re.I) for p in pats]


_NOT_SHOWN = ("script", "style", "noscript", "meta", "link", "title")
MAX_PLACES = 20


def _mentions(el: Any, is_tail: bool, txt: str, pats: list[re.Pattern], out: list) -> bool:
    """Append (text before, holder) for each rendering of the day in one text run; False once out is full."""
    for p in pats:
        for m in p.finditer(txt):
            holder = el.getparent() if is_tail else el
            before = txt[max(0, m.start() - 40):m.start()]
            if not before.strip():
                prev = el if is_tail else el.getprevious()
                if prev is not None and isinstance(prev.tag, str):
                    before = _squash(prev.text_content())[-40:]
            out.append((before, holder))
            if len(out) > MAX_PLACES:
                return False
    return True


def _date_places(tree: Any, d: str) -> list[tuple[str, Any]]:
    """(text just before, enclosing element) for each visible mention of day d (at most MAX_PLACES + 1).

    Every rendering writes the year, so only the text runs holding it are read (found by libxml2);
    when there are more mentions than kept, the page order decides which, and the whole tree is walked."""
    out: list[tuple[str, Any]] = []
    pats = _renderings(d)
    seen = set()
    for t in tree.xpath("//text()[contains(., $y)]", y=d[:4]):
        el = t.getparent()
        if el is None or not isinstance(el.tag, str) or el.tag in _NOT_SHOWN:
            continue
        is_tail = bool(t.is_tail)
        if (el, is_tail) in seen:
            continue
        seen.add((el, is_tail))
        txt = el.tail if is_tail else el.text
        if not txt or len(txt) < 6:
            continue
        if not _mentions(el, is_tail, txt, pats, out):
            break
    if len(out) <= MAX_PLACES:
        return out
    out = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_SHOWN:
            continue
        for is_tail, txt in ((False, el.text), (True, el.tail)):
            if txt and len(txt) >= 6 and not _mentions(el, is_tail, txt, pats, out):
                return out
    return out


_CONTENT_CLASS = re.compile(r"article|post|entry|content|story|main|headline|title", re.I)


def _in_masthead(el: Any) -> bool:
    """Inside a page clock / masthead: a clock-like class, or a header/nav outside the article."""
    node, header = el, None
    while node is not None:
        if isinstance(node.tag, str):
            attrs = f"{node.get('class') or ''} {node.get('id') or ''}"
            if CLOCK_PLACES.search(attrs):
                return True
            if node.tag in ("article", "main") or (node.tag != "header" and _CONTENT_CLASS.search(attrs)
                                                  and header is None):
                return False
            if node.tag in ("header", "nav") and header is None:
                header = node
        node = node.getparent()
    if header is None:
        return False
    # an article's own header carries its headline; the site's masthead does not
    return header.tag == "nav" or not any(True for _ in header.iter("h1", "h2"))


def _trap(guess: str, html: str, captured: Optional[str], tree: Any = None) -> Optional[str]:
    """Why a guessed date is really the page clock, an update stamp or a copyright year (else None)."""
    if captured and guess == captured:
        return "clock"     # the page clock shows the day the page was captured
    if guess == date.today().isoformat():
        return "clock"     # ditto, for pages run through the cleaner as they are fetched
    if guess.endswith("-01-01") and int(guess[:4]) in _copyright_years(html):
        y = guess[:4]
        explicit = (f"{y}-01-01", f"January 1, {y}", f"1 January {y}", f"Jan. 1, {y}", f"01/01/{y}",
                    f"01.01.{y}", f"1. Januar {y}", f"1er janvier {y}")
        if not any(e in html for e in explicit):
            return "copyright"
    if tree is not None:
        places = _date_places(tree, guess)
        if places:
            if all(UPDATE_WORDS.search(before) for before, _ in places):
                return "updated"   # every mention is a "last updated" stamp
            if all(_in_masthead(holder) for _, holder in places):
                return "clock"     # only shown in the masthead: a page clock
    return None


# ------------------------------------------------------------------ title, outlet, byline
def _key(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


def _site_tokens(*names: Optional[str]) -> set[str]:
    out = {_key(n) for n in names if n}
    return {x for x in out if len(x) >= 3}


def host_name(host: Optional[str]) -> Optional[str]:
    """The publisher's own label in a host name: news.example.co.uk -> example."""
    if not host:
        return None
    labels = [x for x in host.split(".") if x]
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else None)


_SITE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")


def _folded_key(s: str) -> str:
    return _key("".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)))


def site_name_part(site: Optional[str], host: Optional[str]) -> Optional[str]:
    """A declared site name without its tagline: of "Example News - All the news, all day" the part the host
    name spells (example-news.com), accents aside; the name as declared when no part matches the host."""
    label = host_name(host)
    if not site or not label or not _SITE_SEPARATORS.search(site):
        return site
    hk = _folded_key(label)
    if len(hk) < 3:
        return site
    for part in (p.strip() for p in _SITE_SEPARATORS.split(site)):
        pk = _folded_key(part)
        if len(pk) >= 3 and (hk in pk or pk in hk):
            return part
    return site


_URLISH = re.compile(r"^(?:https?://|www\.)[^\s/]+\S*$", re.I)
_TLD_TAIL = re.compile(r"\.(?:[a-z]{2,6})(?:\.[a-z]{2})?$", re.I)


def outlet_name(site: Optional[str], host: Optional[str], title_tag: Optional[str]) -> Optional[str]:
    """A declared site name that is a URL ("http://www.tmz.com") names no one: the name the page's own <title>
    gives its site ("... | TMZ.com" -> "TMZ"), else the host ("tmz.com", as for a page that declares no name)."""
    if not site or not _URLISH.match(site.strip()):
        return site
    site = site.strip()
    own = url_host(site if "://" in site else "http://" + site)
    label = host_name(host or own)
    hk = _folded_key(label or "")
    if len(hk) >= 2:
        for part in TITLE_SEPARATORS.split(title_tag or ""):
            part = part.strip()
            # "TMZ.com" is the name as styled, its TLD aside; "chocolate.com" is a host written out: kept whole
            name = _TLD_TAIL.sub("", part) if any(c.isupper() for c in part) else part
            pk = _folded_key(name)
            if 1 <= len(name.split()) <= 4 and len(pk) >= 2 and (pk == hk or (len(pk) >= 4 and (hk in pk or pk in hk))):
                return name
    return host or own


def url_host(url: Optional[str]) -> Optional[str]:
    """The host of a URL without its "www." / "m." / "amp." prefix, lower-cased; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(www\d*|m|amp|edition|mobile)\.", "", host.lower())
    return host or None


def page_url(own: Optional[str], hm: HtmlMeta) -> Optional[str]:
    """The article's URL: the page's canonical link (``<link rel=canonical>``, else ``og:url``), made absolute
    against the page's own URL, when it is an http(s) URL of the article (not the bare root of a site); when the
    page was captured from a URL of its own (a WARC record, a JSON line), the canonical link replaces it only on the
    same site (tracking parameters, AMP and mobile copies), since a link to another site's page names that page."""
    for cand in (hm.canonical, hm.meta.get("og:url")):
        url = _absolute(cand, own)
        if url is None:
            continue
        if own and url_host(url) != url_host(own):
            continue
        return url
    return own


def _absolute(link: Optional[str], base: Optional[str]) -> Optional[str]:
    link = _squash(link)
    if not link or len(link) > 2000:
        return None
    try:
        url = urljoin(base or "", link)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.path in ("", "/") and not parts.query:
        return None        # the site's home page: a template's default, not this article
    return url


def clean_title(title: Optional[str], site: Optional[str], host: Optional[str],
                h1: Iterable[str] = ()) -> Optional[str]:
    """Drop a " | Site Name" (or "Site: ") part from a title; keep the headline itself."""
    title = _squash(title)
    if not title:
        return None
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    h1n = {_norm(h) for h in h1}
    for p in parts:
        if _norm(p) in h1n and len(p) > 10:
            return p.strip()
    sites = _site_tokens(site, host, host_name(host))

    def is_site(p: str) -> bool:
        k = _key(p)
        if not k:
            return False
        return any(k == s or (len(k) >= 3 and (k in s or s in k) and len(p.split()) <= 4) for s in sites)

    # strip site parts from either end
    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0].strip()
    # no site name known: rebuild the title as written (separators inside headlines are common)
    if not sites:
        return title
    # keep what remains as written (re-join from the original string)
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


def pick_title(og: Optional[str], ld: Optional[str], tw: Optional[str], tag: Optional[str],
               h1: list[str], fallback: Optional[str], site: Optional[str], host: Optional[str],
               single_h1_wins: bool = True) -> Optional[str]:
    """The headline as displayed: the page's <h1> when the page's own <title> confirms it, else the
    declared title (OpenGraph, JSON-LD, Twitter), else trafilatura's / the <title> tag (a lone,
    headline-sized <h1> when nothing is declared); a site-name part is dropped."""
    sites = _site_tokens(site, host, host_name(host))
    heads = [h for h in h1 if 2 <= len(h) <= 300 and _key(h) not in sites]
    # a declared title that is the site's name (og:title = og:site_name) is no headline
    declared = next((d for d in (og, ld, tw) if d and not _site_named(d, sites)), None)
    declared = _uncut(declared, tag)
    if heads:
        if declared and any(_norm(h) == _norm(declared) for h in heads):
            return clean_title(declared, site, host, h1)
        # a kicker shown in the same <h1> above the headline ("Open Progress" + the declared headline)
        dn = _norm(declared or "")
        if len(dn.split()) >= 3 and any(_norm(h).endswith(" " + dn) for h in heads):
            return clean_title(declared, site, host, h1)
        h = heads[0]
        hn, tn = _norm(h), _norm(tag or "")
        if len(h.split()) >= 3 and hn and hn in tn and len(hn) >= 0.3 * len(tn):
            return h
        if (not declared or single_h1_wins) and len(heads) == 1 and len(h1) == 1 and len(h.split()) >= 4:
            return h
    title = clean_title(declared or fallback or tag, site, host, h1)
    if title and _site_named(title, sites):     # the site's name, not the article's: its own headline, or none
        return heads[0] if heads else None
    return title


SITE_NAME_WORDS = 5     # a site name is this short; a headline-long "site name" is a headline declared as one


def _site_named(title: str, sites: set[str]) -> bool:
    return len(title.split()) <= SITE_NAME_WORDS and _key(title) in sites


_QUOTE_MARKS = frozenset("\"“”„«»")


def _uncut(declared: Optional[str], tag: Optional[str]) -> Optional[str]:
    """The declared title, or the <title> tag's when the declared one was cut at an unescaped quote mark
    (content="Senator calls Biden "unfit"" reads as "Senator calls Biden") and the tag goes on from there."""
    if declared and tag and len(tag) > len(declared) and tag.startswith(declared) \
            and tag[len(declared):].lstrip()[:1] in _QUOTE_MARKS:
        return tag
    return declared


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


# ------------------------------------------------------------------ language
def _lang_code(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    m = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_]|$)", value)
    return m[1].lower() if m else None


# ------------------------------------------------------------------ text
# trafilatura's options for our main extraction (comments off, tables on, no deduplication)
_TRAF_ARGS = dict(include_comments=False, include_tables=True, deduplicate=False)


def _traf_prune(tree: Any) -> Any:
    """The raw-tree pruning that starts trafilatura_sequence (trafilatura 2.x, comments off), in place.
    Every run below starts from this tree and leaves it as it is (they copy before changing)."""
    from trafilatura import core as tc
    is_forum = tc._forum_thread_page(tree)
    if _xpaths_known():
        return _fast_prune(tree, comments=not is_forum)
    tree = tc.prune_unwanted_nodes(tree, tc.RAW_TREE_PRUNE_XPATH)
    if not is_forum:
        tree = tc.prune_unwanted_nodes(tree, tc.REMOVE_COMMENTS_AND_LISTS_XPATH)
    return tree


# trafilatura's XPaths that are evaluated here as element tests (libxml2 runs their EXSLT regexes through a
# Python call per element); a fingerprint of their source says when a trafilatura release changed them,
# and then trafilatura's own are used
_XPATHS_FINGERPRINT = {
    "RAW_TREE_PRUNE_XPATH": "ab1f67c5b72c9dc9", "REMOVE_COMMENTS_AND_LISTS_XPATH": "7e7d885e629a5119",
    "AUTHOR_XPATHS": "8a9ca42e2e092025", "AUTHOR_DISCARD_XPATHS": "9d92a9af8c49c69d",
}
_xpaths_ok: Optional[bool] = None


def _xpaths_known() -> bool:
    global _xpaths_ok
    if _xpaths_ok is None:
        import hashlib
        try:
            from trafilatura import xpaths
            _xpaths_ok = all(
                hashlib.sha1("\n".join(x.path for x in getattr(xpaths, name)).encode()).hexdigest()[:16] == fp
                for name, fp in _XPATHS_FINGERPRINT.items())
        except Exception:
            _xpaths_ok = False
    return _xpaths_ok


_SCROLL_TAGS = {"div", "section", "aside"}
_SCROLL = re.compile(r"mvp-post-add-(?:box|wrap)|infinite-?scroll")
_SCROLL_KEEP = re.compile(r"mvp-post-add-(?:box|wrap)")
_COMMENT_TAGS = {"div", "list", "section", "details", "ol", "ul"}
_COMMENT_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol)")
_COMMENT_CLASS = re.compile(r"^[Cc]omment(?!ary)|(?:article|post)-comments")


def _fast_prune(tree: Any, comments: bool) -> Any:
    """prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH), then (comments) with REMOVE_COMMENTS_AND_LISTS_XPATH:
    the same elements (tests on tag, id and class; the XPaths' order, document order) deleted the same way,
    found in one walk. A later XPath does not see what an earlier one deleted."""
    from trafilatura.xml import delete_element

    scroll, share, comment = [], [], []
    for el in tree.iterdescendants():
        tag = el.tag
        if tag in _SCROLL_TAGS:
            eid, cls = el.get("id"), el.get("class")
            if ((eid is not None and _SCROLL.search(eid)) or (cls is not None and _SCROLL.search(cls))) and (
                    el.find(".//h1") is None or (eid is not None and _SCROLL_KEEP.search(eid))
                    or (cls is not None and _SCROLL_KEEP.search(cls))):
                scroll.append(el)
            if cls is not None and "elementor-share-buttons" in cls:
                share.append(el)
        if comments and tag in _COMMENT_TAGS:
            eid, cls = el.get("id"), el.get("class")
            if ((eid is not None and _COMMENT_ID.search(eid)) or (cls is not None and _COMMENT_CLASS.search(cls))) and (
                    tag not in ("ol", "ul") or (eid is not None and _COMMENT_LIST_ID.search(eid))
                    or (cls is not None and _COMMENT_CLASS.search(cls))):
                comment.append(el)
    gone: set = set()

    def live(el: Any) -> bool:
        return el not in gone and not any(a in gone for a in el.iterancestors())

    for batch in (scroll, share, comment):
        batch = [el for el in batch if live(el)] if gone else batch
        for el in batch:
            delete_element(el)
        gone.update(batch)
    return tree


def _traf_run(tree: Any, url: Optional[str], fast: bool = False,
              recall: bool = False) -> tuple[str, Optional[str], bool]:
    """(text, direct, found) of ``trafilatura.bare_extraction(page, url=url, fast=fast, favor_recall=recall,
    include_comments=False, include_tables=True, deduplicate=False)``, from a tree `_traf_prune` has pruned:
    `found` whether that call returns a document at all, `direct` the text of trafilatura's own extractor
    before its readability / jusText comparison (None when the comparison kept it). The steps are
    trafilatura_sequence's, so that one parse and one pruning serve all runs and the direct candidate
    comes for free; tests/clean_html checks the equivalence against the public calls."""
    from copy import copy

    from trafilatura import core as tc
    from trafilatura.settings import Extractor
    from trafilatura.xml import xmltotxt

    opts = Extractor(output_format="python", fast=fast, recall=recall, comments=False, tables=True,
                     dedup=False, url=url)
    cleaned, backup = tc._prepare_tree(tree, opts, url)
    direct_body, direct_text = tc.extract_content(cleaned, opts)
    body, text = direct_body, direct_text
    if not fast:
        body, text = tc.compare_extraction(backup, copy(tree), body, text, opts)
    # baseline rescue on the raw tree when the extraction is short
    if len(text) < opts.min_extracted_size:
        b_body, b_text, b_len = tc.baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    # recall escalation: a short extraction covering little of the page
    if (opts.focus == "balanced" and 0 < len(text) < tc.ESCALATION_MAX_LENGTH
            and len(text) < tc.ESCALATION_PAGE_SHARE * _page_text_len(tree)):
        r_opts = copy(opts)
        r_opts.focus = "recall"
        r_text = j_text = ""
        try:
            r_body, r_text = tc._recall_retry(tree, r_opts, url)
        except Exception:
            r_text = ""
        if not fast:
            try:
                j_body, j_text = tc.justext_rescue(copy(tree), opts)
            except Exception:
                j_text = ""
        if len(j_text) > len(r_text) and len(j_text) > tc.ESCALATION_JUSTEXT_RATIO * len(text):
            body, text = j_body, j_text
        elif len(r_text) >= opts.min_extracted_size and len(r_text) > tc.ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    if len(text) < opts.min_output_size:
        return "", None, False
    direct = None if body is direct_body else xmltotxt(direct_body, opts.formatting)
    return xmltotxt(body, opts.formatting), direct, True


_PAGE_TEXT_FINGERPRINT = ("841f8efcd6f3ebba", "785adaa687030ccb")   # BASIC_CLEAN_XPATH, _BLOCK_ELEMS
_BASIC_CLEAN_TAGS = {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
_page_text_ok: Optional[bool] = None


def _page_text_len(tree: Any) -> int:
    """len(trafilatura.baseline.html2txt(tree)) (trafilatura 2.x) without its copy of the page: html2txt
    deletes BASIC_CLEAN_XPATH's elements (their tails go to the previous sibling or the parent), puts a
    space before the text and the tail of each block element (control characters removed there) and
    counts whitespace runs as one; the same text is collected here in one walk. trafilatura's own
    function is used when its cleaning XPath or block tags changed."""
    global _page_text_ok
    from trafilatura.baseline import _BLOCK_ELEMS, html2txt
    if _page_text_ok is None:
        import hashlib
        from trafilatura.settings import BASIC_CLEAN_XPATH
        _page_text_ok = (hashlib.sha1(BASIC_CLEAN_XPATH.path.encode()).hexdigest()[:16],
                         hashlib.sha1(" ".join(sorted(_BLOCK_ELEMS)).encode()).hexdigest()[:16]
                         ) == _PAGE_TEXT_FINGERPRINT
    if not _page_text_ok:
        return len(html2txt(tree))
    from trafilatura.settings import _COOKIE_CONSENT_RE
    from trafilatura.utils import remove_control_characters as rc
    cookie = re.compile(_COOKIE_CONSENT_RE, re.I)
    body = tree.find(".//body")
    if body is None:
        body = tree
    parts: list[str] = []

    def removed(el: Any) -> bool:
        tag = el.tag
        if tag in _BASIC_CLEAN_TAGS:
            return True
        cls, eid = el.get("class"), el.get("id")
        if tag == "div" and (cls is not None or eid is not None):
            # contains(@class|@id, 'footer'): the first of the two in the element's attribute order
            first = next(v for k, v in el.items() if k in ("class", "id"))
            if "footer" in first:
                return True
        return (cls is not None and cookie.search(cls) is not None) or (eid is not None and cookie.search(eid) is not None)

    def visit(el: Any) -> None:
        # el is kept; returns after its subtree (not its tail)
        block = el.tag in _BLOCK_ELEMS
        if block:
            parts.append(" ")
        if el.text:
            parts.append(rc(el.text) if block else el.text)
        host_block = block          # where a deleted child's tail goes: the previous kept sibling or el
        for ch in el:
            if not isinstance(ch.tag, str):     # comment / processing instruction: only its tail is text
                if ch.tail:
                    parts.append(ch.tail)
                host_block = False
                continue
            if removed(ch):
                if ch.tail:
                    parts.append(rc(ch.tail) if host_block else ch.tail)
                continue
            visit(ch)
            ch_block = ch.tag in _BLOCK_ELEMS
            if ch_block:
                parts.append(" ")
            if ch.tail:
                parts.append(rc(ch.tail) if ch_block else ch.tail)
            host_block = ch_block

    visit(body)
    return len(" ".join("".join(parts).split()))


def _traf_pass(tree: Any, url: Optional[str]) -> tuple[str, Optional[str], bool]:
    """_traf_run's main extraction on a fresh tree (pruned in place)."""
    return _traf_run(_traf_prune(tree), url)


def _bare(html: str, url: Optional[str], **kw: Any) -> tuple[str, bool]:
    import trafilatura
    try:
        doc = trafilatura.bare_extraction(html, url=url, **kw)
    except Exception:
        return "", False
    return ((getattr(doc, "text", None) or ""), True) if doc is not None else ("", False)


def _bare_text(html: str, url: Optional[str], **kw: Any) -> str:
    return _bare(html, url, **kw)[0]


def _extract_text(html: str, tree: Any, url: Optional[str]) -> tuple[str, bool]:
    """Main text (one paragraph per line), and whether trafilatura found a document. Prunes `tree`."""
    import trafilatura

    def rerun(**kw: Any) -> str:
        # trafilatura again with other settings, from the pruned tree when it is at hand
        try:
            return _traf_run(tree, url, **kw)[0] if pruned else _bare_text(html, url, include_comments=False,
                                                                           fast=kw.get("fast", False),
                                                                           favor_recall=kw.get("recall", False))
        except Exception:
            return ""

    pruned = False
    try:
        tree = _traf_prune(tree)
        pruned = True
        text, direct, found = _traf_run(tree, url)
    except (ImportError, AttributeError):     # trafilatura's internals moved: the public calls
        pruned = False
        (text, found), direct = _bare(html, url, **_TRAF_ARGS), ""
    except Exception:
        pruned = False
        text, direct, found = "", None, False
    # trafilatura's fallback (readability / jusText comparison) sometimes swaps a clean article
    # for a whole page region; when it more than triples a substantial direct extraction, keep the latter.
    # The direct text is what fast=True starts from (it can only grow from there: baseline, recall retry),
    # so the fast run is needed only when the direct text is short or much shorter than the text.
    if len(text) > FALLBACK_GROWTH * MIN_DIRECT_CHARS and direct is not None and (
            len(direct) < MIN_DIRECT_CHARS or len(text) > FALLBACK_GROWTH * len(direct)):
        fast_text = rerun(fast=True)
        if len(fast_text) >= MIN_DIRECT_CHARS and len(text) > FALLBACK_GROWTH * len(fast_text):
            text = fast_text
    if len(text) < MIN_TEXT_CHARS:
        alt_text = rerun(recall=True)
        if len(alt_text) > len(text):
            text = alt_text
    if len(text) < MIN_TEXT_CHARS:
        try:
            _, base_text, _ = trafilatura.baseline(html)
        except Exception:
            base_text = ""
        if len(base_text) > max(len(text), MIN_TEXT_CHARS // 2) and len(base_text) < 100_000:
            text = base_text
    if not text.strip():
        text = _deep_text(html)
    if len(text.strip()) < MIN_STUB_CHARS and not re.search(r"[.!?]", text):
        text = ""   # a menu word or a button label ("Home") is not an article
    return text, found


# trafilatura.xpaths.AUTHOR_XPATHS / AUTHOR_DISCARD_XPATHS as element tests
_A0_TAGS = {"a", "address", "div", "link", "p", "span", "strong"}
_A1_TAGS = {"a", "div", "h3", "h4", "p", "span"}
_D0_TAGS = {"a", "div", "section", "span"}
_A0_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_A1_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_A1_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_A2_ID = re.compile(r"[Aa]uthor")
_A2_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
_D0_ID = re.compile(r"^comments|comment-?list|ProductReviews")
# a superset of the class / id patterns below (a first test that most elements fail)
_CLASS_ANY = re.compile(r"[Aa]uthor|[Bb]yline|screenname|writer|channel-name|zuozhe|bianji|xiaobian|submitted-by|"
                        r"posted-by|journalist-name|[Cc]omments|commentlist|sidebar|is-hidden|quote|"
                        r"embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer")
_CLASS_EQ = {"username", "byl", "BBL", "title", "date"}
_ID_ANY = re.compile(r"[Aa]uthor|zuozhe|bianji|xiaobian|^comments|comment-?list|ProductReviews")
_D0_CLASS = re.compile(r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                       r"article-(?:share|support)|print|category|meta-date|meta-reviewer")


def _traf_author(tree: Any) -> Optional[str]:
    """trafilatura.metadata.extract_author(tree) (2.x) without its deep copy and its XPaths: one walk over
    the elements tests the same attribute patterns (AUTHOR_XPATHS, AUTHOR_DISCARD_XPATHS); a candidate
    inside a discarded element is skipped, and when a candidate would lose a discarded part of its own
    text, trafilatura's function decides."""
    from trafilatura.metadata import extract_author, normalize_authors
    from trafilatura.utils import trim

    if not _xpaths_known():
        return extract_author(tree)
    found: tuple[list, list, list] = ([], [], [])
    removed: list = list(tree.iter("time", "figure"))
    rel_me = {r.getparent() for r in tree.iter("rel") if r.text_content() == "me"}
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        get = el.get
        cls, eid, iprop, dcomp = get("class"), get("id"), get("itemprop"), get("data-component")
        # most elements match no pattern: one test each on class and id first
        cls_hit = cls is not None and (cls in _CLASS_EQ or _CLASS_ANY.search(cls) is not None)
        id_hit = eid is not None and _ID_ANY.search(eid) is not None
        if not (cls_hit or id_hit or iprop is not None or dcomp is not None or tag == "author"
                or (tag in _A0_TAGS and (el in rel_me or get("rel") is not None or get("data-testid") is not None))):
            continue
        if tag in _D0_TAGS and (eid == "comments" or cls in ("comments", "title", "date")
                                or (id_hit and _D0_ID.search(eid))
                                or (cls_hit and _D0_CLASS.search(cls))
                                or (dcomp is not None and "Figure" in dcomp)):
            removed.append(el)
        if tag == "author" or (tag in _A0_TAGS and (
                get("rel") == "author" or eid == "author" or cls == "author" or iprop == "author name"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
                or (cls_hit and _A0_CLASS.search(cls)) or el in rel_me)):
            found[0].append(el)
        if tag in _A1_TAGS and (cls in ("byline", "username", "byl", "BBL")
                                or (iprop is not None and "author" in iprop)
                                or (id_hit and _A1_ID.search(eid))
                                or (cls_hit and _A1_CLASS.search(cls))):
            found[1].append(el)
        if ((dcomp is not None and "Byline" in dcomp) or (iprop is not None and "author" in iprop)
                or (id_hit and _A2_ID.search(eid)) or (cls_hit and _A2_CLASS.search(cls))):
            found[2].append(el)
    if not any(found):
        return None
    gone = set(removed)
    holds_gone: set = set()       # ancestors of discarded elements
    for r in removed:
        for a in r.iterancestors():
            if a in holds_gone:
                break
            holds_gone.add(a)
    for results in found:
        for el in results:
            if el in gone or any(a in gone for a in el.iterancestors()):
                continue
            if el in holds_gone:
                return extract_author(tree)
            content = trim(" ".join(el.itertext()))
            if content and 2 < len(content) < 120:
                names = normalize_authors(None, content)
                # unlike trafilatura, a candidate that names no one (a menu's "Username") does not end the search
                if names and any(byline_name(n) for n in names.split(";")):
                    return names
    return None


# A visible credit line, for pages whose markup names no author (no JSON-LD author, no author class, no meta):
# "By Jane Roe", "<span>By</span><span><a>J.R. Stone</a></span>", "par Didier Roy, 21 juin 2018".
_CREDIT_LABEL = re.compile(r"\s*(?:(?:written|posted|reported|story|words)\s+)?(?:by|von|par|por|door|av)(?:[\s:]|$)",
                           re.I)
_CREDIT_TAGS = ("span", "p", "div", "a", "li", "address", "strong", "b", "em", "small", "h2", "h3", "h4", "h5",
                "h6", "td", "section", "header")
_CREDIT_SKIP = {"nav", "footer", "form", "select", "option", "button", "label", "textarea", "template", "aside"}
_NAME_PARTICLES = {"de", "da", "das", "do", "dos", "van", "von", "der", "den", "del", "della", "di", "du", "la",
                   "le", "bin", "al", "el", "y", "ter", "zu", "ten"}
CREDIT_BODY_CHARS = 2000   # paragraph text after which a credit line is a comment's or a teaser's, not the article's


def _stated_authors(hm: "HtmlMeta", tr_author: Optional[str]) -> list[str]:
    """The authors the markup states: JSON-LD's, else trafilatura's author search, else the first author meta tag."""
    if hm.ld_authors:
        return list(hm.ld_authors)
    if tr_author:
        # trafilatura's author search splits and re-cases what an author tag said ("Mac & i" -> "Mac; I"): when
        # its answer holds the same letters as a tag, the tag's own words
        key = _key(tr_author)
        raw = next((hm.meta[k] for k in META_AUTHOR if hm.meta.get(k) and _key(hm.meta[k]) == key), None)
        return [raw] if raw else re.split(r";\s*", tr_author)
    return [hm.meta[k] for k in META_AUTHOR if hm.meta.get(k)][:1]


def _names_only(byline: str) -> bool:
    """Each credited name is 2-5 words, capitalised (particles apart), without digits: "Jane Roe", "J.R. Stone"."""
    for name in byline.split(", "):
        words = name.split()
        if not 2 <= len(words) <= 5:
            return False
        if not all((w[:1].isupper() or w in _NAME_PARTICLES) and not any(c.isdigit() for c in w) for w in words):
            return False
    return True


def _without_credit(body: str, byline: str) -> str:
    """The body without a paragraph that is only the credit line ("Par Antoine Leroy", "Von Lena Hoffmann"): the
    extraction drops it when its markup says author or byline, and keeps it under any other class name."""
    paras = body.split("\n\n")
    keep = [p for p in paras[:CREDIT_PARAGRAPHS] if not (len(p) <= 120 and _CREDIT_LABEL.match(p)
                                                          and clean_byline([p]) == byline)]
    return "\n\n".join(keep + paras[CREDIT_PARAGRAPHS:])


CREDIT_PARAGRAPHS = 4     # a credit line sits among the first paragraphs


def _credit_line(tree: Any) -> Optional[str]:
    """The first visible credit line ("By ...") that names people, before the article's body has run on. Read
    before the text extraction, which prunes the tree."""
    body = 0
    for el in tree.iter(*_CREDIT_TAGS):
        if el.tag == "p":
            body += len(el.text or "")
            if body > CREDIT_BODY_CHARS:
                return None
        own = el.text
        if not own or not _CREDIT_LABEL.match(own):
            continue
        # "<span>By</span><a>Jane Roe</a>": the label alone, the name beside it
        holder = el.getparent() if (len(own.split()) == 1 and len(el) == 0 and el.getparent() is not None) else el
        if any(isinstance(a.tag, str) and a.tag in _CREDIT_SKIP for a in (holder, *holder.iterancestors())):
            continue
        line = " ".join(" ".join(holder.itertext()).split())
        if len(line) > 120 or not _CREDIT_LABEL.match(line):
            continue
        names = clean_byline([line])
        if names and _names_only(names):
            return line
    return None


def _traf_meta(tree: Any, url: Optional[str], title: bool, author: bool,
               site: bool) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """trafilatura's (title, author, sitename) as ``bare_extraction(with_metadata=True)`` reads them,
    only the fields asked for (None for the others): its date search, categories, tags and licence,
    which we do not use, are skipped. Follows trafilatura.metadata.extract_metadata (2.x)."""
    if not (title or author or site):
        return None, None, None
    try:
        from trafilatura import metadata as tm
        md = tm.examine_meta(tree)
        if md.author and " " not in md.author:
            md.author = None
        try:
            md = tm.extract_meta_json(tree, md)
        except Exception:
            pass
        if title and not md.title:
            md.title = tm.extract_title(tree)
        if author and not md.author:
            md.author = _traf_author(tree)
        if site:
            if not md.url:
                md.url = tm.extract_url(tree, url)
            if not md.sitename:
                md.sitename = tm.extract_sitename(tree)
            if md.sitename:
                md.sitename = md.sitename.lstrip("@")
                if md.sitename and "." not in md.sitename and not md.sitename[0].isupper():
                    md.sitename = md.sitename.title()
            elif md.url:
                m = tm.META_URL.match(md.url)
                if m:
                    md.sitename = m[1]
        md.clean_and_trim()
    except Exception:
        return None, None, None
    return (md.title if title else None), (md.author if author else None), (md.sitename if site else None)


MIN_STUB_CHARS = 40


def _deep_text(html: str) -> str:
    """Paragraph text of a page nested deeper than libxml2's default limit (256 levels), which trafilatura
    reads as empty; huge_tree lifts the limit to what libxml2 allows. Only used when all else found nothing."""
    try:
        from lxml import etree
        parser = etree.HTMLParser(huge_tree=True, recover=True, remove_comments=True)
        root = etree.fromstring(html.encode("utf-8", "replace"), parser)
    except Exception:
        return ""
    if root is None:
        return ""
    paras = []
    for el in root.iter("p", "h1", "h2", "h3", "li", "blockquote"):
        t = " ".join("".join(el.itertext()).split())
        if len(t) >= 40:
            paras.append(t)
        if sum(map(len, paras)) > 200_000:
            break
    return "\n".join(paras)


# short paragraphs that are calls to action or cross-links, not article text (several languages)
PROMPT_LINE = re.compile(
    r"^\W*(?:read more|read also|see also|related|more on this|recommended|also read|watch|listen|"
    r"lee también|lea también|puedes ver|le puede interesar|te puede interesar|mira también|"
    r"lesen sie auch|mehr zum thema|auch interessant|anzeige|lire aussi|à lire aussi|voir aussi|"
    r"leggi anche|leia também|veja também|leia mais)\b\s*[:\-–—]", re.I)
CALL_LINE = re.compile(
    r"^\W*sign up\b|\bsign up\W*$|\bsign up (?:here|now|today|free|for (?:our|free))\b|"
    r"\b(?:subscribe|subscribers?|newsletters?|follow us|síguenos|siguenos|"
    r"abonnieren|abonnez|all rights reserved|todos los derechos reservados|alle rechte vorbehalten|"
    r"tous droits réservés|we want to hear what you think|download (?:our|the) app)\b", re.I)
CALL_MAX_WORDS = 40


def _prompt(line: str) -> bool:
    if PROMPT_LINE.match(line) and len(line.split()) <= 30:
        return True
    return len(line.split()) <= CALL_MAX_WORDS and bool(CALL_LINE.search(line))


def _paragraphs(text: str) -> str:
    lines = [_squash(l) for l in text.splitlines()]
    return "\n\n".join(l for l in lines if l and not _prompt(l))


# ------------------------------------------------------------------ main entry
def _shrink(html: str) -> str:
    if len(html) <= MAX_HTML_CHARS:
        return html
    html = re.sub(r"(?is)<(script|style|svg|noscript)\b[^>]*>.*?</\1\s*>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    return html[:MAX_HTML_CHARS]


_SCRIPTS = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")


class _FlatText(HTMLParser):
    """The text of <p> elements (and headings), read as a stream of tags: no tree, so no depth limit."""
    SKIP = {"script", "style", "noscript", "template", "nav", "footer", "header", "aside", "form"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._cur: Optional[list[str]] = None
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "p":
            self._close()
            self._cur = []

    def handle_endtag(self, tag) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "p":
            self._close()

    def handle_data(self, data) -> None:
        if self._cur is not None and not self._skip:
            self._cur.append(data)

    def _close(self) -> None:
        if self._cur:
            text = " ".join("".join(self._cur).split())
            if len(text) >= 40 and re.search(r"[.!?\u3002]['\u2019\u201d\")]?$", text):
                self.paragraphs.append(text)
        self._cur = None


def _flat_paragraphs(html: str, tree: Any) -> str:
    """The body of a page whose tree lost its text (libxml2 stops at a nesting depth: a page of 200k nested divs
    parses as nearly empty): its <p> paragraphs read from the markup as a flat stream. Only then, so a page that
    simply has no article is still refused."""
    words_in_tree = len(" ".join(tree.itertext()).split())
    words_in_markup = len(_TAG.sub(" ", _SCRIPTS.sub(" ", html)).split())
    if words_in_markup < 50 or words_in_tree * 2 > words_in_markup:
        return ""
    flat = _FlatText()
    try:
        flat.feed(html)
        flat.close()
    except Exception:   # html.parser is lenient; anything it still chokes on leaves the page without a body
        return ""
    return "\n\n".join(flat.paragraphs)


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

    from trafilatura.utils import load_html
    try:
        tree = load_html(html)
    except Exception:
        tree = None
    if tree is None:
        return Article(text="", language=None, url=page.url, **base)
    hm = read_meta(tree)
    url = page_url(page.url, hm)
    # everything that reads the whole page runs before the text extraction, which prunes the tree
    published, evidence, updated = pick_dates(hm, html, tree, url or hm.canonical, page.captured)
    # trafilatura's metadata only fills what the page does not state
    need_site = not (hm.meta.get("og:site_name") or hm.ld_publisher)
    need_title = not (hm.meta.get("og:title") or hm.ld_headline or hm.meta.get("twitter:title"))
    need_author = not hm.ld_authors
    tr_title, tr_author, tr_site = _traf_meta(tree, url, need_title, need_author, need_site)
    # a visible credit line when the markup names no one (read now: the text extraction prunes the tree)
    credit = None if clean_byline(_stated_authors(hm, tr_author)) else _credit_line(tree)

    text, found = _extract_text(html, tree, url)
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

    declared = _lang_code(hm.html_lang or hm.ld_language
                          or next((hm.meta[k] for k in META_LANG if hm.meta.get(k)), None))
    # the language the body is written in (a page may declare its site's language, or none); when the text is too
    # short or mixed to tell, the declared one
    language = (detect_language(body) if body else None) or declared
    if byline:
        body = _without_credit(body, byline)

    # the story's first paragraph: past the headline and short lines trafilatura keeps above it
    first = next((p for p in body.split("\n\n") if len(p) >= 60 and _norm(p) != _norm(title or "")), "")
    return Article(text=body, outlet=outlet or (host if host else None), title=title, url=url,
                   published=published, published_evidence=evidence, updated=updated,
                   byline=byline, dateline=split_dateline(first), language=language, **base)
