"""Domestic agents (issue 22, actor codes): an actor named only by a generic agent noun ('police', 'the
army', 'the opposition leader', 'Rebels') takes the one state its sentence names, as the PLOVER/Phoenix coders code
it; none when the sentence names two states, none, or only a city of one (a city's police are no state's), when the
noun carries a name of its own, or when it names people from elsewhere. Sentences written for these tests, none
taken from an evaluation set."""
import pytest

from tests.understand_events.test_events_roles_resolved import events


def _codes(nlp, sentence, etype):
    evs, by_id = events(nlp, sentence)
    e = next(e for e in evs if e.type == etype)
    code = by_id[e.actor_id].country if e.actor_id in by_id else None
    tcode = by_id[e.target_id].country if e.target_id in by_id else None
    return e, code, tcode


@pytest.mark.parametrize("sentence, etype, country", [
    ("Police arrested the opposition leader in Zimbabwe on Monday.", "COERCE", "ZWE"),
    ("Security forces opened fire on demonstrators in Sudan, killing five.", "ASSAULT", "SDN"),
    ("The army arrested dozens of opposition supporters in Kenya on Friday.", "COERCE", "KEN"),
    ("Guerrillas killed two villagers in northern Iraq.", "ASSAULT", "IRQ"),
])
def test_codes_domestic_actor_takes_the_sentence_state(ev_nlp, sentence, etype, country):
    e, code, _ = _codes(ev_nlp, sentence, etype)
    assert code == country, (e.actor, e.actor_id)


def test_codes_domestic_actor_leaves_the_state_as_target(ev_nlp):
    """The state the agent takes may be the one acted on too ('the government banned rallies in Nairobi')."""
    e, code, tcode = _codes(ev_nlp, "The government has banned all rallies in the capital, Nairobi.", "SANCTION")
    assert code == "KEN" and tcode == "KEN"


@pytest.mark.parametrize("sentence, etype", [
    ("The court sentenced a French journalist to ten years in prison in Iran.", "COERCE"),   # two states
    ("Police arrested three men on Monday.", "COERCE"),                                       # no state
    ("Police arrested three men in Chicago on Monday.", "COERCE"),                            # only a city
    ("Its troops attacked a base in Mali.", "ASSAULT"),                                        # whose is said
])
def test_codes_domestic_actor_not_given_without_one_state_or_with_a_name(ev_nlp, sentence, etype):
    e, code, _ = _codes(ev_nlp, sentence, etype)
    assert code is None, (e.actor, e.actor_id)


@pytest.mark.parametrize("sentence, etype, country", [
    ("Refugees attacked aid workers at a camp in Kenya.", "ASSAULT", None),
    ("Peacekeepers fired on a crowd in Haiti.", "ASSAULT", None),
    ("Police fired on a crowd in Haiti.", "ASSAULT", "HTI"),
])
def test_codes_domestic_foreigners_keep_no_state(ev_nlp, sentence, etype, country):
    """Refugees and peacekeepers acting in a country are not of it; its police are."""
    e, code, _ = _codes(ev_nlp, sentence, etype)
    assert code == country, (e.actor, e.actor_id)


def test_codes_domestic_people_word_is_no_name_of_its_own(ev_nlp):
    """'Kurdish rebels' in Iran are coded with Iran, as the coders code an ethnic group with the state it acts in."""
    e, code, _ = _codes(ev_nlp, "Kurdish rebels attacked a base in Iran.", "ASSAULT")
    assert code == "IRN", (e.actor, e.actor_id)
