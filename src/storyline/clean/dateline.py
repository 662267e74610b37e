"""Datelines: the place (and wire agency) that opens a news story's first paragraph.

"SEOUL (Reuters) - The US government ..." -> "SEOUL"; both cleaners ask it of their first body paragraph.
Written by hand: a regular expression over the paragraph's opening; trafilatura and htmldate do not look
for datelines.

Public:
    split_dateline(paragraph) -> "SEOUL" or None
"""
from __future__ import annotations

import re
from typing import Optional

from storyline.clean.words import STOP

__all__ = ["split_dateline"]

# a place of up to four capitalised words ("NAPA COUNTY, Calif."), an optional agency or station in
# parentheses ("(Reuters)", "(KGO)"), then a dash (or a colon after a place in capitals) and the story's first word
_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][A-Za-z.'\u2019\-]+|[A-Z]{2,})(?:[ ,]+(?:[A-Z][A-Za-z.'\u2019\-]+|[A-Z]{2,}|de|la|of)){0,3})"
    r"(?:\s*\((?:AP|AFP|Reuters|UPI|dpa|Xinhua|IANS|PTI|ANI|Bloomberg|CNN|BBC|[A-Z]{2,6})\))?"
    r"\s*(?P<sep>[\u2013\u2014]|-{1,2}|:)\s+(?=[\"'\u201c\u2018\u201e\u00abA-Z0-9])")


def split_dateline(paragraph: str) -> Optional[str]:
    """"Seoul - The US government ..." -> "Seoul" (a place and a dash opening the first paragraph)."""
    m = _DATELINE.match(paragraph or "")
    if not m:
        return None
    place = m.group("place").strip(" ,")
    words = place.replace(",", " ").split()
    if not words or any(w.lower() in STOP for w in words) or len(place) > 40:
        return None
    if re.search(r"\d", place):
        return None
    if m.group("sep") == ":" and not place.isupper():
        return None                 # "Question: ...", "Note: ...": a label; "NEW DELHI: ..." is a dateline
    last = words[-1]
    if last.endswith(".") and "." not in last[:-1] and len(last) > 6:
        place = place[:-1]          # "Washington.- El senador": the period is the separator's
    return place
