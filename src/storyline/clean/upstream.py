"""Every use of trafilatura's and htmldate's internals, fenced in one module.

The HTML cleaner runs trafilatura's extraction sequence itself (one parse and one pruning serve every run, and the
direct candidate comes for free) and reads its metadata field by field; it puts a page-language date parser and
digit-led date patterns into htmldate's module globals. All of that leans on names and return shapes that are not
trafilatura's or htmldate's public API: the versions it was written for are pinned in ``pyproject.toml``
(``UPSTREAM_VERSIONS`` below says which), and ``tests/clean_html/test_upstream_fence.py`` fails when a signature
or a return shape used here changes. When a call here fails on a page anyway, the caller records a note
(``failure_note``) on the article and goes on with the public calls (``bare``), never with an empty page.
"""
from __future__ import annotations

import re
import threading
from datetime import date
from typing import Any, Optional

from storyline.clean.byline import byline_name
from storyline.clean.date_patterns import KNOWN, DigitLed

# the releases this module was written for and tested with (pyproject.toml pins the same ranges)
UPSTREAM_VERSIONS = {"trafilatura": ">=2.3,<2.4", "htmldate": ">=1.11,<1.12"}


def failure_note(what: str, err: BaseException, then: str) -> str:
    """The note an article carries when an upstream call failed on it: what failed, how, and what was done."""
    msg = " ".join(str(err).split())[:120]
    return f"{what} failed ({type(err).__name__}{': ' + msg if msg else ''}): {then}"


def load_html(html: str) -> Any:
    """trafilatura's parse of a page (an lxml tree), or None when it is not HTML at all."""
    from trafilatura.utils import load_html as parse
    return parse(html)


# ------------------------------------------------------------------ htmldate
_patterns_lock = threading.Lock()
_patterns_done = False


def install_date_patterns() -> int:
    """Put ``DigitLed`` patterns in htmldate's page search, once per process; how many were replaced."""
    global _patterns_done
    if _patterns_done:
        return 0
    with _patterns_lock:
        if _patterns_done:
            return 0
        _patterns_done = True
        from htmldate import core
        swapped = {}
        for name, spelled in KNOWN.items():
            pat = getattr(core, name, None)
            if isinstance(pat, re.Pattern) and pat.pattern == spelled:
                swapped[name] = DigitLed(pat)
        for name, fast in swapped.items():
            setattr(core, name, fast)
        groups = getattr(core, "THREE_COMP_PATTERNS", None)
        if isinstance(groups, tuple) and "THREE_LOOSE_PATTERN" in swapped:
            loose = swapped["THREE_LOOSE_PATTERN"]
            core.THREE_COMP_PATTERNS = tuple(loose if p is loose.original else p for p in groups)
        return len(swapped)


class PageLanguageDates:
    """Stands in for htmldate's dateparser: parses with the page's declared language and English only.

    htmldate's free-text search hands each date-like string ("Published on November 2, 2023 11:44") to one
    ``DateDataParser(languages=None)``, which first checks the string against all ~200 locales: on real pages
    half the strings parse in no locale at all, and that scan was a quarter of the clean stage's time
    (999 pages: 47 s -> 35 s of CPU with English alone, the same published/updated dates on every page).
    The page's own declared language (``<html lang>``) is tried after English, so a German page's
    "25. Oktober 2023" still parses."""

    def __init__(self, settings: Optional[dict]) -> None:
        self.settings = settings
        self.parsers: dict[tuple[str, ...], Any] = {}
        self.local = threading.local()

    def parser(self, langs: tuple[str, ...]) -> Any:
        if langs not in self.parsers:
            from dateparser import DateDataParser
            try:
                from dateparser.data.languages_info import language_order
                known = [code for code in langs if code in language_order] or ["en"]
            except ImportError:
                known = ["en"]
            self.parsers[langs] = DateDataParser(languages=known, settings=self.settings)
        return self.parsers[langs]

    def get_date_data(self, string: str, date_formats: Any = None) -> Any:
        langs = getattr(self.local, "langs", ("en",))
        return self.parser(langs).get_date_data(string, date_formats)


_page_dates: Optional[PageLanguageDates] = None
_date_parser_ready = False


def page_language_dates() -> Optional[PageLanguageDates]:
    """Point htmldate's external parser at ``PageLanguageDates`` once per process (None: htmldate as is)."""
    global _date_parser_ready, _page_dates
    if _date_parser_ready:
        return _page_dates
    _date_parser_ready = True
    try:
        from htmldate import extractors
        original = extractors.get_external_parser
        if not hasattr(original, "cache_info"):
            return None     # not the lazy cached factory this was written for: leave htmldate alone
        settings = getattr(getattr(original(), "_settings", None), "_mod_settings", None)
        _page_dates = PageLanguageDates(dict(settings) if settings else None)
        extractors.get_external_parser = lambda: _page_dates
    except (ImportError, AttributeError, TypeError):   # an htmldate/dateparser without these names: plain htmldate
        _page_dates = None
    return _page_dates


def htmldate_guess(tree: Any, url: Optional[str], latest: date, lang: Optional[str] = None,
                   notes: Optional[list[str]] = None) -> Optional[str]:
    """htmldate's guess of the original publication date (not after `latest`), the page's language tried after
    English; None when it finds none, or fails (a note in `notes` then says how)."""
    install_date_patterns()
    dates = page_language_dates()
    if dates is not None:
        code = (lang or "").split("-")[0].split("_")[0].strip().lower()
        dates.local.langs = ("en", code) if code.isalpha() and code != "en" else ("en",)
    try:
        from htmldate import find_date
        kw = dict(original_date=True, url=url, max_date=latest.isoformat())
        # markup, URL and date patterns first; the free-text search (dateparser over every text
        # segment, then the whole page) only when they find nothing: same answers, a fraction of the time
        return find_date(tree, extensive_search=False, **kw) or find_date(tree, extensive_search=True, **kw)
    except Exception as err:   # htmldate is a guesser: a failure there is "no date", not a crash
        if notes is not None:
            notes.append(failure_note("htmldate", err, "no date guessed"))
        return None


# ------------------------------------------------------------------ trafilatura


# trafilatura's options for our main extraction (comments off, tables on, no deduplication)
TRAF_ARGS = dict(include_comments=False, include_tables=True, deduplicate=False)


def traf_prune(tree: Any) -> Any:
    """The raw-tree pruning that starts trafilatura_sequence (trafilatura 2.x, comments off), in place.
    Every run below starts from this tree and leaves it as it is (they copy before changing)."""
    from trafilatura import core as tc
    is_forum = tc._forum_thread_page(tree)
    if xpaths_known():
        return fast_prune(tree, comments=not is_forum)
    tree = tc.prune_unwanted_nodes(tree, tc.RAW_TREE_PRUNE_XPATH)
    if not is_forum:
        tree = tc.prune_unwanted_nodes(tree, tc.REMOVE_COMMENTS_AND_LISTS_XPATH)
    return tree


# trafilatura's XPaths that are evaluated here as element tests (libxml2 runs their EXSLT regexes through a
# Python call per element); a fingerprint of their source says when a trafilatura release changed them,
# and then trafilatura's own are used
_XPATHS_FINGERPRINT = {
    "RAW_TREE_PRUNE_XPATH": "ab1f67c5b72c9dc9", "REMOVE_COMMENTS_AND_LISTS_XPATH": "7e7d885e629a5119",
    "AUTHOR_XPATHS": "8a9ca42e2e092025", "AUTHOR_DISCARD_XPATHS": "9d92a9af8c49c69d",
}
_xpaths_ok: Optional[bool] = None


def xpaths_known() -> bool:
    global _xpaths_ok
    if _xpaths_ok is None:
        import hashlib
        try:
            from trafilatura import xpaths
            _xpaths_ok = all(
                hashlib.sha1("\n".join(x.path for x in getattr(xpaths, name)).encode()).hexdigest()[:16] == fp
                for name, fp in _XPATHS_FINGERPRINT.items())
        except (ImportError, AttributeError):   # a trafilatura without these XPaths: its own are used
            _xpaths_ok = False
    return _xpaths_ok


_SCROLL_TAGS = {"div", "section", "aside"}
_SCROLL = re.compile(r"mvp-post-add-(?:box|wrap)|infinite-?scroll")
_SCROLL_KEEP = re.compile(r"mvp-post-add-(?:box|wrap)")
_COMMENT_TAGS = {"div", "list", "section", "details", "ol", "ul"}
_COMMENT_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol)")
_COMMENT_CLASS = re.compile(r"^[Cc]omment(?!ary)|(?:article|post)-comments")


def fast_prune(tree: Any, comments: bool) -> Any:
    """prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH), then (comments) with REMOVE_COMMENTS_AND_LISTS_XPATH:
    the same elements (tests on tag, id and class; the XPaths' order, document order) deleted the same way,
    found in one walk. A later XPath does not see what an earlier one deleted."""
    from trafilatura.xml import delete_element

    scroll, share, comment = [], [], []
    for el in tree.iterdescendants():
        tag = el.tag
        if tag in _SCROLL_TAGS:
            eid, cls = el.get("id"), el.get("class")
            if ((eid is not None and _SCROLL.search(eid)) or (cls is not None and _SCROLL.search(cls))) and (
                    el.find(".//h1") is None or (eid is not None and _SCROLL_KEEP.search(eid))
                    or (cls is not None and _SCROLL_KEEP.search(cls))):
                scroll.append(el)
            if cls is not None and "elementor-share-buttons" in cls:
                share.append(el)
        if comments and tag in _COMMENT_TAGS:
            eid, cls = el.get("id"), el.get("class")
            if ((eid is not None and _COMMENT_ID.search(eid)) or (cls is not None and _COMMENT_CLASS.search(cls))) and (
                    tag not in ("ol", "ul") or (eid is not None and _COMMENT_LIST_ID.search(eid))
                    or (cls is not None and _COMMENT_CLASS.search(cls))):
                comment.append(el)
    gone: set = set()

    def live(el: Any) -> bool:
        return el not in gone and not any(a in gone for a in el.iterancestors())

    for batch in (scroll, share, comment):
        batch = [el for el in batch if live(el)] if gone else batch
        for el in batch:
            delete_element(el)
        gone.update(batch)
    return tree


def traf_run(tree: Any, url: Optional[str], fast: bool = False,
             recall: bool = False) -> tuple[str, Optional[str], bool]:
    """(text, direct, found) of ``trafilatura.bare_extraction(page, url=url, fast=fast, favor_recall=recall,
    include_comments=False, include_tables=True, deduplicate=False)``, from a tree `traf_prune` has pruned:
    `found` whether that call returns a document at all, `direct` the text of trafilatura's own extractor
    before its readability / jusText comparison (None when the comparison kept it). The steps are
    trafilatura_sequence's, so that one parse and one pruning serve all runs and the direct candidate
    comes for free; tests/clean_html checks the equivalence against the public calls."""
    from copy import copy

    from trafilatura import core as tc
    from trafilatura.settings import Extractor
    from trafilatura.xml import xmltotxt

    opts = Extractor(output_format="python", fast=fast, recall=recall, comments=False, tables=True,
                     dedup=False, url=url)
    cleaned, backup = tc._prepare_tree(tree, opts, url)
    direct_body, direct_text = tc.extract_content(cleaned, opts)
    body, text = direct_body, direct_text
    if not fast:
        body, text = tc.compare_extraction(backup, copy(tree), body, text, opts)
    # baseline rescue on the raw tree when the extraction is short
    if len(text) < opts.min_extracted_size:
        b_body, b_text, b_len = tc.baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    # recall escalation: a short extraction covering little of the page
    if (opts.focus == "balanced" and 0 < len(text) < tc.ESCALATION_MAX_LENGTH
            and len(text) < tc.ESCALATION_PAGE_SHARE * page_text_len(tree)):
        r_opts = copy(opts)
        r_opts.focus = "recall"
        # trafilatura_sequence runs both retries under `except Exception`; their results are unpacked outside it,
        # so that another return shape is an error (the caller's note and fallback), not a silently lost retry
        retried: Any = (None, "")
        try:
            retried = tc._recall_retry(tree, r_opts, url)
        except Exception:   # noqa: BLE001 - trafilatura's own sequence treats a failed retry as no retry
            pass
        r_body, r_text = retried
        rescued: Any = (None, "")
        if not fast:
            try:
                rescued = tc.justext_rescue(copy(tree), opts)
            except Exception:   # noqa: BLE001 - as trafilatura_sequence does
                pass
        j_body, j_text = rescued
        if len(j_text) > len(r_text) and len(j_text) > tc.ESCALATION_JUSTEXT_RATIO * len(text):
            body, text = j_body, j_text
        elif len(r_text) >= opts.min_extracted_size and len(r_text) > tc.ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    if len(text) < opts.min_output_size:
        return "", None, False
    direct = None if body is direct_body else xmltotxt(direct_body, opts.formatting)
    return xmltotxt(body, opts.formatting), direct, True


_PAGE_TEXT_FINGERPRINT = ("841f8efcd6f3ebba", "785adaa687030ccb")   # BASIC_CLEAN_XPATH, _BLOCK_ELEMS
_BASIC_CLEAN_TAGS = {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
_page_text_ok: Optional[bool] = None


def page_text_len(tree: Any) -> int:
    """len(trafilatura.baseline.html2txt(tree)) (trafilatura 2.x) without its copy of the page: html2txt
    deletes BASIC_CLEAN_XPATH's elements (their tails go to the previous sibling or the parent), puts a
    space before the text and the tail of each block element (control characters removed there) and
    counts whitespace runs as one; the same text is collected here in one walk. trafilatura's own
    function is used when its cleaning XPath or block tags changed."""
    global _page_text_ok
    from trafilatura.baseline import _BLOCK_ELEMS, html2txt
    if _page_text_ok is None:
        import hashlib

        from trafilatura.settings import BASIC_CLEAN_XPATH
        _page_text_ok = (hashlib.sha1(BASIC_CLEAN_XPATH.path.encode()).hexdigest()[:16],
                         hashlib.sha1(" ".join(sorted(_BLOCK_ELEMS)).encode()).hexdigest()[:16]
                         ) == _PAGE_TEXT_FINGERPRINT
    if not _page_text_ok:
        return len(html2txt(tree))
    from trafilatura.settings import _COOKIE_CONSENT_RE
    from trafilatura.utils import remove_control_characters as rc
    cookie = re.compile(_COOKIE_CONSENT_RE, re.I)
    body = tree.find(".//body")
    if body is None:
        body = tree
    parts: list[str] = []

    def removed(el: Any) -> bool:
        tag = el.tag
        if tag in _BASIC_CLEAN_TAGS:
            return True
        cls, eid = el.get("class"), el.get("id")
        if tag == "div" and (cls is not None or eid is not None):
            # contains(@class|@id, 'footer'): the first of the two in the element's attribute order
            first = next(v for k, v in el.items() if k in ("class", "id"))
            if "footer" in first:
                return True
        return ((cls is not None and cookie.search(cls) is not None)
                or (eid is not None and cookie.search(eid) is not None))

    def visit(el: Any) -> None:
        # el is kept; returns after its subtree (not its tail)
        block = el.tag in _BLOCK_ELEMS
        if block:
            parts.append(" ")
        if el.text:
            parts.append(rc(el.text) if block else el.text)
        host_block = block          # where a deleted child's tail goes: the previous kept sibling or el
        for ch in el:
            if not isinstance(ch.tag, str):     # comment / processing instruction: only its tail is text
                if ch.tail:
                    parts.append(ch.tail)
                host_block = False
                continue
            if removed(ch):
                if ch.tail:
                    parts.append(rc(ch.tail) if host_block else ch.tail)
                continue
            visit(ch)
            ch_block = ch.tag in _BLOCK_ELEMS
            if ch_block:
                parts.append(" ")
            if ch.tail:
                parts.append(rc(ch.tail) if ch_block else ch.tail)
            host_block = ch_block

    visit(body)
    return len(" ".join("".join(parts).split()))


def traf_pass(tree: Any, url: Optional[str]) -> tuple[str, Optional[str], bool]:
    """traf_run's main extraction on a fresh tree (pruned in place)."""
    return traf_run(traf_prune(tree), url)


def bare(html: str, url: Optional[str], **kw: Any) -> tuple[str, bool]:
    """(text, found) of trafilatura's public ``bare_extraction``: the fallback when the sequence above fails."""
    import trafilatura
    doc = trafilatura.bare_extraction(html, url=url, **kw)
    return ((getattr(doc, "text", None) or ""), True) if doc is not None else ("", False)


def bare_text(html: str, url: Optional[str], **kw: Any) -> str:
    return bare(html, url, **kw)[0]


# trafilatura.xpaths.AUTHOR_XPATHS / AUTHOR_DISCARD_XPATHS as element tests
_A0_TAGS = {"a", "address", "div", "link", "p", "span", "strong"}
_A1_TAGS = {"a", "div", "h3", "h4", "p", "span"}
_D0_TAGS = {"a", "div", "section", "span"}
_A0_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_A1_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_A1_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_A2_ID = re.compile(r"[Aa]uthor")
_A2_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
_D0_ID = re.compile(r"^comments|comment-?list|ProductReviews")
# a superset of the class / id patterns below (a first test that most elements fail)
_CLASS_ANY = re.compile(r"[Aa]uthor|[Bb]yline|screenname|writer|channel-name|zuozhe|bianji|xiaobian|submitted-by|"
                        r"posted-by|journalist-name|[Cc]omments|commentlist|sidebar|is-hidden|quote|"
                        r"embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer")
_CLASS_EQ = {"username", "byl", "BBL", "title", "date"}
_ID_ANY = re.compile(r"[Aa]uthor|zuozhe|bianji|xiaobian|^comments|comment-?list|ProductReviews")
_D0_CLASS = re.compile(r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                       r"article-(?:share|support)|print|category|meta-date|meta-reviewer")


def traf_author(tree: Any) -> Optional[str]:
    """trafilatura.metadata.extract_author(tree) (2.x) without its deep copy and its XPaths: one walk over
    the elements tests the same attribute patterns (AUTHOR_XPATHS, AUTHOR_DISCARD_XPATHS); a candidate
    inside a discarded element is skipped, and when a candidate would lose a discarded part of its own
    text, trafilatura's function decides."""
    from trafilatura.metadata import extract_author, normalize_authors
    from trafilatura.utils import trim

    if not xpaths_known():
        return extract_author(tree)
    found: tuple[list, list, list] = ([], [], [])
    removed: list = list(tree.iter("time", "figure"))
    rel_me = {r.getparent() for r in tree.iter("rel") if r.text_content() == "me"}
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        get = el.get
        cls, eid, iprop, dcomp = get("class"), get("id"), get("itemprop"), get("data-component")
        # most elements match no pattern: one test each on class and id first
        cls_hit = cls is not None and (cls in _CLASS_EQ or _CLASS_ANY.search(cls) is not None)
        id_hit = eid is not None and _ID_ANY.search(eid) is not None
        if not (cls_hit or id_hit or iprop is not None or dcomp is not None or tag == "author"
                or (tag in _A0_TAGS and (el in rel_me or get("rel") is not None or get("data-testid") is not None))):
            continue
        if tag in _D0_TAGS and (eid == "comments" or cls in ("comments", "title", "date")
                                or (id_hit and _D0_ID.search(eid))
                                or (cls_hit and _D0_CLASS.search(cls))
                                or (dcomp is not None and "Figure" in dcomp)):
            removed.append(el)
        if tag == "author" or (tag in _A0_TAGS and (
                get("rel") == "author" or eid == "author" or cls == "author" or iprop == "author name"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
                or (cls_hit and _A0_CLASS.search(cls)) or el in rel_me)):
            found[0].append(el)
        if tag in _A1_TAGS and (cls in ("byline", "username", "byl", "BBL")
                                or (iprop is not None and "author" in iprop)
                                or (id_hit and _A1_ID.search(eid))
                                or (cls_hit and _A1_CLASS.search(cls))):
            found[1].append(el)
        if ((dcomp is not None and "Byline" in dcomp) or (iprop is not None and "author" in iprop)
                or (id_hit and _A2_ID.search(eid)) or (cls_hit and _A2_CLASS.search(cls))):
            found[2].append(el)
    if not any(found):
        return None
    gone = set(removed)
    holds_gone: set = set()       # ancestors of discarded elements
    for r in removed:
        for a in r.iterancestors():
            if a in holds_gone:
                break
            holds_gone.add(a)
    for results in found:
        for el in results:
            if el in gone or any(a in gone for a in el.iterancestors()):
                continue
            if el in holds_gone:
                return extract_author(tree)
            content = trim(" ".join(el.itertext()))
            if content and 2 < len(content) < 120:
                names = normalize_authors(None, content)
                # unlike trafilatura, a candidate that names no one (a menu's "Username") does not end the search
                if names and any(byline_name(n) for n in names.split(";")):
                    return names
    return None


def traf_meta(tree: Any, url: Optional[str], title: bool, author: bool, site: bool,
              notes: Optional[list[str]] = None) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """trafilatura's (title, author, sitename) as ``bare_extraction(with_metadata=True)`` reads them,
    only the fields asked for (None for the others): its date search, categories, tags and licence,
    which we do not use, are skipped. Follows trafilatura.metadata.extract_metadata (2.x)."""
    if not (title or author or site):
        return None, None, None
    try:
        from trafilatura import metadata as tm
        md = tm.examine_meta(tree)
        if md.author and " " not in md.author:
            md.author = None
        try:
            md = tm.extract_meta_json(tree, md)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            pass     # as extract_metadata does: its JSON-LD reader's failure on odd markup leaves the meta tags' values
        if title and not md.title:
            md.title = tm.extract_title(tree)
        if author and not md.author:
            md.author = traf_author(tree)
        if site:
            if not md.url:
                md.url = tm.extract_url(tree, url)
            if not md.sitename:
                md.sitename = tm.extract_sitename(tree)
            if md.sitename:
                md.sitename = md.sitename.lstrip("@")
                if md.sitename and "." not in md.sitename and not md.sitename[0].isupper():
                    md.sitename = md.sitename.title()
            elif md.url:
                m = tm.META_URL.match(md.url)
                if m:
                    md.sitename = m[1]
        md.clean_and_trim()
    except Exception as err:    # trafilatura's metadata readers changed or failed here: the page's own statements
        if notes is not None:
            notes.append(failure_note("trafilatura's metadata", err, "not used"))
        return None, None, None
    return (md.title if title else None), (md.author if author else None), (md.sitename if site else None)
