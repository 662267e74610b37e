"""Seizures of weapons and arrests in their general English forms (CAMEO 1721 seize, 173 arrest: PLOVER COERCE),
and hazards with no political agent (issue 22, case21's COERCE root and its disaster snippets). Sentences written
for these tests, none taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence, mode", [
    # weapons made or rendered safe
    ("Army bomb disposal experts made safe an improvised explosive device found near the school.", "seize"),
    ("Police made the bomb safe.", "seize"),
    ("The device was rendered safe by the army.", "seize"),
    # found to contain weapons, found planted
    ("A car stopped at a checkpoint was found to contain explosives.", "seize"),
    ("Soldiers found an IED planted on the road to Gao.", "seize"),
    # caught or held with weapons
    ("Two men were held with explosives at the border crossing.", "arrest"),
    ("A man was caught with a pistol at the airport.", "arrest"),
    # a headline's 'held' (no auxiliary, no article)
    ("Two suspects held in connection with the bombing.", "arrest"),
    ("Journalist held over social media post.", "arrest"),
    # a headline's participle or passive told of weapons
    ("Large quantity of arms and ammunition recovered in the province.", "seize"),
    ("Bombs found near the railway track.", "seize"),
    # custody in other words
    ("Three men were remanded in custody.", "arrest"),
    ("The suspect was taken in for questioning.", "arrest"),
    ("Three journalists were locked up for their reporting.", "arrest"),
    ("The suspects were produced in court and sent to jail.", "arrest"),
    ("The gunman was caught carrying a rifle near the embassy.", "arrest"),
])
def test_seizures_and_arrests(ev_nlp, sentence, mode):
    assert ("COERCE", mode) in [(e.type, e.mode) for e in run(ev_nlp, sentence)]


@pytest.mark.parametrize("sentence", [
    "Elections held in March were peaceful.",
    "The talks held in Geneva ended without agreement.",
    "A truck was found to contain medical supplies.",
    "Police found the missing girl safe.",
    "The ceasefire held over the weekend.",
    "Workers locked up the factory for the night.",
    "The minister sent aid to the flood victims.",
])
def test_no_seizure_without_weapons_or_a_person_held(ev_nlp, sentence):
    assert "COERCE" not in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "Residents reported progress against massive Oregon wildfire.",         # an act aimed at a hazard
    "The Kerala floods displaced thousands of families.",                  # a place before the hazard: no actor
    "A Dhaka factory fire killed 12 workers.",
    "A mine collapse killed nine miners in the province.",                    # a pit, no landmine
    "A coal mine exploded, killing twelve workers.",
    "Authorities evacuated the neighbourhood after a gas pipeline ruptured.",   # moving people out of harm
    "An oil tanker exploded after hitting a roadside barrier, killing eight.",  # the accident's harm
    "A drunk driver ploughed into pedestrians, killing three.",
])
def test_hazards_give_no_event(ev_nlp, sentence):
    assert run(ev_nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "A mine exploded under a military truck, killing four soldiers.",
    "A car bomb exploded outside the ministry, killing nine.",
    "A suicide bomber blew himself up in a mosque, killing 30 worshippers.",
])
def test_weapons_that_explode_stay_an_assault(ev_nlp, sentence):
    assert "ASSAULT" in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence, want", [
    ("Exports fell after the government imposed a curfew in the capital.", "COERCE"),
    ("Support for the ruling party fell as troops withdrew from the region.", "RETREAT"),
])
def test_a_falling_measure_is_no_hazard(ev_nlp, sentence, want):
    # 'fell' told of a measure is no accident: the sentence is no disaster story, its act is coded
    assert want in types(run(ev_nlp, sentence))


def test_weapon_found_and_destroyed_is_a_seizure_not_an_assault(ev_nlp):
    # the passive's agent ('by security forces') is who acted, not a force destroyed
    got = types(run(ev_nlp, "An IED was found and destroyed by security forces."))
    assert "COERCE" in got and "ASSAULT" not in got


def test_property_destroyed_by_militants_stays_an_assault(ev_nlp):
    assert "ASSAULT" in types(run(ev_nlp, "A telecommunication mast was destroyed by suspected militants."))
