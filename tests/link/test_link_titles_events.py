"""Story titles like a headline; merged events that neither chain different acts nor widen a dated one;
a capped timeline."""
from __future__ import annotations

from storyline.link.merge import merge_events
from storyline.link.stories import story_title, title_defect
from storyline.link.timeline import timeline
from storyline.model import Annotated, Article, Event, Evidence


def _art(aid, title=None, text="Some text about the matter at hand.", published="2020-05-04", events=()):
    return Annotated(article=Article(id=aid, source=aid, text=text, content_hash=aid, title=title,
                                     published=published), events=tuple(events))


def _ev(eid, aid, typ="SANCTION", actor="Norway", actor_id="gpe:NOR", target=None, target_id=None, date=None,
        date_range=None, mode=None, trigger="banned"):
    return Event(id=eid, type=typ, evidence=(Evidence(aid, "s", 0, 5),), mode=mode, actor=actor, actor_id=actor_id,
                 target=target, target_id=target_id, date=date, date_range=date_range, trigger=trigger)


def test_link_title_defects():
    assert title_defect("First Posted 23: 37: 00 05 / 05 / 2010") == "date stamp"
    assert title_defect("Sanjay Gupta offer Sanjay Gupta") == "subject repeated as object"
    assert title_defect("Updated Monday, March 3") == "date stamp"
    assert title_defect("Sanjay Gupta offered Surgeon General post") is None


def test_link_title_skips_a_date_stamp_headline_and_writes_subject_verb_object():
    a = _art("a", title="First Posted 23:37:00 05/05/2010",
             events=[_ev("e1", "a", typ="ACCUSE", actor="Utopia", actor_id="gpe:UTO", target="Ruritania",
                         target_id="gpe:RUR", trigger="accuse")])
    t = story_title([a], merge_events([a]))
    assert t == "Utopia accused Ruritania"
    b = _art("b", events=[_ev("e2", "b", typ="ACCUSE", actor="Utopia", actor_id="gpe:UTO", target="Utopia",
                              target_id="gpe:UTO", trigger="accuse")],
             text="Utopia's leader said on Monday that the harbour would reopen next week after repairs.")
    t = story_title([b], merge_events([b]))
    assert title_defect(t) is None and not t.startswith("Utopia accused Utopia")


def test_link_merge_complete_link_keeps_different_acts_apart():
    # A bans X, A bans (no target), A bans Y: the target-less report may be either; X and Y never become one ban
    arts = [_art("a", events=[_ev("e1", "a", target="Belarus", target_id="gpe:BLR")]),
            _art("b", events=[_ev("e2", "b")]),
            _art("c", events=[_ev("e3", "c", target="Iran", target_id="gpe:IRN")])]
    merged = merge_events(arts)
    for m in merged:
        assert not {"gpe:BLR", "gpe:IRN"} <= {e for e in [m.event.target_id] if e} | {
            ev.target_id for a in arts for ev in a.events if ev.id in m.source_event_ids and ev.target_id}
    assert len(merged) == 2


def test_link_merge_year_only_report_does_not_widen_a_dated_act():
    arts = [_art("a", events=[_ev("e1", "a", target="Belarus", target_id="gpe:BLR", date="2019-03-04")]),
            _art("b", events=[_ev("e2", "b", target="Belarus", target_id="gpe:BLR", date="2019",
                                  date_range=("2019-01-01", "2020-12-31"))])]
    merged = merge_events(arts)
    assert len(merged) == 1
    assert merged[0].event.date == "2019-03-04" and merged[0].event.date_range is None
    assert len(merged[0].source_event_ids) == 2


def test_link_timeline_is_capped():
    arts = [_art(f"a{i}", events=[_ev(f"e{i}", f"a{i}", target=f"T{i}", target_id=f"org:t{i}",
                                      date=f"2020-01-{i + 1:02d}")]) for i in range(12)]
    assert len(timeline(arts, cap=5)) == 5
    assert len(timeline(arts, cap=None)) == 12


def test_link_story_span_covers_articles_known_only_by_a_range():
    from storyline.link.stories import StoryIndex
    text = "Indian navy commandos captured 26 Somali pirates after a gun battle in the Gulf of Aden on Saturday."
    a = Annotated(article=Article(id="a", source="a", text=text, content_hash="a", published="2011-02-05"))
    b = Annotated(article=Article(id="b", source="b", text=text + " The navy said.", content_hash="b",
                                  published=None, published_range=("2008-12-01", "2008-12-31")))
    idx = StoryIndex(threshold=0.0, dedupe=False)
    idx.add([a, b])
    stories = idx.stories({"a": a, "b": b}, with_summary=False)
    assert len(stories) == 1
    assert (stories[0].first_date, stories[0].last_date) == ("2008-12-01", "2011-02-05")


def test_link_merge_one_act_described_many_ways_stays_one_event():
    # "Two men shot a bystander" / "the two men shot Zora Hill": descriptors do not conflict with a name, and
    # "the two men" is "two men"; "person:x" and "org:x" are one name filed under two types
    arts = [_art("a", events=[_ev("e1", "a", typ="ASSAULT", actor="Two men", actor_id=None, target="a bystander",
                                  trigger="shot")]),
            _art("b", events=[_ev("e2", "b", typ="ASSAULT", actor="the two men", actor_id=None, target="Zora Hill",
                                  target_id="person:zora-hill", trigger="shot")]),
            _art("c", events=[_ev("e3", "c", typ="ASSAULT", actor="Police", actor_id="org:police", target="Zora Hill",
                                  target_id="org:zora-hill", trigger="shot")])]
    merged = merge_events(arts)
    assert len(merged) == 1 and set(merged[0].sources) == {"a", "b", "c"}


def test_link_merge_one_misdated_report_does_not_split_an_act_reported_four_times():
    arts = [_art("a", published="2019-03-05", events=[_ev("e1", "a", target="Belarus", target_id="gpe:BLR",
                                                          date="2019-03-04")]),
            _art("b", published="2019-03-05", events=[_ev("e2", "b", target="Belarus", target_id="gpe:BLR",
                                                          date="2019-03")]),
            _art("c", published="2019-03-06", events=[_ev("e3", "c", target="Belarus", target_id="gpe:BLR",
                                                          date="2019-03")]),
            _art("d", published="2019-03-25",
                 events=[_ev("e4", "d", target="Belarus", target_id="gpe:BLR", date="2019-03-20")])]
    merged = merge_events(arts)
    assert len(merged) == 1 and len(merged[0].sources) == 4
    assert any(c["field"] == "date" for c in merged[0].conflicts)      # the disagreement is kept, not hidden
    # two reports against two: no majority, two acts
    arts2 = arts[:1] + [_art("e", published="2019-03-25", events=[_ev("e5", "e", target="Belarus",
                                                                       target_id="gpe:BLR", date="2019-03-20")])]
    assert len(merge_events(arts2)) == 2


def _sentence_ev(eid, aid, sentence, trigger, actor, target, typ="CONSULT"):
    return Event(id=eid, type=typ, evidence=(Evidence(aid, sentence, 0, len(sentence)),), actor=actor,
                 target=target, trigger=trigger)


def test_link_title_event_phrase_reads_the_verb_keeps_its_preposition_and_skips_saying():
    """Headlines from events in general English: the verb in the simple past read through its lemma ("hosting",
    "given"), the preposition the sentence puts before the target, no verb of saying, and a trigger that carries
    its object joined to the target only through the sentence's preposition."""
    def title(*evs):
        arts = [_art(e.evidence[0].article_id, text=e.evidence[0].sentence, events=[e]) for e in evs]
        return story_title(arts, merge_events(arts))
    assert title(_sentence_ev("e1", "a", "Dana Reyes is hosting the awards in March.", "hosting", "Dana Reyes",
                              "the awards")) == "Dana Reyes hosted the awards"
    assert title(_sentence_ev("e2", "b", "The board has chosen Sam Ortiz as its coach.", "chosen", "The board",
                              "Sam Ortiz")) == "The board chose Sam Ortiz"
    assert title_defect("The council thanked the mayor") is None      # an article is not a repeated subject
    assert title(_sentence_ev("e3", "c", "The governor apologized to the parish for the delay.", "apologized",
                              "The governor", "the parish")) == "The governor apologized to the parish"
    assert title(_sentence_ev("e4", "d", "Guards fired shots as the crowd advanced.", "fired shots",
                              "Guards", "the crowd", typ="ASSAULT")) == "Guards fired shots"
    t = title(_sentence_ev("e5", "e", "The agent said the coach would stay.", "said", "The agent", "the coach"))
    assert t != "The agent said the coach" and title_defect(t) is None
