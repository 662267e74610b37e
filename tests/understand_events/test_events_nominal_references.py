"""Nominal references (hand-written general English): an event noun the sentence only mentions as an earlier act
('the ban imposed last year', "last year's sanctions", 'the 2019 arrest of X') is an event marked reference, dated
then; no reference without a stated time before publication, and never a second event for an act a verb codes."""
from storyline.link.timeline import timeline
from storyline.model import Annotated, Article
from tests.understand_events.test_events_roles_resolved import events


def refs(evs):
    return [e for e in evs if e.reference]


def test_events_participle_on_an_event_noun_is_a_reference_dated_then(ev_nlp):
    evs, _ = events(ev_nlp, "The ban imposed last year still hurts exports.")
    (r,) = refs(evs)
    assert (r.type, r.date, r.date_inferred) == ("SANCTION", "2020", False)


def test_events_time_owning_the_noun_dates_the_reference_and_its_target(ev_nlp):
    evs, _ = events(ev_nlp, "Last year's sanctions on Russia have hurt European farmers.")
    (r,) = refs(evs)
    assert (r.type, r.date, r.target_id) == ("SANCTION", "2020", "gpe:RUS")


def test_events_year_on_the_noun_and_the_patient_owner(ev_nlp):
    evs, _ = events(ev_nlp, "The journalist's arrest in 2018 drew criticism from the opposition.")
    (r,) = refs(evs)
    assert (r.type, r.date, r.target) == ("COERCE", "2018", "The journalist")
    evs, _ = events(ev_nlp, "The 2019 arrest of the mayor led to protests.")
    assert [(r.type, r.date, r.target) for r in refs(evs)] == [("COERCE", "2019", "the mayor")]


def test_events_actor_of_the_relative_clause_holds_the_reference(ev_nlp):
    evs, _ = events(ev_nlp, "Farmers complained about the sanctions that the European Union imposed in 2019.")
    r = next(e for e in refs(evs) if e.type == "SANCTION")
    assert r.actor == "European Union" and r.date == "2019"


def test_events_light_verb_of_the_participle_takes_the_nouns_act_once(ev_nlp):
    evs, _ = events(ev_nlp, "The ban imposed by Washington in 2019 cost the company billions.")
    assert [(e.type, e.actor_id, e.reference, e.date) for e in evs] == [("SANCTION", "gpe:USA", True, "2019")]


def test_events_act_coded_by_a_verb_gets_no_second_event(ev_nlp):
    evs, _ = events(ev_nlp, "The United States imposed a ban on the company last year.")
    assert [(e.type, e.reference) for e in evs] == [("SANCTION", False)]


def test_events_lifting_a_ban_imposed_earlier_refers_to_the_imposing(ev_nlp):
    evs, _ = events(ev_nlp, "The United States lifted the ban it imposed last year.")
    assert sorted((e.type, e.reference, e.date) for e in evs) == [
        ("CONCEDE", False, "2021-03-11"), ("SANCTION", True, "2020")]


def test_events_no_reference_without_a_time_before_publication(ev_nlp):
    for text in ("The ban will take effect next year.", "The sanctions hurt European farmers.",
                 "The 2022 ban on coal worries miners."):
        evs, _ = events(ev_nlp, text)
        assert refs(evs) == [], text


def test_events_nominal_reference_stays_off_the_timeline(ev_nlp):
    text = "The ban imposed last year still hurts exports."
    evs, _ = events(ev_nlp, text)
    art = Article(id="r1", source="t", text=text, content_hash="h", published="2021-03-11")
    assert refs(evs) and timeline([Annotated(article=art, events=tuple(evs))]) == []
