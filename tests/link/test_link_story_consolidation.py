"""Stories merge once a later report shows them to be one event, and an article left alone joins the story it is
near when they share a participant: the result does not depend on the order the reports arrive in."""
import itertools

from storyline.link.stories import StoryIndex
from storyline.model import Actor, Annotated, Article, Mention, content_hash

NO_EMB = {"emb": 0.0}      # words, names and participants only: the same figures whatever embedding backend is here


def art(aid: str, text: str, lead: tuple[str, ...], day: str = "2024-03-04") -> Annotated:
    """An article whose lead (first sentence) names the canonical actors ``lead``."""
    ms = tuple(Mention(start=0, end=1, text=x, label="ORG", actor_id=x, sentence=0) for x in lead)
    return Annotated(article=Article(id=aid, source=aid, text=text, content_hash=content_hash(text), published=day),
                     mentions=ms)


# two reports of one strike that share few words, and a third that shares words with each of them
A1 = art("a1", "The harbour strike began when dockers walked out over pay at the Port of Velmar. Cranes stood idle "
               "and ships queued offshore.", ("port",))
A2 = art("a2", "Ferry crossings were cancelled and shops ran short of fuel in Velmar. Hauliers warned of losses as "
               "the dispute dragged on.", ("ferry",))
B = art("b", "Dockers at the Port of Velmar stayed out for a third day; ferry crossings were cancelled and cranes "
             "stood idle as the strike over pay dragged on.", ("port", "ferry"))


def test_story_split_early_merges_when_a_later_report_joins_its_parts():
    idx = StoryIndex(weights=NO_EMB, threshold=0.3)
    first = idx.add([A1])
    second = idx.add([A2])
    assert first["a1"] != second["a2"]          # nothing ties them yet: two stories
    third = idx.add([B])
    assert len(set(idx.members())) == 1          # b ties them: one story, under the first report's id
    assert idx.story_of("a1") == third["a2"] == third["b"] == first["a1"]
    assert idx.retired == {second["a2"]}         # the story merged away is named, for the store to drop its rows


def _partition(idx: StoryIndex) -> set[frozenset]:
    return {frozenset(m) for m in idx.members().values()}


def test_story_does_not_depend_on_arrival_order():
    together = StoryIndex(weights=NO_EMB, threshold=0.3)
    together.add([A1, A2, B])
    assert _partition(together) == {frozenset({"a1", "a2", "b"})}
    for order in itertools.permutations([A1, A2, B]):      # story ids stay those of the first report to arrive
        idx = StoryIndex(weights=NO_EMB, threshold=0.3)
        for a in order:
            idx.add([a])
        assert _partition(idx) == _partition(together), [a.article.id for a in order]


def test_story_consolidation_keeps_stories_of_other_events_apart():
    other = art("v", "Mount Orrin erupted overnight, sending ash over the valley towns of Kestria; flights were "
                     "grounded.", ("orrin",))
    idx = StoryIndex(weights=NO_EMB, threshold=0.3)
    for a in (A1, other, A2, B):
        idx.add([a])
    assert idx.story_of("v") != idx.story_of("a1") == idx.story_of("a2") == idx.story_of("b")


def test_article_left_alone_joins_near_story_it_shares_a_participant_with():
    # a2 is near a1 (above NEAR x threshold) but under the threshold, one lead participant of eight shared
    a1 = art("a1", A1.article.text, ("velmar",) + tuple(f"port{i}" for i in range(7)))
    idx = StoryIndex(weights=NO_EMB, threshold=0.3)
    idx.add([a1])
    a2 = art("a2", A2.article.text, ("velmar",) + tuple(f"ferry{i}" for i in range(7)))
    assert idx.add([a2])["a2"] == idx.story_of("a1")
    idx = StoryIndex(weights=NO_EMB, threshold=0.3)       # no participant shared: it stays alone
    idx.add([a1])
    a2 = art("a2", A2.article.text, tuple(f"ferry{i}" for i in range(8)))
    assert idx.add([a2])["a2"] != idx.story_of("a1")


def test_link_step_drops_the_rows_of_a_story_merged_away(tmp_path, monkeypatch):
    from storyline.run.linking import link_store
    from storyline.store import Store
    monkeypatch.setattr(StoryIndex, "WEIGHTS", dict(StoryIndex.WEIGHTS, **NO_EMB))
    monkeypatch.setattr(StoryIndex, "THRESHOLDS", {"onnx": 0.3, "torch": 0.3, "hash": 0.3})
    with Store(tmp_path / "s.duckdb") as st:
        for a in (A1, A2):
            st.write_batch([a])
            link_store(st)
        assert st.count("stories") == 2
        st.write_batch([B])
        link_store(st)
        rows = st.query("SELECT id, article_ids FROM stories")
        assert len(rows) == 1 and sorted(rows[0]["article_ids"]) == ["a1", "a2", "b"]
        assert {r["story_id"] for r in st.query("SELECT story_id FROM story_articles")} == {rows[0]["id"]}


def _report(aid: str, text: str, person: str) -> Annotated:
    ms = (Mention(start=0, end=1, text=person, label="PERSON", actor_id=person, sentence=0),)
    return Annotated(article=Article(id=aid, source=aid, text=text, content_hash=content_hash(text)), mentions=ms)


INJURY = ("Harbour FC placed their striker on the injured list on Wednesday after a knee sprain in the cup match; he "
          "will miss the rest of the season, the club said.")
INJURY_TOO = ("The club said on Wednesday that Harbour FC had placed their striker on the injured list with a sprained "
              "knee, ending his season after the cup match.")


def test_reports_whose_leads_name_different_people_weigh_apart():
    # the same words about two different players: two events of one kind
    def stories(second: str, disagree: float) -> int:
        idx = StoryIndex(weights=NO_EMB, threshold=0.4, persons_disagree=disagree)
        return len(set(idx.add([_report("x1", INJURY, "alden-roy"), _report("x2", INJURY_TOO, second)]).values()))
    assert stories("brisk-mott", 0.0) == 1       # words alone join them
    assert stories("brisk-mott", 0.3) == 2
    assert stories("alden-roy", 0.3) == 1        # the same player: one event


def test_unnamed_actors_are_no_evidence_of_who_a_story_is_about():
    # "the jury" and "prosecutors" are in every trial report: sharing them is no sign of one story
    ms = (Mention(start=0, end=3, text="The jury", label="DESC", actor_id="norp:jury", sentence=0),
          Mention(start=4, end=9, text="Mark Hollis", label="PERSON", actor_id="person:mark-hollis", sentence=0))
    actors = (Actor(id="norp:jury", name="jury", type="NORP"),
              Actor(id="person:mark-hollis", name="Mark Hollis", type="PERSON"))
    text = "The jury convicted Mark Hollis of fraud on Friday."
    a = Annotated(article=Article(id="j1", source="j1", text=text, content_hash=content_hash(text)), mentions=ms,
                  actors=actors)
    blocks = StoryIndex(weights=NO_EMB)._article_blocks(a)
    assert len(blocks["actors"]) == len(blocks["lead_actors"]) == len(blocks["lead_persons"]) == 1
