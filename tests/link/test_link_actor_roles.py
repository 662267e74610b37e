"""A role noun one article leaves unnamed ("the judge") is the person other articles tie that role to ("Judge
Jane Roe", "Roe, the judge"), when exactly one such person shares the article's named co-actors; the evidence of
the join is kept. Sentences of our own; the index alone, then a real ingest into a DuckDB file."""
from __future__ import annotations

import json

import pytest

from storyline.link.actors import ActorIndex, Local
from storyline.run.ingest import ingest
from storyline.store import Store
from tests.declared_model import declared_nlp


def _person(art: str, name: str, roles: tuple[str, ...] = ()) -> Local:
    return Local(article_id=art, id=f"person:{name.lower().replace(' ', '-')}", name=name, type="PERSON",
                 roles=roles)


def _unnamed(art: str, noun: str) -> Local:
    return Local(article_id=art, id=f"norp:{noun}", name=noun, type="NORP")


def test_role_key_and_roles_of():
    from storyline.link.actor_names import role_key, roles_of
    assert role_key("the trial judge") == "judge"
    assert role_key("attorneys") == "attorney"
    assert roles_of("Judge Jane Roe", (), ["the presiding judge"]) == {"judge"}
    assert roles_of("Coach Ann Poe", ("Mr. Poe",), ["lawyer"]) == {"coach", "attorney"}     # one meaning, one key
    assert roles_of("Dr. Ann Poe", (), []) == set()


def test_unnamed_role_joins_the_one_person_tied_to_it_elsewhere():
    idx = ActorIndex()
    idx.file("a1", [_person("a1", "Jane Roe", ("judge",)), _person("a1", "Max Doe"), _person("a1", "Tom Smith")])
    out = idx.file("a2", [_person("a2", "Max Doe"), _person("a2", "Tom Smith"), _unnamed("a2", "judge")])
    judge = next(f for f in out if f.local_id == "norp:judge")
    assert judge.canonical_id == "person:jane-roe"
    assert judge.evidence.startswith("role 'judge'") and "Jane Roe" in judge.evidence
    # kept across link runs: the restored index joins the next report too
    idx2 = ActorIndex.from_state(json.loads(json.dumps(idx.to_state())))
    out = idx2.file("a3", [_person("a3", "Max Doe"), _person("a3", "Tom Smith"), _unnamed("a3", "judge")])
    assert next(f for f in out if f.local_id == "norp:judge").canonical_id == "person:jane-roe"


def test_unnamed_role_joined_within_one_batch():
    idx = ActorIndex()      # the report that leaves the judge unnamed comes first in the batch
    out = idx.file_batch([
        ("b2", [_person("b2", "Max Doe"), _person("b2", "Tom Smith"), _unnamed("b2", "judge")]),
        ("b1", [_person("b1", "Jane Roe", ("judge",)), _person("b1", "Max Doe"), _person("b1", "Tom Smith")])])
    assert next(f for f in out if f.local_id == "norp:judge").canonical_id == "person:jane-roe"


def test_ambiguous_or_unshared_role_stays_apart():
    idx = ActorIndex()
    idx.file("a1", [_person("a1", "Jane Roe", ("judge",)), _person("a1", "Max Doe"), _person("a1", "Tom Smith")])
    idx.file("a2", [_person("a2", "Ann Poe", ("judge",)), _person("a2", "Max Doe"), _person("a2", "Tom Smith")])
    out = idx.file("a3", [_person("a3", "Max Doe"), _person("a3", "Tom Smith"), _unnamed("a3", "judge")])
    assert next(f for f in out if f.local_id == "norp:judge").canonical_id.startswith("norp:judge")
    idx = ActorIndex()      # one shared co-actor is not enough
    idx.file("a1", [_person("a1", "Jane Roe", ("judge",)), _person("a1", "Max Doe"), _person("a1", "Tom Smith")])
    out = idx.file("a2", [_person("a2", "Max Doe"), _person("a2", "Lee Park"), _unnamed("a2", "judge")])
    assert next(f for f in out if f.local_id == "norp:judge").canonical_id.startswith("norp:judge")


PAGES = [
    ("https://a.example/1", "Doe sentenced",
     "Jane Roe, the lawyer, defended Max Doe in court on Friday. Tom Smith, the prosecutor, had asked for "
     "twelve years."),
    ("https://b.example/2", "Fraud case closes",
     "The lawyer said the fraud case had ruined families. Max Doe showed no emotion. Tom Smith welcomed the "
     "sentence."),
]


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    declared_nlp()
    d = tmp_path_factory.mktemp("roles")
    src = d / "pages.jsonl"
    src.write_text("".join(json.dumps({"url": u, "title": t, "text": x}) + "\n" for u, t, x in PAGES))
    db = d / "s.duckdb"
    ingest([str(src)], str(db))
    return db


def test_ingest_files_the_unnamed_lawyer_under_the_named_one(linked):
    with Store(str(linked), read_only=True) as st:
        roe = st.query("SELECT id FROM actors WHERE name LIKE '%Roe%' AND type = 'PERSON'")
        assert len(roe) == 1, roe
        second = next(a for a in st.query("SELECT id, url FROM articles") if a["url"].startswith("https://b."))
        got = st.query("SELECT text, actor_id FROM mentions WHERE article_id = ? AND lower(text) LIKE '%lawyer%'",
                       [second["id"]])
        assert got and all(r["actor_id"] == roe[0]["id"] for r in got), got
        ev = st.query("SELECT evidence FROM actor_links WHERE article_id = ? AND local_id LIKE 'norp:lawyer%'",
                      [second["id"]])
        assert ev and ev[0]["evidence"].startswith("role 'lawyer'"), ev
