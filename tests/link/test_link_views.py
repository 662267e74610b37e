from storyline.link import embed
from storyline.link.brief import brief
from storyline.link.framing import framing
from storyline.link.merge import merge_events
from storyline.link.timeline import timeline

from link_corpus import corpus  # noqa: F401  (fixture)


def _strike(corpus):
    return [a for k, a in corpus.items() if k.startswith("strike")]


def test_timeline_orders_events_and_marks_report_dates(corpus):
    anns = _strike(corpus) + [corpus["volcano-a"], corpus["volcano-b"]]
    tl = timeline(anns)
    assert [t.event.type for t in tl] == ["PROTEST", "AGREE", "RETREAT"]
    assert tl[0].placement == "stated" and tl[0].label == "2024-03-04" and tl[0].n_sources == 4
    assert tl[2].placement == "article" and "report date" in tl[2].label and tl[2].start == "2024-05-14"


def test_timeline_shows_ranges_as_ranges(corpus):
    import dataclasses
    a = corpus["strike-end"]
    ev = dataclasses.replace(a.events[0], date=None, date_range=("2024-03-04", "2024-03-08"))
    tl = timeline([dataclasses.replace(a, events=(ev,))])
    assert tl[0].label == "2024-03-04 .. 2024-03-08" and (tl[0].start, tl[0].end) == ("2024-03-04", "2024-03-08")


def test_framing_counts_voices_by_side_and_omitted_events(corpus):
    anns = _strike(corpus)
    fr = framing(anns, merge_events(anns))
    by = {o.outlet: o for o in fr.outlets}
    assert by["Harbour Times"].voices == {"Valmera Dockers Union": 1}
    assert by["Coastal Daily"].voices_by_side == {"VLM": 1}
    agree = next(m.event.id for m in merge_events(_strike(corpus)) if m.event.type == "AGREE")
    assert agree in by["Coastal Daily"].events_omitted and agree not in by["Harbour Times"].events_omitted


def test_framing_hedges_and_tone(corpus):
    anns = [corpus["strike-a"], corpus["strike-b"]]
    fr = framing(anns, merge_events(anns))
    b = next(a for a in fr.articles if a.article_id == "strike-b")
    assert b.hedged_sentences >= 1                 # "had reportedly offered"
    assert b.tone["Valmera Port Authority"] < 0


def test_brief_cites_each_sentence_in_order(corpus):
    anns = _strike(corpus)
    out = brief(anns, merge_events(anns), max_sentences=4)
    assert 2 <= len(out) <= 4
    for s in out:
        assert s["text"] in corpus[s["article_id"]].article.text
    pub = [corpus[s["article_id"]].article.published for s in out]
    assert pub == sorted(pub)
    assert any("accepted a new pay offer" in s["text"] for s in out)   # the second event is covered


def test_embed_backend_is_named_and_vectors_are_unit():
    assert embed.backend() in {"onnx", "torch", "hash"}
    v = embed.embed(["dock workers strike", "a volcano erupts"])
    assert v.shape[0] == 2
    assert abs(float((v[0] ** 2).sum()) - 1.0) < 1e-4
