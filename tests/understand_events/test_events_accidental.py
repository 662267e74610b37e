"""An act told as done by accident ('accidentally', 'inadvertently') is no political event: PLOVER codes acts meant
against someone. Sentences written for this test, none taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence", [
    "A chemical plant says it has accidentally released 150,000 gallons of toxic water into the river near the city.",
    "A soldier inadvertently fired on a crowd of villagers near the border, the army said.",
    "The navy unintentionally struck a fishing boat during the exercise.",
])
def test_an_act_done_by_accident_is_no_event(ev_nlp, sentence):
    assert types(run(ev_nlp, sentence)) == []


@pytest.mark.parametrize("sentence, root", [
    ("The government released 200 political prisoners on Sunday.", "RETREAT"),
    ("Soldiers fired on a crowd of villagers near the border.", "ASSAULT"),
    ("Police mistakenly arrested the wrong man on Monday.", "COERCE"),
])
def test_the_same_acts_done_on_purpose_stay(ev_nlp, sentence, root):
    assert root in types(run(ev_nlp, sentence))
