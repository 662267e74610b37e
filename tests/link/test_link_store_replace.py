"""The store writes linked stories itself (``Store.replace_stories``), in one transaction with the index state:
a failure midway leaves the old stories and state; rows come from the one mapping in ``store/rows.py``."""
from __future__ import annotations

import dataclasses
import json

import duckdb
import pytest

from storyline.link import link
from storyline.store import Store
from storyline.store.load import load_annotated


@pytest.fixture(scope="module")
def linked(corpus):
    return link(list(corpus.values())).linked


def _stories(store: Store) -> dict[str, dict]:
    return {r["id"]: r for r in store.query("SELECT * FROM stories")}


def test_replace_stories_writes_story_views_and_merged_events(tmp_path, linked):
    with Store(tmp_path / "s.duckdb") as st:
        n_stories, n_merged = st.replace_stories(linked, "link", {"v": 1})
        assert n_stories == len(linked) and n_merged == sum(len(ls.merged) for ls in linked)
        rows = _stories(st)
        for ls in linked:
            extra = json.loads(rows[ls.story.id]["extra"])
            merged_ids = {m.event.id for m in ls.merged}
            # the views are built from the merged events the store keeps: one merge per story, read by all
            assert {t["event_id"] for t in extra["timeline"]} <= merged_ids
            for o in extra["framing"].values():
                assert set(o["events_reported"]) | set(o["events_omitted"]) <= merged_ids
            stored = {r["id"] for r in st.query("SELECT id FROM merged_events WHERE story_id = ?", [ls.story.id])}
            assert stored == merged_ids
        assert st.get_state("link") == {"v": 1}


def test_replace_stories_replaces_only_the_named_stories(tmp_path, linked):
    keep, change = linked[0], linked[1]
    with Store(tmp_path / "s.duckdb") as st:
        st.replace_stories(linked, "link", {"v": 1})
        renamed = dataclasses.replace(change, story=dataclasses.replace(change.story, title="A new title"))
        st.replace_stories([renamed], "link", {"v": 2}, replaced=[change.story.id])
        rows = _stories(st)
        assert len(rows) == len(linked)
        assert rows[change.story.id]["title"] == "A new title" and rows[keep.story.id]["title"] == keep.story.title
        assert st.get_state("link") == {"v": 2}


def test_replace_stories_failing_midway_leaves_the_old_stories_and_state(tmp_path, linked):
    with Store(tmp_path / "s.duckdb") as st:
        st.replace_stories(linked, "link", {"v": 1})
        before = _stories(st)
        n_links = st.count("story_articles")
        n_merged = st.count("merged_events")
        # the same story twice: the stories key refuses the second row after the old rows were deleted
        with pytest.raises(duckdb.ConstraintException):
            st.replace_stories([linked[0], linked[0]], "link", {"v": 2})
        assert _stories(st) == before
        assert st.count("story_articles") == n_links and st.count("merged_events") == n_merged
        assert st.get_state("link") == {"v": 1}


def test_stored_articles_come_back_as_they_were_written(tmp_path, corpus):
    """write_batch and load_annotated share the mapping of rows.py: a round trip gives the same records."""
    anns = list(corpus.values())
    with Store(tmp_path / "s.duckdb") as st:
        st.write_batch(anns)
        back = {a.article.id: a for a in load_annotated(st, [a.article.id for a in anns])}
    for a in anns:
        b = back[a.article.id]
        assert b.article == a.article
        assert b.sentences == a.sentences and b.mentions == tuple(sorted(a.mentions, key=lambda m: m.start))
        assert {e.id for e in b.events} == {e.id for e in a.events}
