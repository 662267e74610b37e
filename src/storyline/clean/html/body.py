"""The main text of an HTML page: trafilatura's extraction and its rescues, then paragraphs without prompts."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any, Optional

from storyline.clean.html.util import _squash
from storyline.clean.upstream import TRAF_ARGS, bare, bare_text, failure_note, traf_prune, traf_run

# pages bigger than this are reduced (scripts/styles dropped, then cut): lxml and
# trafilatura stay fast and bounded on pathological input
MAX_HTML_CHARS = 6_000_000
# below this many characters the first extraction is considered a miss and a recall pass is tried
MIN_TEXT_CHARS = 250
# a direct (no-fallback) extraction this long is trusted over a fallback FALLBACK_GROWTH times longer
MIN_DIRECT_CHARS = 500
FALLBACK_GROWTH = 3.0


def _extract_text(html: str, tree: Any, url: Optional[str]) -> tuple[str, bool, list[str]]:
    """Main text (one paragraph per line), whether trafilatura found a document, and notes on what failed on the way
    (the extraction then goes on with trafilatura's public calls). Prunes `tree`."""
    import trafilatura

    notes: list[str] = []

    def rerun(**kw: Any) -> str:
        # trafilatura again with other settings, from the pruned tree when it is at hand
        try:
            return traf_run(tree, url, **kw)[0] if pruned else bare_text(html, url, include_comments=False,
                                                                          fast=kw.get("fast", False),
                                                                          favor_recall=kw.get("recall", False))
        except Exception as err:    # trafilatura failed on this page with these settings: the text found so far
            notes.append(failure_note(f"trafilatura ({', '.join(kw)})", err, "the first extraction kept"))
            return ""

    pruned = False
    try:
        tree = traf_prune(tree)
        pruned = True
        text, direct, found = traf_run(tree, url)
    except Exception as err:    # trafilatura's internals changed (a moved name, another return shape) or failed here
        notes.append(failure_note("trafilatura's extraction sequence", err, "its public bare_extraction used"))
        pruned, direct = False, ""
        try:
            text, found = bare(html, url, **TRAF_ARGS)
        except Exception as err2:
            notes.append(failure_note("trafilatura.bare_extraction", err2, "the page's own paragraphs used"))
            text, found = "", False
    # trafilatura's fallback (readability / jusText comparison) sometimes swaps a clean article
    # for a whole page region; when it more than triples a substantial direct extraction, keep the latter.
    # The direct text is what fast=True starts from (it can only grow from there: baseline, recall retry),
    # so the fast run is needed only when the direct text is short or much shorter than the text.
    if len(text) > FALLBACK_GROWTH * MIN_DIRECT_CHARS and direct is not None and (
            len(direct) < MIN_DIRECT_CHARS or len(text) > FALLBACK_GROWTH * len(direct)):
        fast_text = rerun(fast=True)
        if len(fast_text) >= MIN_DIRECT_CHARS and len(text) > FALLBACK_GROWTH * len(fast_text):
            text = fast_text
    if len(text) < MIN_TEXT_CHARS:
        alt_text = rerun(recall=True)
        if len(alt_text) > len(text):
            text = alt_text
    if len(text) < MIN_TEXT_CHARS:
        try:
            _, base_text, _ = trafilatura.baseline(html)
        except Exception as err:
            notes.append(failure_note("trafilatura.baseline", err, "not used"))
            base_text = ""
        if len(base_text) > max(len(text), MIN_TEXT_CHARS // 2) and len(base_text) < 100_000:
            text = base_text
    if not text.strip():
        text = _deep_text(html)
    if len(text.strip()) < MIN_STUB_CHARS and not re.search(r"[.!?]", text):
        text = ""   # a menu word or a button label ("Home") is not an article
    return text, found, notes


MIN_STUB_CHARS = 40


def _deep_text(html: str) -> str:
    """Paragraph text of a page nested deeper than libxml2's default limit (256 levels), which trafilatura
    reads as empty; huge_tree lifts the limit to what libxml2 allows. Only used when all else found nothing."""
    from lxml import etree
    parser = etree.HTMLParser(huge_tree=True, recover=True, remove_comments=True)
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), parser)
    except (ValueError, etree.LxmlError):    # no document at all, even with recovery
        return ""
    if root is None:
        return ""
    paras = []
    for el in root.iter("p", "h1", "h2", "h3", "li", "blockquote"):
        t = " ".join("".join(el.itertext()).split())
        if len(t) >= 40:
            paras.append(t)
        if sum(map(len, paras)) > 200_000:
            break
    return "\n".join(paras)


# short paragraphs that are calls to action or cross-links, not article text (several languages)
PROMPT_LINE = re.compile(
    r"^\W*(?:read more|read also|see also|related|more on this|recommended|also read|watch|listen|"
    r"lee también|lea también|puedes ver|le puede interesar|te puede interesar|mira también|"
    r"lesen sie auch|mehr zum thema|auch interessant|anzeige|lire aussi|à lire aussi|voir aussi|"
    r"leggi anche|leia também|veja também|leia mais)\b\s*[:\-–—]", re.I)
CALL_LINE = re.compile(
    r"^\W*sign up\b|\bsign up\W*$|\bsign up (?:here|now|today|free|for (?:our|free))\b|"
    r"\b(?:subscribe|subscribers?|newsletters?|follow us|síguenos|siguenos|"
    r"abonnieren|abonnez|all rights reserved|todos los derechos reservados|alle rechte vorbehalten|"
    r"tous droits réservés|we want to hear what you think|download (?:our|the) app)\b", re.I)
CALL_MAX_WORDS = 40


def _prompt(line: str) -> bool:
    if PROMPT_LINE.match(line) and len(line.split()) <= 30:
        return True
    return len(line.split()) <= CALL_MAX_WORDS and bool(CALL_LINE.search(line))


def _paragraphs(text: str) -> str:
    lines = [_squash(ln) for ln in text.splitlines()]
    return "\n\n".join(ln for ln in lines if ln and not _prompt(ln))


# ------------------------------------------------------------------ main entry
def _shrink(html: str) -> str:
    if len(html) <= MAX_HTML_CHARS:
        return html
    html = re.sub(r"(?is)<(script|style|svg|noscript)\b[^>]*>.*?</\1\s*>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    return html[:MAX_HTML_CHARS]


_SCRIPTS = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")


class _FlatText(HTMLParser):
    """The text of <p> elements (and headings), read as a stream of tags: no tree, so no depth limit."""
    SKIP = {"script", "style", "noscript", "template", "nav", "footer", "header", "aside", "form"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._cur: Optional[list[str]] = None
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "p":
            self._close()
            self._cur = []

    def handle_endtag(self, tag) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "p":
            self._close()

    def handle_data(self, data) -> None:
        if self._cur is not None and not self._skip:
            self._cur.append(data)

    def _close(self) -> None:
        if self._cur:
            text = " ".join("".join(self._cur).split())
            if len(text) >= 40 and re.search(r"[.!?\u3002]['\u2019\u201d\")]?$", text):
                self.paragraphs.append(text)
        self._cur = None


def _flat_paragraphs(html: str, tree: Any) -> str:
    """The body of a page whose tree lost its text (libxml2 stops at a nesting depth: a page of 200k nested divs
    parses as nearly empty): its <p> paragraphs read from the markup as a flat stream. Only then, so a page that
    simply has no article is still refused."""
    words_in_tree = len(" ".join(tree.itertext()).split())
    words_in_markup = len(_TAG.sub(" ", _SCRIPTS.sub(" ", html)).split())
    if words_in_markup < 50 or words_in_tree * 2 > words_in_markup:
        return ""
    flat = _FlatText()
    try:
        flat.feed(html)
        flat.close()
    except Exception:   # html.parser is lenient; anything it still chokes on leaves the page without a body
        return ""
    return "\n\n".join(flat.paragraphs)
