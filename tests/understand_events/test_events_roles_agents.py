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


def test_events_body_an_actor_owns_is_named_as_written_with_the_owners_id(ev_nlp):
    evs, by_id = events(ev_nlp, "The general was indicted by the U.N. war crimes court on Monday.")
    e = next(e for e in evs if e.type == "ACCUSE")
    assert e.actor == "U.N. war crimes court" and by_id[e.actor_id].sector == "international"
    evs, _ = events(ev_nlp, "A US State Department official criticized China.")
    assert [(e.actor, e.actor_id) for e in evs if e.type == "ACCUSE"] == [("US State Department official", "gpe:USA")]


def test_events_one_actors_two_acts_of_a_type_on_two_targets_are_two_events(ev_nlp):
    evs, _ = events(ev_nlp, "Rebels kidnapped two Russian engineers and bombed a police station in Kabul.")
    assert sorted(e.mode for e in evs if e.type == "ASSAULT") == ["abduct", "explosives"]
    evs, _ = events(ev_nlp, "Rebels kidnapped two Russian engineers and killed them.")
    assert [e.type for e in evs].count("ASSAULT") == 1   # the same party: one event (the first act)
    evs, _ = events(ev_nlp, "Gunmen shot a guard and wounded two tourists in Cairo.")
    assert [e.type for e in evs].count("ASSAULT") == 1   # one kind of act on two parties: one assault


def test_events_envoys_and_negotiators_take_the_country_of_their_title(ev_nlp):
    evs, by_id = events(ev_nlp, "U.S. envoy John Smith met Iranian negotiator Ali Reza in Geneva.")
    e = next(e for e in evs if e.type == "CONSULT")
    assert e.actor == "John Smith" and by_id[e.actor_id].country == "USA"
    assert e.target == "Ali Reza" and by_id[e.target_id].country == "IRN"


def test_events_criminals_of_a_country_are_not_its_state(ev_nlp):
    evs, by_id = events(ev_nlp, "Somali pirates released the crew of a Greek tanker.")
    e = next(e for e in evs if e.type == "RETREAT")
    assert e.actor_id != "gpe:SOM" and (by_id[e.actor_id].country, by_id[e.actor_id].sector) == ("SOM", "criminals")


def test_events_spokesman_for_a_body_holds_its_code(ev_nlp):
    evs, _ = events(ev_nlp, "The spokesman for the Syrian army denied the report.")
    e = next(e for e in evs if e.type == "REJECT")
    assert e.actor_id == "gpe:SYR" and e.actor == "spokesman for the Syrian army"
