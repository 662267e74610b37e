"""The digit-led stand-ins for htmldate's whole-page patterns find exactly what the originals find."""
from __future__ import annotations

import random
import re

import pytest

from storyline.clean.date_patterns import KNOWN, DigitLed
from storyline.clean.html import clean_html
from storyline.clean.upstream import install_date_patterns as install
from storyline.model import Page, content_hash

ORIGINALS = {name: re.compile(src) for name, src in KNOWN.items()}

# dates written every way the patterns look for, glued together and to other digits, split by one character
PIECES = ["2023-11-06", "2023/11/06", "06.11.2023", "6/11/2023", "06/11/23", "6-11-23", "2023-11", "11/2023",
          "1-2023", "20231106", "12345", "9", "0", "/", ".", "-", "a", " ", "\n", "<p>", "w3.org", "©"]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30)))


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_same_findall_as_the_original_on_random_text(name):
    original = ORIGINALS[name]
    fast = DigitLed(original)
    rng = random.Random(name)
    for _ in range(4000):
        s = random_text(rng)
        assert fast.findall(s) == original.findall(s), s


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_same_findall_with_pos_and_endpos(name):
    original, fast = ORIGINALS[name], DigitLed(ORIGINALS[name])
    rng = random.Random(name + "pos")
    for _ in range(1500):
        s = random_text(rng)
        a, b = rng.randrange(len(s) + 1), rng.randrange(len(s) + 2)
        assert fast.findall(s, a, b) == original.findall(s, a, b), (s, a, b)


def test_adjacent_dates_sharing_one_separator_are_found_as_the_original_finds_them():
    # the original consumes the "|" after the first date, so it cannot start the second match there
    s = "x2023-11-06|2023-11-07|x2023-11-08 "
    original = ORIGINALS["THREE_LOOSE_PATTERN"]
    assert original.findall(s) == ["2023-11-06", "2023-11-08"]
    assert DigitLed(original).findall(s) == ["2023-11-06", "2023-11-08"]


def test_everything_else_is_the_original_pattern():
    original = ORIGINALS["YYYYMM_PATTERN"]
    fast = DigitLed(original)
    assert fast.pattern == original.pattern and fast.groups == 1
    assert fast.search(" 2023-11 ").group(1) == "2023-11"
    with pytest.raises(ValueError):
        DigitLed(re.compile(r"(?<!w3.org)\D((?:199[0-9]|20[0-3][0-9]))\D"))


def test_installed_in_htmldate_once_a_page_has_been_cleaned():
    html = ("<html><head><title>Budget</title></head><body><article><h1>Council votes</h1>"
            + "<p>The regional council voted on the new water budget after a long and heated debate.</p>" * 4
            + "<footer>archive 2021/03/04 and 12/04/2021</footer></article></body></html>")
    clean_html(Page(source="t.html", kind="html", content=html, content_hash=content_hash(html),
                    url="https://example.org/budget", captured="2024-01-15T10:00:00Z"))
    from htmldate import core
    assert install() == 0           # already done by the clean above
    for name in KNOWN:
        if getattr(core, name).pattern == KNOWN[name]:
            assert isinstance(getattr(core, name), DigitLed), name
    assert any(isinstance(p, DigitLed) for p in core.THREE_COMP_PATTERNS)
