"""Probes in general English for accidents told with a broken or shared subject (issue 22: disaster snippets given
no political event): the harm an accident did is no assault, however the parser hangs the thing that exploded or
overturned; the same sentence with a weapon stays an assault. Sentences written for these tests."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence", [
    # the subject shared by two verbs of the accident ('overturned and caught fire, killing ...')
    "A tanker overturned and caught fire, killing five people.",
    # a finite hazard verb whose subject the parse lost or gave to a verb ('as boiler of a factory exploded')
    "One worker was killed and another injured as boiler of a paint factory exploded.",
])
def test_accident_harm_is_no_event(ev_nlp, sentence):
    assert run(ev_nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "Two soldiers were killed and another injured as a roadside bomb exploded near their patrol.",
    "Gunmen stormed the village and set fire to houses, killing five people.",
    "A suicide bomber rammed a car into the gate and blew it up, killing ten.",
])
def test_violence_beside_the_same_shapes_stays_an_assault(ev_nlp, sentence):
    assert "ASSAULT" in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    # a weapon word before a store names the place ('an ammunition depot'), not an attack
    "An explosion at an ammunition depot killed five soldiers.",
    # rescue and evacuation beside a disaster told by its rubble or its flooded land: no political event
    "Emergency services rescued 20 people trapped in the rubble.",
    "The soldiers evacuated residents from the flooded villages.",
])
def test_disaster_told_by_its_place_is_no_event(ev_nlp, sentence):
    assert run(ev_nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "Militants attacked an ammunition depot, killing two guards.",
    "Rescuers pulled bodies from the rubble of a house hit by an airstrike.",
])
def test_attacks_on_stores_and_rubble_of_airstrikes_stay_assaults(ev_nlp, sentence):
    assert "ASSAULT" in types(run(ev_nlp, sentence))
