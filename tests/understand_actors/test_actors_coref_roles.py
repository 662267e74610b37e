"""Nominal coreference inside one article (issue 23): a role noun introduced by "a"/"an" after a person was named
opens a new, unnamed person, and "the <role>" later is that person, not the article's main one; a role set beside a
name ("X and his wife, Y") is that name's person; a role is the one named person the article gives the same part in
the same action ("a driver was charged ... Doe was charged"); a he/she no named person took is the role's person."""
from __future__ import annotations

from storyline.model import Article, content_hash
from storyline.understand import annotate_doc


def _mentions(nlp, text):
    art = Article(id="c1", source="t", text=text, content_hash=content_hash(text))
    an = annotate_doc(nlp(text), art, nlp)
    return [m for m in an.mentions if m.sentence >= 0]


def _ids(ms, word):
    return [m.actor_id for m in ms if m.text.lower().split()[-1] == word]


def test_an_indefinite_role_after_the_main_person_is_named_opens_a_new_person(act_nlp):
    ms = _mentions(act_nlp, "John Roe, 34, appeared in court on Monday. Roe denied killing his wife. "
                            "A man was arrested outside the court. The man was armed, police said.")
    men = _ids(ms, "man")
    assert len(men) == 2 and len(set(men)) == 1 and men[0] != "person:john-roe"


def test_a_lede_s_indefinite_subject_is_still_the_person_named_after_it(act_nlp):
    ms = _mentions(act_nlp, "A man accused of killing his wife was charged on Monday. John Roe, 34, appeared in "
                            "court. Roe denied it. The man said he was innocent.")
    assert set(_ids(ms, "man")) == {"person:john-roe"}


def test_a_role_with_a_name_set_beside_it_is_that_name_not_its_head(act_nlp):
    ms = _mentions(act_nlp, "John Smith and his wife, Mary Smith, were arrested on Monday. Mary Smith later "
                            "spoke to reporters.")
    assert _ids(ms, "wife") == ["person:mary-smith"]


LEDE = ("A driver has been charged with homicide after police say he struck and killed a woman in Queens last night. "
        "Ann Smith, 59, was walking along parked cars when Mark Doe struck Smith with his car. Doe fled the scene, "
        "but was arrested nearby. Smith was pronounced dead. Doe was also charged with manslaughter.")


def test_a_lede_s_roles_are_the_people_later_named_in_the_same_part_of_the_same_action(act_nlp):
    ms = _mentions(act_nlp, LEDE)
    assert _ids(ms, "driver") == ["person:mark-doe"]
    assert _ids(ms, "woman") == ["person:ann-smith"]


def test_a_role_whose_action_two_named_people_share_is_left_to_no_one(act_nlp):
    ms = _mentions(act_nlp, "A driver was charged with homicide on Monday. Mark Doe and Paul Poe were charged "
                            "with assault. Ann Smith said Doe and Poe fled.")
    assert _ids(ms, "driver") != ["person:mark-doe"] and _ids(ms, "driver") != ["person:paul-poe"]


def test_a_role_s_action_beats_the_article_s_most_named_person(act_nlp):
    ms = _mentions(act_nlp, "A driver was arrested after a crash on Friday night. Ann Smith, 59, was walking home "
                            "when a car struck her. Smith died in hospital. Smith's family said Smith loved walking. "
                            "Police arrested Mark Doe nearby.")
    assert _ids(ms, "driver") == ["person:mark-doe"]


def test_he_no_named_person_took_is_the_person_of_the_role_before_it_in_the_sentence(act_nlp):
    ms = _mentions(act_nlp, LEDE)
    he = next(m for m in ms if m.text == "he")
    assert he.actor_id == "person:mark-doe" and he.label == "PRON"
