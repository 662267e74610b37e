"""htmldate's whole-page date patterns, found the same way in half the time.

When a page states no date, htmldate's last resort (``search_page``) runs a series of patterns of the form
``\\D(BODY)\\D`` over the whole serialized page (150 KB on average on news pages) and counts what
``findall`` returns. Python's regex engine tries such a pattern at every character, since nearly every
character is a ``\\D``; that scan was 85% of ``search_page`` and, with it, most of the clean stage's time
above plain trafilatura on pages without a stated date.

``DigitLed`` gives the same ``findall`` list (same items, same order, same count) with a pattern that
starts on a digit: ``(?=[0-9])(?<=\\D)(BODY)(?=\\D)``, which the engine skips to quickly. The trailing
``\\D`` the original consumes is not consumed by the lookahead, so the next search starts one character
later, as the original's would. Only the patterns listed in ``KNOWN`` (htmldate's own, whose BODY always
starts with a digit) are replaced, and only when htmldate still spells them that way: a changed htmldate
is left as it is. Every other use of a pattern (``search``, ``match``...) goes to the original.

``storyline.clean.upstream.install_date_patterns`` puts them into htmldate (the one module that touches
htmldate's globals). Not upstreamed here (no network). The equivalence is tested on random strings
(``tests/clean_html/test_date_patterns.py``); checked once on the raw HTML of the 637 pages of ../shared's three
HTML sets (59,019 matches over the five patterns, no difference), and the date figures of
``bench/eval_extract.py`` did not move.
"""
from __future__ import annotations

import re
from typing import Any

# htmldate.core names whose pattern is "\D(BODY)\D" with BODY starting with a digit in every branch
KNOWN = {
    "THREE_LOOSE_PATTERN": r"\D([0-9]{4}[/.-][0-9]{2}[/.-][0-9]{2})\D",
    "SELECT_YMD_PATTERN": r"\D([0-3]?[0-9][/.-][0-1]?[0-9][/.-][0-9]{4})\D",
    "SLASHES_PATTERN": r"\D([0-3]?[0-9]/[0-1]?[0-9]/[0129][0-9]|[0-3][0-9]\.[01][0-9]\.[0129][0-9])\D",
    "YYYYMM_PATTERN": r"\D([12][0-9]{3}[/.-](?:1[0-2]|0[1-9]))\D",
    "MMYYYY_PATTERN": r"\D([0-1]?[0-9][/.-][12][0-9]{3})\D",
}


class DigitLed:
    """A compiled ``\\D(BODY)\\D`` pattern whose ``findall`` skips to digits; everything else is the original's."""

    def __init__(self, original: re.Pattern) -> None:
        src = original.pattern
        if not (isinstance(src, str) and src.startswith("\\D(") and src.endswith(")\\D") and original.groups == 1):
            raise ValueError(f"not a \\D(BODY)\\D pattern with one group: {src!r}")
        self.original = original
        self.fast = re.compile(r"(?=[0-9])(?<=\D)(" + src[3:-3] + r")(?=\D)", original.flags)

    def findall(self, string: str, pos: int = 0, endpos: int = 2 ** 63 - 1) -> list[str]:
        found: list[str] = []
        search = self.fast.search
        # the original's match starts one character before BODY (its leading \D), so it may start at `pos`
        # only if BODY starts at pos + 1; after a match it resumes past the \D it consumed after BODY
        at = pos + 1
        end = min(endpos, len(string))
        while (m := search(string, at, end)) is not None:
            found.append(m.group(1))
            at = m.end() + 2
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.original, name)

    def __repr__(self) -> str:
        return f"DigitLed({self.original!r})"
