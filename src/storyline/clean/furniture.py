"""Page furniture learned from a corpus: lines that repeat across many pages.

A line that appears on many pages (of one outlet, when the caller groups pages by outlet)
is not an article's own words: menus, footers, prompts, share widgets.  We count, per
normalised line key, how many distinct pages hold it (streaming: one set of keys per page,
one counter overall) and keep the keys seen on at least ``min_pages`` pages and on at least
``min_share`` of all pages.

``line_key`` is the normalisation both the learner and the cleaner use: case-folded,
Unicode-normalised, digits collapsed (so "Updated 3 hours ago" and "Updated 5 hours ago"
share a key), punctuation and spacing squeezed.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_DIGITS = re.compile(r"\d+")
_NONWORD = re.compile(r"[^\w#]+", re.UNICODE)
_MAX_KEY_LEN = 200     # very long lines are paragraphs, never furniture keys


def line_key(line: str) -> str:
    """Normalised form of a line: NFKC, lower case, digit runs -> '#', punctuation -> space."""
    s = unicodedata.normalize("NFKC", line or "").lower()
    s = _DIGITS.sub("#", s)
    s = _NONWORD.sub(" ", s)
    return " ".join(s.split())[:_MAX_KEY_LEN]


def page_keys(text: str) -> set[str]:
    """The distinct keys of one page's non-empty lines."""
    keys = set()
    for raw in (text or "").splitlines():
        k = line_key(raw)
        if k:
            keys.add(k)
    return keys


def learn_furniture(texts: Iterable[str], min_pages: int = 3, min_share: float = 0.3) -> frozenset[str]:
    """Keys of lines that repeat across pages: on >= min_pages pages and >= min_share of them.

    ``texts`` is streamed once (pass the pages of one outlet to learn that outlet's furniture).
    Keys of long lines (whole paragraphs: syndicated copy) are not learned: only lines of at
    most 30 words, so a wire story carried by several pages is never taken for furniture.
    """
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update(k for k in page_keys(text) if len(k.split()) <= 30)
    if n == 0:
        return frozenset()
    need = max(min_pages, min_share * n)
    return frozenset(k for k, c in counts.items() if c >= need)
