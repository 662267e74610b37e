"""A role noun the article ties to one named person where it is written (issue 23, the article level): a role noun
in a name's title ("Roe's lawyer, Tom Brandt") is a mention of that person; each of two people given one role in
two places keeps their own ("fired X as coach ... hired Y as coach"); "his duties as coach" is the possessor; a
relative named by a possessor ("his wife") is the one other person of the article with the possessor's surname."""
from __future__ import annotations

from storyline.model import Article, content_hash
from storyline.understand import annotate_doc


def _mentions(nlp, text):
    art = Article(id="r1", source="t", text=text, content_hash=content_hash(text))
    an = annotate_doc(nlp(text), art, nlp)
    return [m for m in an.mentions if m.sentence >= 0], an.actors


def _ids(ms, word):
    return [m.actor_id for m in ms if m.text.lower().split()[-1] == word]


def test_a_role_noun_in_a_name_s_title_is_a_mention_of_that_person(act_nlp):
    ms, actors = _mentions(act_nlp, "Ann Wells left the clinic on Friday. Wells's lawyer, Tom Brandt, said she was "
                                    "well. Defense attorney Jim Ford said the case was weak.")
    assert _ids(ms, "lawyer") == ["person:tom-brandt"]
    assert _ids(ms, "attorney") == ["person:jim-ford"]
    assert [m.label for m in ms if m.text == "lawyer"] == ["DESC"]
    brandt = next(a for a in actors if a.id == "person:tom-brandt")
    assert "lawyer" not in brandt.aliases        # a mention, never an alias


def test_two_people_given_one_role_each_keep_their_own(act_nlp):
    ms, _ = _mentions(act_nlp, "The Hawks fired Tom Reed as head coach on Monday. Two days later the team hired "
                               "Sam Lee as its new head coach. Reed said he was sad. Lee said he was thrilled.")
    assert _ids(ms, "coach") == ["person:tom-reed", "person:sam-lee"]


def test_a_role_after_as_on_a_possessed_noun_is_the_possessor(act_nlp):
    ms, _ = _mentions(act_nlp, "Jim Cole was relieved of his duties as head coach. Sam Lee was hired as the new "
                               "coach on Tuesday.")
    assert _ids(ms, "coach") == ["person:jim-cole", "person:sam-lee"]


def test_a_possessed_relative_is_the_one_person_with_the_possessor_s_surname(act_nlp):
    ms, _ = _mentions(act_nlp, "Carl Moss was convicted on Friday of killing his wife. Prosecutors said Moss killed "
                               "Dana Moss in their home. Moss denied killing his wife.")
    assert _ids(ms, "wife") == ["person:dana-moss", "person:dana-moss"]
    # a person the article gives another relation is not this one; and a relative is never the possessor
    ms, _ = _mentions(act_nlp, "Carl Moss shot his wife. Jane Moss, his mother, said she was shocked. Moss fled.")
    assert "person:jane-moss" not in _ids(ms, "wife") and "person:carl-moss" not in _ids(ms, "wife")
    ms, _ = _mentions(act_nlp, "Carl Moss was convicted of killing his wife. Moss said he was innocent.")
    assert "person:carl-moss" not in _ids(ms, "wife")


def test_a_plural_proper_noun_the_tagger_missed_is_an_organisation(act_nlp):
    ms, _ = _mentions(act_nlp, "Now, after guiding the Colts back to the playoffs, Andrew Luck gave the Colts a "
                               "20-13 victory over the Kansas City Chiefs. The Colts beat the Chiefs.")
    assert _ids(ms, "colts") == ["org:colts"] * 3
    # its last word alone is the organisation the article named in full
    assert _ids(ms, "chiefs") == ["org:kansas-city-chiefs"] * 2
