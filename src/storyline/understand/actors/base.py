"""Shared pieces of the per-article actor resolver: the actor and mention records, the registry of an
article's actors, span trimming and the titles written around a name."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span

from storyline.model import Actor
from storyline.understand import actor_dictionary as D

ENT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
TITLE_ADJECTIVES = {"new", "then", "late", "outgoing", "incoming", "interim", "visiting", "exiled", "ousted",
                    "elected", "veteran", "powerful", "embattled", "-"}
PLACE_WORDS = {"state", "province", "region", "district", "county", "prefecture", "governorate", "municipality",
               "oblast", "krai", "canton", "department", "territory", "city", "town", "village", "valley", "island",
               "islands", "peninsula", "camp", "enclave", "area", "zone", "border", "strip", "highlands", "heights"}
PEOPLE_DEPS = {"nsubj", "nsubjpass", "agent", "pobj", "dobj", "conj", "appos", "ROOT", "poss", "attr"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "poss", "csubj", "dobj", "appos"}
APOS = ("'s", "\u2019s", "'", "\u2019")
# title words that only a person carries ('President X', 'Dr. X'), not an organisation ('Trade X', 'State X')
PERSON_TITLES = {"president", "minister", "premier", "chancellor", "senator", "governor", "mayor", "ambassador",
                 "king", "queen", "emir", "sultan", "general", "admiral", "colonel", "commander", "judge",
                 "prosecutor", "professor", "spokesman", "spokeswoman", "chairman", "chairwoman", "ceo", "sen.",
                 "rep.", "gov.", "gen.", "lt.", "col.", "prof."} | set(D.HONORIFICS)


@dataclass
class _Actor:
    id: str
    name: str
    type: str
    country: Optional[str] = None
    sector: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    count: int = 0
    first: int = 10 ** 9
    media: bool = False
    surname_keys: tuple[str, ...] = ()
    org_title: bool = False    # a title naming an organisation ("Acme CEO", "UN envoy"): no default country

    def add_alias(self, text: str) -> None:
        t = re.sub(r"\s+", " ", text).strip()
        if t and t not in self.aliases:
            self.aliases.append(t)

    def freeze(self) -> Actor:
        return Actor(id=self.id, name=self.name, type=self.type, country=self.country, sector=self.sector,
                     aliases=tuple(self.aliases))


@dataclass
class _M:
    start: int
    end: int
    text: str
    label: str
    actor: Optional[_Actor]
    token_i: int


class _Registry:
    def __init__(self) -> None:
        self.by_id: dict[str, _Actor] = {}

    def get(self, aid: str, name: str, typ: str, **kw) -> _Actor:
        a = self.by_id.get(aid)
        if a is None:
            a = self.by_id[aid] = _Actor(id=aid, name=name, type=typ)
        for k, v in kw.items():
            if v is not None and getattr(a, k) in (None, False):
                setattr(a, k, v)
        return a

    def state(self, a3: str) -> _Actor:
        return self.get(f"gpe:{a3}", D.countries().name(a3), "GPE", country=a3, sector="government")


def _trim(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive from an entity span."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and doc[s].lower_ in {"the", "a", "an"}:
        s += 1
    while e > s and (doc[e - 1].text in APOS or doc[e - 1].is_punct and doc[e - 1].text not in {".", "&"}):
        e -= 1
    return doc[s:e]


def strip_org_suffixes(name: str, drop_tails: bool = True) -> str:
    """'Acme Technologies Co Ltd' -> 'Acme'; 'General Electric' stays."""
    words = name.replace(",", " ").split()
    had_legal = False
    while len(words) > 1 and words[-1].lower() in D.LEGAL_SUFFIXES:
        words.pop()
        had_legal = True
    if drop_tails and had_legal:
        while len(words) > 1 and words[-1].lower() in D.INDUSTRY_TAILS:
            words.pop()
    return " ".join(words) or name


def _is_media_name(name: str) -> bool:
    k = name.lower()
    if k in D.MEDIA_NAMES:
        return True
    words = k.split()
    return len(words) >= 2 and any(w in D.MEDIA_WORDS for w in words[1:])


def _title_sector(title: str) -> Optional[str]:
    t = " " + re.sub(r"[\s,;:]+", " ", title.lower()) + " "
    spaced = t.replace("-", " ")        # "Vice-President" is "vice president" ("co-founder" keeps its hyphen)
    for phrase, sector in D.TITLE_SECTORS:
        if sector and (f" {phrase} " in t or f" {phrase} " in spaced):
            return sector
    return None


def _left_title(doc: Doc, ent: Span) -> Span:
    """Title words written before a name: 'US Secretary of State', 'Acme founder', 'President'."""
    i = ent.start - 1
    sent_start = ent.sent.start if doc.has_annotation("SENT_START") else 0
    first = ent.start
    while i >= sent_start:
        t = doc[i]
        low = t.lower_
        if t.is_space or (t.is_punct and t.text not in {"-"}) and low not in {"u.s.", "u.k."}:
            break
        if low == "and" or (t.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}):
            break  # "between Utopia and Ruritanian leader X": the title starts after "and"
        if low in D.TITLE_WORDS or low in TITLE_ADJECTIVES or t.text[:1].isupper() or t.text in APOS:
            if low in {"the", "of"} and i == ent.start - 1:
                break  # "... of Mike Smith": not a title
            first = i
            i -= 1
            continue
        break
    first = _appositive_title(doc, first, sent_start)
    while first < ent.start and doc[first].lower_ in {"the", "of", "and", "a", "an"}:
        first += 1
    return doc[first:ent.start]


def _appositive_title(doc: Doc, first: int, sent_start: int) -> int:
    """Where a title set off by a comma before the name starts ('Chile's foreign minister, Ana Lopez',
    'Qatar's emir, Sheikh Hamad'): the phrase ends in a title word and holds only title words, names and
    possessives; ``first`` unchanged when there is none."""
    k = first - 1
    if k - 1 < sent_start or doc[k].text != "," or doc[k - 1].lower_ not in D.TITLE_WORDS \
            or doc[k - 1].lower_ in {"of", "the", "and", "state"} or doc[k - 1].pos_ not in {"NOUN", "PROPN"}:
        return first
    j = k - 1
    while j - 1 >= sent_start:
        t = doc[j - 1]
        low = t.lower_
        if low in D.TITLE_WORDS or low in TITLE_ADJECTIVES or t.text in APOS or t.text == "-" \
                or (t.text[:1].isupper() and t.pos_ in {"PROPN", "ADJ", "NOUN"}):
            j -= 1
            continue
        break
    return j


def _right_title(doc: Doc, ent: Span) -> Optional[Span]:
    """An appositive after a name: 'X, CEO of Y,' -> 'CEO of Y'."""
    i = ent.end
    if i + 1 < len(doc) and doc[i].text == ",":
        j = i + 1
        while j < len(doc) and j < i + 10 and doc[j].text not in {",", ".", ";", ":", "\u2014", "--"} \
                and not doc[j].is_space and doc[j].pos_ not in {"VERB", "AUX"}:
            j += 1
        cand = doc[i + 1:j]
        if len(cand) and any(t.lower_ in D.TITLE_WORDS and t.lower_ not in {"of", "the", "and", "state"} for t in cand):
            return cand
    return None
