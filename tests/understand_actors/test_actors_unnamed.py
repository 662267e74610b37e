"""Unnamed actors (understand/actors/unnamed.py): "the jury", "prosecutors", "the scene" are mentions of an
unnamed actor of the article, named by the noun's lemma, never an alias; a word the article ties to a named actor
elsewhere is that actor."""
from __future__ import annotations

from storyline.model import Article, content_hash
from storyline.understand import annotate_doc

TEXT = ("A jury convicted Mark Hollis on Friday. Prosecutors said Hollis fled the scene. The jury deliberated for "
        "two days. Anna Reyes, the driver, said the driver had seen nothing.")


def _annotate(nlp, text=TEXT):
    art = Article(id="u1", source="t", text=text, content_hash=content_hash(text))
    return annotate_doc(nlp(text), art, nlp)


def test_common_nouns_of_unnamed_actors_are_mentions_of_one_actor_each(act_nlp):
    an = _annotate(act_nlp)
    by_text = {m.text: m for m in an.mentions}
    assert by_text["A jury"].actor_id == by_text["The jury"].actor_id == "norp:jury"
    assert by_text["Prosecutors"].actor_id == "norp:prosecutor"
    assert by_text["the scene"].actor_id == "loc:scene"
    assert all(by_text[t].label == "DESC" for t in ("A jury", "Prosecutors", "the scene"))
    jury = next(a for a in an.actors if a.id == "norp:jury")
    assert jury.name == "jury" and not jury.aliases and jury.type == "NORP"


def test_a_noun_the_article_ties_to_a_named_person_is_that_person(act_nlp):
    an = _annotate(act_nlp)
    drivers = [m.actor_id for m in an.mentions if m.text.endswith("driver")]
    assert len(drivers) == 2 and set(drivers) == {"person:anna-reyes"}


def test_unnamed_mentions_never_cover_a_named_one(act_nlp):
    an = _annotate(act_nlp)
    text = [m for m in an.mentions if m.sentence >= 0]
    for a in text:
        for b in text:
            if a is not b:
                assert not (a.start < b.end and b.start < a.end), (a, b)


def test_a_pronoun_no_named_person_took_is_the_unnamed_person_named_before(act_nlp):
    an = _annotate(act_nlp, "A 66-year-old woman was walking outside a store in Springfield when she was struck. "
                            "A driver, who fled, was later arrested after police said he was drunk.")
    got = {(m.text, m.label): m.actor_id for m in an.mentions}
    assert got[("she", "PRON")] == got[("A 66-year-old woman", "DESC")] == "norp:woman"
    assert got[("who", "PRON")] == got[("he", "PRON")] == "norp:driver"
    # a pronoun of the other gender than the noun English marks is not that person
    an = _annotate(act_nlp, "A woman was hurt when a car hit a tree. He said nothing.")
    assert not [m for m in an.mentions if m.text == "He"]
    assert all("she" not in a.aliases and "who" not in a.aliases for a in an.actors)


def test_they_no_named_actor_took_is_the_unnamed_group_named_before(act_nlp):
    an = _annotate(act_nlp, "Authorities are now saying they suspect arson. A prosecutor told jurors as he asked "
                            "them to send Mark Hollis to prison.")
    got = {(m.text, m.label): m.actor_id for m in an.mentions}
    assert got[("they", "PRON")] == got[("Authorities", "DESC")] == "norp:authority"
    assert got[("them", "PRON")] == got[("jurors", "DESC")] == "norp:juror"
    assert got[("he", "PRON")] == "norp:prosecutor"


def test_a_count_standing_alone_for_people_is_an_unnamed_group_and_a_rep_a_person(act_nlp):
    an = _annotate(act_nlp, "A strong quake hit the island on Monday. Dozens were injured and hundreds fled their "
                            "homes. Dozens of houses collapsed. Her rep confirmed the news.")
    got = [(m.text, m.actor_id) for m in an.mentions]
    assert ("Dozens", "norp:dozen") in got and ("hundreds", "norp:hundred") in got
    assert ("their", "norp:hundred") in got
    assert not [t for t, _ in got if t.startswith("Dozens of")] and ("houses", "loc:house") in got
    assert ("rep", "norp:rep") in got


def test_a_fetus_a_baby_and_agencies_are_unnamed_actors(act_nlp):
    an = _annotate(act_nlp, "Tom Pike was charged in the deaths of Mary Cole and her fetus. Police said the baby "
                            "was due in May. Federal agencies were asked to help.")
    by_text = {m.text: m.actor_id for m in an.mentions}
    assert by_text["fetus"] == "norp:fetus"
    assert by_text["the baby"] == "norp:baby"
    assert by_text["Federal agencies"] == "norp:agency"
