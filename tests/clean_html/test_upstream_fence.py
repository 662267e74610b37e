"""The fence around trafilatura's and htmldate's internals (storyline.clean.upstream).

A release that renames, re-signs or re-shapes one of the private names the cleaner uses fails here, before it
can change what the cleaner reads; and when one fails on a page anyway, the article says so and keeps its text.
"""
from __future__ import annotations

import importlib
import inspect
import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import htmldate
from htmldate import core as hd_core
from htmldate import extractors as hd_extractors
from trafilatura import core as tc
from trafilatura import metadata as tm
from trafilatura import settings as ts
from trafilatura import utils as tu
from trafilatura import xml as tx
from trafilatura import xpaths as txp

from storyline.clean import upstream
from storyline.clean.date_patterns import KNOWN
from storyline.clean.html import clean_html
from storyline.model import Page, content_hash

tb = importlib.import_module("trafilatura.baseline")    # the package name `baseline` is the function
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"

SENT = ("The regional council voted on Tuesday to approve the new water budget, which farmers and city "
        "residents have argued about for most of the year, officials said after the meeting.")
ARTICLE = ("<html lang='en'><head><title>Council approves budget | Valley News</title></head><body>"
           "<nav><a href='/'>Home</a></nav><article><h1>Council approves budget</h1>"
           + "".join(f"<p>{SENT} ({i})</p>" for i in range(6)) + "</article></body></html>")
# a short extraction covering little of the page: trafilatura's recall retry and jusText rescue run
ESCALATE = (f"<html><head><title>T</title></head><body><div class='content'><p>{SENT}</p><p>{SENT}</p></div>"
            + "<div class='sidebar'>" + "".join(f"<div><b>{SENT} ({i})</b><br/>{SENT}</div>" for i in range(25))
            + "</div></body></html>")


def _params(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def _bounds(spec: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    lo, hi = re.fullmatch(r">=([\d.]+),<([\d.]+)", spec).groups()
    return tuple(map(int, lo.split("."))), tuple(map(int, hi.split(".")))


def test_installed_releases_are_the_ones_the_fence_was_written_for_and_pyproject_pins_them():
    deps = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    for name, spec in upstream.UPSTREAM_VERSIONS.items():
        assert f"{name}{spec}" in deps, f"pyproject.toml must pin {name}{spec}"
        lo, hi = _bounds(spec)
        installed = tuple(int(x) for x in re.findall(r"\d+", version(name))[:3])
        assert lo <= installed < hi, f"{name} {version(name)} is outside {spec}: re-check clean/upstream.py"


def test_trafilatura_private_signatures():
    assert _params(tc._prepare_tree) == ["tree", "options", "url"]
    assert _params(tc._recall_retry) == ["esc_tree", "r_options", "url"]
    assert _params(tc._forum_thread_page) == ["tree"]
    assert _params(tc.extract_content) == ["cleaned_tree", "options"]
    assert _params(tc.compare_extraction)[:5] == ["cleaned_tree", "raw_tree", "body", "text", "options"]
    assert _params(tc.justext_rescue) == ["tree", "options"]
    assert _params(tc.baseline) == ["filecontent"]
    assert _params(tc.prune_unwanted_nodes)[:2] == ["tree", "nodelist"]
    assert _params(tx.xmltotxt)[:2] == ["xmloutput", "include_formatting"]
    assert _params(tx.delete_element)[:1] == ["element"]
    assert {"output_format", "fast", "recall", "comments", "tables", "dedup", "url"} <= set(_params(ts.Extractor))
    assert _params(tb.html2txt)[:1] == ["content"]
    assert _params(tu.load_html)[:1] == ["htmlobject"]
    for name in ("examine_meta", "extract_title", "extract_author", "extract_sitename"):
        assert _params(getattr(tm, name)) == ["tree"], name
    assert _params(tm.extract_meta_json) == ["tree", "metadata"]
    assert _params(tm.extract_url)[:2] == ["tree", "default_url"]
    assert _params(tm.normalize_authors) == ["current_authors", "author_string"]
    assert _params(tu.trim) == ["string"] and _params(tu.remove_control_characters) == ["string"]


def test_trafilatura_private_constants():
    for name in ("ESCALATION_MAX_LENGTH", "ESCALATION_PAGE_SHARE", "ESCALATION_ACCEPT_RATIO",
                 "ESCALATION_JUSTEXT_RATIO"):
        assert isinstance(getattr(tc, name), (int, float)), name
    assert tc.RAW_TREE_PRUNE_XPATH is txp.RAW_TREE_PRUNE_XPATH
    assert tc.REMOVE_COMMENTS_AND_LISTS_XPATH is txp.REMOVE_COMMENTS_AND_LISTS_XPATH
    assert isinstance(tb._BLOCK_ELEMS, (set, frozenset)) and isinstance(ts._COOKIE_CONSENT_RE, str)
    assert hasattr(ts.BASIC_CLEAN_XPATH, "path") and hasattr(tm.META_URL, "match")
    opts = ts.Extractor(output_format="python", url=None)
    for field in ("min_extracted_size", "min_output_size", "focus", "formatting"):
        assert hasattr(opts, field), field
    # the fingerprinted XPaths still match, so the fast element tests (not trafilatura's own XPaths) run
    assert upstream.xpaths_known()


def test_trafilatura_private_return_shapes_on_a_tiny_page():
    tree = upstream.traf_prune(tu.load_html(ARTICLE))
    opts = ts.Extractor(output_format="python", comments=False, tables=True, dedup=False, url=None)
    prepared = tc._prepare_tree(tree, opts, None)
    assert isinstance(prepared, tuple) and len(prepared) == 2
    extracted = tc.extract_content(prepared[0], opts)
    assert isinstance(extracted, tuple) and len(extracted) == 2 and isinstance(extracted[1], str)
    assert "regional council" in extracted[1]
    assert len(tc.compare_extraction(prepared[1], tree, extracted[0], extracted[1], opts)) == 2
    assert len(tc.baseline(tree)) == 3
    retried = tc._recall_retry(tu.load_html(ESCALATE), opts, None)
    assert isinstance(retried, tuple) and len(retried) == 2 and isinstance(retried[1], str)
    rescued = tc.justext_rescue(tu.load_html(ESCALATE), opts)
    assert isinstance(rescued, tuple) and len(rescued) == 2 and isinstance(rescued[1], str)


def test_htmldate_globals_the_fence_patches():
    assert hasattr(hd_extractors.get_external_parser, "cache_info") or isinstance(
        hd_extractors.get_external_parser(), upstream.PageLanguageDates)
    for name, spelled in KNOWN.items():     # patterns replaced by digit-led ones (or already replaced)
        assert getattr(hd_core, name).pattern == spelled, name
    assert isinstance(hd_core.THREE_COMP_PATTERNS, tuple)
    assert {"original_date", "url", "max_date", "extensive_search"} <= set(_params(htmldate.find_date))
    from dateparser.data.languages_info import language_order
    assert "en" in language_order


def _returns_three_to_us(original):
    """extract_content as a release that adds a third item would give it (trafilatura 2.2 did): its own callers
    adjusted, ours not."""
    def extract_content(cleaned_tree, options):
        body, text = original(cleaned_tree, options)
        caller = sys._getframe(1).f_globals.get("__name__", "")
        return (body, text) if caller.startswith("trafilatura") else (body, text, len(text))
    return extract_content


def test_a_changed_return_shape_is_a_note_and_the_public_extraction_not_an_empty_page(monkeypatch):
    monkeypatch.setattr(tc, "extract_content", _returns_three_to_us(tc.extract_content))
    art = clean_html(Page(source="a.html", kind="html", content=ARTICLE, content_hash=content_hash(ARTICLE)))
    assert "regional council" in art.text
    assert any(n.startswith("trafilatura's extraction sequence failed (ValueError") and "bare_extraction" in n
               for n in art.notes), art.notes


def test_a_failed_recall_retry_result_is_not_swallowed(monkeypatch):
    original = tc._recall_retry
    monkeypatch.setattr(tc, "_recall_retry", lambda *a: (*original(*a), None))
    art = clean_html(Page(source="e.html", kind="html", content=ESCALATE, content_hash=content_hash(ESCALATE)))
    assert art.text
    assert any("ValueError" in n for n in art.notes), art.notes


def test_a_clean_page_carries_no_note_and_the_understand_stage_keeps_a_note():
    import dataclasses

    from storyline.understand import annotate
    art = clean_html(Page(source="a.html", kind="html", content=ARTICLE, content_hash=content_hash(ARTICLE)))
    assert art.notes == ()
    noted = Page(source="n.html", kind="html", content=ARTICLE, content_hash=content_hash(ARTICLE))
    an = annotate(dataclasses.replace(clean_html(noted), notes=("trafilatura.baseline failed (X): not used",)))
    assert an.notes[0] == "trafilatura.baseline failed (X): not used"

