"""A sanction an actor announces in the future tense is decided, not threatened (issue 22: the PLOVER type of
announced measures); a warning of one stays a threat. Sentences written for these tests."""
import pytest

from tests.understand_events.coding import run


@pytest.mark.parametrize("sentence", [
    "Canada announced that it would suspend all aid to the military government.",
    "The European Union announced it will impose sanctions on Belarus.",
    "The government decided it would expel the Dutch ambassador.",
])
def test_announced_future_sanction_is_a_sanction(ev_nlp, sentence):
    assert "SANCTION" in [e.type for e in run(ev_nlp, sentence)]


@pytest.mark.parametrize("sentence", [
    "Canada warned that it would suspend all aid to the military government.",
    "The United States threatened to impose sanctions on Iran.",
    "The army announced it would attack the rebel stronghold.",
])
def test_warned_or_announced_force_stays_a_threat(ev_nlp, sentence):
    types = [e.type for e in run(ev_nlp, sentence)]
    assert "THREATEN" in types and "SANCTION" not in types and "ASSAULT" not in types
