"""The outlet that published a page, from what its text says about itself (never guessed).

Signals, strongest first:
* a site-name line:                  "| Some News Site"   (a title-bar / masthead remnant)
* a notification prompt:             "Want XYZ to notify you of ..." -> "XYZ"
* a copyright line:                  "© 2020 Outlet", "Copyright 2008 Outlet Ltd. All rights reserved."
Returns None when none is present.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

_NAME = r"[A-Z0-9][\w&.'\u2019\-]*(?:\s+(?:[A-Z0-9&][\w&.'\u2019\-]*|of|the|and|for|de|du|la|le|del|di))*"
_PIPE = re.compile(rf"^\s*[|\u2502\u00a6]\s*(?P<name>{_NAME})\s*[|\u2502\u00a6]?\s*$")
_NOTIFY = re.compile(rf"^\s*(?:Want|Would you like|Allow|Let)\s+(?P<name>{_NAME}?)\s+"
                     r"(?:to\s+)?(?:notify|send|alert)\s+you\b")
_COPY = re.compile(r"(?:©|\(c\)\s*(?=(?:19|20)\d\d)|^\W*copyright\b)(?:\s*(?:©|\(c\)))?\s*"
                   r"(?:(?:19|20)\d\d(?:\s*[-\u2013/]\s*(?:19|20)?\d\d)?\s*,?\s*)?"
                   rf"(?:(?:owned by or licensed to|owned by|licensed to|by)\s+)?(?P<name>{_NAME})", re.I)
_LEGAL_TAIL = re.compile(r"[,.]?\s*(?:all rights reserved.*|and its (?:licensors|affiliates).*|"
                         r"\b(?:inc|ltd|llc|plc|limited|corp|corporation|co|gmbh|s\.a|ag)\b\.?.*)$", re.I)
_NOT_NAMES = {"all", "the", "this", "our", "your", "copyright", "rights", "reserved", "material", "content",
              "notice", "and", "policy", "information", "owned", "by", "trade", "mark"}


# page chrome: a "name" made of these is a menu item, not an outlet
_CHROME = frozenset("""home news sport sports world business print single page contact us search archive archives privacy
policy terms about help login register subscribe rss feeds feed email share comments video photos more menu
sitemap advertise advertising jobs weather opinion entertainment top back next previous latest""".split())  # noqa: E501 (a word list)
_CHROME_END = frozenset("privacy policy terms search archive archives page print login register sitemap comments menu"
                        .split())
_YEARS_TAIL = re.compile(r"[\s,]*(?:(?:19|20)\d\d(?:\s*[-\u2013/]\s*(?:19|20)?\d\d)?)\s*$")


def _tidy(name: str) -> Optional[str]:
    name = _LEGAL_TAIL.sub("", name.strip()).strip(" .,-|:;'\"")
    name = _YEARS_TAIL.sub("", name).strip(" .,-|:;'\"")
    words = name.split()
    if words and (sum(1 for w in words if w.lower() in _CHROME) * 2 > len(words) or words[-1].lower() in _CHROME_END):
        return None
    while words and words[-1].lower() in _NOT_NAMES | {"of", "for", "de", "la", "le"}:
        words.pop()
    if not words or len(words) > 6 or (words[0].lower() in _NOT_NAMES and words[0].lower() != "the"):
        return None
    name = " ".join(words)
    if not re.search(r"[A-Za-z]", name) or len(name) < 2:
        return None
    return name


def outlet_from_line(line: str) -> tuple[Optional[str], str]:
    """(outlet, signal) named by one line, signal one of 'site' | 'notify' | 'copyright' | ''."""
    s = (line or "").strip()
    if not s or len(s) > 200:
        return None, ""
    m = _PIPE.match(s)
    if m and len(m.group("name").split()) <= 6:
        return _tidy(m.group("name")), "site"
    m = _NOTIFY.match(s)
    if m and m.group("name"):
        return _tidy(m.group("name")), "notify"
    m = _COPY.search(s)
    if m:
        return _tidy(m.group("name")), "copyright"
    return None, ""


def find_outlet(lines: Iterable[str]) -> Optional[str]:
    """The outlet the page names, by the strongest signal found in ``lines``; None when none."""
    best: dict[str, str] = {}
    for line in lines:
        name, signal = outlet_from_line(line)
        if name and signal not in best:
            best[signal] = name
    for signal in ("site", "notify", "copyright"):
        if signal in best:
            return best[signal]
    return None
