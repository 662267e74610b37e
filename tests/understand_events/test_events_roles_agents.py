"""Who holds the role (hand-written general English): a passive's agent the parser hangs on the verb's
prepositional object, the authorities of the place an agentless arrest or charge happened in, and the place an
act happened in as the target only when no one else is named."""
from tests.understand_events.test_events_roles_resolved import events


def test_events_by_agent_hung_on_the_object_of_with_is_the_actor(ev_nlp):
    evs, _ = events(ev_nlp, "The former minister was charged with corruption by prosecutors in Kenya.")
    e = next(e for e in evs if e.type == "ACCUSE")
    assert e.actor == "prosecutors" and e.target == "The former minister"


def test_events_agentless_arrest_in_a_country_is_by_its_authorities(ev_nlp):
    evs, by_id = events(ev_nlp, "A French journalist was arrested in Egypt on Monday.")
    e = next(e for e in evs if e.type == "COERCE")
    assert e.actor_id == "gpe:EGY" and by_id[e.target_id].country == "FRA"


def test_events_agentless_killing_in_a_country_has_no_actor(ev_nlp):
    evs, _ = events(ev_nlp, "A French journalist was killed in Iraq on Monday.")
    assert all(e.actor is None for e in evs if e.type == "ASSAULT")


def test_events_place_of_the_act_yields_to_an_actor_named_deeper(ev_nlp):
    evs, _ = events(ev_nlp, "Thousands of people blocked streets in Hong Kong in defiance of Chinese authorities.")
    e = next(e for e in evs if e.type == "PROTEST")
    assert e.target_id == "gpe:CHN"
