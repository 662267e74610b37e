"""The headline's own mentions (understand/actors/headline_mentions.py): sentence -1, offsets into the title,
resolved through the actors the text gives the same words; stored and exported with the other mentions."""
from __future__ import annotations

import json

from storyline.model import Article, content_hash
from storyline.understand import annotate_doc
from storyline.understand.actors import HEADLINE

TEXT = ("Perennial party girl Jane Rowley checked herself into the Harbor Treatment Center, her rep told reporters. "
        "The actress entered rehab on Tuesday. Rowley said nothing. Officials in the United States and "
        "South Sudan were not involved. Mark Flint and Anna Flint, her neighbours, spoke to reporters.")
TITLE = "Rowley's Rep: Actress Checks Into Rehab, Flint Family Silent; South Sudan Not Involved"


def _annotate(nlp, text=TEXT, title=TITLE):
    art = Article(id="h1", source="t", text=text, content_hash=content_hash(text), title=title)
    return annotate_doc(nlp(text), art, nlp)


def _head(an):
    return {m.text: m.actor_id for m in an.mentions if m.sentence == HEADLINE}


def test_headline_words_resolve_to_the_actors_the_text_gives_them(act_nlp):
    an = _annotate(act_nlp)
    head = _head(an)
    assert head["Rowley"] == "person:jane-rowley"          # a surname, its possessive left out of the span
    assert head["Actress"] == "person:jane-rowley"         # a descriptor the text ties to her
    assert head["Rehab"].startswith(("org:", "fac:"))
    assert head["South Sudan"] == "gpe:SSD"                # the longest state name, not "Sudan"
    assert "Flint" not in head                             # two Flints in the text: stays unresolved
    for m in an.mentions:
        if m.sentence == HEADLINE:
            assert TITLE[m.start:m.end] == m.text
    body = [m for m in an.mentions if m.sentence != HEADLINE]
    assert all(TEXT[m.start:m.end] == m.text for m in body)


def test_no_headline_mentions_without_a_title_or_when_the_text_opens_with_it(act_nlp):
    assert not _head(_annotate(act_nlp, title=None))
    assert not _head(_annotate(act_nlp, text="Rowley Checks Into Rehab\n" + TEXT, title="Rowley Checks Into Rehab"))


def test_headline_mentions_are_stored_and_exported_with_sentence_minus_one(act_nlp, tmp_path):
    from storyline.store import Store
    from storyline.store.export import write_export
    from storyline.store.queries.articles import get_article
    an = _annotate(act_nlp)
    db = tmp_path / "h.duckdb"
    with Store(str(db)) as st:
        st.write_batch([an])
    out = tmp_path / "mentions.jsonl"
    with Store(str(db), read_only=True) as st:
        write_export(st, "mentions", "jsonl", path=str(out))
        shown = get_article(st.con, "h1")
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    head = [r for r in rows if r["sentence"] == HEADLINE]
    assert {r["text"] for r in head} >= {"Rowley", "Actress", "South Sudan"}
    assert all(r["id"].startswith("h1:h") for r in head) and len({r["id"] for r in rows}) == len(rows)
    # the article view highlights spans of the text only: no headline offsets there
    assert all(TEXT[m["start"]:m["end"]] == m["text"] for m in shown["mentions"])
