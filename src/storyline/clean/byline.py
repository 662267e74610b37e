"""Bylines: the people an article credits, as the page wrote them minus what names no one.

Both cleaners end here: the HTML cleaner with the author fields it read (JSON-LD, trafilatura's author
search, meta tags) or, when they name no one, the page's visible "By ..." line; the text cleaner with the byline
line it found. A credit line's tail (a separator, a date, a time, "5 min read") is not part of the name.
Written by hand: trafilatura's ``normalize_authors`` splits and trims, but keeps the labels, job titles,
non-names and tails undone here.

Public:
    clean_byline(names, sites) -> "Jane Roe, Sam Poe" or None
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from typing import Optional

from storyline.clean.dates import MONTHS, WEEKDAYS

__all__ = ["clean_byline"]

BY_PREFIX = re.compile(r"^\s*(?:written\s+)?by[:\s]+", re.I)
# a label before the name: "View all posts by", "Posted by", "Von", "Par", "Author:", "责任编辑：" (editor in charge)
BY_LABEL = re.compile(r"^(?:(?:[^\W\d_][\w'’]*\s+){0,4}?by\s+|(?:von|par|por|door|av)\s+|"
                      r"(?:publié|écrit|posté|veröffentlicht|geschrieben|verfasst|publicado|escrito|pubblicato|"
                      r"scritto)\s+(?:par|von|por|da)\s+|[^\W\d_][^:：\d]{0,14}[:：]\s*)", re.I)
# what author fields hold when they name no one
NOT_NAMES = {"no author", "unknown", "unknown author", "author", "authors", "follow", "username", "name", "by",
             "share", "none", "null", "n/a"}
# a job title after the name ("Adam Roe PhillyVoice Staff", "Ben Roe Games Editor"): the role noun, then
# the desk or rank words before it
ROLES = {"staff", "editor", "reporter", "correspondent", "writer", "contributor", "columnist", "producer",
         "journalist", "intern", "critic"}
ROLE_WORDS = ROLES | {
    "senior", "chief", "contributing", "deputy", "managing", "associate", "assistant", "executive", "political",
    "foreign", "news", "sports", "games", "gaming", "tech", "technology", "business", "science", "health",
    "politics", "digital", "social", "media", "web", "online", "special", "national", "international", "local",
    "features", "opinion", "culture", "entertainment", "investigations", "investigative", "economics"}


# what follows the name on a credit line: a separator, then a date, a time, a reading time or a stamp ("By Jane
# Roe | Updated March 3", "par Didier Roy, 21 juin 2018", "Von R. R. am 07.08.2013", "By Ann Lee Feb 8, 2020 5 min
# read", "J.R. Stone Thursday, November 9, 2023 7:35AM")
_TAIL_SEP = re.compile(r"\s+[-–—]\s+|\s*[|•·]\s*")
_TAIL_WORDS = {"updated", "published", "posted", "modified", "gespeichert", "aktualisiert", "publié", "publicado"}
# the little words left between the name and the date it was cut at ("am", "on", "le"...)
_TAIL_LEAD = {"am", "um", "on", "at", "le", "el", "il", "den", "dem", "vom", "the", "em", "op", "du", "del", "de",
              "la", "a", "à", "in", "of", "is", "was"}


def _cut_tail(n: str) -> str:
    words = _TAIL_SEP.split(n, maxsplit=1)[0].split()
    for i, w in enumerate(words):
        bare = w.strip(".,;:()").lower()
        near_digit = any(words[j][:1].isdigit() for j in (i - 1, i + 1) if 0 <= j < len(words))
        if w[:1].isdigit() or bare in WEEKDAYS or bare in _TAIL_WORDS or (bare in MONTHS and near_digit):
            words = words[:i]
            break
    while len(words) > 1 and words[-1].strip(",") in _TAIL_LEAD:
        words.pop()
    # a month left over from a date whose digits were cut off before us ("By Nathan Willis March 25, 2015" read by
    # an author search that drops digits): a month after a name of two words or more ends no name
    # ("Theresa May" is two words and stays)
    if len(words) >= 3 and words[-1].strip(".,").lower() in MONTHS:
        words.pop()
    return " ".join(words)


# a web address credited as the author ("facebook.com/example"): names no one
_WEB_ADDRESS = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|biz|news|blog|online|media|[a-z]{2})"
                          r"(?:/\S*)?$")


def _key(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


def byline_name(raw: str, sites: Iterable[str] = ()) -> Optional[str]:
    """One credited name with its label, job title and HTML entities undone; None when it names no one.
    ``sites``: keys (lower-case letters and digits) of the site's own names, dropped from a job title."""
    n = _cut_tail(BY_LABEL.sub("", BY_PREFIX.sub("", " ".join(unescape(raw).split())))).strip(" ,;|·-–—")
    low = n.lower()
    if not n or low.startswith(("http", "@", "www.")) or len(n) > 100 or low in NOT_NAMES or _WEB_ADDRESS.match(low):
        return None
    if low.endswith((" says", " said", " wrote")):      # a comment's author line, not the article's
        return None
    words = n.split()
    if len(words) >= 3 and words[-1].lower().strip(".,") in ROLES \
            and words[0].lower() not in ROLE_WORDS | {"our", "the", "by"}:    # "Our Foreign Staff" is a desk
        sites = set(sites)
        while len(words) > 2 and (words[-1].lower().strip(".,") in ROLE_WORDS or _key(words[-1]) in sites):
            words.pop()
        n = " ".join(words).strip(" ,;|")
    return n or None


# "Jane Roe and Sam Poe", "JANE ROE AND AP": one credit line naming several
_JOINED = re.compile(r"\s+(?:and|AND|&|und|et)\s+")   # not "y": "Ortega y Gasset" is one name


def clean_byline(names: Iterable[str], sites: Iterable[str] = ()) -> Optional[str]:
    """The authors as credited, joined by ", " (each once): see ``byline_name``."""
    sites = set(sites)
    seen: list[str] = []
    for raw in names:
        # the outlet credited as its own author ("Mac & i") is one name, not two joined by "&"
        whole = BY_LABEL.sub("", BY_PREFIX.sub("", " ".join(unescape(raw).split())))
        for part in ([raw] if _key(whole) in sites else _JOINED.split(raw)):
            n = byline_name(part, sites)
            if n and n.lower() not in {s.lower() for s in seen}:
                seen.append(n)
    return ", ".join(seen) if seen else None
