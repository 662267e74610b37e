"""What a coded act also tells, and what an accusation by no one named leaves standing: prisoners exchanged were
released on terms the sides agreed (an AGREE beside the release: ACLED files prisoner exchanges under
agreements), and 'X was accused of raping Y' with no accuser codes the violence as told, hedged (the accusation
itself is no event without its source). Sentences written for this test, none taken from an evaluation set."""
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


@pytest.mark.parametrize("sentence, actor, target", [
    ("A local politician was accused of raping a teenage girl.", "politician", "girl"),
    ("The rebels were accused of killing dozens of villagers.", "rebels", "villagers"),
    ("The police officer has been accused of assaulting a man at the station.", "officer", "man"),
])
def test_violence_an_unattributed_accusation_reports_is_coded(ev_nlp, sentence, actor, target):
    evs = [e for e in run(ev_nlp, sentence) if e.type == "ASSAULT"]
    assert len(evs) == 1
    assert actor in (evs[0].actor or "") and target in (evs[0].target or "")
    assert evs[0].hedged                     # told as an accusation, not as established


@pytest.mark.parametrize("sentence, want", [
    ("Human rights groups accused the army of torturing detainees.", ["ACCUSE"]),   # the accuser's statement
    ("The commander was charged with murdering three civilians.", ["ACCUSE"]),      # a charge is an act
    ("The minister was accused of corruption.", []),
])
def test_an_accusation_with_its_source_or_a_charge_stays_one_event(ev_nlp, sentence, want):
    assert types(run(ev_nlp, sentence)) == want
