"""Acts of different kinds listed in one clause chain by one doer are each coded ('held talks and signed a
ceasefire': a meeting and an agreement); a disapproval listed after an act ('denied the claims and condemned
the report') restates the stance the first act took and stays one event. Sentences written for this test, none
taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence, first, second", [
    ("The two sides held talks in Doha and signed a ceasefire.", "CONSULT", "AGREE"),
    ("The two delegations met in Geneva and agreed on a truce.", "CONSULT", "AGREE"),
    ("The army shelled the rebel positions and then withdrew.", "ASSAULT", "RETREAT"),
    ("The army bombed the bridge and then retreated.", "ASSAULT", "RETREAT"),
])
def test_each_kind_of_act_in_a_listed_chain_is_coded(ev_nlp, sentence, first, second):
    got = types(run(ev_nlp, sentence))
    assert first in got and second in got


@pytest.mark.parametrize("sentence", [
    "The ministry denied the allegations and condemned the report as biased.",
    "The council rejected the plan and condemned it as unlawful.",
])
def test_a_disapproval_listed_after_an_act_is_one_event(ev_nlp, sentence):
    assert len(run(ev_nlp, sentence)) == 1
