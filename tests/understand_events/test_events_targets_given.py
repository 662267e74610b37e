"""Targets (issue 22): an owned object does not hide the one it is given to ('offered its mediators to X'); soldiers
or police released are those acted on ('freed 40 soldiers'); a state's own city attacked is the target even though
the city resolves to the state the actor is ('Bosnian Serb forces shelled Sarajevo'); a noun with an 'of' phrase
naming a state is that state's ('the king of Jordan'). Sentences written for these tests, none taken from an
evaluation set."""
import pytest

from tests.understand_events.test_events_roles_resolved import events


def _event(nlp, sentence, etype):
    evs, by_id = events(nlp, sentence)
    e = next(e for e in evs if e.type == etype)
    country = {k: by_id[v].country if v in by_id else None for k, v in (("actor", e.actor_id), ("target", e.target_id))}
    return e, country


@pytest.mark.parametrize("sentence, etype, country", [
    ("Norway offered its mediators to Sri Lanka's government to end the civil war.", "AGREE", "LKA"),
])
def test_targets_owned_object_given_to_an_actor(ev_nlp, sentence, etype, country):
    e, c = _event(ev_nlp, sentence, etype)
    assert c["target"] == country, (e.target, e.target_id)


def test_targets_owned_object_alone_still_targets_no_one_further(ev_nlp):
    """'condemned its actions against the rebels': whoever 'its' is, not the rebels."""
    evs, _ = events(ev_nlp, "The government condemned its actions against the rebels.")
    assert all(e.target != "the rebels" for e in evs)


def test_targets_released_soldiers_are_the_target(ev_nlp):
    e, c = _event(ev_nlp, "Nepal's Maoist rebels freed 40 soldiers they had captured.", "RETREAT")
    assert e.target == "40 soldiers"


def test_targets_withdrawn_troops_stay_the_means(ev_nlp):
    e, c = _event(ev_nlp, "Russia withdrew its troops from Chechnya.", "RETREAT")
    assert "troops" not in (e.target or "")


@pytest.mark.parametrize("sentence", [
    "Bosnian Serb forces shelled Sarajevo on Sunday.",
    "Afghan government forces shelled Kabul on Sunday.",
])
def test_targets_own_capital_attacked_is_the_target(ev_nlp, sentence):
    e, c = _event(ev_nlp, sentence, "ASSAULT")
    assert c["target"] is not None and c["target"] == c["actor"]


def test_targets_state_named_twice_is_not_its_own_target(ev_nlp):
    """'Syria said it would not attack Syria' names no one else; the same state is no target of itself."""
    evs, by_id = events(ev_nlp, "Syria accused Syria of lying.")
    assert all(e.target_id is None or e.target_id != e.actor_id for e in evs)


def test_targets_of_phrase_gives_the_agent_its_state(ev_nlp):
    e, c = _event(ev_nlp, "The king of Jordan received the Egyptian foreign minister in Amman.", "CONSULT")
    assert c["actor"] == "JOR" and c["target"] == "EGY"   # (the 'of' phrase: two states are named)
