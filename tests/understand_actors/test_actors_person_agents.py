"""Phoenix person agent nouns ("an arsonist", "a burglar": understand/actors/person_agents.py): the person the
article ties them to, else an unnamed person of the article."""
from __future__ import annotations

from storyline.model import Article, content_hash
from storyline.understand import annotate_doc
from storyline.understand.actors.person_agents import person_agents


def _annotate(nlp, text):
    art = Article(id="a1", source="t", text=text, content_hash=content_hash(text))
    return annotate_doc(nlp(text), art, nlp)


def test_a_person_agent_noun_tied_to_a_name_is_that_person_else_an_unnamed_one(act_nlp):
    an = _annotate(act_nlp, "Police arrested John Miller, a convicted burglar, on Tuesday. The burglar had "
                            "fled. An arsonist set fire to the church on Friday. Investigators said the arsonist "
                            "used gasoline.")
    ms = [(m.text, m.actor_id) for m in an.mentions if m.sentence >= 0]
    assert [a for t, a in ms if t.endswith("burglar")] == ["person:john-miller"] * 2
    arsonists = [(t, a) for t, a in ms if t.lower().endswith("arsonist")]
    assert len(arsonists) == 2 and {a for _, a in arsonists} == {"norp:arsonist"}
    assert "arsonist" not in next(a for a in an.actors if a.id == "person:john-miller").aliases


def test_person_agents_come_from_the_shipped_data_less_the_resolvers_own_words():
    agents = person_agents()
    assert {"arsonist", "burglar", "looter"} <= agents
    assert not agents & {"woman", "president", "bomber", "tanker", "ministry", "police"}
