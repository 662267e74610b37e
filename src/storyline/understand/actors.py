"""Actors: entity mentions (spaCy NER + descriptors + pronouns) resolved to canonical actors.

Ids are stable across articles because they are made from the type and the normalised canonical name:
``gpe:USA`` for states (ISO alpha-3), ``org:acme`` for organisations, ``person:jane-doe`` for people,
``loc:europe`` / ``fac:...`` / ``gpe:seoul`` for places that are not states.

Within an article:
- states: pycountry names plus common names, codes written in capitals, demonyms and capitals used as
  metonyms ("Washington said") -> the state; "US government", "South Korea's Foreign Ministry" -> the state
  with sector government;
- organisations: legal suffixes stripped ("Acme Technologies Co Ltd" -> "Acme"), a long form merged with its
  short form; canonical name = the short form;
- people: a full name introduced once, later the surname alone -> the same actor; titles and role words
  around the name ("US Secretary of State X", "X, CEO of Y") give the sector and country;
- descriptors ("the company", "the Ruritanian tech giant") -> the most recent (else the most frequent)
  organisation of that kind; he/she -> the most recent person; it/its/they/their -> the subject of the
  clause governing the pronoun (not of a copula: "X is its ally"), else the salient organisation, state or
  group of this or the previous sentence ("it is expected that" has no referent);
- groups: a state name or demonym on a people noun -> the state when they act for it ("a Utopian official",
  "Utopian troops"), else a NORP group with that country ("Ruritanian rebels" -> ``norp:ruritanian-rebel``);
  on any other noun the adjective alone is a mention of the state ("an Utopian proposal");
  people named by a place ("demonstrators in Springfield", "a paper based in X") -> a group of X's country;
- defaults: a well-known head of state or government (data/actors/leaders.tsv) gets its country; a titled
  official with no country, and a region ("X province") with none, get the state the article names most;
  a place no gazetteer knows acting as a subject is most likely a mislabelled organisation -> ORG.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from storyline.model import Actor, Article, Mention
from storyline.understand import actor_dictionary as D
from storyline.understand.nlp import sentence_index_at, sentences

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


# ---------------------------------------------------------------- helpers
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


# ---------------------------------------------------------------- resolver
class _Resolver:
    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.article = article
        self.reg = _Registry()
        self.ms: list[_M] = []
        self.used: set[int] = set()       # token indices already covered by a mention or a title
        self.sents = sentences(doc)
        self.surnames: set[str] = set()     # last words of full person names in the article
        self.person_like: list[Span] = []   # ORG-tagged spans that are a person's surname

    # -- bookkeeping
    def add(self, start_tok: int, end_tok: int, label: str, actor: Optional[_Actor]) -> None:
        if end_tok <= start_tok or any(i in self.used for i in range(start_tok, end_tok)):
            return
        span = self.doc[start_tok:end_tok]
        self.used.update(range(start_tok, end_tok))
        self.ms.append(_M(span.start_char, span.end_char, span.text, label, actor, start_tok))
        if actor is not None:
            actor.count += 1
            actor.first = min(actor.first, span.start_char)
            if label not in {"DESC", "PRON"}:
                actor.add_alias(span.text)

    # -- states and places
    def place(self, ent: Span) -> None:
        span = _trim(ent)
        if not len(span):
            return
        hit = D.countries().lookup(span.text)
        doc = self.doc
        root = span.root
        if hit is None:
            if ent.label_ == "NORP":
                return  # religious / political groups: not actors we resolve
            typ = ent.label_
            name = span.text
            country = None
            if span.end + 1 < len(doc) and doc[span.end].text == ",":   # "Springfield, Utopia"
                h = D.countries().lookup(doc[span.end + 1:span.end + 4].text.split(",")[0]) or \
                    D.countries().lookup(doc[span.end + 1].text)
                if h and h[1] == "name":
                    country = h[0]
            if country is None and len(span) > 1:   # "South Utopia", "Utopia province", "Western Utopia"
                country = self._country_in(span)
            if typ == "GPE" and country is None and root.dep_ in {"nsubj", "nsubjpass"} and \
                    root.head.pos_ in {"VERB", "AUX"} and not (root.i + 1 < len(doc) and doc[root.i + 1].text in APOS):
                typ = "ORG"   # a place no gazetteer knows, acting as a subject: most likely a mislabelled organisation
            aid = f"{typ.lower()}:{D.slug(name)}"
            self.add(span.start, span.end, typ, self.reg.get(aid, name, typ, country=country))
            return
        a3, kind = hit
        if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in {"anti", "pro", "non"}:
            return   # "an anti-Utopia journalist": an attitude towards the state, not its national
        head = root.head
        gov_head = head.i > root.i and head.lower_ in D.GOV_HEAD_NOUNS and head.i - span.end <= 2
        end = head.i + 1 if gov_head else span.end
        if kind in {"demonym", "name"} and not gov_head and root.dep_ in {"amod", "compound", "nmod", "conj"}:
            hd = head
            if root.dep_ == "conj":   # "Utopian and Ruritanian warships"
                hd = head.head if head.dep_ in {"amod", "compound"} and D.countries().lookup(head.text) else None
            if hd is not None and hd.pos_ in {"NOUN", "PROPN"} and hd.i > root.i and hd.ent_type_ not in {
                    "PERSON", "ORG"}:
                self._modified(span, a3, kind, hd)
                return
        if kind == "capital" and not gov_head:
            metonym = root.dep_ in SUBJECT_DEPS or (root.dep_ == "pobj" and root.head.lower_ in {
                "by", "with", "between", "against"}) or (root.i + 1 < len(doc) and doc[root.i + 1].text in APOS) \
                or (root.dep_ == "conj" and root.head.dep_ in SUBJECT_DEPS)
            if not metonym:
                name = span.text
                self.add(span.start, span.end, "GPE",
                         self.reg.get(f"gpe:{D.slug(name)}", name, "GPE", country=a3))
                return
        actor = self.reg.state(a3)
        if head.lower_ in D.MILITARY_HEADS and gov_head:
            pass  # the state stays the actor; its sector stays government (PLOVER codes the state)
        self.add(span.start, end, "GPE", actor)

    def _modified(self, span: Span, a3: str, kind: str, hd: Token) -> None:
        """A state name or demonym modifying a noun: 'Ruritanian rebels' (a group of that country),
        'a Utopian official' (the state), 'an Utopian proposal' (the state, on the adjective alone)."""
        doc = self.doc
        lemma = hd.lemma_.lower()
        definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in hd.children)
        if lemma in D.BUSINESS_DESCRIPTORS and definite and hd.tag_ not in {"NNS", "NNPS"}:
            return   # "the Utopian tech giant": a descriptor of an organisation (descriptors())
        label = "NORP" if kind == "demonym" else "GPE"
        if lemma in D.GROUP_HEADS and hd.i not in self.used:
            start = min([span.start] + [c.left_edge.i for c in hd.lefts if c.dep_ in {"compound", "nmod"}])
            if any(i in self.used for i in range(start, hd.i + 1)):
                start = span.start
            if not any(i in self.used for i in range(start, hd.i + 1)):
                if lemma in D.STATE_GROUP_HEADS:
                    self.add(start, hd.i + 1, label, self.reg.state(a3))
                else:
                    words = " ".join(t.lemma_.lower() for t in doc[start:hd.i + 1])
                    name = doc[start:hd.i + 1].text
                    self.add(start, hd.i + 1, "NORP",
                             self.reg.get(f"norp:{D.slug(words)}", name, "NORP", country=a3,
                                          sector=D.GROUP_SECTORS.get(lemma)))
                return
        self.add(span.start, span.end, label, self.reg.state(a3))

    # -- organisations
    def _titled_name(self, span: Span) -> bool:
        """An ORG-tagged span that is a person's name: two to four capitalised words, none an organisation's
        word, right after a personal title ('Vice-President Moody Awori', 'Dr. Jane Roe')."""
        words = [t for t in span if not t.is_punct]
        if not 2 <= len(words) <= 4 or not all(t.is_alpha and t.text[:1].isupper() for t in words):
            return False
        org_words = D.LEGAL_SUFFIXES | D.GROUP_HEADS | D.MEDIA_WORDS | D.INDUSTRY_TAILS | {
            h for h in D.STATE_AGENCY_HEADS if " " not in h} | {"party", "union", "front", "council", "league",
                                                              "movement", "committee", "association", "institute"}
        if any(t.lower_ in org_words for t in words) or D.countries().lookup(span.text):
            return False
        title = _left_title(self.doc, span)
        return any(t.lower_ in PERSON_TITLES for t in title)

    def org(self, ent: Span) -> None:
        span = _trim(ent)
        if not len(span):
            return
        doc = self.doc
        text = span.text
        low = text.lower()
        if all(t.lower_ in D.TITLE_WORDS for t in span):
            return   # "State" in "Secretary of State X": part of a title
        if low in self.surnames or self._titled_name(span):
            self.person_like.append(span)
            return
        # a state named as an ORG ("US" tagged ORG), or "<state> <agency>"
        hit = D.countries().lookup(text)
        if hit:
            self.place(span)   # a state (or its demonym: "Ruritanian rebels") tagged as an organisation
            return
        words = text.split()
        for k in range(len(words) - 1, 0, -1):
            pre, post = " ".join(words[:k]), " ".join(words[k:]).lower()
            h = D.countries().lookup(pre)
            if h and (post in D.STATE_AGENCY_HEADS or post.split()[-1] in D.STATE_AGENCY_HEADS):
                self.add(span.start, span.end, "GPE", self.reg.state(h[0]))
                return
        # "<state>'s <agency>" : the state (government)
        last = (low.split() or [""])[-1]    # a span of whitespace alone (a "\n" token tagged ORG) has no last word
        if last in D.STATE_AGENCY_HEADS or low in D.STATE_AGENCY_HEADS:
            j = span.start - 1
            if j >= 1 and doc[j].text in APOS:
                k = j - 1
                while k > 0 and doc[k - 1].ent_iob_ == "I" and doc[k].ent_iob_ == "I":
                    k -= 1
                while k > 0 and doc[k].ent_iob_ == "I":
                    k -= 1
                h = D.countries().lookup(doc[k:j].text)
                if h:
                    self.add(k, span.end, "GPE", self.reg.state(h[0]))
                    return
        if low in D.SEATS:
            a3, sector = D.SEATS[low]
            # "US State Department" etc: a country written before the seat
            self.add(span.start, span.end, "ORG",
                     self.reg.get(f"org:{D.slug(text)}", text, "ORG", country=a3, sector=sector))
            return
        name = strip_org_suffixes(text)
        media = _is_media_name(name)
        # the state in the name ("Ruritanian Union of Teachers") or before it ("Utopia's Supreme Court")
        country = self._country_in(span) or self._country_in(span, kinds=("capital",))
        start = span.start
        j = span.start - 1
        if j >= 1 and doc[j].text in APOS:
            k = j - 1
            while k > 0 and doc[k].ent_iob_ == "I":
                k -= 1
            h = D.countries().lookup(doc[k:j].text)
            if h and h[1] == "name":
                country = h[0]
        self.add(start, span.end, "ORG",
                 self.reg.get(f"org:{D.slug(name)}", name, "ORG", sector="media" if media else None, media=media,
                              country=country))

    # -- people
    def persons(self, ents: list[Span]) -> None:
        doc = self.doc
        spans = []
        for ent in ents:
            span = _trim(ent)
            toks = [t for t in span if t.lower_ not in D.HONORIFICS]
            if not toks:
                continue
            span = doc[toks[0].i:toks[-1].i + 1]
            if not any(c.islower() for c in span.text) and len(span.text) <= 3:
                continue   # "PT", "AP": not names
            hit = D.countries().lookup(span.text)
            if hit is not None and hit[1] in {"name", "demonym"}:
                self.place(span)   # a state or its people tagged as a person ("Utopia said", "Bosnian Serbs")
                continue
            if _is_media_name(span.text) or (span.root.dep_ == "nsubj" and span.root.head.lemma_ == "report"):
                name = strip_org_suffixes(span.text)
                self.add(span.start, span.end, "ORG", self.reg.get(f"org:{D.slug(name)}", name, "ORG",
                                                                   sector="media", media=True))
                continue
            spans.append(span)
        full: list[_Actor] = []
        for span in spans:
            if len(span) >= 2:
                name = span.text
                a = self.reg.get(f"person:{D.slug(name)}", name, "PERSON")
                a.surname_keys = tuple(t.lower_ for t in span if t.is_alpha)
                if a not in full:
                    full.append(a)
        for span in spans:
            if len(span) >= 2:
                actor = self.reg.by_id[f"person:{D.slug(span.text)}"]
            else:
                key = span.text.lower()
                match = [a for a in full if a.surname_keys and a.surname_keys[-1] == key] or \
                    [a for a in full if key in a.surname_keys]
                if match:
                    actor = match[0]
                else:
                    org = self._org_named(span.text)
                    if org is not None:
                        self.add(span.start, span.end, "ORG", org)
                        continue
                    actor = self.reg.get(f"person:{D.slug(span.text)}", span.text, "PERSON")
            self._titles(span, actor)
            self._known_leader(span, actor)
            self.add(span.start, span.end, "PERSON", actor)

    def _known_leader(self, span: Span, actor: _Actor) -> None:
        """A well-known head of state or government (data/actors/leaders.tsv) gives its country."""
        if actor.country is not None:
            return
        full, surnames = D.leaders()
        key = re.sub(r"\s+", " ", span.text).lower()
        hit = full.get(key) or full.get(actor.name.lower())
        if hit is None and len(span) == 1:
            hit = surnames.get(key)
        if hit is not None:
            actor.country = hit[0]
            if actor.sector is None:
                actor.sector = hit[1]

    def _country_in(self, span: Span, nearest_end: bool = False,
                    kinds: tuple[str, ...] = ("name", "demonym")) -> Optional[str]:
        """The state named (or named by a demonym) inside span: 'Sri Lankan army chief' -> LKA."""
        hits: list[tuple[int, str]] = []
        toks = list(span)
        for n in (3, 2, 1):
            for k in range(len(toks) - n + 1):
                piece = toks[k:k + n]
                if n > 1 and any(t.is_punct and t.text not in {"-", "."} for t in piece):
                    continue
                text = self.doc[piece[0].i:piece[-1].i + 1].text
                h = D.countries().lookup(text)
                if h and h[1] in kinds and not any(p for p, _ in hits if piece[0].i <= p <= piece[-1].i):
                    hits.append((piece[-1].i, h[0]))
        if not hits:
            return None
        return (max(hits) if nearest_end else min(hits))[1]

    def _org_named(self, text: str) -> Optional[_Actor]:
        for a in self.reg.by_id.values():
            if a.type == "ORG" and a.name.lower() == text.lower():
                return a
        return None

    def _titles(self, span: Span, actor: _Actor) -> None:
        doc = self.doc
        left = _left_title(doc, span)
        right = _right_title(doc, span)
        for title in (left, right):
            if title is None or not len(title):
                continue
            sector = _title_sector(title.text)
            country = self._country_in(title, nearest_end=title is left)
            affiliation = None
            for e in doc.ents:
                if e.start >= title.start and e.end <= title.end and e.label_ == "ORG":
                    affiliation = e
            if affiliation is not None and not D.countries().lookup(affiliation.text):
                actor.org_title = True
            if affiliation is not None and sector is None and \
                    not D.countries().lookup(affiliation.text):
                low = affiliation.text.lower()
                sector = "business" if low not in D.SEATS else "government"
            if sector and actor.sector is None:
                actor.sector = sector
            if country and actor.country is None:
                actor.country = country
            if title is left:
                for i in range(title.start, title.end):   # title words are part of the person, not mentions
                    if not (affiliation is not None and affiliation.start <= i < affiliation.end):
                        self.used.add(i)

    # -- descriptors and pronouns
    def descriptors(self) -> None:
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        for tok in doc:
            if tok.i in self.used or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = tok.lemma_.lower()
            kind = ("business" if lemma in D.BUSINESS_DESCRIPTORS | D.TEAM_DESCRIPTORS else "media" if lemma in D.MEDIA_DESCRIPTORS
                    else "state" if lemma in D.STATE_DESCRIPTORS else None)
            if kind is None or tok.tag_ in {"NNS", "NNPS"}:
                continue
            dets = [c for c in tok.children if c.dep_ == "det" and c.i < tok.i]
            if not dets or dets[0].lower_ not in {"the", "this", "that"}:
                continue
            if any(c.dep_ == "compound" and c.ent_type_ in ENT_LABELS for c in tok.children):
                continue   # "the Acme company": the name is the mention
            start = dets[0].i
            pre = doc[start:tok.i + 1]
            country = None
            for t in pre:
                h = D.countries().lookup(t.text)
                if h:
                    country = h[0]
            actor = self._antecedent(kind, pre.start_char, country)
            if actor is not None:
                self.add(start, tok.i + 1, "DESC", actor)
                # "the Ruritanian tech giant" tells what the organisation is and where it is from
                if kind in {"business", "media"} and actor.sector is None:
                    actor.sector = kind
                if country and kind != "state" and actor.country is None:
                    actor.country = country

    def _antecedent(self, kind: str, char: int, country: Optional[str]) -> Optional[_Actor]:
        def ok(a: Optional[_Actor]) -> bool:
            if a is None:
                return False
            if kind == "state":
                return a.type == "GPE" and a.id.startswith("gpe:") and len(a.id) == 7 and a.id[4:].isupper()
            if a.type != "ORG":
                return False
            if kind == "media":
                return a.media
            return not a.media and a.sector != "government"
        before = [m for m in self.ms if m.start < char and ok(m.actor)]
        if country and kind != "state":
            same = [m for m in before if m.actor.country == country]
            before = same or before
        if before:
            return max(before, key=lambda m: m.start).actor
        cands = [a for a in self.reg.by_id.values() if ok(a) and a.count]
        if kind != "state" and cands:    # cataphora: the most frequent one in the article
            return max(cands, key=lambda a: (a.count, -a.first))
        return None

    def pronouns(self) -> None:
        doc = self.doc
        persons = sorted((m for m in self.ms if m.label == "PERSON"), key=lambda m: m.start)
        others = sorted((m for m in self.ms if m.actor is not None and m.label not in {"PERSON", "PRON"}
                         and not (m.actor.type == "GPE" and m.actor.id.startswith("gpe:") and not m.actor.id[4:].isupper())
                         and m.actor.type not in {"LOC", "FAC"}), key=lambda m: m.start)
        for tok in doc:
            if tok.i in self.used:
                continue
            low = tok.lower_
            if low in D.PERSON_PRONOUNS:
                prev = [m for m in persons if m.start < tok.idx]
                if prev:
                    self.add(tok.i, tok.i + 1, "PRON", self._salient(prev).actor)
            elif low in D.IT_PRONOUNS or low in D.THEY_PRONOUNS:
                m = self._thing_antecedent(tok, others)
                if m is not None:
                    self.add(tok.i, tok.i + 1, "PRON", m.actor)
            elif low in {"who", "whom", "whose"} and tok.head.dep_ == "relcl":
                # "Jane Doe, who ...": the relative pronoun stands for the noun its clause modifies
                noun = tok.head.head
                m = next((m for m in self.ms if m.actor is not None and m.start <= noun.idx < m.end), None)
                if m is not None and m.actor.type in {"PERSON", "ORG", "NORP", "GPE"}:
                    self.add(tok.i, tok.i + 1, "PRON", m.actor)

    def _thing_antecedent(self, tok: Token, others: list[_M]) -> Optional[_M]:
        """'it'/'its' -> an organisation or state; 'they'/'their' -> a group, organisation or state: the
        subject of the nearest earlier clause naming one, in this sentence or the one before."""
        if not self.doc.has_annotation("DEP"):
            return None
        low = tok.lower_
        if low in D.IT_PRONOUNS:
            if tok.dep_ not in {"nsubj", "nsubjpass", "poss"}:
                return None   # "it" as an object mostly stands for a thing
            h = tok.head
            if tok.dep_ == "nsubjpass" and any(c.dep_ in {"ccomp", "xcomp", "csubj"} and c.i > h.i for c in h.children):
                return None   # "it is expected that ...", "it was said to ...": no referent
            if tok.dep_ != "poss" and h.lemma_ in {"be", "seem", "appear", "take", "remain", "become", "happen"} and \
                    any(c.dep_ in {"ccomp", "xcomp", "acomp", "attr", "csubj"} and c.i > h.i for c in h.children):
                if not any(c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"} for c in h.children):
                    return None   # "it is expected that ...", "it seems ...": no referent
        sent_i = sentence_index_at(self.sents, tok.idx)
        cands = [m for m in others if m.end <= tok.idx and sent_i - sentence_index_at(self.sents, m.start) <= 1]
        if not cands:
            return None
        # the subject of the clause holding the pronoun (or of the clause that governs it): "X said it would",
        # "X raised its offer"; never the subject of a copula whose complement holds it ("X is its ally")
        v = tok.head
        for _ in range(6):
            if v.pos_ in {"VERB", "AUX"}:
                subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i), None)
                copula = v.lemma_ == "be" and tok.i > v.i
                if subj is not None and copula:   # "X is its ally": not X
                    cands = [m for m in cands if not (subj.left_edge.idx <= m.start < subj.idx + len(subj.text))]
                    break
                if subj is not None and subj.lower_ not in D.IT_PRONOUNS | D.THEY_PRONOUNS:
                    inside = [m for m in cands if subj.left_edge.idx <= m.start and m.end <= subj.idx + len(subj.text)]
                    if low in D.IT_PRONOUNS:
                        inside = [m for m in inside if not self._plural(m)]
                    if inside:
                        return min(inside, key=lambda m: m.start)
                    if subj.lower_ not in {"which", "that", "who"}:
                        break
            if v.head.i == v.i:
                break
            v = v.head
        if not cands:
            return None
        if low in D.IT_PRONOUNS:
            cands = [m for m in cands if not self._plural(m)] or cands
        else:
            cands = [m for m in cands if self._plural(m) or m.actor.type in {"ORG", "GPE", "NORP"}]
        if not cands:
            return None
        last_sent = sentence_index_at(self.sents, cands[-1].start)
        same = [m for m in cands if sentence_index_at(self.sents, m.start) == last_sent]
        for m in reversed(same):
            root = self._root_of(m)
            if root.dep_ in {"nsubj", "nsubjpass"} or (root.dep_ == "conj" and root.head.dep_ in {"nsubj", "nsubjpass"}):
                return m
        return same[-1]

    def _root_of(self, m: _M) -> Token:
        root = self.doc[m.token_i]
        while root.head.i != root.i and m.start <= root.head.idx < m.end:
            root = root.head
        return root

    def _plural(self, m: _M) -> bool:
        return self._root_of(m).tag_ in {"NNS", "NNPS"}

    def _salient(self, prev: list[_M]) -> _M:
        """Among the people of the latest sentence naming one, the grammatical subject, else the last."""
        last_sent = sentence_index_at(self.sents, prev[-1].start)
        same = [m for m in prev if sentence_index_at(self.sents, m.start) == last_sent]
        for m in same:
            root = self.doc[m.token_i]
            while root.head.i != root.i and m.start <= root.head.idx < m.end:
                root = root.head
            if root.dep_ in {"nsubj", "nsubjpass"}:
                return m
        return same[-1]

    # -- the whole article
    def run(self) -> tuple[list[Mention], list[Actor]]:
        ents = [e for e in self.doc.ents if e.label_ in ENT_LABELS]
        persons = [e for e in ents if e.label_ == "PERSON"]
        for e in persons:
            t = _trim(e)
            words = [w for w in t if not w.is_punct]
            while len(words) > 2 and words[-1].lower_.rstrip(".") in {"jr", "sr", "ii", "iii", "iv"}:
                words.pop()     # "Arcade Joseph Comeaux Jr.": the surname is "Comeaux"
            if len(words) >= 2 and words[-1].is_alpha:
                self.surnames.add(words[-1].lower_)
        # organisations and places first (so names can be checked against them), then people
        for e in ents:
            if e.label_ == "ORG":
                self.org(e)
        # a surname the tagger missed ("Doe said ...") after the full name was introduced
        for tok in self.doc:
            if tok.lower_ in self.surnames and tok.ent_iob_ == "O" and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                self.person_like.append(self.doc[tok.i:tok.i + 1])
        self.persons(persons + self.person_like)   # titles claim their words ("Secretary of State") before places do
        for e in ents:
            if e.label_ in {"GPE", "LOC", "NORP", "FAC"}:
                if e.label_ == "FAC" and e.text.lower().removeprefix("the ") in D.SEATS:
                    self.org(e)
                else:
                    self.place(e)
        # a state name or demonym the tagger missed ("Croat forces", "Moldovan troops")
        for tok in self.doc:
            if tok.ent_iob_ == "O" and tok.i not in self.used and tok.text[:1].isupper() and tok.is_alpha:
                h = D.countries().lookup(tok.text)
                if h is not None and h[1] in {"name", "demonym"}:
                    self.place(self.doc[tok.i:tok.i + 1])
        self._merge_orgs()
        self.groups()
        self.descriptors()
        self.pronouns()
        self.roles()
        self._dictionary_roles()
        self._local_officials()
        return self._freeze()

    def roles(self) -> None:
        """People named by a role ('the actress', 'a 71-year-old woman', 'the driver'): the person the article
        ties the role to (a compound 'actress Jane Doe', an appositive 'Doe, the actress', a copula 'Doe is an
        actress'), else, for a role that relates to no one else (not 'his wife', 'her lawyer'), the article's
        main person (named at least twice as often as any other) when the role's gender, where English marks
        it, agrees with the pronouns used for them. The role is a mention, never an alias."""
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        person_at: dict[int, _Actor] = {}
        for m in self.ms:
            if m.actor is not None and m.actor.type == "PERSON" and m.label in {"PERSON", "PRON"}:
                for i in range(m.token_i, m.token_i + max(1, len(m.text.split()))):
                    person_at.setdefault(i, m.actor)
        if not person_at:
            return
        ties: dict[str, set[str]] = {}
        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma not in D.PERSON_ROLES or tok.pos_ != "NOUN":
                continue
            tied = None
            if tok.dep_ in {"compound", "nmod", "appos"} and tok.head.i in person_at:
                tied = person_at[tok.head.i]
            elif tok.dep_ == "appos" or any(c.dep_ == "appos" and c.i in person_at for c in tok.children):
                tied = person_at.get(tok.head.i) or next(
                    (person_at[c.i] for c in tok.children if c.dep_ == "appos" and c.i in person_at), None)
            elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                tied = person_at.get(subj.i) if subj is not None else None
            if tied is not None:
                ties.setdefault(lemma, set()).add(tied.id)
        gender: dict[str, Counter] = {}
        for m in self.ms:
            if m.label == "PRON" and m.actor is not None and m.actor.type == "PERSON" and \
                    m.text.lower() in D.PERSON_PRONOUNS:
                g = "F" if m.text.lower() in {"she", "her", "hers", "herself"} else "M"
                gender.setdefault(m.actor.id, Counter())[g] += 1
        people = [(a.count, a) for a in self.reg.by_id.values() if a.type == "PERSON" and a.count]
        people.sort(key=lambda x: (-x[0], x[1].first))

        def main_for(want: Optional[str]) -> Optional[_Actor]:
            """The person named most, among those whose pronouns agree with ``want``, when clearly ahead."""
            ok = [(n, a) for n, a in people if want is None or
                  (gender.get(a.id) or Counter({want: 1})).most_common(1)[0][0] == want]
            if ok and ok[0][0] >= 2 and (len(ok) == 1 or ok[0][0] > ok[1][0]):
                return ok[0][1]
            return None
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.i in self.used or tok.pos_ != "NOUN" or tok.tag_ != "NN" or lemma not in D.PERSON_ROLES \
                    or tok.ent_type_ in {"PERSON", "ORG", "GPE"}:
                continue
            actor = None
            tied = ties.get(lemma, set())
            if len(tied) == 1:
                actor = self.reg.by_id.get(next(iter(tied)))
            elif not tied and lemma not in D.RELATIONAL_ROLES and self._definite_or_subject(tok) and \
                    not any(c.dep_ == "poss" for c in tok.children) and tok.dep_ not in {"compound", "attr"}:
                actor = main_for("F" if lemma in D.FEMALE_ROLES else "M" if lemma in D.MALE_ROLES else None)
            if actor is not None:
                self.add(tok.i, tok.i + 1, "DESC", actor)

    @staticmethod
    def _definite_or_subject(tok: Token) -> bool:
        """'the actress', 'this driver', or a bare subject ('Woman killed in crash'): a role that may be the
        article's main person; 'a child' in 'indecency with a child' introduces someone else."""
        det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
        if det in {"the", "this", "that"}:
            return True
        return det is None and tok.dep_ in {"nsubj", "nsubjpass", "ROOT"}

    def groups(self) -> None:
        """People named by where they are: 'demonstrators in Springfield', 'a newspaper based in Utopia City'
        -> a group with that place's country."""
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        by_tok: dict[int, _M] = {}
        for m in self.ms:
            if m.actor is not None and m.actor.country:
                for i in range(m.token_i, m.token_i + len(m.text.split())):
                    by_tok.setdefault(i, m)
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.i in self.used or tok.pos_ not in {"NOUN", "PROPN"} or lemma not in D.GROUP_HEADS:
                continue
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"in", "from", "of"}]
            for acl in (c for c in tok.children if c.dep_ == "acl" and c.lemma_ in {"base", "station", "locate"}):
                preps.extend(c for c in acl.children if c.dep_ == "prep" and c.lower_ in {"in", "at"})
            place = None
            for p in preps:
                for g in p.children:
                    if g.dep_ == "pobj":
                        hit = [by_tok[w.i] for w in g.subtree if w.i in by_tok]
                        if hit:
                            place = hit[0]
                            break
                if place:
                    break
            if place is None:
                continue
            start = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}])
            if any(i in self.used for i in range(start, tok.i + 1)):
                start = tok.i
            a3 = place.actor.country
            if lemma in D.STATE_GROUP_HEADS and lemma not in {"court", "judge", "prosecutor"}:
                actor = self.reg.state(a3)
            else:
                words = " ".join(t.lemma_.lower() for t in doc[start:tok.i + 1])
                actor = self.reg.get(f"norp:{a3.lower()}-{D.slug(words)}", doc[start:tok.i + 1].text, "NORP",
                                     country=a3, sector=D.GROUP_SECTORS.get(lemma))
            self.add(start, tok.i + 1, "NORP", actor)

    def _dictionary_roles(self) -> None:
        """Country and sector of named people and organisations from the Phoenix actor dictionaries, by the role
        held at the article's date ("Barack Obama" in 2010: USA, government); what the article says comes first."""
        date = self.article.published
        for a in self.reg.by_id.values():
            if a.type not in {"PERSON", "ORG"} or not a.count or (a.country and a.sector):
                continue
            hit = next((r for r in (D.phoenix_role(n, date) for n in dict.fromkeys([a.name, *a.aliases])) if r), None)
            if hit is None:
                continue
            country, sector = hit
            if a.country is None and country and not a.org_title:
                a.country = country
            if a.sector is None and sector:
                a.sector = sector

    def _local_officials(self) -> None:
        """A person with a government or military title and no country ('President X', 'Gen. Y') belongs,
        by default, to the state the article names most (ties: the first named)."""
        counts: dict[str, list[int]] = {}
        for m in self.ms:
            a = m.actor
            if a is None or not a.country or a.type == "PERSON":
                continue
            c = counts.setdefault(a.country, [0, -m.start])
            c[0] += 1
        if not counts:
            return
        top = max(counts, key=lambda k: tuple(counts[k]))
        for a in self.reg.by_id.values():
            if a.type in {"GPE", "LOC"} and a.country is None and a.count and \
                    any(w in PLACE_WORDS for w in a.name.lower().split()):
                a.country = top   # "West Springfield State", "Springfield province": a region of the state in the news
            if a.type == "PERSON" and a.country is None and a.sector in {"government", "military"} and a.count \
                    and not a.org_title:
                a.country = top

    def _merge_orgs(self) -> None:
        """A long organisation name whose words start with a shorter one's -> the short one."""
        orgs = [a for a in self.reg.by_id.values() if a.type == "ORG"]
        for a in orgs:
            for b in orgs:
                if a is b or len(b.name) >= len(a.name):
                    continue
                if a.name.lower().startswith(b.name.lower() + " ") and a.sector != "government":
                    for m in self.ms:
                        if m.actor is a:
                            m.actor = b
                    b.count += a.count
                    b.first = min(a.first, b.first)
                    for al in a.aliases:
                        b.add_alias(al)
                    a.count = 0

    def _freeze(self) -> tuple[list[Mention], list[Actor]]:
        self.ms.sort(key=lambda m: m.start)
        mentions = [Mention(start=m.start, end=m.end, text=m.text, label=m.label,
                            actor_id=m.actor.id if m.actor else None,
                            sentence=sentence_index_at(self.sents, m.start)) for m in self.ms]
        used = {m.actor.id for m in self.ms if m.actor is not None}
        actors = sorted((a.freeze() for a in self.reg.by_id.values() if a.id in used),
                        key=lambda a: a.id)
        return mentions, actors


def resolve_actors(doc: Doc, article: Article) -> tuple[list[Mention], list[Actor]]:
    """Mentions (sorted by offset) and the canonical actors they refer to."""
    return _Resolver(doc, article).run()


# ---------------------------------------------------------------- lookups used by quotes and events
def mention_at(mentions: list[Mention], start: int, end: int) -> Optional[Mention]:
    """The mention overlapping [start, end) (the longest one)."""
    hits = [m for m in mentions if m.start < end and start < m.end]
    return max(hits, key=lambda m: m.end - m.start) if hits else None


def last_person_before(mentions: list[Mention], char: int) -> Optional[Mention]:
    prev = [m for m in mentions if m.label == "PERSON" and m.start < char and m.actor_id]
    return prev[-1] if prev else None
