"""Who did it to whom when English puts the patient first or the doer elsewhere (hand-written sentences): passive
relatives and reduced relatives, 'its' objects, object-controlled infinitives, things that are never targets."""
from tests.understand_events.test_events_roles_resolved import events


def test_events_passive_relative_puts_the_noun_in_the_target(ev_nlp):
    evs, _ = events(ev_nlp, "The mayor, who was charged with fraud last year, resigned on Monday.")
    charge = next(e for e in evs if e.type == "ACCUSE")
    assert charge.actor is None and charge.target == "The mayor"


def test_events_reduced_passive_relative_agent_acts_on_the_noun(ev_nlp):
    evs, _ = events(ev_nlp, "The man arrested by police on Monday was released.")
    arrest = next(e for e in evs if e.type == "COERCE")
    assert arrest.actor == "police" and arrest.target == "The man"


def test_events_its_object_owned_by_the_actor_is_not_a_bridge_to_a_third(ev_nlp):
    evs, _ = events(ev_nlp, "The US has been waging a campaign against Zenith, which it accuses of spying. Both the "
                            "Chinese government and the tech titan deny Washington's allegations and harshly "
                            "condemned its actions against Zenith.")
    assert not [e for e in evs if e.trigger == "condemned" and e.target_id == "org:zenith"]


def test_events_relative_pronoun_object_is_the_noun_it_stands_for(ev_nlp):
    evs, _ = events(ev_nlp, "The US has been waging a campaign against Zenith, which it accuses of spying.")
    accuse = next(e for e in evs if e.type == "ACCUSE")
    assert accuse.target_id == "org:zenith"


def test_events_pressing_its_allies_targets_the_allies(ev_nlp):
    evs, _ = events(ev_nlp, "Washington has been pressing its allies not to use equipment made by Zenith Corp.")
    req = next(e for e in evs if e.type == "REQUEST")
    assert req.target == "its allies"


def test_events_object_controlled_infinitive_is_no_act_of_its_own(ev_nlp):
    evs, _ = events(ev_nlp, "Washington has been pressuring foreign countries, even trying to blackmail allies, to "
                            "ban Zenith Corp from their networks.")
    assert not [e for e in evs if e.type == "SANCTION"]     # the ban is what they are pressed to do
    assert next(e for e in evs if e.type == "REQUEST").target == "foreign countries"


def test_events_targets_are_actors_never_things(ev_nlp):
    for text in ("Yvonne Hiller fired several shots.", "Police charged Yvonne Hiller with two counts of murder.",
                 "The minister denied the allegations.", "The gang repeated its threats on Monday."):
        evs, _ = events(ev_nlp, text)
        for e in evs:
            assert e.target is None or e.target_id is not None or e.target in ("Yvonne Hiller",), (text, e)


def test_events_who_died_in_custody_is_the_target_the_custodian_the_actor(ev_nlp):
    evs, by_id = events(ev_nlp, "A Palestinian prisoner died as a result of torture while in Israeli police custody.")
    e = next(e for e in evs if e.type == "ASSAULT")
    assert by_id[e.actor_id].country == "ISR"
    assert "prisoner" in e.target


def test_events_a_warning_that_police_will_act_targets_whom_they_act_against(ev_nlp):
    evs, _ = events(ev_nlp, "The governor warned that police would arrest striking workers.")
    assert next(e for e in evs if e.type == "THREATEN").target == "striking workers"
    evs, _ = events(ev_nlp, "The interior minister warned that the army would crush any protest by the students.")
    assert next(e for e in evs if e.type == "THREATEN").target == "the students"


def test_events_a_surface_target_names_people_or_a_body(ev_nlp):
    from storyline.model import Article
    from storyline.understand.events.roles import _surface_actor
    from storyline.understand.events.tokens import _Ctx
    text = "Rebels fired shots at foreign countries, the allegations said, as Controls failed Ghanaians."
    doc = ev_nlp(text)
    ctx = _Ctx(doc, Article(id="a", source="t", text=text, content_hash="h"), [], [], [], 0)
    tok = {t.text: t for t in doc}
    assert _surface_actor(ctx, tok["countries"]) and _surface_actor(ctx, tok["Rebels"])
    assert not _surface_actor(ctx, tok["shots"]) and not _surface_actor(ctx, tok["allegations"])
    assert not _surface_actor(ctx, tok["Controls"]) or tok["Controls"].ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
