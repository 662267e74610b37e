"""The people a headline names, and the grammatical gender an article gives its people (a part of the
per-article resolver).

Headline: the article's title, parsed apart from its text, names the person the article is about ("Jane Doe
Checks Into Rehab"); when the text then gives the surname alone ("Doe said"), even where the tagger calls it a
place or an organisation, it is that person, and a pronoun or a role before any person is named in the text
("The star fooled the judge ... when she got there") is them. A headline person is a candidate, never a mention:
it reaches the article's actors only through the text's own mentions.

Gender: he/him/his and she/her already given to a person, an honorific ("Mrs.", "Mr.") or a gendered role tied
to the name ("actress Jane Doe") mark a person's grammatical gender, and without such marks the gender English
usually gives their given name does ("Jack Roe"); a pronoun of the other gender is never resolved to them."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from spacy.tokens import Span

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import _Actor, _trim
from storyline.understand.actors.given_names import given_name_gender
from storyline.understand.doc_text import doc_text

FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
FEMALE_HONORIFICS = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady"}
MALE_HONORIFICS = {"mr", "mr.", "sir", "lord"}
MAX_HEADLINE_CHARS = 300


def pronoun_gender(word: str) -> str:
    return "F" if word.lower() in FEMALE_PRONOUNS else "M"


# last words of the names of places and organisations, never of a person
NOT_SURNAMES = D.LEGAL_SUFFIXES | D.INDUSTRY_TAILS | D.MEDIA_WORDS | {
    "club", "center", "centre", "clinic", "store", "hospital", "school", "university", "college", "church",
    "hotel", "stadium", "park", "street", "avenue", "road", "court", "county", "city", "department", "party"}


def named_in_text(words: list, names: set[str]) -> bool:
    return any(t.lower_ in names for t in words)


def _name_run(words: list, names: set[str], lower: set[str]) -> list:
    """A headline is title-cased: the tagger runs names on into the words around them ("Jane Doe Checks Into
    Clinic", "Obama Reverses Bush"). The name is the first run of words the text writes as a name, with the words
    of the entity before it that the text never writes in lower case (given and middle names the text leaves
    out), else the two words of the entity when the text writes neither in lower case."""
    named = [k for k, t in enumerate(words) if t.lower_ in names]
    if not named:
        return words if len(words) == 2 and not any(t.lower_ in lower for t in words) else []
    start = end = named[0]
    while end + 1 < len(words) and words[end + 1].lower_ in names:
        end += 1
    while start > 0 and words[start - 1].lower_ not in lower:     # given and middle names the text leaves out
        start -= 1
    return words[start:end + 1]


class HeadlineMixin:
    def headline_people(self) -> None:
        """Register the full person names of the headline (two words or more) as candidates: their surnames join
        the article's surnames; ``self.headline`` keeps them in order."""
        self.headline: list[_Actor] = []
        title = (self.article.title or "").strip()
        if not title or len(title) > MAX_HEADLINE_CHARS or title in doc_text(self.doc)[:len(title) + 5]:
            return     # no headline, or the text opens with it (already parsed)
        from storyline.understand.nlp import get_nlp
        nlp = get_nlp()
        hdoc = nlp.make_doc(title)
        # the entity recogniser alone: no parse needed (and the shared pipeline untouched)
        for name in ("tok2vec", "ner"):
            if name not in nlp.pipe_names:
                continue
            pipe = nlp.get_pipe(name)
            if name == "tok2vec" and "ner" not in getattr(pipe, "listening_components", ["ner"]):
                continue    # it feeds only the tagger and the parser (en_core_web_sm's recogniser embeds the words)
            hdoc = pipe(hdoc)
        people = [ent for ent in hdoc.ents if ent.label_ == "PERSON"]
        if not people:
            return
        lower = {t.text for t in self.doc if t.text.islower()}
        names = {t.lower_ for t in self.doc if t.text[:1].isupper() and t.lower_ not in lower}
        person_words = {t.lower_ for e in self.doc.ents if e.label_ == "PERSON" for t in e}
        for ent in people:
            words = [t for t in _trim(ent) if t.is_alpha and t.lower_ not in D.HONORIFICS]
            while len(words) > 2 and words[-1].lower_.rstrip(".") in {"jr", "sr", "ii", "iii", "iv"}:
                words.pop()
            words = _name_run(words, names, lower)
            if not 2 <= len(words) <= 4 or D.countries().lookup(ent.text) or words[-1].lower_ in NOT_SURNAMES:
                continue
            if not any(t.lower_ in person_words for t in words) and named_in_text(words, names):
                continue      # the text names these words, but never as a person ("Springfield Sam's Club")
            name = " ".join(t.text for t in words)
            a = self.reg.get(f"person:{D.slug(name)}", name, "PERSON")
            a.surname_keys = tuple(t.lower_ for t in words)
            if a not in self.headline:
                self.headline.append(a)
                self.surnames.add(words[-1].lower_)

    def headline_surnames(self, ents: list[Span]) -> list[Span]:
        """Places and facilities of one word that are a headline person's surname ("Doe" tagged GPE)."""
        keys = {a.surname_keys[-1] for a in self.headline}
        return [e for e in ents if e.label_ in {"GPE", "LOC", "FAC"} and len(_trim(e)) == 1
                and _trim(e).text.lower() in keys and D.countries().lookup(e.text) is None]

    # -- gender
    def gender_of(self, actor: _Actor) -> Optional[str]:
        """The gender the article's marks give the person (the most), else the one English usually gives their
        given name, or middle name where the given name is not known ("Jack Roe": he; ``given_names.py``), else None."""
        c = self.genders.get(actor.id)
        if c:
            (g, n), *rest = c.most_common(2) + [("", 0)]
            if n > rest[0][1]:
                return g
        words = actor.name.split() if actor.type == "PERSON" else []
        # the given name, else a middle name, the table knows ("Sha'Nice Marie Doe": Marie)
        return next(filter(None, (given_name_gender(w) for w in words[:-1])), None)

    def note_gender(self, actor: Optional[_Actor], g: Optional[str]) -> None:
        if actor is not None and g:
            self.genders.setdefault(actor.id, Counter())[g] += 1

    def name_genders(self) -> None:
        """Gender marks written at a person's name: an honorific or a gendered role just before it ("Mrs. Doe",
        "actress Jane Doe"), a gendered role in apposition ("Doe, the actress")."""
        doc = self.doc
        for m in self.ms:
            if m.label != "PERSON" or m.actor is None:
                continue
            i = m.token_i - 1
            while i >= 0 and doc[i].text in {".", ","} and i >= m.token_i - 2:
                i -= 1
            if i < 0:
                continue
            low = doc[i].lower_
            lemma = doc[i].lemma_.lower()
            if low in FEMALE_HONORIFICS or lemma in D.FEMALE_ROLES or lemma in D.FEMALE_RELATIONAL:
                self.note_gender(m.actor, "F")
            elif low in MALE_HONORIFICS or lemma in D.MALE_ROLES or lemma in D.MALE_RELATIONAL:
                self.note_gender(m.actor, "M")

    def compatible(self, actor: _Actor, g: str) -> bool:
        have = self.gender_of(actor)
        return have is None or have == g
