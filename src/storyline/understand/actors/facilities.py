"""Places named by a common noun ("the facility", "the school", "rehab"): the facility or place of that kind the
article named last (a part of the per-article resolver).

"Jane Doe checked into Morningside Recovery ... the facility said" -> Morningside Recovery: the noun must name
the kind of place the name says ("the school" -> "Fakhora school", "the camp" -> "Yida refugee camp"; a clinic, a
treatment centre and rehab are one kind). A noun before the name ("checked into rehab at X") is the one place of
that kind the article names; "a rehab facility" too when the article names one only. A noun that finds no such
name stays unresolved; it is a mention, never an alias.

The place adverbs stand for a named place too (``place_adverbs``): "where" opening a relative clause is the place
its clause modifies ("the Harbor Clinic, where she stayed"); a locative "there" (not "there is") is the facility
named last in its sentence or the one before, else the place named last there ("She checked into the Harbor
Clinic on Monday and left there an hour later"). They are mentions, never aliases."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span

from storyline.understand.actors.base import _M
from storyline.understand.nlp import sentence_index_at

# kinds of places whose common noun stands for a named one; each set is one kind
FACILITY_KINDS = [
    {"facility", "clinic", "center", "centre", "rehab", "rehabilitation", "treatment", "recovery"},
    {"school", "academy"}, {"prison", "jail", "penitentiary", "unit"}, {"camp"}, {"hospital"},
    {"hotel", "resort"}, {"stadium", "arena"}, {"park"}, {"mountain", "mount", "mt"}, {"glacier"}, {"hut"},
    {"store", "shop", "club"}, {"church", "temple", "mosque"}, {"airport"}, {"court", "courthouse"},
    {"province", "region", "state"}, {"district"}, {"village"}, {"island"},
]
KIND_OF = {w: i for i, ws in enumerate(FACILITY_KINDS) for w in ws}


def _name_words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+", name.lower()))


PLACE_TYPES = {"FAC", "LOC", "GPE"}
# the last word of a building's or site's name ("Harbor Recovery", "Lincoln Academy"): the kinds above but regions
FACILITY_HEADS = set(KIND_OF) - {"province", "region", "state", "district", "village", "island", "unit",
                                 "treatment", "rehab", "rehabilitation", "mountain", "mount", "mt", "court"}


def facility_names(doc: Doc) -> list[Span]:
    """Names of buildings and sites the tagger missed or took for a person or a title: a run of two or more
    capitalised proper nouns whose last word says what kind of place it is ("Harbor Recovery", "Quill Rehab
    Center"), not part of an organisation, facility or person name running past it ("Jane Roe Center" where the
    tagger marked "Jane Roe Center" an ORG is left to it)."""
    out: list[Span] = []
    i = 0
    while i < len(doc):
        if not (doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()):
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in FACILITY_HEADS:
            run = doc[i:j]
            clash = [e for e in doc.ents if e.start < j and i < e.end and (
                e.label_ in {"ORG", "FAC"} or e.start < i or e.end > j)]
            if not clash:
                out.append(run)
        i = max(j, i + 1)
    return out


class FacilitiesMixin:
    def place_adverbs(self) -> None:
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        places = sorted((m for m in self.ms if m.actor is not None and m.label != "PRON" and self._place_like(m)),
                        key=lambda m: m.start)
        for tok in doc:
            low = tok.lower_
            if tok.i in self.used or low not in {"where", "there"} or tok.dep_ != "advmod":
                continue
            m = None
            if low == "where" and tok.head.dep_ == "relcl":
                noun = tok.head.head
                m = next((p for p in places if p.start <= noun.idx < p.end), None)
            elif low == "there":
                here = sentence_index_at(self.sents, tok.idx)
                near = [p for p in places if p.end <= tok.idx and here - sentence_index_at(self.sents, p.start) <= 1]
                facilities = [p for p in near if self._facility(p)]
                m = (facilities or near or [None])[-1]
            if m is not None:
                self.add(tok.i, tok.i + 1, "PRON", m.actor)

    @staticmethod
    def _facility(m: _M) -> bool:
        """A named building or site (a clinic, a school, a hotel), not a town or a state."""
        return m.actor.type == "FAC" or bool((_name_words(m.actor.name) | _name_words(m.text)) & set(KIND_OF)) \
            and m.actor.type in {"ORG", "FAC", "LOC"}

    def _place_like(self, m: _M) -> bool:
        return m.actor.type in PLACE_TYPES or self._facility(m)

    def facilities(self) -> None:
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        places = sorted((m for m in self.ms if m.actor is not None and m.label in {"ORG", "FAC", "LOC", "GPE"}
                         and not (m.actor.type == "GPE" and m.actor.id[4:].isupper())), key=lambda m: m.start)
        for tok in doc:
            kind = KIND_OF.get(tok.lemma_.lower())
            if kind is None or tok.i in self.used or tok.pos_ != "NOUN" or tok.tag_ != "NN" \
                    or tok.dep_ == "compound" or any(c.dep_ == "poss" for c in tok.children):
                continue
            det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
            if det not in {"the", "this", "that", "a", "an", None}:
                continue
            start = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in {"det", "compound", "amod"}])
            # "the Harbor rehab centre": the site named inside the noun phrase; else the one named before
            m = self._site_inside(doc[start].idx, tok.idx, kind) or \
                self._named_place(places, kind, tok.idx, definite=det not in {"a", "an"})
            if m is None:
                continue
            # the noun with the words before it that no other mention holds: "a Springfield [rehab facility]"
            # (the town keeps its own mention)
            start = max([start] + [i + 1 for i in range(start, tok.i) if i in self.used])
            self.add(start, tok.i + 1, "DESC", m.actor)

    def _site_inside(self, start: int, end: int, kind: int) -> Optional[_M]:
        """The one building or site named between ``start`` and ``end``: a facility, or an organisation whose name
        says it is of that kind ("the Cliffside rehab centre" after "Cliffside Rehab Center"; never "a UN school",
        the owner of the school)."""
        hits = {m.actor.id: m for m in self.ms if m.actor is not None and start <= m.start and m.end <= end
                and m.label not in {"DESC", "PRON"} and (m.actor.type == "FAC" or m.actor.type == "ORG" and (
                    _name_words(m.actor.name) | _name_words(m.text)) & FACILITY_KINDS[kind])}
        return next(iter(hits.values())) if len(hits) == 1 else None

    @staticmethod
    def _named_place(places: list[_M], kind: int, char: int, definite: bool = True) -> Optional[_M]:
        """The last place or organisation before ``char`` whose name says it is of that kind, else (the noun
        comes first: "checked into rehab at Promises Treatment Center") the one such place the article names.
        An indefinite noun ("a rehab facility") only where the article names one place of that kind: "a school"
        among two named schools is some school, not one of them."""
        of_kind = [m for m in places if (_name_words(m.actor.name) | _name_words(m.text)) & FACILITY_KINDS[kind]]
        if not definite:
            return of_kind[0] if len({m.actor.id for m in of_kind}) == 1 else None
        before = [m for m in of_kind if m.end <= char]
        if before:
            return before[-1]
        return of_kind[0] if len({m.actor.id for m in of_kind}) == 1 else None
