"""One actor's acts listed in one clause chain about the same party ('banned the use of X's equipment and turned
down the company's pitch') are one event, coded by the first; a new target or a contrast ('opened X but refused Y')
keeps two (hand-written sentences)."""
from tests.understand_events.test_events_roles_resolved import events


def test_events_listed_acts_of_one_actor_are_one_event(ev_nlp):
    evs, _ = events(ev_nlp, "A number of countries have banned the use of Zenith Telecom's equipment and turned "
                            "down the company's pitch.")
    assert [e.type for e in evs] == ["SANCTION"]


def test_events_listed_acts_on_a_new_target_stay_two(ev_nlp):
    evs, _ = events(ev_nlp, "Both governments denied the allegations and condemned the attack on the embassy.")
    assert {"REJECT", "ACCUSE"} <= {e.type for e in evs}


def test_events_contrasted_acts_stay_two(ev_nlp):
    evs, _ = events(ev_nlp, "Benin opened its borders to West Africans but was still refusing admittance to "
                            "Ghanaians.")
    assert len(evs) == 2


def test_events_verbal_act_with_no_one_doing_it_is_not_coded(ev_nlp):
    evs, _ = events(ev_nlp, "The minister has been accused of taking bribes, an allegation he has denied.")
    assert [e.type for e in evs] == ["REJECT"]
    evs, _ = events(ev_nlp, "Yvonne Hiller was charged with two counts of murder.")    # a charge: the authorities'
    assert [(e.type, e.target) for e in evs] == [("ACCUSE", "Yvonne Hiller")]
