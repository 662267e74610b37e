"""The language an article is written in, and the function words of that language.

Identification is py3langid's (a fork of langid.py: a naive Bayes model over byte n-grams, 97 languages, its model
inside the PyPI wheel, nothing fetched at run time), loaded once per process on first use (~1 s) and fed the first
``SAMPLE_CHARS`` characters of a text: ~1 ms an article (bench/eval_language.py prints the figure).

Function words are what the line classifier of scraped text counts to tell running text from page furniture
(clean/text.py). English keeps its own short list (clean/words.py); any other language adds spaCy's stop words for
that language (``spacy.lang.XX.stop_words``, a word list shipped with spaCy, no model needed).

Public:
    language_of(text) -> (code, confidence) or (None, 0.0)
    detect_language(text) -> "de" | None
    function_words(code) -> frozenset of lower-case words
"""
from __future__ import annotations

import importlib
import re
import threading
from functools import lru_cache
from typing import Optional

from storyline.clean.words import STOP

__all__ = ["language_of", "detect_language", "function_words", "MIN_LETTERS", "MIN_CONFIDENCE"]

SAMPLE_CHARS = 2000     # the model's answer is settled long before: 1 ms instead of 2-5 on long articles
MIN_LETTERS = 25        # fewer letters than this: too little to tell (a name, a stamp)
MIN_CONFIDENCE = 0.75   # the model's normalised probability below which the text's language is left unknown

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_IDENT = None
_LOCK = threading.Lock()


def _identifier():
    global _IDENT
    if _IDENT is None:
        with _LOCK:
            if _IDENT is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier
                _IDENT = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENT


def language_of(text: Optional[str]) -> tuple[Optional[str], float]:
    """(ISO 639-1 code, confidence) of a text's language; (None, 0.0) when the text has too few letters."""
    sample = (text or "")[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return str(code), float(prob)


def detect_language(text: Optional[str]) -> Optional[str]:
    """The text's language (ISO 639-1) when the model is sure of it, else None."""
    code, prob = language_of(text)
    return code if code and prob >= MIN_CONFIDENCE else None


@lru_cache(maxsize=64)
def function_words(code: Optional[str]) -> frozenset[str]:
    """English function words, plus spaCy's stop words of language ``code`` when spaCy has them."""
    if not code or code == "en" or not code.isalpha():
        return STOP
    try:
        mod = importlib.import_module(f"spacy.lang.{code}.stop_words")
    except Exception:      # no list for this language in spaCy (or spaCy cannot load it)
        return STOP
    words = getattr(mod, "STOP_WORDS", None) or ()
    return STOP | frozenset(w.lower() for w in words)
