"""Corpus-level actors inside a real ingest (real DuckDB file): one entity per real person across articles,
pronouns never aliases, the evidence of each filing kept, and a per-mention export to score with."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.run.ingest import ingest
from storyline.store import Store
from storyline.store.export import iter_records
from tests.declared_model import declared_nlp

PAGES = [
    ("https://a.example/1", "Former Nixon aide Fred LaRue dies at 75",
     "Fred LaRue, a former aide to President Richard Nixon, died on Saturday in Mississippi. He was 75. "
     "LaRue was a central figure in the Watergate affair, and he later served time in prison."),
    ("https://b.example/2", "Watergate figure LaRue remembered",
     "Friends of LaRue gathered in Jackson on Monday. Mr. LaRue had delivered cash to the burglars, "
     "prosecutors said at the time. He never spoke about it in public."),
    ("https://c.example/3", "Obituary: Frederick LaRue",
     "Frederick LaRue, who worked for the Nixon re-election campaign, died at 75. His son said he died of "
     "heart disease."),
]


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    declared_nlp()
    d = tmp_path_factory.mktemp("actors")
    src = d / "pages.jsonl"
    src.write_text("".join(json.dumps({"url": u, "title": t, "text": x}) + "\n" for u, t, x in PAGES))
    db = d / "s.duckdb"
    ingest([str(src)], str(db))
    return db


def _entities(db: Path) -> list[dict]:
    with Store(str(db), read_only=True) as st:
        return list(iter_records(st, "entities"))


def test_link_store_one_entity_per_person_across_articles(linked):
    larue = [e for e in _entities(linked) if "larue" in e["name"].lower()]
    assert len(larue) == 1, [(e["id"], e["name"]) for e in larue]
    assert len(larue[0]["article_ids"]) == 3
    assert larue[0]["name"] in {"Fred LaRue", "Frederick LaRue"}


def test_link_store_aliases_never_pronouns(linked):
    pronouns = {"he", "him", "his", "himself", "she", "her", "it", "its", "they", "their", "who"}
    for e in _entities(linked):
        assert not pronouns & {a.lower() for a in e["aliases"]}, e


def test_link_store_keeps_evidence_and_exports_mentions(linked):
    with Store(str(linked), read_only=True) as st:
        ev = st.query("SELECT local_id, actor_id, evidence FROM actor_links WHERE lower(local_id) LIKE '%larue%'")
        mentions = list(iter_records(st, "mentions"))
    assert ev and all(r["evidence"] for r in ev)
    assert {r["actor_id"] for r in ev} == {next(e["id"] for e in _entities(linked) if "LaRue" in e["name"])}
    he = [m for m in mentions if m["text"] == "He" and m["label"] == "PRON"]
    assert he and all(m["entity_id"] and "larue" in m["entity_id"] for m in he)
    assert {"article_id", "sentence", "start", "end", "text", "entity_id"} <= set(mentions[0])
