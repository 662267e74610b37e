"""Organisations and people named in an article: names, surnames, titles (a part of the per-article resolver)."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import (
    APOS,
    PERSON_TITLES,
    _Actor,
    _is_media_name,
    _left_title,
    _right_title,
    _title_sector,
    _trim,
    strip_org_suffixes,
)
from storyline.understand.actors.facilities import FACILITY_HEADS


class NamesMixin:
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
        site = self._site_named_by(span)
        if site is not None:   # "Harbor" after "Harbor Recovery"
            self.add(span.start, span.end, site.type, site)
            return
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
            site = self._site_named_by(span)
            if site is not None:   # "Jane Roe" of "the Jane Roe Clinic", "Harbor" of "Harbor Recovery"
                self.add(span.start, span.end, site.type, site)
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
        full.extend(a for a in self.headline if a not in full)
        for span in spans:
            if len(span) >= 2:
                actor = self.reg.by_id[f"person:{D.slug(span.text)}"]
                actor = _fuller_name(actor, full) or actor
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

    def _site_named_by(self, span: Span) -> Optional[_Actor]:
        """The building or site of the article whose name is the words of ``span`` and the word saying what kind
        of place it is ("Harbor" after "Harbor Recovery", "Jane Roe" after "the Jane Roe Clinic"; "Marlow" is not
        "Marlow Bible Church") named before them, unless the words name a known place or a title stands before
        them ("former first lady Jane Roe")."""
        key = re.sub(r"\s+", " ", span.text).lower()
        words = key.split()
        hits = {a.id: a for a in self.reg.by_id.values() if a.type in {"ORG", "FAC"} and a.count
                and a.first < span.start_char and words and _head_after(a.name, words)}
        if len(hits) != 1 or D.place_country(key, subdivision=True) or len(_left_title(self.doc, span)):
            return None
        return next(iter(hits.values()))

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
                        if _role_noun(doc[i]):   # ... but for a role noun ("her lawyer, Tom Brandt"): see run()
                            self.title_roles.append((i, actor))

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


def _role_noun(tok) -> bool:
    """A common noun naming a person's role ('lawyer', 'coach', 'actress'), written in lower case: not a title of
    office written as part of the name ('President', 'Gov.')."""
    return tok.pos_ == "NOUN" and tok.text.islower() and tok.lemma_.lower() in D.PERSON_ROLES


def _head_after(name: str, words: list[str]) -> bool:
    """Is ``name`` these words and one word saying what kind of site it is ("harbor" + "Recovery")?"""
    parts = name.lower().split()
    return len(parts) == len(words) + 1 and parts[:-1] == words and parts[-1] in FACILITY_HEADS


def _fuller_name(actor: _Actor, full: list[_Actor]) -> Optional[_Actor]:
    """The one longer full name of the article with the same first and last words and all of this name's
    ("Jane Roe" of "Jane Mary Roe"), else None."""
    def words(a: _Actor) -> list[str]:
        return [k for k in (re.sub(r"[^a-z]", "", w.lower()) for w in a.name.split()) if k]
    keys = words(actor)
    if len(keys) < 2:
        return None
    hits = [b for b in full if b.type == "PERSON" and len(words(b)) > len(keys) and words(b)[0] == keys[0]
            and words(b)[-1] == keys[-1] and set(keys) <= set(words(b))]
    return hits[0] if len(hits) == 1 else None


NAME_CHARS = re.compile(r"[A-Z][A-Za-z]*(?:['\u2019-][A-Za-z]+)+|[A-Z][a-z]+")


def widen_person(ent: Span) -> Span:
    """A person's name with the capitalised given names the tagger left before it ("De'Andre" of "De'Andre Lee
    Jones", tagged a common noun for its apostrophe): untagged words written as a name, joined to the name as its
    compound, that are no title, role, place or honorific."""
    doc = ent.doc
    start = ent.start
    while start > 0:
        t = doc[start - 1]
        low = t.lower_
        if t.ent_iob_ != "O" or t.dep_ != "compound" or not ent.start <= t.head.i < ent.end \
                or not NAME_CHARS.fullmatch(t.text) or low in D.TITLE_WORDS or low in PERSON_TITLES \
                or low in D.PERSON_ROLES or low in D.HONORIFICS or D.countries().lookup(t.text) \
                or D.place_country(low, subdivision=True):
            break
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")
