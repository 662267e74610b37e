import json

import numpy as np
import pytest

from storyline.link.stories import StoryIndex, story_title, terms


@pytest.fixture(scope="module")
def linked(corpus):
    idx = StoryIndex()
    idx.add(list(corpus.values()))
    return idx


def test_stories_keep_two_storylines_apart(linked, corpus):
    strike = {linked.story_of(k) for k in corpus if k.startswith("strike")}
    volcano = {linked.story_of(k) for k in corpus if k.startswith("volcano")}
    assert len(strike) == 1 and len(volcano) == 1
    assert strike != volcano


def test_stories_syndicated_copy_follows_its_original(linked):
    assert linked.dups.canonical == {"strike-copy": "strike-wire"}
    assert linked.story_of("strike-copy") == linked.story_of("strike-wire")


def test_stories_new_articles_join_without_relinking(corpus):
    idx = StoryIndex()
    first = idx.add([corpus["strike-a"], corpus["volcano-a"]])
    later = idx.add([corpus["strike-b"], corpus["volcano-b"], corpus["strike-end"]])
    assert later["strike-b"] == later["strike-end"] == first["strike-a"]
    assert later["volcano-b"] == first["volcano-a"]
    assert idx.add([corpus["strike-a"]]) == {"strike-a": first["strike-a"]}   # re-adding is a no-op


def test_stories_ids_come_from_first_article(corpus):
    a = StoryIndex().add([corpus["strike-a"], corpus["strike-b"]])
    b = StoryIndex().add([corpus["strike-b"], corpus["strike-a"]])
    assert a == b


def test_stories_state_roundtrip_continues_linking(corpus):
    idx = StoryIndex()
    idx.add([corpus["strike-a"], corpus["volcano-a"]])
    again = StoryIndex.from_state(json.loads(json.dumps(idx.to_state())))
    out = again.add([corpus["strike-b"], corpus["volcano-b"]])
    assert out["strike-b"] == idx.story_of("strike-a")
    assert out["volcano-b"] == idx.story_of("volcano-a")


def test_stories_records_carry_title_summary_and_events(linked, corpus):
    stories = linked.stories(corpus)
    assert len(stories) == 2
    strike = stories[0]
    assert set(strike.article_ids) == {k for k in corpus if k.startswith("strike")}
    assert strike.title in {a.article.title for a in corpus.values()}
    assert strike.first_date == "2024-03-04" and strike.last_date == "2024-03-08"
    assert "Harbour Times" in strike.outlets and "Coastal Daily" in strike.outlets
    assert strike.summary and all(s["text"] in corpus[s["article_id"]].article.text for s in strike.summary)
    assert len(strike.event_ids) == 2        # the strike (four reports) and the deal


def test_stories_time_distance_lowers_similarity():
    idx = StoryIndex()
    assert idx._time_factor(0, 0, 0, 0) == 1.0
    assert idx._time_factor(0, 0, 400, 400) < idx._time_factor(0, 0, 30, 30) < 1.0


def test_stories_title_without_titles_uses_actors(corpus):
    import dataclasses
    anns = [dataclasses.replace(a, article=dataclasses.replace(a.article, title=None))
            for k, a in corpus.items() if k.startswith("volcano")]
    title = story_title(anns)
    assert "Kestria" in title or "Blueway Air" in title


def test_stories_terms_split_names_from_words():
    words, names = terms("Officials said Mount Orrin erupted in 2024.")
    assert "erupted" in words and "orrin" in names and "2024" in names and "officials" not in names


def test_stories_link_entry_point_returns_merged_events_and_state(corpus):
    from storyline.link import link
    first = link([corpus["strike-a"], corpus["strike-wire"]])
    more = link([corpus["strike-b"], corpus["strike-copy"]], all_by_id=corpus, state=first.state)
    sid = more.assigned["strike-b"]
    assert sid == first.assigned["strike-a"] and more.duplicates == {"strike-copy": "strike-wire"}
    protest = next(m for m in more.merged[sid] if m.event.type == "PROTEST")
    assert len(protest.event.evidence) == 4 and len(protest.sources) == 3


def _report(aid: str, text: str, lead_actor: str, other_actor: str):
    from storyline.model import Annotated, Article, Mention, content_hash
    first = text.split(".")[0]
    return Annotated(article=Article(id=aid, source=aid, text=text, content_hash=content_hash(text)),
                     mentions=(Mention(0, len(first), first, "PERSON", lead_actor, 0),
                               Mention(len(first) + 2, len(text), text, "PERSON", other_actor, 3)))


def test_stories_actors_named_in_the_lead_tell_two_events_of_one_kind_apart():
    """Two deaths reported in the same words: the reports that name the same person first are closer than
    reports naming different people first, though both pairs mention both people."""
    text = ("A former aide to the president died on Saturday at his home, his family said. He was 75. "
            "He had served in the administration for six years. Another aide was mentioned in the report.")
    reps = [_report("a1", text, "p:first", "p:second"),
            _report("a2", text + " Tributes came in.", "p:first", "p:second"),
            _report("b1", text + " Flags flew at half mast.", "p:second", "p:first")]
    idx = StoryIndex(threshold=2.0, dedupe=False)     # nothing merges: compare the three reports
    idx.add(reps)
    nodes = [idx.clusters[idx.story_of(r.article.id)] for r in reps]
    sim = idx._sim_matrix(nodes)
    assert sim[0, 1] > sim[0, 2] + 0.1
    # and a state saved and loaded keeps the lead block
    again = StoryIndex.from_state(json.loads(json.dumps(idx.to_state())))
    assert np.allclose(again._sim_matrix([again.clusters[c.id] for c in nodes]), sim)
