"""Actor names and doers (issue 22): the possessor of an act done to another is its doer ("Syria's withdrawal from
Lebanon"); a name whose apposition names the body it serves ('Kofi Annan, the UN
secretary-general,') is named with the body as a title before the name, as 'U.N. mediator X' is; an apposition that
names no body leaves the name alone. Sentences written for these tests, none taken from an evaluation set."""
import pytest

from tests.understand_events.test_events_roles_resolved import events


@pytest.mark.parametrize("sentence, name", [
    ("Kofi Annan, the UN secretary-general, urged Israel to withdraw.", "UN secretary-general Kofi Annan"),
    ("Javier Solana, the EU foreign policy chief, met Iranian officials in Geneva.",
     "EU foreign policy chief Javier Solana"),
])
def test_codes_apposition_naming_a_body_names_the_actor_with_it(ev_nlp, sentence, name):
    evs, by_id = events(ev_nlp, sentence)
    e = evs[0]
    assert e.actor == name
    assert by_id[e.actor_id].type == "PERSON"   # the id stays the person's


def test_codes_apposition_naming_no_body_leaves_the_name(ev_nlp):
    evs, by_id = events(ev_nlp, "Tony Blair, the British prime minister, praised France.")
    e = evs[0]
    assert e.actor == "Tony Blair" and by_id[e.actor_id].country == "GBR"


@pytest.mark.parametrize("sentence, actor, target", [
    ("Syria's withdrawal from Lebanon was completed.", "SYR", "LBN"),
    ("The United States' sanctions against Cuba were extended.", "USA", "CUB"),
])
def test_codes_possessor_of_an_act_on_another_is_its_doer(ev_nlp, sentence, actor, target):
    evs, by_id = events(ev_nlp, sentence)
    e = evs[0]
    assert e.actor_id is not None and by_id[e.actor_id].country == actor, e
    assert e.target_id is not None and by_id[e.target_id].country == target, e
