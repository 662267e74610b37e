"""States, places, demonyms and the groups named by them (a part of the per-article resolver)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import _M, APOS, SUBJECT_DEPS, _trim

# nouns that say a place is a town or a region: "the town of X", "X province", "the city" (a mention of X)
TOWN_NOUNS = {"city", "town", "village", "hamlet", "township", "borough", "suburb", "municipality", "capital"}
REGION_NOUNS = {"province", "state", "region", "district", "county", "prefecture", "governorate", "territory",
                "island", "regency", "oblast", "canton"}
COUNTRY_NOUNS = {"country", "nation"}
# town nouns that name another place than the one after "of" ("the capital of X", "a suburb of X")
OTHER_PLACE_NOUNS = {"capital", "suburb"}

# nouns that count or gather people: 'hundreds of protesters', 'a crowd of students'
QUANTITY_WORDS = {"hundred", "thousand", "million", "dozen", "score", "group", "crowd", "number", "band", "handful",
                  "host", "mass", "throng", "gathering", "contingent", "party"}


class PlacesMixin:
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
            if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end and root.head.tag_ == "NN" \
                    and root.head.lemma_.lower() in D.PERSON_ROLES and root.head.ent_type_ == "":
                return  # "an Oklahoma man": the place says where the person is from; the role names the person
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and root.dep_ == "compound" and root.head.i == nxt.i and nxt.ent_type_ == "" \
                    and nxt.tag_ in {"NNS", "NNPS"} and (nxt.text[:1].isupper() or nxt.text[:1].isdigit()) \
                    and ent.label_ == "GPE" and not nxt.is_sent_start:
                # "the Springfield 76ers", "Springfield Lions": a team or club named by its town
                name = doc[span.start:nxt.i + 1].text
                self.add(span.start, nxt.i + 1, "ORG", self.reg.get(f"org:{D.slug(name)}", name, "ORG",
                                                                    country=D.place_country(span.text)))
                return
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
            if country is None and ent.label_ in {"GPE", "LOC"}:   # a city, region or spelling Phoenix lists,
                # or a region ISO 3166-2 names under one country only
                country = D.place_country(name, subdivision=True)
            if typ == "GPE" and country is None and root.dep_ in {"nsubj", "nsubjpass"} and \
                    root.head.pos_ in {"VERB", "AUX"} and not (root.i + 1 < len(doc) and doc[root.i + 1].text in APOS):
                typ = "ORG"   # a place no gazetteer knows, acting as a subject: most likely a mislabelled organisation
            aid = f"{typ.lower()}:{D.slug(name)}"
            actor = self.reg.get(aid, name, typ, country=country)
            self.add(*self._with_place_word(span), typ, actor)
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

    def _with_place_word(self, span: Span) -> tuple[int, int]:
        """The tokens of a place's mention with the common noun that says what kind of place it is: the noun
        closing its name ("Aceh province", "Unity state") or opening it before "of" ("the province of Aceh", "the
        town of Bireun"); never a noun naming another place ("the capital of X", "a suburb of X")."""
        doc = self.doc
        start, end = span.start, span.end
        root = span.root
        kinds = (TOWN_NOUNS | REGION_NOUNS) - OTHER_PLACE_NOUNS
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower() and nxt.lemma_.lower() in kinds \
                and root.dep_ == "compound" and root.head.i == nxt.i and nxt.dep_ != "compound" \
                and nxt.i not in self.used:
            end += 1
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].pos_ == "NOUN" \
                and doc[start - 2].text.islower() and doc[start - 2].lemma_.lower() in kinds \
                and root.head.i == start - 1 and doc[start - 1].head.i == start - 2 \
                and not {start - 2, start - 1} & self.used:
            start -= 2
        return start, end

    def place_nouns(self) -> None:
        """A place named by a common noun ("the city", "this town", "the country", "the region", "the area")
        -> the nearest place named before it of a kind the noun fits: a state for "the country", a town (no state,
        no region ISO 3166-2 lists) for "the city", a region or a place whose name carries the noun for "the
        province", any place for "the area". A mention, never an alias; a noun with its own complement ("the city
        of X", "the country's") or none such place before it is left to the other passes."""
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        places = [m for m in self.ms if m.actor is not None and m.label in {"GPE", "LOC"}
                  and m.actor.type in {"GPE", "LOC"}]
        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma not in TOWN_NOUNS | REGION_NOUNS | COUNTRY_NOUNS | {"area"} or tok.i in self.used \
                    or tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ == "compound":
                continue
            det = next((c for c in tok.children if c.dep_ == "det"), None)
            if det is None or det.lower_ not in {"the", "this", "that"} or any(
                    c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children):
                continue
            fits = [m for m in places if m.end <= tok.idx and self._fits(m, lemma)]
            if not fits:
                continue
            start = det.i if all(i not in self.used for i in range(det.i, tok.i)) else tok.i
            self.add(start, tok.i + 1, "DESC", max(fits, key=lambda m: m.start).actor)

    @staticmethod
    def _fits(m: _M, noun: str) -> bool:
        """Can the place of mention ``m`` be called "the <noun>"?"""
        a = m.actor
        state = a.id.startswith("gpe:") and a.id[4:].isupper()
        if noun in COUNTRY_NOUNS:
            return state
        if noun == "area":
            return True
        if state:
            return False
        words = set(D.name_words(f"{a.name} {m.text}"))
        region = " ".join(D.name_words(a.name)) in D.subdivisions() or bool(words & REGION_NOUNS) \
            or a.name.endswith(".") or a.name.isupper()    # "Calif.", "NY": postal forms of states
        if noun in TOWN_NOUNS:
            return a.type == "GPE" and not region
        return noun in words or (region and noun in {"province", "state", "region"}) or (
            noun == "region" and a.type == "LOC")

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

    def _country_in(self, span: Span, nearest_end: bool = False,
                    kinds: tuple[str, ...] = ("name", "demonym")) -> Optional[str]:
        """The state named (or named by a demonym) inside span: 'Sri Lankan army chief' -> LKA; with the kind
        'capital', a capital or another city or region of one state ('Kabul University', 'the Basra council')."""
        hits: list[tuple[int, str]] = []
        toks = list(span)
        for n in (3, 2, 1):
            for k in range(len(toks) - n + 1):
                piece = toks[k:k + n]
                if n > 1 and any(t.is_punct and t.text not in {"-", "."} for t in piece):
                    continue
                text = self.doc[piece[0].i:piece[-1].i + 1].text
                h = D.countries().lookup(text)
                if h is None and "capital" in kinds and piece[0].text[:1].isupper():
                    # a city or region the Phoenix country blocks list: 'the Helmand Provincial Council'
                    a3 = D.place_country(text)
                    h = (a3, "capital") if a3 else None
                if h and h[1] in kinds and not any(p for p, _ in hits if piece[0].i <= p <= piece[-1].i):
                    hits.append((piece[-1].i, h[0]))
        if not hits:
            return None
        return (max(hits) if nearest_end else min(hits))[1]

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
        self._located_groups(by_tok)

    def _located_groups(self, by_tok: dict[int, _M]) -> None:
        """People located only by where they act: 'hundreds of thousands of people blocked streets in Springfield',
        'students rallied in Utopia City' -> a group of that place's country (the group, not the place, acts).
        Forces and officials ('troops ... in Utopia') are left alone: whose they are is not where they are."""
        doc = self.doc
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.i in self.used or tok.pos_ != "NOUN" or lemma not in D.GROUP_SECTORS \
                    or lemma in D.STATE_GROUP_HEADS or any(c.dep_ in {"amod", "compound", "poss"} for c in tok.lefts
                                                           if c.ent_type_ in {"GPE", "NORP", "ORG"}):
                continue
            head = tok
            while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != head.head.i \
                    and (head.head.head.like_num or head.head.head.lemma_.lower() in QUANTITY_WORDS):
                head = head.head.head   # 'hundreds of thousands of people', 'a crowd of students'
            if head.dep_ not in {"nsubj", "nsubjpass"} or head.head.pos_ not in {"VERB", "AUX"}:
                continue
            place = self._verb_place(head.head, by_tok)
            start = head.left_edge.i
            while start < tok.i and doc[start].lower_ in {"the", "a", "an"}:
                start += 1
            if place is None or any(i in self.used for i in range(start, tok.i + 1)):
                continue
            a3 = place.actor.country
            words = " ".join(t.lemma_.lower() for t in doc[start:tok.i + 1])
            actor = self.reg.get(f"norp:{a3.lower()}-{D.slug(words)}", doc[start:tok.i + 1].text, "NORP",
                                 country=a3, sector=D.GROUP_SECTORS.get(lemma))
            self.add(start, tok.i + 1, "NORP", actor)

    @staticmethod
    def _verb_place(verb: Token, by_tok: dict[int, _M]) -> Optional[_M]:
        """The one place with a country where a verb's act happens ('... in Springfield', 'across Utopia',
        'blocked streets in Springfield');
        None when the clause names none or places of two countries."""
        hits = []
        verbs = [verb]   # and the act it governs: 'agreed to postpone the rally in Springfield'
        while len(verbs) < 3 and (nxt := next((c for c in verbs[-1].children if c.dep_ == "xcomp"), None)):
            verbs.append(nxt)
        # the place of the act, or of what it is done to ('blocked streets in Springfield')
        things = [o for v in verbs for o in v.children if o.dep_ == "dobj" and o.lemma_.lower() not in D.ACTOR_NOUNS
                  and o.ent_type_ == ""]
        for p in (c for x in [*verbs, *things] for c in x.children):
            if p.dep_ == "prep" and p.lower_ in {"in", "across", "throughout", "outside", "inside", "near"}:
                for q in (p, *p.conjuncts):   # 'in Springfield and in Shelbyville'
                    for g in (g for o in q.children if o.dep_ == "pobj" for g in (o, *o.conjuncts)):
                        if g.i in by_tok and by_tok[g.i].label in {"GPE", "LOC", "FAC"}:
                            hits.append(by_tok[g.i])
        return hits[0] if len({m.actor.country for m in hits}) == 1 else None
