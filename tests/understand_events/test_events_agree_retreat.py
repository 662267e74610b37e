"""Agreements, handovers and withdrawals, foiled and intercepted weapons, accidents of things (issue 22, case21's
AGREE, RETREAT and COERCE roots and its disaster snippets) in their general English forms, read as the PLOVER
manual defines them: AGREE is agreeing, signing, reaching or negotiating a deal; RETREAT is an immediate material
retreat (withdrawing, ceding or handing over territory, releasing captives, allowing access); COERCE covers
seizing, intercepting and defusing weapons and foiling attacks. Sentences written for these tests from general
news English, none taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence", [
    "The two sides negotiated a ceasefire in the region.",              # negotiating a deal is reaching it
    "The mediators secured a truce between the two tribes.",
    "Negotiators hammered out a deal on Sunday.",
    "The tribal elders settled the land dispute between the two clans.",
    "The warring factions have signed on to the peace plan.",
    "The two groups reconciled after mediation by elders.",
    "The talks ended with an agreement to exchange prisoners.",         # an agreement named as the outcome
    "The meeting in Geneva culminated in a peace deal.",
    "The signing of the peace deal took place in the capital on Sunday.",
])
def test_agreements_reached(ev_nlp, sentence):
    assert "AGREE" in types(run(ev_nlp, sentence))


def test_negotiating_with_someone_is_consulting_not_agreeing(ev_nlp):
    assert types(run(ev_nlp, "The government negotiated with the rebels in Oslo.")) == ["CONSULT"]


@pytest.mark.parametrize("sentence", [
    "Government troops took over positions abandoned by the rebels.",   # a participle: the noun was given up
    "The army deployed in areas vacated by the militants.",
    "Militants vacated the building after negotiations with police.",
    "The rebels moved out of the town on Saturday.",
    "The militia allowed government forces to enter the city.",         # PLOVER RETREAT access
    "The withdrawal of troops from the area began on Monday.",          # a retreat named as happening
    "The handover of the town to the army took place on Sunday.",
    "Rebel fighters entered the town unopposed and took control of it.",  # no fight, said of both acts
])
def test_retreats(ev_nlp, sentence):
    assert "RETREAT" in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "The evacuation of residents began on Monday.",     # moving people out of harm is no retreat
    "Rebels took the town in heavy fighting.",
    "Rebel fighters stormed the town and took control of parts of it.",
])
def test_no_retreat_or_agreement_without_one(ev_nlp, sentence):
    assert not {"RETREAT", "AGREE"} & set(types(run(ev_nlp, sentence)))


def test_taking_place_in_a_city_is_no_capture(ev_nlp):
    assert "ASSAULT" not in types(run(ev_nlp, "The ceremony took place in the capital on Sunday."))


@pytest.mark.parametrize("sentence", [
    "Security forces foiled a bomb plot in the capital.",
    "Police thwarted an attack on the embassy.",
    "Bomb disposal teams disposed of the old ordnance.",
    "The bomb was safely detonated in a controlled explosion.",
    "The army shot down two drones over the border.",
    "Air defense systems downed a rocket fired from the coast.",
    "The coalition said it intercepted and destroyed a drone launched by the rebels.",   # a shared object
    "Police accused the rebels of planting the bomb that was defused on Monday.",        # a relative clause
])
def test_weapons_foiled_intercepted_or_made_safe(ev_nlp, sentence):
    assert "COERCE" in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "A bomb was detonated in a crowded market, killing five.",
    "Militants detonated a bomb near a police station.",
    "Warplanes destroyed an arms depot near the border.",   # aircraft that destroy: an air strike
])
def test_weapons_used_stay_an_assault(ev_nlp, sentence):
    got = types(run(ev_nlp, sentence))
    assert "ASSAULT" in got and "COERCE" not in got


def test_a_description_is_no_event(ev_nlp):
    # 'depots used by the militants' describes the depots; the soldiers' act is a seizure
    assert types(run(ev_nlp, "Soldiers destroyed a weapons depot used by the militants.")) == ["COERCE"]


@pytest.mark.parametrize("sentence", [
    "A fuel tanker caught fire on the motorway, injuring the driver.",
    "A passenger bus caught fire near the city, killing four passengers.",
])
def test_a_thing_that_caught_fire_harms_no_one_politically(ev_nlp, sentence):
    assert run(ev_nlp, sentence) == []


def test_gunmen_who_opened_fire_attacked(ev_nlp):
    assert "ASSAULT" in types(run(ev_nlp, "Gunmen opened fire on a bus, killing four passengers."))


@pytest.mark.parametrize("sentence", [
    "Rescuers pulled two survivors out of the rubble.",          # moving people, not forces, is no withdrawal
    "The company withdrew the contaminated products from shops.",
])
def test_pulling_out_people_or_goods_is_no_retreat(ev_nlp, sentence):
    assert "RETREAT" not in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "The government pulled its troops out of the region.",
    "Russia withdrew its forces from the border.",
    "The rebels pulled back from the front line.",              # 'back' parsed as an adverb is the particle
])
def test_forces_pulled_out_retreat(ev_nlp, sentence):
    assert "RETREAT" in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "The army foiled an infiltration bid along the border.",
    "Police foiled an attempt to smuggle explosives into the city.",
    "The grenade failed to explode and was later defused by the bomb squad.",   # a shared subject as patient
])
def test_more_foiled_and_defused(ev_nlp, sentence):
    assert "COERCE" in types(run(ev_nlp, sentence))


def test_a_political_bid_foiled_is_no_coercion(ev_nlp):
    assert "COERCE" not in types(run(ev_nlp, "The opposition foiled the government's bid to pass the bill."))


@pytest.mark.parametrize("sentence", [
    "The rebel commander announced a unilateral ceasefire on Sunday.",   # as in the passive 'a truce was declared'
    "The army declared a truce in the northern province.",
    "The UN mediated a ceasefire between the two sides.",
    "Elders facilitated a peace deal between the two clans.",
    "The clans ended their feud at a reconciliation ceremony.",
])
def test_ceasefires_declared_and_deals_mediated(ev_nlp, sentence):
    assert "AGREE" in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "The two sides have been negotiating a ceasefire for weeks.",
    "Qatar is mediating a truce between the factions.",
])
def test_deals_still_being_negotiated_are_talks(ev_nlp, sentence):
    assert types(run(ev_nlp, sentence)) == ["CONSULT"]


@pytest.mark.parametrize("sentence", [
    "Government troops took control of the town under a deal with the rebels.",   # a negotiated takeover
    "The army took control of the town as part of an agreement with the militia.",
    "Rebel fighters took over the town and met no resistance.",
    "The army took over the base after negotiations with the militia.",
])
def test_territory_taken_without_a_fight_was_ceded(ev_nlp, sentence):
    assert "RETREAT" in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "The army took control of the town after heavy fighting.",
    "The army took control of the town after a deal collapsed.",
])
def test_territory_taken_otherwise_is_no_retreat(ev_nlp, sentence):
    got = types(run(ev_nlp, sentence))
    assert "RETREAT" not in got and "ASSAULT" in got


@pytest.mark.parametrize("sentence", [
    "Police stopped a truck laden with explosives.",
    "Police said the explosive-laden vehicle was stopped at a checkpoint.",
    "Air defences brought down a drone near the airport.",
])
def test_vehicles_laden_with_weapons_stopped_and_drones_brought_down(ev_nlp, sentence):
    assert "COERCE" in types(run(ev_nlp, sentence))


def test_a_truck_laden_with_goods_stopped_is_no_seizure(ev_nlp):
    assert run(ev_nlp, "Police stopped a truck laden with vegetables.") == []


def test_an_explosive_laden_car_that_explodes_is_an_attack(ev_nlp):
    assert "ASSAULT" in types(run(ev_nlp, "An explosive-laden car exploded near the checkpoint."))


@pytest.mark.parametrize("sentence", [
    "A minor girl was gang-raped by three men in the village.",
    "A woman was allegedly gang raped in the district.",
])
def test_raped_after_gang_is_rape(ev_nlp, sentence):
    assert "ASSAULT" in types(run(ev_nlp, sentence))


def test_undoubled_past_of_a_short_verb_has_an_e(ev_nlp):
    from storyline.understand.events.tokens import _lemma
    doc = ev_nlp("The man was gang-raped, the police taped the scene and the boxes were opened.")
    assert {t.text: _lemma(t) for t in doc if t.pos_ == "VERB"} == {"raped": "rape", "taped": "tape",
                                                                   "opened": "open"}


@pytest.mark.parametrize("sentence", [
    "The girl was sexually harassed by her teacher.",
    "Reports of sexual violence against women by security forces have emerged.",
])
def test_sexual_violence_harassment_and_reports(ev_nlp, sentence):
    assert "ASSAULT" in types(run(ev_nlp, sentence))


def test_an_accusation_of_words_stays_one_accusation(ev_nlp):
    assert types(run(ev_nlp, "The minister accused the opposition of lying.")) == ["ACCUSE"]


def test_someone_who_set_fire_to_a_house_attacked(ev_nlp):
    assert "ASSAULT" in types(run(ev_nlp, "A man set fire to the house, killing two people."))
