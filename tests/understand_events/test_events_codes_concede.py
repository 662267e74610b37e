"""Codes (issue 22): an authority letting an actor act is CONCEDE (CAMEO's ALLOW under 08 YIELD, PLOVER's
CONCEDE); letting a thing in stays what it was; the African Union takes the codes of the Organization of African
Unity it succeeded (an international body, no state's). Sentences written for these tests, none taken from an
evaluation set."""
import pytest

from tests.understand_events.test_events_roles_resolved import events


@pytest.mark.parametrize("sentence", [
    "The court allowed the opposition candidate to run in the election.",
    "The government allowed opposition leaders to hold a rally.",
    "The junta permitted the envoy to meet the detained leader.",
])
def test_codes_allowing_an_actor_to_act_is_concede(ev_nlp, sentence):
    evs, _ = events(ev_nlp, sentence)
    assert evs and evs[0].type == "CONCEDE", evs


@pytest.mark.parametrize("sentence", [
    "The UK allowed Huawei equipment in its networks.",
    "Israel will allow aid to enter Gaza.",
])
def test_codes_allowing_a_thing_is_not_concede(ev_nlp, sentence):
    evs, _ = events(ev_nlp, sentence)
    assert all(e.type != "CONCEDE" for e in evs), evs


def test_codes_african_union_is_an_international_body_not_the_state_it_acts_in(ev_nlp):
    evs, by_id = events(ev_nlp, "The African Union sent peacekeepers to Somalia.")
    e = evs[0]
    assert e.actor_id is not None and by_id[e.actor_id].country is None
    assert by_id[e.target_id].country == "SOM"
