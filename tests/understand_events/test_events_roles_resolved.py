"""Event roles with the real actor resolver: targets that resolve, actors of reduced relatives (hand-written)."""
from storyline.model import Article
from storyline.understand.actors import resolve_actors
from storyline.understand.events import find_events
from storyline.understand.time import find_times


def events(nlp, text):
    a = Article(id="r1", source="t", text=text, content_hash="h", published="2021-03-11")
    doc = nlp(text)
    mentions, actors = resolve_actors(doc, a)
    by_id = {x.id: x for x in actors}
    return find_events(doc, a, mentions, actors, find_times(doc, a)), by_id


def test_events_target_is_never_a_date(ev_nlp):
    evs, by_id = events(ev_nlp, "Norway agreed on Saturday to provide 300 tons of food aid for Chad.")
    e = next(e for e in evs if e.type in ("AID", "AGREE"))
    assert e.target != "Saturday"
    assert by_id[e.target_id].country == "TCD"


def test_events_target_from_a_place_when_the_object_is_no_actor(ev_nlp):
    evs, by_id = events(ev_nlp, "Israeli soldiers arrested two activists in the West Bank on Friday.")
    e = next(e for e in evs if e.type == "COERCE")
    assert by_id[e.actor_id].country == "ISR"
    assert by_id[e.target_id].country == "PSE"


def test_events_resolved_object_beats_a_thing(ev_nlp):
    evs, by_id = events(ev_nlp, "Peru granted asylum to five Panamanian army officers.")
    e = next(e for e in evs if e.type == "AID")
    assert e.actor_id == "gpe:PER" and by_id[e.target_id].country == "PAN"


def test_events_reduced_relative_actor_is_the_modified_noun(ev_nlp):
    evs, by_id = events(ev_nlp, "A Kenyan newspaper urging the president to resign was seized.")
    e = next(e for e in evs if e.type == "REQUEST")
    assert e.actor_id is not None and by_id[e.actor_id].country == "KEN"


def test_events_stative_passive_keeps_its_subject(ev_nlp):
    evs, by_id = events(ev_nlp, "Greece is opposed to Turkish drilling in the area.")
    e = next(e for e in evs if e.type == "REJECT")
    assert e.actor_id == "gpe:GRC"


def test_events_pronoun_subject_gets_the_antecedent(ev_nlp):
    evs, by_id = events(ev_nlp, "Chile said it would send troops to the border.")
    e = next(e for e in evs if e.type in ("MOBILIZE", "THREATEN"))
    assert e.actor_id == "gpe:CHL"


def test_events_defying_a_ban_targets_who_issued_it(ev_nlp):
    evs, by_id = events(ev_nlp,
                        "A Kenyan radio station violated a ban by the Ugandan army and described its chief as a thief.")
    e = next(e for e in evs if e.type == "REJECT")
    assert e.mode == "defy" and by_id[e.target_id].country == "UGA"


def test_events_region_of_the_state_in_the_news_is_a_target(ev_nlp):
    evs, by_id = events(ev_nlp, "Sudan's government lifted a state of emergency in West Kordofan State on Sunday.")
    e = next(e for e in evs if e.type == "CONCEDE")
    assert by_id[e.actor_id].country == "SDN" and by_id[e.target_id].country == "SDN"
