"""Event types from general English that the coder missed or misread (issue 22, the case21 roots): nominal and
light-verb events, agreements, withdrawals, protests, seized weapons, destroyed property, and evacuations or
injured people beside a hazard that are no political event. Sentences written for these tests from general
news English, none taken from an evaluation set."""
import pytest

from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence, want", [
    # AGREE: an agreement struck, inked, sealed
    ("The militia and the army struck a truce after three days of talks.", "AGREE"),
    ("The factions inked an accord on Tuesday.", "AGREE"),
    ("The two governments sealed a trade pact in Geneva.", "AGREE"),
    # RETREAT: withdrawal from or handing over of territory, prisoners exchanged
    ("Militants pulled out of the city after a negotiated deal.", "RETREAT"),
    ("Forces loyal to the general abandoned the airport without a fight.", "RETREAT"),
    ("The militia left the town peacefully on Saturday.", "RETREAT"),
    ("Troops vacated the base on Sunday.", "RETREAT"),
    ("The two sides exchanged prisoners at the border crossing.", "RETREAT"),
    # PROTEST: the street, walkouts, vigils, strikes observed, a protest staged
    ("Supporters of the opposition took to the streets after the vote.", "PROTEST"),
    ("Nurses walked out of hospitals across the country on Tuesday.", "PROTEST"),
    ("Dozens of women held a vigil outside the court.", "PROTEST"),
    ("Activists staged a protest outside the embassy.", "PROTEST"),
    ("Health workers observed a strike to demand their salaries.", "PROTEST"),
    # COERCE: arrest and seized weapons
    ("The opposition leader was placed under house arrest.", "COERCE"),
    ("Security personnel unearthed a huge cache of explosives.", "COERCE"),
    # ASSAULT: shells that land, fighting that breaks out, property destroyed (CAMEO 1712)
    ("Two mortar rounds landed near the airport on Sunday.", "ASSAULT"),
    ("Heavy clashes broke out between the army and rebels.", "ASSAULT"),
    ("A bomb blast ripped through a crowded market on Friday.", "ASSAULT"),
    ("Supporters of the ruling party vandalised the opposition office.", "ASSAULT"),
    ("Attackers burned down 20 houses in the village.", "ASSAULT"),
    ("Several shops were set on fire during the violence.", "ASSAULT"),
])
def test_case_types_general_english(ev_nlp, sentence, want):
    assert want in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "Authorities evacuated residents as the river burst its banks.",
    "Thousands of people were evacuated to relief camps as the river swelled.",
    "The authorities ordered the evacuation of coastal villages ahead of the cyclone.",
    "Officials said the death toll could rise as many of the injured are in critical condition.",
    "At least 20 people died after consuming spurious liquor in the district, police said.",
    "The army was called in to rescue people stranded by the floods.",
    "Wildfires destroyed hundreds of homes in the state.",
])
def test_case_types_no_event_beside_a_hazard(ev_nlp, sentence):
    assert run(ev_nlp, sentence) == []


def test_case_types_staged_is_stage_not_stag(ev_nlp):
    from storyline.understand.events.tokens import _lemma
    doc = ev_nlp("Activists staged a sit-in and waged a campaign.")
    assert [_lemma(t) for t in doc if t.pos_ == "VERB"] == ["stage", "wage"]


@pytest.mark.parametrize("sentence", [
    "Rebels took control of the town without a fight on Sunday.",
    "The militia seized the airport without any resistance, residents said.",
    "Government forces recaptured the village peacefully after the insurgents left.",
])
def test_case_types_takeover_without_a_fight_is_territory_ceded(ev_nlp, sentence):
    ts = types(run(ev_nlp, sentence))
    assert "RETREAT" in ts and "ASSAULT" in ts


def test_case_types_takeover_by_force_cedes_nothing(ev_nlp):
    assert "RETREAT" not in types(run(ev_nlp, "Rebels took control of the town after heavy fighting."))


@pytest.mark.parametrize("sentence", [
    "Police dispersed the protesters with tear gas and water cannon.",
    "Security forces fired tear gas at demonstrators in the capital.",
    "Police charged at the protesters with batons.",
])
def test_case_types_violent_dispersal_is_assault(ev_nlp, sentence):
    # CAMEO 175, violent repression -> PLOVER ASSAULT; a plain dispersal stays COERCE
    assert "ASSAULT" in types(run(ev_nlp, sentence))


def test_case_types_plain_dispersal_and_a_charge_in_court_keep_their_types(ev_nlp):
    assert types(run(ev_nlp, "Police dispersed the crowd outside the stadium.")) == ["COERCE"]
    assert types(run(ev_nlp, "The man was charged with murder.")) == ["ACCUSE"]


def test_case_types_calling_for_a_protest_is_a_request_calling_a_strike_a_protest(ev_nlp):
    assert "PROTEST" in types(run(ev_nlp, "The opposition called a general strike across the country."))
    assert types(run(ev_nlp, "The opposition leader called for protests across the country.")) == ["REQUEST"]


@pytest.mark.parametrize("sentence, want", [
    ("The meeting produced a deal on the release of hostages.", "AGREE"),
    ("Negotiators from both sides initialled a draft accord.", "AGREE"),
    ("The two communities made peace after decades of feuding.", "AGREE"),
    ("The army handed over security responsibility for the district to the police.", "RETREAT"),
])
def test_case_types_agreements_produced_and_responsibility_handed_over(ev_nlp, sentence, want):
    assert want in types(run(ev_nlp, sentence))
