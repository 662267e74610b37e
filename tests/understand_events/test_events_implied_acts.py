"""What a coded act also tells, and the roles an accusation names: prisoners exchanged were released on terms the
sides agreed (an AGREE beside the release: ACLED files prisoner exchanges under agreements); in 'accused the army
of killing civilians' the accused is 'the army' (not 'the army of killing civilians'), and the killing it reports
is hedged, told as charged. Sentences written for this test, none taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence", [
    "The two sides swapped prisoners near the border on Sunday.",
    "Government troops and the insurgents exchanged prisoners after weeks of talks.",
    "A prisoner exchange between the two countries took place on Friday.",
])
def test_an_exchange_of_prisoners_is_a_release_and_an_agreement(ev_nlp, sentence):
    got = types(run(ev_nlp, sentence))
    assert "RETREAT" in got and "AGREE" in got


@pytest.mark.parametrize("sentence", [
    "The government released 50 prisoners on Monday.",
    "The militia freed two hostages.",
])
def test_a_one_sided_release_implies_no_agreement(ev_nlp, sentence):
    assert types(run(ev_nlp, sentence)) == ["RETREAT"]


@pytest.mark.parametrize("sentence, accused", [
    ("The opposition accused the army of killing civilians.", "the army"),
    ("Activists accused the police of beating protesters.", "the police"),
])
def test_the_accused_is_the_body_not_the_body_and_the_charge(ev_nlp, sentence, accused):
    evs = run(ev_nlp, sentence)
    acc = [e for e in evs if e.type == "ACCUSE"]
    assert acc and acc[0].target == accused


def test_an_act_told_as_an_accusation_is_hedged(ev_nlp):
    evs = [e for e in run(ev_nlp, "The opposition accused the army of killing civilians.") if e.type == "ASSAULT"]
    assert evs and evs[0].hedged and evs[0].actor == "the army"


def test_an_of_phrase_naming_whose_body_stays_in_the_name(ev_nlp):
    evs = run(ev_nlp, "The army of Syria shelled the town.")
    assert evs and "Syria" in evs[0].actor
