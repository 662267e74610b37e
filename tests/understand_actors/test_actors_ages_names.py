"""People named by their age ("the 10-year-old", "a 59-year-old woman": understand/actors/ages.py), names the tagger
cut short ("De'Andre Lee Jones") and a shorter form of a full name ("John Smith" of "John A. Smith")."""
from __future__ import annotations

from storyline.model import Article, content_hash
from storyline.understand import annotate_doc


def _annotate(nlp, text):
    art = Article(id="a1", source="t", text=text, content_hash=content_hash(text))
    return annotate_doc(nlp(text), art, nlp)


def _by_text(an):
    return {m.text: m.actor_id for m in an.mentions if m.sentence >= 0}


def test_an_age_alone_names_the_one_person_of_that_age(act_nlp):
    an = _annotate(act_nlp, "Jane Roe, 10, was shot on Friday. The 10-year-old was playing outside when a "
                            "23-year-old man opened fire. John Doe, 23, was arrested. The 23-year-old denied it.")
    got = _by_text(an)
    assert got["The 10-year-old"] == "person:jane-roe"
    assert got["a 23-year-old man"] == got["The 23-year-old"] == "person:john-doe"


def test_an_age_and_a_gendered_role_must_agree(act_nlp):
    an = _annotate(act_nlp, "A 59-year-old woman was struck by a car. Police said Mary Smith, 59, died. "
                            "A 59-year-old man was also hurt.")
    got = _by_text(an)
    assert got["A 59-year-old woman"] == "person:mary-smith"
    assert got.get("A 59-year-old man", got.get("man")) != "person:mary-smith"


def test_two_people_of_one_age_leave_the_age_noun_to_no_one_of_them(act_nlp):
    an = _annotate(act_nlp, "Jane Roe, 30, and John Doe, 30, were hurt. The 30-year-old was taken to hospital.")
    assert all(m.actor_id not in {"person:jane-roe", "person:john-doe"} for m in an.mentions
               if "30-year-old" in m.text)


def test_a_given_name_the_tagger_left_out_joins_the_name_and_a_shorter_form_is_the_same_person(act_nlp):
    an = _annotate(act_nlp, "Prosecutors say De'Andre Lee Jones shot his neighbor. De'Andre Jones denied it. "
                            "Jones said John Smith was there. John A. Smith said nothing.")
    got = _by_text(an)
    assert got["De'Andre Lee Jones"] == got["De'Andre Jones"] == got["Jones"] == "person:deandre-lee-jones"
    assert got["John Smith"] == got["John A. Smith"] == "person:john-a-smith"


def test_a_middle_name_gives_the_gender_an_unknown_given_name_does_not(act_nlp):
    an = _annotate(act_nlp, "An Oklahoma man was found guilty of killing Sha'Nice Marie Flynn, 20. "
                            "Prosecutor Jane Roe said Sha'Nice Flynn was shot.")
    got = _by_text(an)
    assert got["Sha'Nice Marie Flynn"] == got["Flynn"] == "person:shanice-marie-flynn"
    assert all(a != "person:shanice-marie-flynn" for t, a in got.items() if t.endswith("man"))


def test_a_ledes_indefinite_gendered_role_is_the_one_untitled_person_of_that_gender_named_after_it(act_nlp):
    an = _annotate(act_nlp, "Jury convicts man in death of a Texas woman. Prosecutors said John Doe shot Mary Roe "
                            "in 2012. Mary Roe died. A woman who saw it called police.")
    ms = [(m.text, m.actor_id) for m in an.mentions if m.sentence >= 0]
    assert ("Texas woman", "person:mary-roe") in ms
    # "a woman" once Mary Roe is named is someone new
    assert ("A woman", "norp:woman") in ms


def test_a_titled_official_named_after_a_ledes_role_is_not_that_person(act_nlp):
    an = _annotate(act_nlp, "Police are looking for a man who robbed a bank. Mayor John Smith said he was worried.")
    assert ("a man", "norp:man") in [(m.text, m.actor_id) for m in an.mentions if m.sentence >= 0]


def test_a_role_that_is_another_argument_of_the_persons_verb_is_not_that_person(act_nlp):
    an = _annotate(act_nlp, "Jane Roe, 59, was killed on Friday. Jane Roe was a grandmother of six. The "
                            "grandmother was mowed down by a drunken driver. Police said the driver fled.")
    drivers = [m.actor_id for m in an.mentions if m.text.endswith("driver")]
    assert len(drivers) == 2 and "person:jane-roe" not in drivers
