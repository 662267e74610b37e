"""Country of actors the article does not place: the one state an article names, and international bodies'
acronyms from the Phoenix dictionaries (never a state's)."""
from __future__ import annotations

from storyline.model import Article
from storyline.understand import actor_dictionary as D
from storyline.understand.actors import resolve_actors


def _actors(nlp, text, published="2005-06-01"):
    art = Article(id="t", source="t", text=text, content_hash="h", published=published)
    return {a.name: a for a in resolve_actors(nlp(text), art)[1]}


def test_actors_of_a_one_state_article_are_that_states(act_nlp):
    actors = _actors(act_nlp, "The Mozambique government on Thursday accepted demands from Shona rebels.")
    shona = next(a for n, a in actors.items() if "Shona" in n)
    assert shona.country == "MOZ"


def test_actors_of_a_two_state_article_keep_no_country(act_nlp):
    actors = _actors(act_nlp, "France and Germany on Thursday rejected demands from Shona rebels.")
    shona = next(a for n, a in actors.items() if "Shona" in n)
    assert shona.country is None


def test_actors_international_acronym_is_in_the_dictionary():
    assert D.phoenix_role("UNHCR") == (None, "international")
    assert D.phoenix_role("U.N.") == (None, "international")
    assert D.phoenix_role("Amit") is None           # a one-word name written as a name: not an acronym


def test_actors_un_body_never_takes_the_articles_state(act_nlp):
    actors = _actors(act_nlp, "Indonesia forced the UNHCR out of the country following the relief operation.")
    assert actors["UNHCR"].country is None


def test_actors_facility_of_a_one_state_article_is_in_that_state(act_nlp):
    actors = _actors(act_nlp, "Egyptian police surrounded Cairo Airport on Friday.")
    assert actors["Cairo Airport"].country == "EGY"
