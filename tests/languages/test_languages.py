"""Articles in other languages: cleaned and stored with their language, never run through the English rules.

The pages under pages/ are short news texts written for these tests (German, French, Chinese, Korean): bare
text, scraped text with its page furniture, and HTML pages.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean import clean
from storyline.clean.text import classify_lines
from storyline.model import Annotated, Article, Page, content_hash
from storyline.run.stages import process, process_batch

PAGES = Path(__file__).resolve().parent / "pages"


def page(name: str, url: str | None = None) -> Page:
    content = (PAGES / name).read_text(encoding="utf-8")
    kind = "html" if name.endswith(".html") else "text"
    return Page(source=str(PAGES / name), kind=kind, content=content, content_hash=content_hash(content), url=url)


def body_of(name: str) -> list[str]:
    """The paragraphs a reader would call the article: the lines that end a sentence (headlines, menus, stamps and
    links do not)."""
    return [line for line in (PAGES / name).read_text(encoding="utf-8").splitlines()
            if line.endswith((".", "。"))]


# ------------------------------------------------------------------ identification
def test_language_identifies_the_language_of_news_text() -> None:
    from storyline.clean.language import detect_language
    assert detect_language(" ".join(body_of("de_short.txt"))) == "de"
    assert detect_language(" ".join(body_of("fr_short.txt"))) == "fr"
    assert detect_language("The council approved the new tram line on Tuesday after a long debate, "
                           "the mayor said.") == "en"
    assert detect_language(" ".join(body_of("zh_scraped.txt"))) == "zh"


def test_language_too_little_text_is_unknown() -> None:
    from storyline.clean.language import detect_language, language_of
    assert language_of("Berlin") == (None, 0.0)
    assert detect_language("") is None and detect_language(None) is None


def test_language_function_words_are_the_language_s_own() -> None:
    from storyline.clean.language import function_words
    de, fr = function_words("de"), function_words("fr")
    assert {"und", "der", "nicht", "sich"} <= de and {"les", "une", "dans", "pour"} <= fr
    assert function_words("en") == function_words(None) and "und" not in function_words("en")
    assert function_words("sw") is None and function_words("xx") is None     # no list: not counted, no crash


# ------------------------------------------------------------------ scraped text
@pytest.mark.parametrize("name, language, title", [
    ("de_short.txt", "de", "Stadtrat beschließt neue Straßenbahnlinie"),
    ("fr_short.txt", "fr", "Le Parlement adopte la réforme des retraites agricoles"),
])
def test_text_short_news_in_german_and_french_is_kept(name: str, language: str, title: str) -> None:
    art = clean(page(name))
    assert art.language == language
    assert art.title == title
    assert art.text.split("\n\n") == body_of(name)


@pytest.mark.parametrize("name, language, title, byline, published, outlet", [
    ("de_scraped.txt", "de", "Landtag streitet über Schulden für neue Brücken", "Jonas Weber", "2024-03-14",
     "Rheinpfalz-Bote"),
    ("fr_scraped.txt", "fr", "Grève dans les transports : la circulation reste perturbée à Lyon", "Julie Moreau",
     "2024-03-12", "Le Courrier du Rhône"),
])
def test_text_scraped_page_in_german_and_french_loses_its_furniture(name, language, title, byline, published,
                                                                     outlet) -> None:
    art = clean(page(name))
    assert art.language == language and art.title == title and art.byline == byline
    assert art.text.split("\n\n") == body_of(name)
    assert art.published == published and art.outlet == outlet


@pytest.mark.parametrize("name, language", [("zh_scraped.txt", "zh"), ("ko_scraped.txt", "ko")])
def test_text_scraped_page_without_word_spaces_or_function_words_is_kept(name: str, language: str) -> None:
    art = clean(page(name))
    assert art.language == language and art.published == "2024-03-12"
    assert art.text.split("\n\n") == body_of(name)
    assert art.title and art.title in (PAGES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("line, kind, day", [
    ("14. März 2024, 18:32 Uhr", "date", "2024-03-14"),
    ("Publié le 12 mars 2024 à 07h15", "published", "2024-03-12"),
    ("Mis à jour le 13 mars 2024 à 10h02", "updated", "2024-03-13"),
    ("Aktualisiert am 15. März 2024", "updated", "2024-03-15"),
    ("Publicado el 3 de mayo de 2021", "published", "2021-05-03"),
    ("1er janvier 2019", "date", "2019-01-01"),
    ("2024年3月12日 08:30", "date", "2024-03-12"),
    ("입력 2024년 3월 12일 09:15", "date", "2024-03-12"),
])
def test_text_date_lines_in_other_languages(line: str, kind: str, day: str) -> None:
    from storyline.clean.dates import date_line_kind, find_dates
    assert date_line_kind(line, 5) == kind
    assert [h.iso for h in find_dates(line)] == [day]


def test_text_month_name_without_a_year_is_no_date_in_other_languages() -> None:
    from storyline.clean.dates import find_dates
    assert find_dates("Le 12 mars, les députés ont voté.") == [] and find_dates("am 3. Mai") == []


def test_text_scraped_page_in_a_language_without_a_function_word_list_is_kept() -> None:
    # spaCy has no stop words for Swahili: its lines are measured by length and punctuation, not English words
    art = clean(page("sw_scraped.txt"))
    assert art.language == "sw" and art.title == "Serikali kutenga fedha kwa barabara za magharibi"
    assert art.text.split("\n\n") == body_of("sw_scraped.txt")


def test_text_line_classifier_reads_french_lines_as_running_text() -> None:
    content = (PAGES / "fr_short.txt").read_text(encoding="utf-8")
    c = classify_lines(content)
    assert c.language == "fr"
    labels = dict(zip((li.text for li in c.lines), c.labels))
    assert all(labels[p] == "body" for p in body_of("fr_short.txt"))
    # told what the language is, the classifier does not identify it again
    assert classify_lines(content, language="fr").labels == c.labels


@pytest.mark.parametrize("name, byline, credit", [("fr_page.html", "Antoine Leroy", "Par Antoine Leroy"),
                                                  ("de_page.html", "Lena Hoffmann", "Von Lena Hoffmann")])
def test_html_page_in_german_and_french_keeps_its_paragraphs_not_its_credit_line(name, byline, credit) -> None:
    import re
    art = clean(page(name))
    assert art.byline == byline and credit not in art.text
    article = (PAGES / name).read_text(encoding="utf-8").split("<article>")[1].split("</article>")[0]
    paragraphs = re.findall(r"<p>(.*?)</p>", article)
    assert len(paragraphs) == 4 and all(p in art.text for p in paragraphs)


# ------------------------------------------------------------------ understanding only where understood
@pytest.mark.parametrize("name, language", [
    ("de_page.html", "de"), ("fr_page.html", "fr"), ("de_scraped.txt", "de"), ("fr_short.txt", "fr"),
])
def test_understand_other_languages_are_not_analysed(name: str, language: str) -> None:
    res = process(page(name))
    assert isinstance(res, Annotated), res
    assert res.article.language == language
    assert res.notes == (f"not analysed: language {language}",)
    assert res.quotes == () and res.events == () and res.mentions == () and res.actors == ()


def test_understand_english_is_still_analysed(article_a: str) -> None:
    res = process(Page(source="a.txt", kind="text", content=article_a, content_hash=content_hash(article_a)))
    assert isinstance(res, Annotated) and res.article.language == "en"
    assert not any(n.startswith("not analysed") for n in res.notes)
    assert any(q.text.startswith("This deal opens a new route") for q in res.quotes)


def test_understand_batch_keeps_its_order_around_unanalysed_articles(article_a: str) -> None:
    en = Page(source="a.txt", kind="text", content=article_a, content_hash=content_hash(article_a))
    out = process_batch([page("fr_page.html"), en, page("de_short.txt"), en])
    assert [r.article.language for r in out] == ["fr", "en", "de", "en"]
    assert [bool(r.quotes) for r in out] == [False, True, False, True]
    assert out[0].notes == ("not analysed: language fr",)


def test_understand_unknown_language_is_analysed_as_english() -> None:
    from storyline.understand import annotate
    art = Article(id="x", source="x", content_hash="x", language=None,
                  text='"We will not sign this," Prime Minister Ana Costa said on Tuesday.')
    res = annotate(art)
    assert not res.notes or not res.notes[0].startswith("not analysed")
    assert res.quotes


# ------------------------------------------------------------------ store, export, web page
def test_languages_store_export_and_page_say_not_analysed(tmp_path: Path, article_a: str) -> None:
    from fastapi.testclient import TestClient

    from storyline.run.ingest import ingest
    from storyline.store import Store
    from storyline.store.export import write_export
    from storyline.web.app import create_app

    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("de_page.html", "fr_page.html", "fr_short.txt"):
        (pages / name).write_bytes((PAGES / name).read_bytes())
    (pages / "en.txt").write_text(article_a, encoding="utf-8")
    db = tmp_path / "l.duckdb"
    report = ingest([str(pages)], db, engine="inline")
    assert report.new == 4 and not report.refused, report

    out = tmp_path / "articles.jsonl"
    with Store(db, read_only=True) as store:
        write_export(store, "articles", "jsonl", None, str(out))
        write_export(store, "quotes", "jsonl", None, str(tmp_path / "quotes.jsonl"))
    arts = {Path(r["source"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert {n: a["language"] for n, a in arts.items()} == {
        "de_page.html": "de", "fr_page.html": "fr", "fr_short.txt": "fr", "en.txt": "en"}
    assert arts["fr_page.html"]["notes"] == ["not analysed: language fr"]
    assert not any(n.startswith("not analysed") for n in arts["en.txt"]["notes"] or [])
    quoted = {json.loads(line)["article_id"] for line in (tmp_path / "quotes.jsonl").read_text().splitlines()}
    assert quoted == {arts["en.txt"]["id"]}

    with TestClient(create_app(str(db))) as client:
        fr = client.get(f"/article/{arts['fr_page.html']['id']}")
        assert fr.status_code == 200 and "not analysed: language fr" in fr.text
        en = client.get(f"/article/{arts['en.txt']['id']}")
        assert en.status_code == 200 and "not analysed" not in en.text
        api = client.get(f"/api/articles/{arts['de_page.html']['id']}").json()
        assert api["language"] == "de" and api["notes"] == ["not analysed: language de"]


def test_a_text_longer_than_the_model_takes_is_kept_and_says_why_it_is_not_analysed() -> None:
    """A one-line page of several MB was refused with spaCy's E088 (issue 27, item 6): it is stored, not analysed,
    and says so."""
    import dataclasses

    from storyline.understand import annotate
    sentence = "The council of Northfield approved the budget for the new bridge on Tuesday, officials said. "
    base = clean(Page(source="long.txt", kind="text", content="Bridge budget approved\n\n" + sentence * 3,
                      content_hash=content_hash(sentence)))
    long = dataclasses.replace(base, text=sentence * (1_100_000 // len(sentence)))     # over spaCy's 1,000,000
    ann = annotate(long)
    assert isinstance(ann, Annotated) and not ann.quotes and not ann.events
    assert any(n.startswith("not analysed: its text of") for n in ann.notes)
    assert annotate(base).notes == () or not any("not analysed" in n for n in annotate(base).notes)
