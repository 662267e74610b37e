"""Targets and actors in constructions general English news uses (issue 22), with the real actor resolver: a
possessive before a demonym ('their Russian counterparts'), headline passives that drop the auxiliary, a thing made
a weapon, objects a verb pattern names that are still the ones acted on, a participial outcome's victims. Sentences
written for these tests, none taken from an evaluation set."""
import pytest

from tests.understand_events.test_events_roles_resolved import events


def test_targets_their_demonym_counterparts_are_the_demonyms_country(ev_nlp):
    evs, by_id = events(ev_nlp, "Chinese officials met their Russian counterparts in Moscow.")
    e = next(e for e in evs if e.type == "CONSULT")
    assert by_id[e.actor_id].country == "CHN"
    assert e.target_id is not None and by_id[e.target_id].country == "RUS"


def test_targets_its_demonym_allies_name_the_allies(ev_nlp):
    evs, by_id = events(ev_nlp, "Ankara criticized its Syrian allies for the delay.")
    e = next(e for e in evs if e.type == "ACCUSE")
    assert e.target_id is not None and by_id[e.target_id].country == "SYR"


@pytest.mark.parametrize("sentence, who", [
    ("Journalist held over spying claims.", "Journalist"),
    ("Activist arrested after protest in capital.", "Activist"),
    ("Opposition leader jailed for five years.", "leader"),
])
def test_targets_headline_passive_puts_the_subject_in_the_target(ev_nlp, sentence, who):
    evs, _ = events(ev_nlp, sentence)
    e = next(e for e in evs if e.type == "COERCE")
    assert e.actor is None
    assert e.target and who in e.target


def test_targets_headline_passive_in_a_country_is_its_authorities(ev_nlp):
    evs, by_id = events(ev_nlp, "Blogger detained in Egypt over posts.")
    e = next(e for e in evs if e.type == "COERCE")
    assert e.actor_id is not None and by_id[e.actor_id].country == "EGY"
    assert e.target == "Blogger"


@pytest.mark.parametrize("sentence", [
    "Rebels attacked at dawn.",
    "Riot police charged into the crowd.",
    "Police arrested two men suspected of the bombing.",
])
def test_targets_active_acts_keep_their_subject_as_actor(ev_nlp, sentence):
    evs, _ = events(ev_nlp, sentence)
    assert all(e.actor is not None for e in evs if e.type in ("ASSAULT", "COERCE"))


def test_targets_a_car_found_to_contain_explosives_is_no_actor(ev_nlp):
    evs, _ = events(ev_nlp, "Soldiers said a car found to contain explosives had been abandoned.")
    for e in evs:
        assert not (e.actor or "").lower().endswith("car"), e


def test_targets_a_truck_packed_with_explosives_is_an_attack_by_no_one_named(ev_nlp):
    evs, _ = events(ev_nlp, "A truck packed with explosives crashed into the gate, killing six.")
    e = next(e for e in evs if e.type == "ASSAULT")
    assert e.actor is None


def test_targets_a_truck_without_a_weapon_is_still_an_accident(ev_nlp):
    evs, _ = events(ev_nlp, "A truck crashed into a bus, killing six.")
    assert not [e for e in evs if e.type == "ASSAULT"]


def test_targets_released_prisoners_are_the_target(ev_nlp):
    evs, _ = events(ev_nlp, "Cuban authorities released 50 political prisoners.")
    e = next(e for e in evs if e.type == "RETREAT")
    assert e.target and "prisoners" in e.target


def test_targets_deployed_troops_are_no_target(ev_nlp):
    evs, _ = events(ev_nlp, "Russia deployed troops along the border.")
    assert all("troops" not in (e.target or "") for e in evs)


def test_targets_the_victims_of_a_participial_outcome(ev_nlp):
    evs, _ = events(ev_nlp, "Rebels ambushed a convoy, killing five soldiers.")
    e = next(e for e in evs if e.type == "ASSAULT")
    assert e.target and "soldiers" in e.target


@pytest.mark.parametrize("sentence, actor, target", [
    ("Syria and Jordan held talks on water sharing.", "SYR", "JOR"),
    ("Armenia and Azerbaijan exchanged fire along the border.", "ARM", "AZE"),
    ("Israel and Egypt signed a gas deal.", "ISR", "EGY"),
])
def test_targets_a_reciprocal_act_of_two_doers_targets_the_other(ev_nlp, sentence, actor, target):
    evs, by_id = events(ev_nlp, sentence)
    e = evs[0]
    assert by_id[e.actor_id].country == actor
    assert e.target_id is not None and by_id[e.target_id].country == target


def test_targets_two_doers_of_a_one_sided_act_are_no_target_of_each_other(ev_nlp):
    evs, _ = events(ev_nlp, "Syria and Jordan condemned the decision.")
    assert all(e.target is None for e in evs)


def test_targets_condemning_an_act_by_someone_targets_the_doer(ev_nlp):
    evs, by_id = events(ev_nlp, "Amnesty condemned the arrest of an Iranian journalist by Turkish police last week.")
    e = next(e for e in evs if e.type == "ACCUSE")
    assert e.target_id is not None and by_id[e.target_id].country == "TUR"


def test_targets_a_nominal_reference_by_someone_names_its_actor(ev_nlp):
    evs, by_id = events(ev_nlp, "The 2019 arrest of an Iranian journalist by Turkish police drew protests.")
    e = next(e for e in evs if e.type == "COERCE")
    assert e.reference and e.actor_id is not None and by_id[e.actor_id].country == "TUR"


def test_targets_a_person_named_with_the_body_they_serve_keeps_the_body(ev_nlp):
    evs, _ = events(ev_nlp, "Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez.")
    e = next(e for e in evs if e.target_id == "person:diego-cordovez")
    assert e.target == "U.N. mediator Diego Cordovez"


def test_targets_a_person_titled_by_a_state_keeps_the_name(ev_nlp):
    evs, _ = events(ev_nlp, "Russian President Vladimir Putin telephoned German Chancellor Gerhard Schroeder.")
    e = next(e for e in evs if e.type == "CONSULT")
    assert (e.actor, e.target) == ("Vladimir Putin", "Gerhard Schroeder")


def test_targets_an_object_shared_by_conjoined_verbs_is_the_first_verbs_too(ev_nlp):
    evs, by_id = events(ev_nlp, "Police detained and beat three Kenyan journalists.")
    e = next(e for e in evs if e.type == "COERCE")
    assert e.actor == "Police"
    assert e.target_id is not None and by_id[e.target_id].country == "KEN"


def test_targets_each_other_is_the_other_doer(ev_nlp):
    evs, by_id = events(ev_nlp, "Pakistan and India accused each other of violating the ceasefire.")
    e = next(e for e in evs if e.type == "ACCUSE")
    assert by_id[e.actor_id].country == "PAK"
    assert e.target_id is not None and by_id[e.target_id].country == "IND"


@pytest.mark.parametrize("sentence", [
    "Two Iraqi soldiers were wounded by a roadside bomb.",
    "A bomb blast near a Kenyan army base killed two Somali soldiers.",
])
def test_targets_a_weapon_is_no_actor(ev_nlp, sentence):
    evs, _ = events(ev_nlp, sentence)
    e = next(e for e in evs if e.type == "ASSAULT")
    assert e.actor is None


def test_targets_an_attack_and_the_killing_it_did_keep_their_own_targets(ev_nlp):
    evs, _ = events(ev_nlp, "The bomb attack on the Pakistani police station killed two officers.")
    assert any(e.target == "two officers" for e in evs if e.type == "ASSAULT")


def test_targets_an_act_in_a_relative_clause_does_not_swallow_the_main_clauses(ev_nlp):
    evs, by_id = events(ev_nlp, "The rebels, who seized the town last week, executed two Malian soldiers.")
    e = next(e for e in evs if e.trigger == "executed")
    assert e.target_id is not None and by_id[e.target_id].country == "MLI"
