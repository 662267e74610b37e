"""People named by their arms are an armed group, not a civilian crowd: their attack on the police is an ASSAULT,
while civilians' violence against the state stays a riot (PROTEST); and leaving ('fled the fighting') is no force
in a story of violence. Sentences written for this test, none taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence", [
    "Armed men attacked a police station in the north on Sunday.",
    "A group of armed youths attacked the police post.",
    "Heavily armed villagers attacked the police station.",
])
def test_an_armed_groups_attack_on_the_police_is_an_assault(ev_nlp, sentence):
    got = types(run(ev_nlp, sentence))
    assert "ASSAULT" in got and "PROTEST" not in got


@pytest.mark.parametrize("sentence", [
    "Villagers attacked a police station after a man died in custody.",
    "Youths pelted police with stones.",
])
def test_civilians_violence_against_the_police_stays_a_riot(ev_nlp, sentence):
    assert types(run(ev_nlp, sentence)) == ["PROTEST"]


@pytest.mark.parametrize("sentence", [
    "Thousands of civilians fled the fighting in the east.",
    "The minister quit the government after the attack.",
])
def test_leaving_in_a_story_of_violence_is_no_force(ev_nlp, sentence):
    # the learned fallback reads the topic; a verb the lexicon knows only as leaving is never an act of force
    assert not set(types(run(ev_nlp, sentence))) & {"ASSAULT", "COERCE", "PROTEST"}
