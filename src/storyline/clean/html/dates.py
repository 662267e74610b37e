"""The publication and update dates of an HTML page: stated dates first, then htmldate's guess, minus the traps
(a page clock, a "last updated" stamp, a copyright year)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any, Optional

from storyline.clean.html.date_values import ISO_DATE, _days, latest_date, parse_date, stamp_zone, url_date
from storyline.clean.html.meta import META_MODIFIED, META_PUBLISHED, HtmlMeta
from storyline.clean.html.util import _squash
from storyline.clean.upstream import htmldate_guess

COPYRIGHT = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)", re.I)


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


# stated publication dates, most trusted first (order measured on the dev sets)
STATED_ORDER = ("itemprop", "meta", "jsonld", "time")


def pick_dates(hm: HtmlMeta, html: str, tree: Any, url: Optional[str], captured: Optional[str],
               notes: Optional[list[str]] = None) -> tuple[Optional[str], Optional[str], Optional[str]]:
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
    guess = htmldate_guess(tree, url, latest, hm.html_lang, notes)
    if guess:
        why = _trap(guess, html, cap, tree)
        if why is None:
            return finish(guess, "htmldate original")
        if why == "updated" and not updated:
            updated = guess
    return None, None, updated


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
        rf"\b{mon[:3]}[a-z]*\.?\s+0?{dd}(?:st|nd|rd|th)?,?\s+{y}",
        rf"\b0?{dd}(?:st|nd|rd|th)?\.?\s+{mon[:3]}[a-z]*\.?,?\s+{y}",
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
