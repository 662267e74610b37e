"""Acts a sentence only mentions ('the mayor, who was charged with fraud last year'; 'since the 2019 ban') are
references: dated then, never on the article's date, carried by the exports and left off story timelines."""
from __future__ import annotations

from pathlib import Path

import duckdb

from storyline.link.timeline import timeline
from storyline.model import Annotated, Article
from storyline.run.ingest import ingest
from storyline.store import Store
from storyline.store.export import iter_records
from storyline.understand.events.modality import _reference
from storyline.understand.events.tokens import _Ctx
from storyline.understand.time import before_publication
from tests.understand_events.test_events_roles_resolved import events

MAYOR = "The mayor, who was charged with fraud last year, resigned on Monday."


def test_events_relative_clause_of_an_earlier_act_is_a_reference_dated_then(ev_nlp):
    evs, _ = events(ev_nlp, MAYOR)
    charge = next(e for e in evs if e.type == "ACCUSE")
    resign = next(e for e in evs if e.type == "RETREAT")
    assert charge.reference and charge.date == "2020" and not charge.date_inferred
    assert not resign.reference


def test_events_act_of_the_news_in_a_relative_clause_is_no_reference(ev_nlp):
    evs, _ = events(ev_nlp, "The mayor, who was charged with fraud on Thursday, resigned.")
    assert not next(e for e in evs if e.type == "ACCUSE").reference    # published 2021-03-11, a Thursday


def test_events_act_named_after_since_is_a_reference_dated_by_its_year(ev_nlp):
    text = "Since the 2019 ban, American firms cannot sell chips to the company."
    art = Article(id="a", source="t", text=text, content_hash="h", published="2021-03-11")
    doc = ev_nlp(text)
    ban = next(t for t in doc if t.text == "ban")
    ctx = _Ctx(doc, art, [], [], [], 0)
    assert _reference(ctx, ban, True, "2021-03-11", None, True) == (True, "2019", None, False)
    fired = ev_nlp("Police fired tear gas on Monday.")[1]
    assert _reference(ctx, fired, False, "2021-03-11", None, True)[0] is False


def test_time_before_publication():
    art = Article(id="a", source="t", text="x", content_hash="h", published="2021-03-11")
    assert before_publication(art, "2020") and before_publication(art, "2021-02")
    assert not before_publication(art, "2021-03") and not before_publication(art, "2021-03-11")
    assert before_publication(art, None, ("2021-03-01", "2021-03-07"))
    assert not before_publication(Article(id="b", source="t", text="x", content_hash="h"), "2020")


def test_events_reference_is_exported_and_left_off_the_timeline(tmp_path: Path):
    page = tmp_path / "p.txt"
    page.write_text("Mayor quits\n\nPublished March 11, 2021\n\n" + MAYOR + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([str(page)], db, engine="inline", link=True)
    with Store(db) as store:
        for merged in (True, False):
            rows = list(iter_records(store, "events", merged=merged))
            assert {r["type"]: r["reference"] for r in rows}.get("ACCUSE") is True, rows
            assert {r["type"]: r["reference"] for r in rows}.get("RETREAT") is False


def test_events_timeline_leaves_references_out(ev_nlp):
    evs, _ = events(ev_nlp, MAYOR)
    art = Article(id="r1", source="t", text=MAYOR, content_hash="h", published="2021-03-11")
    entries = timeline([Annotated(article=art, events=tuple(evs))])
    assert [t.event.type for t in entries] == ["RETREAT"]


def test_store_made_before_the_reference_column_gets_it(tmp_path: Path):
    db = tmp_path / "old.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE events DROP COLUMN reference")
    con.close()
    with Store(db) as store:
        cols = {r[0] for r in store.con.execute("DESCRIBE events").fetchall()}
    assert "reference" in cols
