"""Places the Phoenix country blocks list (cities, regions, spelling variants) give their country, and people
located only by such a place are a group of that country (sentences written here, general English)."""
from storyline.model import Article
from storyline.understand import actor_dictionary as D
from storyline.understand.actors import resolve_actors
from storyline.understand.events import find_events


def run(nlp, text):
    art = Article(id="t", source="t", text=text, content_hash="h", published="2015-05-01")
    doc = nlp(text)
    mentions, actors = resolve_actors(doc, art)
    return doc, art, mentions, {a.id: a for a in actors}


def country_of(mentions, actors, text):
    m = next(m for m in mentions if m.text == text)
    return actors[m.actor_id].country if m.actor_id else None


def test_place_country_reads_the_phoenix_country_blocks():
    assert D.place_country("Basra") == "IRQ"            # a city listed under Iraq
    assert D.place_country("Helmand") == "AFG"          # a province listed under Afghanistan
    assert D.place_country("Afganistan") == "AFG"       # a misspelling listed under Afghanistan
    assert D.place_country("Kabul province") == "AFG"   # a trailing place word is dropped
    assert D.place_country("Springfield") is None


def test_a_city_no_gazetteer_knows_gets_its_country(act_nlp):
    _, _, mentions, actors = run(act_nlp, "The governor of Basra resigned on Monday after weeks of unrest.")
    assert country_of(mentions, actors, "Basra") == "IRQ"


def test_people_located_only_by_a_place_are_a_group_of_its_country(act_nlp):
    text = "Thousands of people blocked streets in Basra on Friday to demand jobs."
    doc, art, mentions, actors = run(act_nlp, text)
    m = next(m for m in mentions if m.text.endswith("people"))
    assert actors[m.actor_id].country == "IRQ" and actors[m.actor_id].type == "NORP"   # the group, not the place
    events = find_events(doc, art, mentions, list(actors.values()), [])
    assert any(e.actor_id == m.actor_id for e in events)   # the event's actor carries the group's country


def test_forces_located_by_a_place_are_not_given_its_country(act_nlp):
    _, _, mentions, actors = run(act_nlp, "Troops opened fire in Kabul on Tuesday.")
    assert not any(m.text == "Troops" and m.actor_id for m in mentions)


def test_a_place_of_two_countries_names_no_group(act_nlp):
    _, _, mentions, actors = run(act_nlp, "Students marched in Basra and in Kabul on Sunday.")
    assert not any(a.type == "NORP" for a in actors.values())


def test_a_region_iso_names_under_one_country_gets_it(act_nlp):
    assert D.place_country("Sindh province", subdivision=True) == "PAK"
    assert D.place_country("Sindh province") is None            # Phoenix alone does not list it
    assert D.place_country("North", subdivision=True) is None    # generic words name no one country
    _, _, mentions, actors = run(act_nlp, "The government of Sindh province ordered police patrols after protests.")
    assert any(a.country == "PAK" for a in actors.values())


def test_an_organisation_named_after_a_region_takes_its_country(act_nlp):
    _, _, mentions, actors = run(act_nlp, "The Helmand Provincial Council accused the governor of corruption.")
    assert country_of(mentions, actors, "Helmand Provincial Council") == "AFG"


def test_the_place_of_the_act_a_group_agrees_or_vows_to_do_locates_it(act_nlp):
    _, _, mentions, actors = run(act_nlp, "Students agreed to postpone the rally in Basra until next week.")
    m = next(m for m in mentions if m.text == "Students")
    assert actors[m.actor_id].country == "IRQ"
