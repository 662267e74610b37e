"""People named by a role, relative pronouns, and country/sector from the Phoenix actor dictionaries."""
from __future__ import annotations

from storyline.model import Article
from storyline.understand import actor_dictionary as D
from storyline.understand.actors import resolve_actors


def _resolve(nlp, text, published=None):
    art = Article(id="t", source="t", text=text, content_hash="h", published=published)
    return resolve_actors(nlp(text), art)


def test_actors_role_noun_is_a_mention_of_the_main_person(act_nlp):
    ms, actors = _resolve(act_nlp, "Jane Rowley checked into a clinic on Tuesday. The actress, 26, had been ordered "
                                   "to do so by a judge. Rowley said she was grateful.")
    role = [m for m in ms if m.text == "actress"]
    assert role and role[0].actor_id == "person:jane-rowley" and role[0].label == "DESC"
    jane = next(a for a in actors if a.id == "person:jane-rowley")
    assert "actress" not in jane.aliases


def test_actors_relational_role_is_not_the_person_it_relates_to(act_nlp):
    ms, _ = _resolve(act_nlp, "Jane Rowley checked into a clinic on Tuesday. Rowley said she was fine. "
                              "Her lawyer declined to comment.")
    assert not [m for m in ms if m.text == "lawyer" and m.actor_id == "person:jane-rowley"]


def test_actors_role_tied_by_apposition(act_nlp):
    ms, _ = _resolve(act_nlp, "Jane Rowley was in court on Friday. Her lawyer, Tom Brandt, said she would appeal. "
                              "The lawyer added that the ruling was unfair.")
    lawyer = [m for m in ms if m.text == "lawyer"]
    assert lawyer and all(m.actor_id == "person:tom-brandt" for m in lawyer)


def test_actors_relative_pronoun_stands_for_its_noun(act_nlp):
    ms, _ = _resolve(act_nlp, "Jane Rowley, who checked into a clinic on Tuesday, was ordered to stay there.")
    who = [m for m in ms if m.text == "who"]
    assert who and who[0].actor_id == "person:jane-rowley"


def test_actors_dictionary_role_at_the_article_date():
    assert D.phoenix_role("Barack Obama", "2010-05-01") == ("USA", "government")
    assert D.phoenix_role("Ban Ki-moon", "2005-06-01")[0] == "KOR"         # foreign minister of South Korea
    assert D.phoenix_role("Ban Ki-moon", "2012-06-01") == (None, "international")   # UN Secretary-General
    assert D.phoenix_role("Obama", None) is None                              # one word: too ambiguous
    assert D.phoenix_role("Jane Rowley", None) is None


def test_actors_dictionary_gives_country_and_sector_to_named_people(act_nlp):
    _, actors = _resolve(act_nlp, "Barack Obama met reporters on Monday. Obama said the talks went well.",
                         published="2010-03-01")
    obama = next(a for a in actors if a.type == "PERSON")
    assert (obama.country, obama.sector) == ("USA", "government")


def test_a_role_tied_to_a_person_by_as_is_that_person_not_the_main_one(act_nlp):
    # the woman is named most: without the tie 'identified as' the driver would be her
    ms, _ = _resolve(act_nlp, "A woman died after a car hit her in Queens. Nora Bell, 59, was a nurse. Bell was "
                              "walking home. The driver, who police identified as Tom Reed, fled the scene. "
                              "Police arrested the driver later.")
    assert {m.actor_id for m in ms if m.text.endswith("driver")} == {"person:tom-reed"}
    ms, _ = _resolve(act_nlp, "Police named the gunman as Carl Moss. Jane Roe, who was hurt, said Roe was fine. "
                              "Roe thanked the gunman's victims.")
    assert {m.actor_id for m in ms if m.text.endswith("gunman")} == {"person:carl-moss"}
