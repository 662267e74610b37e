import dataclasses

from storyline.link.merge import compatible, date_bounds, merge_events, quantities


def _strike(merged):
    return next(m for m in merged if m.event.type == "PROTEST")


def test_merge_lists_every_source_sentence(corpus):
    anns = [a for k, a in corpus.items() if k.startswith("strike")]
    merged = merge_events(anns)
    m = _strike(merged)
    assert set(m.article_ids) == {"strike-a", "strike-b", "strike-wire", "strike-copy"}
    assert {e.article_id for e in m.event.evidence} == set(m.article_ids)
    assert len(m.event.evidence) == 4
    assert m.outlets == ("Coastal Daily", "Harbour Times", "Valmera Online", "Wire")
    # the AGREE at the end of the week is a different event
    assert any(x.event.type == "AGREE" and x.article_ids == ("strike-end",) for x in merged)


def test_merge_counts_syndicated_copy_once(corpus):
    anns = [a for k, a in corpus.items() if k.startswith("strike")]
    m = _strike(merge_events(anns, duplicates={"strike-copy": "strike-wire"}))
    assert len(m.article_ids) == 4
    assert set(m.sources) == {"strike-a", "strike-b", "strike-wire"}


def test_merge_keeps_conflicting_quantities(corpus):
    m = _strike(merge_events([corpus["strike-a"], corpus["strike-b"]]))
    conflict = next(c for c in m.conflicts if c["field"] == "quantity of ships")
    values = {v["value"]: v["article_ids"] for v in conflict["values"]}
    assert values == {"a few": ["strike-a"], "dozens of": ["strike-b"]}


def test_merge_keeps_conflicting_dates():
    from storyline.model import Event, Evidence

    def ev(i, d):
        return Event(id=i, type="SANCTION", actor_id="a", target_id="b", date=d,
                     evidence=(Evidence(article_id=i, sentence="s", start=0, end=1),))
    m = merge_events_of([ev("x", "2024-05"), ev("y", "2024-05-16")])
    assert len(m) == 1
    assert m[0].conflicts[0]["field"] == "date"
    assert {v["value"] for v in m[0].conflicts[0]["values"]} == {"2024-05", "2024-05-16"}


def merge_events_of(events):
    from storyline.model import Annotated, Article
    anns = [Annotated(article=Article(id=e.id, source=e.id, text="t", content_hash=e.id, published="2024-05-20"),
                      events=(e,)) for e in events]
    return merge_events(anns)


def test_merge_refuses_distant_dates_and_other_participants(corpus):
    e = corpus["strike-a"].events[0]
    later = dataclasses.replace(e, id="later", date="2024-09-01")
    other = dataclasses.replace(e, id="other", target_id="org:someone-else", target="Someone Else")
    assert compatible(e, e, "2024-03-04", "2024-03-04")
    assert not compatible(e, later, "2024-03-04", "2024-09-02")
    assert not compatible(e, other, "2024-03-04", "2024-03-04")


def test_merge_quantities_and_date_bounds():
    assert ("a number of", "countries") in quantities("A number of countries have banned the gear.")
    assert ("few", "countries") in quantities("Few countries banned it.")
    assert date_bounds("2024-02")[1].isoformat() == "2024-02-29"
    assert date_bounds(None, ("2019-05-01", "2019-06")) [1].isoformat() == "2019-06-30"


def test_merge_takes_the_most_precise_compatible_date():
    from storyline.model import Event, Evidence

    def ev(i, d):
        return Event(id=i, type="SANCTION", actor_id="a", target_id="b", date=d,
                     evidence=(Evidence(article_id=i, sentence="s", start=0, end=1),))
    m = merge_events_of([ev("x", "2024"), ev("y", "2024-05-16"), ev("z", "2024")])
    assert len(m) == 1
    assert m[0].event.date == "2024-05-16"         # two reports say only the year: the day narrows it
    assert {v["value"] for v in m[0].conflicts[0]["values"]} == {"2024", "2024-05-16"}
