"""Actor resolver: nationality groups, national titles, leaders, places, pronouns (sentences written here)."""
from storyline.model import Article
from storyline.understand import actor_dictionary as D
from storyline.understand.actors import resolve_actors


def run(nlp, text):
    art = Article(id="t", source="t", text=text, content_hash="h", published="2020-05-01")
    mentions, actors = resolve_actors(nlp(text), art)
    return mentions, {a.id: a for a in actors}


def country_of(mentions, actors, text):
    m = next(m for m in mentions if m.text == text)
    return actors[m.actor_id].country if m.actor_id else None


def test_actors_country_index_knows_demonyms_capitals_and_short_names():
    c = D.countries()
    assert c.lookup("Ugandan") == ("UGA", "demonym")
    assert c.lookup("Moroccan") == ("MAR", "demonym")
    assert c.lookup("Sri Lanka") == ("LKA", "name")
    assert c.lookup("Ivory Coast") == ("CIV", "name")
    assert c.lookup("Tehran") == ("IRN", "capital")
    assert c.lookup("Congolese")[0] == "COD"
    assert c.lookup("us") is None   # codes only in capitals


def test_actors_nationality_group_gets_its_country(act_nlp):
    mentions, actors = run(act_nlp, "Five hundred Ugandan rebels surrendered last week near the border.")
    m = next(m for m in mentions if "rebels" in m.text)
    a = actors[m.actor_id]
    assert a.country == "UGA" and a.type == "NORP" and a.sector == "rebels"


def test_actors_nationality_official_is_the_state(act_nlp):
    mentions, actors = run(act_nlp, "A Russian official offered concessions to the negotiators.")
    m = next(m for m in mentions if "official" in m.text)
    assert m.actor_id == "gpe:RUS"


def test_actors_demonym_on_a_thing_names_the_state(act_nlp):
    mentions, actors = run(act_nlp, "Serbia flatly rejected an Australian ultimatum on Thursday.")
    assert any(m.actor_id == "gpe:AUS" for m in mentions)


def test_actors_national_title_gives_person_country(act_nlp):
    mentions, actors = run(act_nlp, "Gambian President Dawda Jawara will visit Senegal next week.")
    assert actors["person:dawda-jawara"].country == "GMB"


def test_actors_title_set_off_by_a_comma_before_the_name_gives_country_and_sector(act_nlp):
    mentions, actors = run(act_nlp, "Chile's foreign minister, Ana Lopez, met her Peruvian counterpart in Lima.")
    a = actors["person:ana-lopez"]
    assert (a.country, a.sector) == ("CHL", "government")
    mentions, actors = run(act_nlp, "Qatar's emir, Sheikh Hamad bin Khalifa al-Thani, launched a mediation effort.")
    a = next(x for x in actors.values() if x.type == "PERSON")
    assert (a.country, a.sector) == ("QAT", "government")
    # a list is no title: the name after 'Germany,' takes nothing from it
    mentions, actors = run(act_nlp, "The prize went to Germany, Ana Lopez and Juan Perez.")
    assert all(x.country is None for x in actors.values() if x.type == "PERSON")


def test_actors_name_the_tagger_calls_an_organisation_is_a_person_after_a_personal_title(act_nlp):
    mentions, actors = run(act_nlp, "Kenyan Vice-President Moody Awori has declined to resign.")
    a = next(x for x in actors.values() if x.name == "Moody Awori")
    assert (a.type, a.country, a.sector) == ("PERSON", "KEN", "government")
    # a company after a title word stays a company
    mentions, actors = run(act_nlp, "Trade Minister Jane Roe visited Apple Inc. on Monday.")
    assert not any(x.type == "PERSON" and "Apple" in x.name for x in actors.values())


def test_actors_title_after_and_is_not_the_first_country(act_nlp):
    text = "The envoy shuttled between Syria and Palestinian leader Yasser Arafat."
    mentions, actors = run(act_nlp, text)
    assert actors["person:yasser-arafat"].country == "PSE"


def test_actors_well_known_leader_without_title(act_nlp):
    mentions, actors = run(act_nlp, "On Tuesday, Putin offered to negotiate with the rebels.")
    person = next(a for a in actors.values() if a.type == "PERSON")
    assert person.country == "RUS"


def test_actors_country_tagged_as_person_is_the_state(act_nlp):
    mentions, actors = run(act_nlp, "Sri Lanka has established diplomatic ties with Iran.")
    assert "gpe:LKA" in actors


def test_actors_organisation_named_after_a_country(act_nlp):
    mentions, actors = run(act_nlp, "The Nigerian Union of Teachers announced a strike on Monday.")
    org = next(a for a in actors.values() if a.type == "ORG")
    assert org.country == "NGA"


def test_actors_place_holding_a_country_name(act_nlp):
    mentions, actors = run(act_nlp, "Troops moved into South Lebanon on Sunday.")
    assert any(actors[m.actor_id].country == "LBN" for m in mentions if m.actor_id)


def test_actors_people_named_by_their_city(act_nlp):
    mentions, actors = run(act_nlp, "Demonstrators in Baghdad blocked a road on Tuesday.")
    m = next(m for m in mentions if m.text.startswith("Demonstrators"))
    assert actors[m.actor_id].country == "IRQ"


def test_actors_it_refers_to_the_reporting_state(act_nlp):
    mentions, actors = run(act_nlp, "Uganda said on Sunday it had paid compensation to the families.")
    it = next(m for m in mentions if m.text == "it")
    assert it.label == "PRON" and it.actor_id == "gpe:UGA"


def test_actors_expletive_it_has_no_actor(act_nlp):
    mentions, actors = run(act_nlp, "Japan met the envoy. It is expected that talks will resume.")
    assert not any(m.text == "It" for m in mentions)


def test_actors_its_not_the_copula_subject(act_nlp):
    text = "While Utopia is an ally of Japan, China is its biggest export market."
    mentions, actors = run(act_nlp, text)
    its = [m for m in mentions if m.text == "its"]
    assert its and its[0].actor_id != "gpe:CHN"


def test_actors_titled_official_defaults_to_the_article_state(act_nlp):
    mentions, actors = run(act_nlp, "President Abdel Karimov threatened to impose a curfew in Algiers.")
    person = next(a for a in actors.values() if a.type == "PERSON")
    assert person.country == "DZA"


def test_actors_descriptor_gives_the_organisation_its_country_and_sector(act_nlp):
    text = ("Zentrix Systems unveiled a new router on Monday. The Brazilian tech giant said sales would grow. "
            "The company plans to hire 300 engineers.")
    mentions, actors = run(act_nlp, text)
    org = next(a for a in actors.values() if a.name.startswith("Zentrix"))
    assert org.country == "BRA" and org.sector == "business"
    assert any(m.text == "The Brazilian tech giant" and m.actor_id == org.id for m in mentions)


def test_actors_pronoun_prefers_a_person_of_its_known_gender_over_an_earlier_unmarked_one(act_nlp):
    text = ("Singer Maria Valdez checked herself into a clinic in Ohio, her manager said. Her agent Terry Keene "
            "did not say why. A cousin of the singer told reporters she left on Friday.")
    ms, _ = run(act_nlp, text)
    she = [m for m in ms if m.text == "she"]
    assert [m.actor_id for m in she] == ["person:maria-valdez"]
    # in the pronoun's own sentence the person just named stands, whatever is known of the others
    ms, _ = run(act_nlp, "Maria Valdez said she was tired. Terry Keene declined to comment. Keene said she would call.")
    assert [m.actor_id for m in ms if m.text == "she"] == ["person:maria-valdez", "person:terry-keene"]


def test_actors_given_name_gives_a_gender_where_the_article_marks_none(act_nlp):
    from storyline.understand.actors.given_names import given_name_gender
    assert given_name_gender("Peter") == "M" and given_name_gender("Maria") == "F"
    assert given_name_gender("J.") is None and given_name_gender("Zyxwv") is None
    # the subject of the pronoun's own sentence is a man by his given name: 'she' is the woman named before
    ms, _ = run(act_nlp, "Maria Valdez left the clinic on Monday. Her manager Peter Hale said she would rest at home.")
    assert [m.actor_id for m in ms if m.text == "she"] == ["person:maria-valdez"]


def test_a_subject_pronoun_keeps_its_person_the_topic_past_a_list_of_others(act_nlp):
    """'she' as a subject continues Jane Rowe; the women listed after it do not take the next 'her'."""
    ms, _ = run(act_nlp, "Jane Rowe entered the Harbor Clinic on Tuesday. Her agent said that she was at the same "
                         "clinic where Mary Smith, Ann Lee and Kate Moss were treated. Her friends are supportive of "
                         "her decision.")
    hers = [m.actor_id for m in ms if m.text.lower() == "her"]
    assert hers == ["person:jane-rowe"] * 3
