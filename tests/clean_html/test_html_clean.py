"""clean_html on small pages written by hand: dates, traps, titles, robustness."""
from __future__ import annotations

import json

import pytest

from storyline.clean.html import clean_html, clean_title, parse_date, pick_title, url_date
from storyline.model import Page, content_hash

BODY = " ".join(
    f"Paragraph {i} of the report explains how the regional council voted on the new water budget, "
    f"which farmers and city residents have argued about for most of the year." for i in range(1, 4))


def page(html: str, url: str | None = None, captured: str | None = None) -> Page:
    return Page(source="test.html", kind="html", content=html, content_hash=content_hash(html), url=url,
                captured=captured)


def doc(head: str = "", body: str = "", lang: str = "en") -> str:
    paras = "".join(f"<p>{p}.</p>" for p in BODY.split(". ") if p)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>{head}</head><body>"
            f"{body}<article><h1>Council approves the water budget after a long dispute</h1>{paras}</article>"
            f"</body></html>")


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# ------------------------------------------------------------------ dates
def test_html_jsonld_date_is_published():
    html = doc(ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves",
                   "datePublished": "2019-05-17T10:00:00-04:00", "dateModified": "2019-06-01T08:00:00-04:00"}))
    art = clean_html(page(html))
    assert art.published == "2019-05-17"
    assert art.published_evidence == "JSON-LD datePublished"
    assert art.updated == "2019-06-01"


def test_html_jsonld_in_graph_and_embedded_video_ignored():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "VideoObject", "name": "clip", "uploadDate": "2015-01-16"},
        {"@type": "Article", "headline": "Council approves", "datePublished": "2020-02-03"}]}
    art = clean_html(page(doc(ld(graph))))
    assert art.published == "2020-02-03"


def test_html_meta_published_time_beats_modified():
    head = ('<meta property="article:modified_time" content="2021-03-09T12:00:00+01:00">'
            '<meta property="article:published_time" content="2021-03-01T09:30:00+01:00">')
    art = clean_html(page(doc(head)))
    assert (art.published, art.updated) == ("2021-03-01", "2021-03-09")
    assert art.published_evidence == "meta article:published_time"


def test_html_url_day_wins_over_utc_stamp_one_day_off():
    head = '<meta property="article:published_time" content="2023-11-09T03:28:35Z">'
    art = clean_html(page(doc(head), url="https://news.example.com/2023/11/08/council-budget/"))
    assert art.published == "2023-11-08"
    assert art.published_evidence == "URL path"


def test_html_stamp_with_local_offset_is_kept_over_url():
    head = '<meta property="article:published_time" content="2022-05-08T06:00:00-05:00">'
    art = clean_html(page(doc(head), url="https://example.org/news/2022/05/02/budget/"))
    assert art.published == "2022-05-08"


def test_html_page_clock_is_not_the_publication_date():
    clock = ('<header class="site-header"><div class="logo">The Daily Example</div>'
             '<div class="today">Monday, March 2, 2020</div><nav><a href="/">Home</a></nav></header>')
    art = clean_html(page(doc(body=clock)))
    assert art.published != "2020-03-02"


def test_html_capture_day_is_not_the_publication_date():
    clock = '<div class="top">Friday, June 5, 2020</div>'
    art = clean_html(page(doc(body=clock), captured="2020-06-05T10:11:12Z"))
    assert art.published is None


def test_html_copyright_year_is_not_a_date():
    footer = "<footer><p>© 2019 Example Media Group. All rights reserved.</p></footer>"
    html = doc().replace("</body>", footer + "</body>")
    art = clean_html(page(html))
    assert art.published is None


def test_html_last_updated_stamp_goes_to_updated():
    stamp = "<p class='meta'>Last updated: April 14, 2021</p>"
    html = doc().replace("<article>", "<article>" + stamp)
    art = clean_html(page(html))
    assert art.published is None
    assert art.updated == "2021-04-14"


def test_html_visible_date_in_article_is_found():
    line = "<p class='byline'>Published on April 14, 2021</p>"
    art = clean_html(page(doc().replace("<article>", "<article>" + line)))
    assert art.published == "2021-04-14"


def test_html_parse_date_forms():
    assert parse_date("2019-05-17T23:59:00Z") == "2019-05-17"
    assert parse_date("May 5, 2019") == "2019-05-05"
    assert parse_date("5 May 2019") == "2019-05-05"
    assert parse_date("20190505") == "2019-05-05"
    assert parse_date("2019") is None
    assert parse_date("2019-02-30") is None
    assert parse_date("2999-01-01") is None
    assert url_date("https://x.org/2020/1/31/a") == "2020-01-31"
    assert url_date("https://x.org/item/2020") is None


# ------------------------------------------------------------------ titles, outlet, byline
def test_html_title_site_suffix_dropped():
    assert clean_title("Council approves the water budget | The Daily Example", "The Daily Example", None) == \
        "Council approves the water budget"
    assert clean_title("Daily Example - Council approves the water budget", None, "dailyexample.co.uk") == \
        "Council approves the water budget"
    # a dash inside a headline is kept when no site name matches
    assert clean_title("Rain - and more rain - expected this week", "Other Paper", "other.com") == \
        "Rain - and more rain - expected this week"


def test_html_title_prefers_displayed_h1_confirmed_by_title_tag():
    t = pick_title("Social title for sharing", None, None,
                   "Council approves the water budget after a long dispute - Daily Example",
                   ["Council approves the water budget after a long dispute"], None, "Daily Example", None)
    assert t == "Council approves the water budget after a long dispute"


def test_html_heading_words_split_by_br_stay_apart_and_a_kicker_is_not_the_headline():
    head = ('<title>Open Progress - Why shared thinking beats lone smarts | Open Future | The Example</title>'
            '<meta property="og:title" content="Why shared thinking beats lone smarts">')
    body = ('<article><h1><span class="kicker">Open Progress</span><br><span>Why shared thinking beats lone '
            'smarts</span></h1>' + "".join(f"<p>{p}.</p>" for p in BODY.split(". ") if p) + "</article>")
    html = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"
    assert clean_html(page(html)).title == "Why shared thinking beats lone smarts"
    # the heading itself reads with a space at the <br>, never "ProgressWhy"
    from lxml import html as lh

    from storyline.clean.html import shown_text
    h1 = lh.fromstring(html).find(".//h1")
    assert " ".join(shown_text(h1).split()) == "Open Progress Why shared thinking beats lone smarts"
    assert "ProgressWhy" in h1.text_content()     # what text_content() alone would have given


def test_html_declared_title_cut_at_an_unescaped_quote_is_mended_from_the_title_tag():
    # content="... de "incapacitado"" : the attribute ends at the inner quote
    head = ('<title>Senator calls the minister "unfit"</title>'
            '<meta property="og:title" content="Senator calls the minister "unfit"" />')
    html = (f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article>"
            + "".join(f"<p>{p}.</p>" for p in BODY.split(". ") if p) + "</article></body></html>")
    assert clean_html(page(html)).title == 'Senator calls the minister "unfit"'
    # an og:title the tag merely extends with a site name stays as declared
    assert pick_title("Senator calls the minister unfit", None, None,
                      "Senator calls the minister unfit - The Example", [], None, None, None) == \
        "Senator calls the minister unfit"


def test_html_page_title_outlet_byline():
    head = ('<title>Council approves the water budget after a long dispute | The Daily Example</title>'
            '<meta property="og:site_name" content="The Daily Example">'
            + ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "By Jane Roe"}],
                  "datePublished": "2018-10-01"}))
    art = clean_html(page(doc(head)))
    assert art.title == "Council approves the water budget after a long dispute"
    assert art.outlet == "The Daily Example"
    assert art.byline == "Jane Roe"
    assert art.language == "en"


@pytest.mark.parametrize("names, site, host, expected", [
    (["View all posts by Jane Roe"], None, None, "Jane Roe"),
    (["Posted by Jane Roe"], None, None, "Jane Roe"),
    (["Author: Jane Roe"], None, None, "Jane Roe"),
    (["责任编辑：王小明"], None, None, "王小明"),
    (["Von Jane Roe"], None, None, "Jane Roe"),
    (["Publié par Jeanne Roe"], None, None, "Jeanne Roe"),
    (["Publié par Unknown"], None, None, None),
    (["Ludwig von Mises"], None, None, "Ludwig von Mises"),           # a particle inside a name stays
    (["Redacci&oacute;n Diario Siete"], None, None, "Redacción Diario Siete"),
    (["Jane Roe ValleyVoice Staff"], "ValleyVoice", "valleyvoice.com", "Jane Roe"),
    (["Sam Poe Games Editor"], None, None, "Sam Poe"),
    (["Our Foreign Staff"], None, None, "Our Foreign Staff"),          # a desk credit is kept whole
    (["No Author"], None, None, None),
    (["Follow"], None, None, None),
    (["Art Poe says"], None, None, None),                             # a comment's author line
    (["AFP", "The Valley Times"], "The Valley Times", None, "AFP, The Valley Times"),
    (["Jane Roe", "jane roe"], None, None, "Jane Roe"),
    (["By Jane Roe and Sam Poe"], None, None, "Jane Roe, Sam Poe"),
    (["JANE ROE AND AP"], None, None, "JANE ROE, AP"),
    # what follows the name on a credit line: a separator, a date, a time, a reading time
    (["By Ann Lee Feb 8, 2020 5 min read"], None, None, "Ann Lee"),
    (["By Jane Roe | Updated March 3, 2019"], None, None, "Jane Roe"),
    (["par Jeanne Roe , 21 juin 2018"], None, None, "Jeanne Roe"),
    (["Von R. R. am 07.08.2013 um 09:07 Uhr"], None, None, "R. R."),
    (["By J.R. Poe Thursday, November 9, 2023 7:35AM"], None, None, "J.R. Poe"),
    (["By Sam Poe - January 10, 2020 21 minutes"], None, None, "Sam Poe"),
    (["Theresa May", "Jean-Paul Roe"], None, None, "Theresa May, Jean-Paul Roe"),   # a month or hyphen inside a name
    (["March 3, 2019"], None, None, None),                            # a date alone names no one
])
def test_html_byline_labels_titles_and_non_names_undone(names, site, host, expected):
    from storyline.clean.byline import clean_byline
    from storyline.clean.html import _site_tokens, host_name
    assert clean_byline(names, _site_tokens(site, host, host_name(host))) == expected


def test_html_author_search_goes_past_a_menu_field_that_names_no_one():
    nav = '<div id="nav-user"><span class="username">Username</span></div>'
    body = ('<article><h1>Council approves the water budget after a long dispute</h1>'
            '<div class="sig-line"><span class="pb-byline">By <a href="/people/jane-roe">Jane Roe</a></span></div>'
            + "".join(f"<p>{p}.</p>" for p in BODY.split(". ") if p) + "</article>")
    html = f"<!DOCTYPE html><html lang='en'><head><title>Water budget</title></head><body>{nav}{body}</body></html>"
    assert clean_html(page(html)).byline == "Jane Roe"


def _credit_page(credit: str, before: str = "", after: str = "") -> Page:
    paras = "".join(f"<p>{p}.</p>" for p in BODY.split(". ") if p)
    return page(f"<!DOCTYPE html><html lang='en'><head><title>Water budget</title></head><body>{before}"
                f"<article><h1>Council approves the water budget after a long dispute</h1>{credit}{paras}{after}"
                f"</article></body></html>")


@pytest.mark.parametrize("credit, expected", [
    ('<div class="meta"><span>By</span><span><a href="/p/1">J.R. Poe</a></span> Thursday, May 9, 2023</div>',
     "J.R. Poe"),
    ('<div class="dates">par <span class="names">Jeanne Roe</span>, 21 juin 2018</div>', "Jeanne Roe"),
    ("<p><em>By Jane Roe and Sam Poe</em></p>", "Jane Roe, Sam Poe"),
    ('<p>By clicking "Submit" you agree to our terms.</p>', None),       # a sentence, not a name
    ("<p>By Topic</p>", None),                                           # one word: a menu, not a name
])
def test_html_visible_credit_line_when_the_markup_names_no_one(credit, expected):
    assert clean_html(_credit_page(credit)).byline == expected


def test_html_credit_line_in_a_menu_or_after_the_body_is_not_the_article_s():
    assert clean_html(_credit_page("", before="<nav><p>By Jane Roe</p></nav>")).byline is None
    long_body = "".join(f"<p>{BODY}</p>" for _ in range(6))
    comment = '<div class="comment"><p>Posted by Sam Poe</p></div>'
    assert clean_html(_credit_page("", after=long_body + comment)).byline is None
    stated = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Lee"}})
    html = _credit_page("<p>By Jane Roe</p>").content.replace("<head>", "<head>" + stated)
    assert clean_html(page(html)).byline == "Ann Lee"                   # what the markup states comes first


def test_html_byline_entity_in_declared_author_is_decoded():
    head = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Lindsey O&#039;Donnell"}})
    assert clean_html(page(doc(head))).byline == "Lindsey O'Donnell"


# ------------------------------------------------------------------ text and robustness
def test_html_text_paragraphs_joined_by_blank_line():
    art = clean_html(page(doc()))
    paras = art.text.split("\n\n")
    assert len(paras) >= 3
    assert all(p.strip() == p and p for p in paras)
    assert "regional council voted" in art.text
    assert art.id == content_hash(doc())[:16]


def test_html_empty_page_gives_empty_article():
    for html in ("", "   ", "<html></html>", "<html><body></body></html>"):
        art = clean_html(page(html))
        assert art.text == ""
        assert art.published is None


def test_html_garbage_does_not_crash():
    for html in ("<<<>>>&&&;;<p", "\x00\x01\x02 binary", "<div>" * 5000, "<html><body><p>short</p>"):
        art = clean_html(page(html))
        assert isinstance(art.text, str)


def test_html_huge_page_does_not_crash():
    filler = "<script>var x = '" + "a" * 7_000_000 + "';</script>"
    art = clean_html(page(doc(body=filler)))
    assert "regional council voted" in art.text


def test_html_wrong_kind_is_refused():
    with pytest.raises(ValueError, match="html"):
        clean_html(Page(source="a.txt", kind="text", content="hello", content_hash=content_hash("hello")))


def test_html_calls_to_action_and_cross_links_dropped():
    extra = ("<p>Read more: Ten other budgets that went wrong</p>"
             "<p>Sign up for our free daily newsletter to get the latest news!</p>"
             "<p>Farmers said they would sign up for the new irrigation scheme once the rules are published.</p>")
    art = clean_html(page(doc().replace("</article>", extra + "</article>")))
    assert "Read more" not in art.text
    assert "newsletter" not in art.text
    assert "irrigation scheme" in art.text


def _page(html: str) -> Page:
    return Page(source="p.html", kind="html", content=html, content_hash=content_hash(html))


def test_html_menu_word_alone_is_no_article():
    assert clean_html(_page('<html><body><nav><a href="/">Home</a></nav></body></html>')).text == ""


def test_html_nested_past_the_parser_limit_still_gives_its_paragraphs():
    para = "The harbour authority approved the new quay after a long public consultation."
    html = "<html><body>" + "<div>" * 400 + f"<p>{para}</p>" + "</div>" * 400 + "</body></html>"
    assert clean_html(_page(html)).text == para


@pytest.mark.parametrize("site, host, expected", [
    ("Aktuálně.cz - Víte, co se právě děje", "zpravy.aktualne.cz", "Aktuálně.cz"),   # accents aside
    ("Valley Voice | News for the valley", "www.valley-voice.com", "Valley Voice"),
    ("LN - Lübecker Nachrichten", "www.ln-online.de", "LN - Lübecker Nachrichten"),  # no part spells the host
    ("The Daily Example", "dailyexample.com", "The Daily Example"),
    ("Valley Voice - News", None, "Valley Voice - News"),
])
def test_html_site_name_loses_its_tagline_when_the_host_names_the_site(site, host, expected):
    from storyline.clean.html import site_name_part
    assert site_name_part(site, host) == expected


def test_html_outlet_from_declared_site_name_without_tagline():
    head = '<meta property="og:site_name" content="Valley Voice | News for the whole valley">'
    art = clean_html(page(doc(head), url="https://www.valleyvoice.com/2020/05/01/budget"))
    assert art.outlet == "Valley Voice"


def test_html_dateline_from_the_story_first_paragraph_past_the_headline():
    html = ("<html><head><title>Talks</title></head><body><article><h1>Leaders meet for talks on the border "
            "dispute</h1><p>WASHINGTON (Reuters) - The leaders of the two countries met on Tuesday for talks on "
            "the border dispute that has soured relations for a decade.</p><p>Officials said the talks would "
            "continue on Wednesday, with a joint statement expected later in the week.</p></article></body></html>")
    assert clean_html(page(html)).dateline == "WASHINGTON"
    assert clean_html(page(doc())).dateline is None
