"""A win told with a verb of force ('beat', 'defeat', 'crush') is no attack: sports and elections hold no political
event of violence (issue 22: 'sports: no PLOVER event'). Sentences written for this test, none taken from an
evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence", [
    "Liverpool beat them 3-1 at Anfield on Saturday.",
    "The senator beat him in the 2008 election.",
    "Federer beat him in straight sets at Wimbledon.",
    "The Packers edged the Bears 21-17 on Sunday night.",
    "Spain crushed Italy 4-0 in the final in Kyiv.",
])
def test_a_win_is_no_assault(ev_nlp, sentence):
    assert "ASSAULT" not in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "A mob beat the man to death in the market.",
    "Government forces defeated the rebels in a fierce battle near the border.",
    "Police beat him with batons during the protest.",
])
def test_force_stays_an_assault(ev_nlp, sentence):
    assert "ASSAULT" in types(run(ev_nlp, sentence))
