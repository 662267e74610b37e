"""Which reports are one act (storyline.link.merge): what an act did to its victims ("40 were killed") is not the act
("shells hit the school"); a facility and the city it stands in are not two targets; two verbs CAMEO files as one
act ("struck", "hit") name one act. Invented sentences in general English; each article reports one event."""
from __future__ import annotations

from storyline.link.triggers import names_outcome, trigger_blocks
from tests.link.test_link_merge_identity import _ann, _groups


def test_outcome_verbs_are_cameos_killing_dying_and_hurting_verbs():
    assert names_outcome("killed") and names_outcome("died") and names_outcome("wounding")
    assert names_outcome("murdered") and names_outcome("injured")
    assert not names_outcome("shot") and not names_outcome("hit") and not names_outcome("bombed")
    assert not names_outcome("attacked") and not names_outcome(None)


def test_the_deaths_an_attack_caused_are_not_the_attack():
    """Two outlets on one shelling: one reports the shells hitting the school, the other the people killed there.
    Same type, same agent, sentences sharing most words: linked before, yet two acts (the act, its outcome)."""
    anns = [
        _ann("a", "Army shells hit the Kesta school in Ardon on Tuesday, witnesses said.", "hit",
             actor="the army", actor_id="org:kestan-army", target="the Kesta school", mode="explosives",
             date="2024-05-14"),
        _ann("b", "Army shells killed 40 people at the Kesta school in Ardon on Tuesday, witnesses said.", "killed",
             actor="the army", actor_id="org:kestan-army", target="40 people", mode="explosives",
             date="2024-05-14"),
        _ann("c", "Forty people were killed at the Kesta school on Tuesday, medics said.", "killed",
             target="Forty people", date="2024-05-14"),
    ]
    assert _groups(anns) == [{"a"}, {"b", "c"}]


def test_a_driver_striking_a_woman_is_not_her_death():
    anns = [
        _ann("a", "Police said Dale Orrin struck a woman with his car on Friday night and drove off.", "struck",
             actor="Dale Orrin", actor_id="person:dale-orrin", target="a woman", date="2024-05-17"),
        _ann("b", "Police said Dale Orrin killed a woman with his car on Friday night and drove off.", "killed",
             actor="Dale Orrin", actor_id="person:dale-orrin", target="a woman", date="2024-05-17"),
    ]
    assert _groups(anns) == [{"a"}, {"b"}]


def test_a_clinic_and_the_state_it_is_in_are_one_target():
    """One report: she checked into the Hollin clinic; another: she checked into a clinic in Oregon."""
    anns = [
        _ann("a", "Her lawyer said Mara Vell checked into the Hollin clinic on Thursday.", "checked",
             type_="CONSULT", actor="Mara Vell", actor_id="person:mara-vell", target="the Hollin clinic",
             target_id="fac:hollin-clinic", date="2024-05-16"),
        _ann("b", "Mara Vell checked into a clinic in Oregon on Thursday, her lawyer said.", "checked",
             type_="CONSULT", actor="Mara Vell", actor_id="person:mara-vell", target="Oregon",
             target_id="gpe:oregon", date="2024-05-16"),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_two_cities_are_still_two_targets():
    anns = [
        _ann("a", "Warplanes bombed Orsk on Thursday.", "bombed", actor="the air force", actor_id="org:air-force",
             target="Orsk", target_id="gpe:orsk", date="2024-05-16"),
        _ann("b", "Warplanes bombed Velna on Thursday.", "bombed", actor="the air force", actor_id="org:air-force",
             target="Velna", target_id="gpe:velna", date="2024-05-16"),
    ]
    assert _groups(anns) == [{"a"}, {"b"}]


def test_verbs_cameo_files_as_one_act_name_one_act():
    """"Struck" and "hit": one outlet names the car, the other the driver; no participant in common, and the two
    sentences share few words, so only the verbs can tell these are one act."""
    assert trigger_blocks("struck") & trigger_blocks("hit")
    assert trigger_blocks("charged") & trigger_blocks("accused")
    assert not trigger_blocks("shot") & trigger_blocks("charged")
    anns = [
        _ann("a", "A grey sedan struck the pedestrian on Friday evening near the bridge.", "struck",
             actor="A grey sedan", target="the pedestrian", date="2024-05-17"),
        _ann("b", "Witnesses say the driver who hit her fled before officers arrived.", "hit",
             actor="the driver", target="her", date="2024-05-17"),
    ]
    assert _groups(anns) == [{"a", "b"}]
