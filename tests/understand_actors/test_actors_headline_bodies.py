"""The headline's person, grammatical gender of pronouns, bodies named by a common noun, and a place on a role."""
from __future__ import annotations

from storyline.model import Article
from storyline.understand.actors import resolve_actors


def _resolve(nlp, text, title=None):
    art = Article(id="t", source="t", text=text, content_hash="h", title=title)
    return resolve_actors(nlp(text), art)


def _at(ms, text):
    return [m.actor_id for m in ms if m.text == text]


def test_actors_headline_person_is_the_surname_and_the_first_pronoun(act_nlp):
    ms, actors = _resolve(act_nlp, "The troubled star fooled a judge by pretending to check into a clinic, leaving "
                                   "when she got there. Prosecutor Tom Brandt said Rowley had left for the airport.",
                          title="Jane Rowley Checks Into Clinic, Then Leaves")
    assert _at(ms, "she") == ["person:jane-rowley"]
    assert _at(ms, "Rowley") == ["person:jane-rowley"]
    jane = next(a for a in actors if a.id == "person:jane-rowley")
    assert jane.name == "Jane Rowley" and "she" not in jane.aliases


def test_actors_headline_person_is_not_an_actor_unless_the_text_refers_to_them(act_nlp):
    _, actors = _resolve(act_nlp, "Markets fell sharply on Monday as traders sold shares.",
                         title="Jane Rowley Checks Into Clinic")
    assert not [a for a in actors if a.id == "person:jane-rowley"]


def test_actors_pronoun_of_the_other_gender_is_not_resolved_to_a_person(act_nlp):
    ms, _ = _resolve(act_nlp, "Mark Hollis spoke to reporters outside the court. He said the case was closed. "
                              "She left the building an hour later.")
    assert _at(ms, "He") == ["person:mark-hollis"]
    assert "person:mark-hollis" not in _at(ms, "She")


def test_actors_pronoun_skips_the_nearer_person_of_the_other_gender(act_nlp):
    ms, _ = _resolve(act_nlp, "Mrs. Ana Pereira was crossing the street when a car hit her. Her nephew, Ravi Lal, "
                              "said he was shocked. She was 59.")
    assert _at(ms, "he") == ["person:ravi-lal"]
    assert _at(ms, "She") == ["person:ana-pereira"]


def test_actors_police_nouns_without_a_named_force_are_no_actor(act_nlp):
    ms, actors = _resolve(act_nlp, "Police said the gunman fled on foot. Officers later found a gun near the school.")
    assert not [m for m in ms if m.text in {"Police", "Officers"} and m.actor_id]
    assert not [a for a in actors if a.id.startswith("group:")]


def test_actors_police_nouns_are_the_police_force_the_article_names(act_nlp):
    ms, _ = _resolve(act_nlp, "The NYPD said two men were arrested. Officers found a gun in the car.")
    assert _at(ms, "Officers") == ["org:nypd"]


def test_actors_an_officer_is_a_person_not_the_police(act_nlp):
    ms, _ = _resolve(act_nlp, "An officer was hurt when police chased the car, the NYPD said.")
    assert not [m for m in ms if m.text == "officer" and m.actor_id == "org:nypd"]
    assert _at(ms, "police") == ["org:nypd"]


def test_actors_place_on_a_role_is_the_person(act_nlp):
    ms, _ = _resolve(act_nlp, "An Oklahoma man was charged on Monday. Chris Simms, 37, was arrested at his home. "
                              "Simms told police he had been drinking.")
    man = [m for m in ms if m.text.endswith("man")]
    assert man and man[0].actor_id == "person:chris-simms" and man[0].label == "DESC"
    assert not [m for m in ms if m.text == "Oklahoma" and m.actor_id and m.actor_id.startswith("gpe:")]


def test_actors_facility_noun_is_the_facility_of_that_kind_named_before(act_nlp):
    ms, actors = _resolve(act_nlp, "Jane Rowley checked into the Cliffside Treatment Center in Malibu on Thursday. "
                                   "The facility said she left after two minutes. A school nearby was closed. "
                                   "Her lawyer said rehab was the right choice.")
    assert _at(ms, "The facility") == ["org:cliffside-treatment-center"]
    assert _at(ms, "rehab") == ["org:cliffside-treatment-center"]
    assert not [m for m in ms if "school" in m.text]
    center = next(a for a in actors if a.id == "org:cliffside-treatment-center")
    assert "The facility" not in center.aliases and "rehab" not in center.aliases


def test_actors_relative_pronoun_after_a_role(act_nlp):
    ms, _ = _resolve(act_nlp, "Chris Simms was arrested on Monday. Police said the driver, who fled the scene, "
                              "had been drinking. Simms was released on bail.")
    assert _at(ms, "driver") == ["person:chris-simms"]
    assert _at(ms, "who") == ["person:chris-simms"]
