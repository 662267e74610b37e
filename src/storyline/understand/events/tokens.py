"""Shared pieces of the event coder: word lists, helpers on parse tokens, and the per-article context
(mentions by offsets, the dictionary, what is an actor)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from storyline.model import Actor, Article, Mention, TimeExpr
from storyline.understand.doc_text import doc_text
from storyline.understand.plover import Dictionary, Entry, load_dictionary

OBJ_DEPS = {"dobj", "attr", "oprd", "dative", "nsubjpass", "acomp", "obj"}
TARGET_PREPS = {"to", "with", "against", "on", "from", "into", "of", "for", "at", "toward", "towards", "over",
                "between", "upon", "onto"}
LOC_PREPS = {"in", "at", "near", "outside", "inside"}
QUANTITY_HEADS = {"number", "group", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million",
                  "millions", "majority", "some", "many", "most", "all", "both", "each", "several", "handful",
                  "coalition", "delegation", "team", "bloc", "union", "association", "council", "alliance"}
REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}
STATIVE_PASSIVES = {"oppose", "commit", "determine", "prepare", "resolve", "dedicate", "disappoint", "concern",
                    "alarm", "worry", "dismay", "outrage", "anger", "upset", "opposed"}
ACTIVITY_NOUNS = {"mission", "effort", "efforts", "process", "campaign", "operation", "initiative", "round", "session",
                  "plan", "bid", "drive", "move"}
PERSONAL_OBJECTS = {"him", "her", "them", "us", "me", "himself", "herself", "themselves", "ourselves"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass
class _Cand:
    tok: object            # spaCy Token (the trigger)
    entry: Entry
    noun: bool = False
    consumed: Optional[int] = None   # token index of an object that is part of the trigger
    protest: bool = False  # an event noun named as taking place: roles found apart (_noun_actor, _noun_target)


PROTEST_ENTRY = Entry(lemma="protest", type="PROTEST", mode="demo")


# ------------------------------------------------------------------ helpers on tokens
# the spaCy model's lemmatizer strips '-ed' whole from verbs whose stem is also a noun ('staged' -> 'stag')
_SHORT_CVC = re.compile(r"[^aeiouy]*[aeiou][^aeiouwxy]")
# (and leaves a doubled final consonant before '-ed' in a compound verb: 'teargassed' -> 'teargasse')
VERB_LEMMA_FIX = {"stag": "stage", "wag": "wage", "rag": "rage", "teargasse": "teargas"}
# irregular past forms behind a 're-' the lemmatizer does not know
PREFIXED_IRREGULAR = {"took": "take", "taken": "take", "won": "win", "built": "build", "drew": "draw", "drawn": "draw",
                      "fought": "fight", "caught": "catch", "held": "hold", "gave": "give", "given": "give"}


def _lemma(t) -> str:
    lem = (t.lemma_ or t.text).lower()
    if lem == "in" and t.pos_ != "ADP" and any(c.lower_ == "sit" and c.dep_ == "compound" for c in t.children):
        return "sit-in"   # the tokenizer splits 'a sit-in' into sit / - / in, the noun heading it 'in'
    if lem in VERB_LEMMA_FIX and t.pos_ in ("VERB", "AUX") and not t.lower_.startswith(lem + "g"):
        return VERB_LEMMA_FIX[lem]
    if t.pos_ in ("VERB", "AUX") and t.lower_ in (lem + "ed", lem + "es", lem + "ing") and _SHORT_CVC.fullmatch(lem):
        return lem + "e"   # 'raped' is rape, not rap: a one-syllable verb ending consonant-vowel-consonant doubles
        #                    its last letter before -ed / -ing ('rapped', 'stagged'), so an undoubled form had an 'e'
    if lem == t.lower_ and lem[:2] == "re" and lem[2:] in PREFIXED_IRREGULAR and t.pos_ == "VERB":
        return "re" + PREFIXED_IRREGULAR[lem[2:]]   # 'retook', 'retaken': the lemmatizer leaves them whole
    return lem


def _objects(t) -> list:
    """Object-like dependents of t (with their conjuncts and compound/amod modifiers' heads)."""
    out = []
    for c in t.children:
        if c.dep_ in OBJ_DEPS:
            out.append(c)
        elif c.dep_ in ("prep", "agent"):
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        elif c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN"):
            out.append(c)
    more = []
    for o in out:
        more.extend(x for x in o.conjuncts)
    return out + more


def _of_objects(objs: list) -> list:
    """'700 kg of medicine', 'a state of emergency', 'part of a stronghold': the noun after 'of'; after 'in' for
    an amount ('$10 million in aid')."""
    out = []
    for o in objs:
        amount = o.like_num or o.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or o.text in ("$", "€", "£")
        for c in o.children:
            if c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ == "in" and amount):
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _subject(t):
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            if c.dep_ == "expl":
                continue
            return c
    return None


def _agent(t):
    for c in t.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _chain(t) -> list:
    """t and the verbs/adjectives it complements (xcomp/acomp up to the finite clause)."""
    out = [t]
    cur = t
    for _ in range(6):
        if cur.dep_ in ("xcomp", "acomp", "auxpass") and cur.head.i != cur.i:
            cur = cur.head
            out.append(cur)
        else:
            break
    return out


def _clause_root(t):
    ch = _chain(t)
    return ch[-1]


class _Ctx:
    def __init__(self, doc, article: Article, mentions: Sequence[Mention], actors: Sequence[Actor],
                 times: Sequence[TimeExpr], base: int):
        self.doc, self.article, self.base = doc, article, base
        self.mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        self.actors = {a.id: a for a in actors}
        self.times = list(times)
        self.d: Dictionary = load_dictionary()
        self.text = doc_text(doc)   # a Doc/Span builds .text on every access: read it once

    # mentions ------------------------------------------------------
    def mention_in(self, start: int, end: int, head_start: Optional[int] = None) -> Optional[Mention]:
        """The mention best covering [start, end) (absolute offsets), preferring one over the head."""
        best = None
        for m in self.mentions:
            if m.start >= end:   # sorted by start: nothing further can overlap
                break
            if start < m.end:
                if head_start is not None and m.start <= head_start < m.end:
                    return m
                if best is None:
                    best = m
        return best

    def tok_span(self, t) -> tuple[int, int]:
        return self.base + t.idx, self.base + t.idx + len(t.text)

    def core_span(self, t) -> tuple[int, int]:
        """Offsets of a noun phrase's core: from its left edge to its head, plus appositions/of-phrases."""
        left = t.left_edge
        right = t
        for c in t.children:
            if c.i > t.i and c.dep_ in ("compound", "flat", "appos", "nummod", "amod", "case"):
                right = max(right, c.right_edge, key=lambda x: x.i)
            if c.i > t.i and c.dep_ == "prep" and c.lower_ in ("of", "in") and t.lemma_.lower() in QUANTITY_HEADS | {
                    "government", "ministry", "minister", "president", "leader", "authority", "official",
                    "people", "group", "member", "army", "police", "force", "court", "parliament", "head",
                    "chief", "spokesman", "spokeswoman", "department", "office", "embassy"} and not (
                    c.i + 1 < len(c.doc) and c.doc[c.i + 1].tag_ == "VBG"):   # 'accused the army of killing ...'
                right = max(right, c.right_edge, key=lambda x: x.i)
        return self.base + left.idx, self.base + right.idx + len(right.text)

    def is_actorish(self, t) -> bool:
        s, e = self.core_span(t)
        if self.mention_in(s, e, self.tok_span(t)[0]):
            return True
        if t.ent_type_ in NOT_TARGET_ENTS:
            # 'on Monday', 'Independence Day': a proper noun that names a time, not an actor; 'hundreds of
            # workers' (the number tagged CARDINAL) is a group of agents
            return self.is_agent(t)
        return (t.ent_type_ in ACTOR_LABELS or t.pos_ == "PROPN" or self.is_agent(t)
                or t.pos_ == "PRON" and t.lower_ in PERSONAL_OBJECTS)

    def is_agent(self, t) -> bool:
        """A generic agent noun (Phoenix.agents.txt: police, protesters, lawmakers, troops ...); a quantity
        of them too ('thousands of protesters', 'a group of students')."""
        return _group_noun(t, self.d.agents, self.d.hazard_nouns)

    def role(self, t) -> tuple[Optional[str], Optional[str]]:
        """(surface/canonical name, actor_id) for the noun phrase headed by t."""
        if t is None:
            return None, None
        s, e = self.core_span(t)
        m = self.mention_in(s, e, self.tok_span(t)[0])
        if m is not None:
            a = self.actors.get(m.actor_id) if m.actor_id else None
            return (a.name if a else m.text), m.actor_id
        if t.pos_ == "PRON" or t.lower_ in REL_PRONOUNS:
            return None, None
        text = self.text[s - self.base:e - self.base].strip()
        if not text or len(text.split()) > 10:
            text = t.text
        return text, None


def _group_noun(t, words, never=frozenset()) -> bool:
    """Is ``t`` a noun among ``words`` (by lemma or as written), or a quantity of one ('thousands of protesters',
    'a group of students')? Nouns in ``never`` are not, at any depth."""
    if t is None or t.pos_ not in ("NOUN", "PROPN", "NUM") or _lemma(t) in never:
        return False
    if _lemma(t) in words or t.lower_ in words:
        return True
    if t.lower_ in QUANTITY_HEADS or _lemma(t) in QUANTITY_HEADS:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return any(_group_noun(g, words, never) for g in c.children if g.dep_ == "pobj")
    return False


NOT_TARGET_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "EVENT", "WORK_OF_ART", "LAW",
                   "LANGUAGE", "PRODUCT"}


def _not_agents(t, objs: list) -> list:
    """The objects but a passive's agent: 'destroyed by security forces' names who acted, not what was destroyed
    (an actor as agent still satisfies PETRARCH's actor-object safeguard of a bare default code)."""
    skip = {x.i for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
            for x in [g] + list(g.conjuncts)}
    return [o for o in objs if o.i not in skip] if skip else objs
