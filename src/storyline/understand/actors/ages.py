"""People named by their age ("the 10-year-old", "a 59-year-old woman") resolved to the named person of that age
(a part of the per-article resolver).

News copy gives a person's age once beside the name ("Jane Roe, 59, was struck"; "23-year-old John Doe";
"Doe, a 32-year-old salesman") and later names the person by the age alone ("the 59-year-old") or by the age and a
role ("a 59-year-old woman"). Where exactly one named person of the article has that age (and, for a role English
marks with a gender, a gender that agrees), the age noun is a mention of that person; else it is left to the role
passes. A mention, never an alias."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import _Actor
from storyline.understand.actors.person_agents import person_agents

NOUNS = {"NOUN", "PROPN"}


def age_of(old: Token) -> Optional[tuple[int, int]]:
    """(age, index of the number's token) for the token "old" of "10-year-old" / "10 - year - old" /
    "10 years old", else None."""
    doc = old.doc
    if old.lower_ != "old":
        return None
    i = old.i - 1
    if i >= 0 and doc[i].text == "-":
        i -= 1
    if i < 0 or doc[i].lower_ not in {"year", "years"}:
        return None
    i -= 1
    if i >= 0 and doc[i].text == "-":
        i -= 1
    if i < 0 or not doc[i].text.isdigit() or not 0 < int(doc[i].text) < 120:
        return None
    return int(doc[i].text), i


class AgesMixin:
    def ages(self) -> None:
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        person_at: dict[int, _Actor] = {}
        for m in self.ms:
            if m.actor is not None and m.actor.type == "PERSON" and m.label == "PERSON":
                for i in range(m.token_i, m.token_i + max(1, len(m.text.split()))):
                    person_at.setdefault(i, m.actor)
        if not person_at:
            return
        aged: dict[int, dict[str, _Actor]] = {}
        for i, actor in person_at.items():     # "Jane Roe, 59, ...", "Roe (59)"
            j = i + 1
            if j < len(doc) and person_at.get(j) is actor:
                continue
            if j + 2 < len(doc) and doc[j].text in {",", "("} and doc[j + 1].text.isdigit() \
                    and doc[j + 2].text in {",", ")", ".", ";"} and 0 < int(doc[j + 1].text) < 120:
                aged.setdefault(int(doc[j + 1].text), {})[actor.id] = actor
        nominal: list[tuple[Token, int, int]] = []     # ("old" token, age, first token of the phrase)
        for tok in doc:
            hit = age_of(tok)
            if hit is None:
                continue
            age, num_i = hit
            owner = self._aged_person(tok, person_at)
            if owner is not None:
                aged.setdefault(age, {})[owner.id] = owner
            else:
                nominal.append((tok, age, num_i))
        for old, age, num_i in nominal:
            people = aged.get(age, {})
            if len(people) != 1:
                continue
            actor = next(iter(people.values()))
            head = old.head
            if old.dep_ in {"amod", "compound", "nmod"} and head.pos_ in NOUNS and head.i > old.i:
                lemma = head.lemma_.lower()
                if lemma not in D.PERSON_ROLES and lemma not in person_agents() or lemma in D.RELATIONAL_ROLES:
                    continue     # "a 10-year-old car", "his 30-year-old son" (someone else)
                want = "F" if lemma in D.FEMALE_ROLES else "M" if lemma in D.MALE_ROLES else None
                if want is not None and not self.compatible(actor, want):
                    continue
                end = head.i + 1
                self.note_gender(actor, want)
            else:
                end = old.i + 1     # the age alone names the person: "the 10-year-old was shot"
            start = num_i - 1 if num_i > 0 and doc[num_i - 1].dep_ == "det" else num_i
            if any(i in self.used for i in range(start, end)):
                continue
            self.add(start, end, "DESC", actor)

    @staticmethod
    def _aged_person(old: Token, person_at: dict[int, _Actor]) -> Optional[_Actor]:
        """The named person an age is written on: "23-year-old John Doe", "Doe, a 32-year-old salesman",
        "Doe is a 32-year-old salesman"."""
        head = old.head
        if head.i in person_at:
            return person_at[head.i]
        if head.pos_ not in NOUNS:
            return None
        if head.dep_ == "appos" and head.head.i in person_at:
            return person_at[head.head.i]
        if head.dep_ == "attr" and head.head.lemma_ == "be":
            subj = next((c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            return person_at.get(subj.i) if subj is not None else None
        appos = next((c for c in head.children if c.dep_ == "appos" and c.i in person_at), None)
        return person_at[appos.i] if appos is not None else None
