"""Roles (issue 22): an act told as a gerund after 'accused X of', 'blamed X for' is X's (the one accused), not the
accuser's. Sentences written for these tests, none taken from an evaluation set."""
import pytest

from tests.understand_events.test_events_roles_resolved import events


@pytest.mark.parametrize("sentence, doer", [
    ("Uganda accused rebels of killing civilians.", "rebels"),
    ("Police accused the gang of kidnapping a businessman.", "gang"),
])
def test_roles_act_of_the_accused_is_theirs_not_the_accusers(ev_nlp, sentence, doer):
    evs, _ = events(ev_nlp, sentence)
    acts = [e for e in evs if e.type == "ASSAULT"]
    assert acts and all(e.actor and doer in e.actor for e in acts), evs


def test_roles_own_act_apologised_for_stays_the_subjects(ev_nlp):
    evs, by_id = events(ev_nlp, "Israel apologized for killing the Egyptian soldiers.")
    e = next(e for e in evs if e.type == "ASSAULT")
    assert by_id[e.actor_id].country == "ISR"
