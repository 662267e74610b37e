"""Framing as wording: the words each outlet uses for the same merged event (issue 24.8), not sentiment words."""
from __future__ import annotations

import dataclasses

from storyline.link.framing import _stem, framing, wording
from storyline.link.merge import merge_events
from storyline.model import Mention


def _with_trigger(a, trigger, extra_mentions=()):
    ev = dataclasses.replace(a.events[0], trigger=trigger)
    return dataclasses.replace(a, events=(ev,), mentions=tuple(sorted(a.mentions + tuple(extra_mentions),
                                                                      key=lambda m: m.start)))


def _pair(corpus, trigger_a="walked out", trigger_b="launched", desc=True):
    a, b = corpus["strike-a"], corpus["strike-b"]
    text = a.article.text
    extra = [Mention(start=0, end=len("Dock workers"), text="Dock workers", label="DESC",
                     actor_id="org:valmera-dockers-union", sentence=0)] if desc else []
    assert text.startswith("Dock workers")
    return [_with_trigger(a, trigger_a, extra), _with_trigger(b, trigger_b)]


def test_framing_wording_shows_each_outlets_verb_and_labels_for_one_event(corpus):
    anns = _pair(corpus)
    merged = merge_events(anns)
    protest = next(m for m in merged if m.event.type == "PROTEST")
    by = {o.outlet: o for o in framing(anns, merged).outlets}
    ht, cd = by["Harbour Times"].wording, by["Coastal Daily"].wording
    assert [w.event_id for w in ht] == [protest.event.id] == [w.event_id for w in cd]
    ht, cd = ht[0], cd[0]
    assert ht.verb == "walked out" and cd.verb == "launched"
    assert ht.actor_labels == ("Dock workers", "Valmera Dockers Union")
    assert cd.actor_labels == ("Valmera Dockers Union",)
    assert ht.differs == ("walked out", "Dock workers") and cd.differs == ("launched",)
    # the sentence comes along, and every mark points at its words in it
    assert ht.sentence.startswith("Dock workers at the port of Valmera walked out")
    shown = {kind: ht.sentence[s:e] for s, e, kind in ht.marks if kind != "actor"}
    assert shown == {"verb": "walked out"}
    assert [ht.sentence[s:e] for s, e, k in ht.marks if k == "actor"] == ["Dock workers",
                                                                              "Valmera Dockers Union"]


def test_framing_wording_leaves_out_events_worded_alike(corpus):
    anns = _pair(corpus, "strike", "strikes", desc=False)
    assert wording(anns, merge_events(anns)) == {}
    assert all(o.wording == () for o in framing(anns, merge_events(anns)).outlets)


def test_framing_wording_marks_hedging_cues(corpus):
    a, b = _pair(corpus, "walked out", "walked out", desc=False)
    sent = b.events[0].evidence[0]
    hedged = dataclasses.replace(sent, sentence="Reportedly, " + sent.sentence)
    ev = dataclasses.replace(b.events[0], evidence=(hedged,))
    b = dataclasses.replace(b, events=(ev,))
    out = wording([a, b], merge_events([a, b]))
    assert out["Coastal Daily"][0].cues == ("Reportedly",) and out["Coastal Daily"][0].differs == ("Reportedly",)
    assert out["Harbour Times"][0].differs == ()


def test_framing_has_no_sentiment_loaded_words(corpus):
    anns = [corpus["strike-a"], corpus["strike-b"]]
    fr = framing(anns, merge_events(anns))
    assert all(not hasattr(o, "loaded") for o in fr.outlets + fr.articles)


def test_framing_stem_agrees_on_inflections_only():
    assert _stem("signed") == _stem("signs") == _stem("signing") == _stem("sign")
    assert _stem("banned") == _stem("ban") and _stem("pressured") == _stem("pressure")
    assert _stem("accused") != _stem("criticised")
