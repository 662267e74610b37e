"""clean_html reads trafilatura's results from one cleaning of the page (traf_pass, traf_meta): they must
stay what trafilatura's public calls give (a trafilatura upgrade that moves its steps fails here)."""
from __future__ import annotations

import json

import pytest

trafilatura = pytest.importorskip("trafilatura")
from trafilatura.metadata import extract_metadata  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from storyline.clean.upstream import TRAF_ARGS, traf_meta, traf_pass, traf_prune, traf_run  # noqa: E402

SENT = ("The regional council voted on Tuesday to approve the new water budget, which farmers and city "
        "residents have argued about for most of the year, officials said after the meeting.")


def paras(n: int, word: str = "budget") -> str:
    return "".join(f"<p>{SENT.replace('budget', f'{word} {i}')}</p>" for i in range(n))


NAV = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12)) + "</ul></nav>"
COMMENTS = ("<div id='comments' class='comments'><h3>Comments</h3>"
            + "".join(f"<div class='comment'><p>Reader {i} says: I do not agree with this at all, "
                      f"the council should have asked us first.</p></div>" for i in range(4)) + "</div>")
TEASERS = ("<aside class='related'><h2>Related</h2>"
           + "".join(f"<div class='teaser'><a href='/t{i}'>Another story number {i} about the valley</a>"
                     f"<p>{SENT}</p></div>" for i in range(6)) + "</aside>")

PAGES = {
    "article": (f"<html lang='en'><head><title>Council approves budget | Valley News</title>"
                f"<meta name='author' content='Jane Roe'></head><body>{NAV}<article><h1>Council approves budget"
                f"</h1><p class='byline'>By Jane Roe</p>{paras(8)}</article>{COMMENTS}<footer>© 2020 Valley News"
                f"</footer></body></html>"),
    "short": (f"<html><head><title>Notice</title></head><body>{NAV}<div class='main'><p>Offices close on Friday."
              f"</p></div><div>{paras(6, 'plan')}</div>{TEASERS}</body></html>"),
    "divs": ("<html><head><title>Divs only - example.org</title></head><body>" + NAV
             + "".join(f"<div>{SENT} ({i})</div>" for i in range(10)) + "</body></html>"),
    "forum": ("<html><head><title>Thread</title>"
              + '<script type="application/ld+json">'
                f'{json.dumps({"@type": "DiscussionForumPosting", "headline": "Water"})}'
              + f"</script></head><body><main>{paras(3)}</main>{COMMENTS}</body></html>"),
    "teasers": (f"<html><head><title>Front</title><meta property='og:site_name' content='Valley'></head><body>"
                f"{NAV}<main><h1>Budget</h1>{paras(2)}</main>{TEASERS}{TEASERS}</body></html>"),
    # readability's page region replaces a short direct extraction
    "region": (f"<html><head><title>T</title></head><body>{NAV}<article><h1>Budget</h1>{paras(2)}</article>"
               + "".join(f"<section><div><span>{SENT} ({i})</span></div></section>" for i in range(25))
               + "</body></html>"),
    # a short extraction covering little of the page: the recall retry and jusText run
    "escalate": (f"<html><head><title>T</title></head><body><div class='content'><p>{SENT}</p><p>{SENT}</p></div>"
                 + "<div class='sidebar'>" + "".join(f"<div><b>{SENT} ({i})</b><br/>{SENT}</div>" for i in range(25))
                 + "</div></body></html>"),
    "empty": "<html><head><title>Home</title></head><body><div><a href='/'>Home</a></div></body></html>",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_html_one_pass_text_is_trafilaturas(name):
    html = PAGES[name]
    text, direct, found = traf_pass(load_html(html), "https://example.org/a")
    doc = trafilatura.bare_extraction(html, url="https://example.org/a", **TRAF_ARGS)
    assert found == (doc is not None)
    assert text == ((doc.text or "") if doc is not None else "")
    if direct is None:      # the comparison kept the direct extraction
        assert found


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("mode", ["fast", "recall"])
def test_html_reruns_from_the_pruned_tree_are_trafilaturas(name, mode):
    html = PAGES[name]
    tree = traf_prune(load_html(html))
    traf_run(tree, "https://example.org/a")          # the main run leaves the pruned tree as it was
    text, _, found = traf_run(tree, "https://example.org/a", **{mode: True})
    doc = trafilatura.bare_extraction(html, url="https://example.org/a", include_comments=False,
                                      fast=mode == "fast", favor_recall=mode == "recall")
    assert found == (doc is not None)
    assert text == ((doc.text or "") if doc is not None else "")
    if mode == "fast":      # the fast run starts from the direct text and can only grow it
        _, direct, _ = traf_run(traf_prune(load_html(html)), "https://example.org/a")
        assert direct is None or len(direct) < 250 or len(text) >= len(direct)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_html_one_pass_metadata_is_trafilaturas(name):
    html = PAGES[name]
    for url in ("https://www.example.org/a", None):
        md = extract_metadata(load_html(html), url)
        assert traf_meta(load_html(html), url, True, True, True) == (md.title, md.author, md.sitename)
        assert traf_meta(load_html(html), url, False, True, False) == (None, md.author, None)


AUTHOR_PAGES = [
    "<html><body><div class='byline'>By <a rel='author' href='/jr'>Jane Roe</a></div><p>Text.</p></body></html>",
    "<html><body><div id='comments'><span class='author'>Reader One</span></div>"
    "<p class='article-author'>Sam Poe</p></body></html>",
    "<html><body><span class='byline'>Sam Poe <time>May 5, 2020</time> in Valley</span></body></html>",
    "<html><body><div class='sidebar'><div class='authorName'>Not Him</div></div>"
    "<h4 class='writer-box'>Ann Lee</h4></body></html>",
    "<html><body><div data-component='Byline'>Max Muster</div><figure><span class='author'>Photo Guy</span>"
    "</figure></body></html>",
    "<html><body><p>No byline here at all.</p></body></html>",
]


@pytest.mark.parametrize("i", range(len(AUTHOR_PAGES)))
def test_html_author_walk_is_trafilaturas(i):
    from trafilatura.metadata import extract_author

    from storyline.clean.upstream import traf_author
    html = AUTHOR_PAGES[i]
    assert traf_author(load_html(html)) == extract_author(load_html(html))


PRUNE_PAGES = [
    # infinite scroll with follow-up articles (no h1: pruned; holding the h1: kept unless mvp-post-add)
    f"<html><body><div class='infinite-scroll'><h1>Main</h1>{paras(2)}<section id='infinitescroll-2'>"
    f"{paras(2, 'next')}<div class='elementor-share-buttons'>Share</div></section></div>"
    f"<aside class='mvp-post-add-box'><h1>Other</h1>{paras(1)}</aside>tail text</body></html>",
    # comment containers: div/section by id or class, ol/ul only with a comment id/class, not 'commentary'
    f"<html><body><article>{paras(3)}<div class='commentary'>{paras(1, 'view')}</div></article>"
    f"<section id='comments'><ol class='commentlist'><li>Nice</li></ol><ul id='disqus_thread'><li>x</li></ul>"
    f"</section><ul id='dsq-comments'><li>Hi</li></ul><ol class='post-comments'><li>Yo</li></ol>"
    f"<details class='Comments-box'><p>Old</p></details><div id='comol'>c</div>after</body></html>",
]


@pytest.mark.parametrize("i", range(len(PRUNE_PAGES)))
@pytest.mark.parametrize("comments", [True, False])
def test_html_prune_walk_is_trafilaturas(i, comments):
    from lxml.html import tostring
    from trafilatura import core as tc

    from storyline.clean.upstream import fast_prune, xpaths_known
    assert xpaths_known()      # a trafilatura release that changes these XPaths makes clean_html use its own
    expected = tc.prune_unwanted_nodes(load_html(PRUNE_PAGES[i]), tc.RAW_TREE_PRUNE_XPATH)
    if comments:
        expected = tc.prune_unwanted_nodes(expected, tc.REMOVE_COMMENTS_AND_LISTS_XPATH)
    assert tostring(fast_prune(load_html(PRUNE_PAGES[i]), comments)) == tostring(expected)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_html_page_text_length_is_html2txts(name):
    from trafilatura.baseline import html2txt

    from storyline.clean.upstream import page_text_len
    html = PAGES[name].replace("<body>", "<body><!-- c -->x<aside>a</aside>y<div id='x' class='site-footer'>f</div>"
                                         "<div class='footer-note' id='main'>g</div>z<p>p\x07q</p>"
                                         "<span class='onetrust-banner'>c</span>w", 1)
    for tree in (load_html(html), traf_prune(load_html(html))):
        assert page_text_len(tree) == len(html2txt(tree))
