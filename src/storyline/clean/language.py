"""The language an article is written in, and the function words of that language.

Identification is Google's Compact Language Detector 2 through pycld2 (its model is compiled into the extension
module inside the wheel: nothing is fetched at run time; ~5 MB of memory, shared between processes, no load time;
tens of microseconds an article on its first ``SAMPLE_CHARS`` characters; bench/eval_language.py prints the
figures). py3langid was tried first: as accurate on the development sets, but 91 MB of tables in every worker
process, 1.7 s to load them, and 0.8 ms an article.

Function words are what the line classifier of scraped text counts to tell running text from page furniture
(clean/text.py). English keeps its own short list (clean/words.py); any other language adds spaCy's stop words for
that language (``spacy.lang.XX.stop_words``, a word list shipped with spaCy, no model needed).

Public:
    language_of(text) -> (code, confidence) or (None, 0.0)
    detect_language(text) -> "de" | None
    function_words(code) -> frozenset of lower-case words, or None (no list for that language)
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache
from itertools import islice
from typing import Optional

from storyline.clean.words import STOP

__all__ = ["language_of", "detect_language", "function_words", "MIN_LETTERS", "MIN_CONFIDENCE"]

SAMPLE_CHARS = 4000     # the answer is settled long before the end of an article
MIN_LETTERS = 25        # fewer letters than this: too little to tell (a name, a stamp)
MIN_CONFIDENCE = 0.5    # below: the text's language is left unknown (see language_of)

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# CLD2's codes that are not ISO 639-1 today
_ISO = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi", "mo": "ro"}


def language_of(text: Optional[str]) -> tuple[Optional[str], float]:
    """(ISO 639-1 code, confidence) of a text's language; (None, 0.0) when the text has too few letters or CLD2
    knows no language in it. Confidence: the share of the text CLD2 gives to that language, halved when CLD2 does
    not call its answer reliable."""
    sample = (text or "")[:SAMPLE_CHARS]
    if sum(1 for _ in islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:
        return None, 0.0
    import pycld2
    data = sample.encode("utf-8", "ignore")          # lone surrogates are not UTF-8: CLD2 refuses them
    try:
        reliable, _, details = pycld2.detect(data)
    except pycld2.error:                              # control bytes CLD2 will not read
        data = "".join(c for c in sample if c.isprintable() or c.isspace()).encode("utf-8", "ignore")
        try:
            reliable, _, details = pycld2.detect(data)
        except pycld2.error:
            return None, 0.0
    code, percent = details[0][1], details[0][2]
    code = _ISO.get(code, code).split("-")[0]        # "zh-Hant" -> "zh"
    if not (len(code) == 2 and code.isalpha()) or code == "un" or not percent:
        return None, 0.0
    return code, percent / 100 * (1.0 if reliable else 0.5)


def detect_language(text: Optional[str]) -> Optional[str]:
    """The text's language (ISO 639-1) when CLD2 is sure of it, else None."""
    code, prob = language_of(text)
    return code if code and prob >= MIN_CONFIDENCE else None


@lru_cache(maxsize=64)
def function_words(code: Optional[str]) -> Optional[frozenset[str]]:
    """English function words, plus spaCy's stop words of language ``code``; None when spaCy has no list for that
    language (English words would call its running text furniture). Unknown language (None): English."""
    if not code or code == "en":
        return STOP
    if not (len(code) == 2 and code.isalpha()):
        return None
    try:
        mod = importlib.import_module(f"spacy.lang.{code}.stop_words")
    except ImportError:    # no list for this language in spaCy
        return None
    words = getattr(mod, "STOP_WORDS", None)
    return STOP | frozenset(w.lower() for w in words) if words else None
