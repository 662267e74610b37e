"""The story timeline groups rows a reader could not tell apart and caps what it draws (storyline.link.timeline)."""
from __future__ import annotations

from storyline.link.timeline import timeline
from storyline.model import Annotated, Article, Event, Evidence


def _ann(aid: str, trigger: str, target: str, date: str, actor_id: str = "org:city-police") -> Annotated:
    sentence = f"Police {trigger} {target} on the corner."
    ev = Event(id=f"e-{aid}", type="ASSAULT", trigger=trigger, actor="Police", actor_id=actor_id, target=target,
               target_id=f"person:{target.lower().replace(' ', '-')}", date=date,
               evidence=(Evidence(article_id=aid, sentence=sentence, start=0, end=len(sentence)),))
    return Annotated(article=Article(id=aid, source=aid, text=sentence, content_hash=aid, published="2024-06-02"),
                     events=(ev,))


def test_one_actors_acts_of_one_type_and_day_are_one_row():
    anns = [_ann("a", "shot", "Ann Lee", "2024-06-01"), _ann("b", "wounded", "Bo Park", "2024-06-01"),
            _ann("c", "fired at", "Cy Dunn", "2024-06-01"), _ann("d", "shot", "Dee Ray", "2024-05-20")]
    tl = timeline(anns)
    assert len(tl) == 2                                      # three events of 2024-06-01, one of 2024-05-20
    day = next(t for t in tl if t.start == "2024-06-01")
    assert set(day.article_ids) == {"a", "b", "c"}
    assert [t.start for t in tl] == ["2024-05-20", "2024-06-01"]


def test_other_actors_keep_their_rows():
    anns = [_ann("a", "shot", "Ann Lee", "2024-06-01"),
            _ann("b", "shot", "Bo Park", "2024-06-01", actor_id="org:state-troopers")]
    assert len(timeline(anns)) == 2
