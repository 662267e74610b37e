"""Descriptors ('the company') and pronouns resolved to the actors an article names (a part of the per-article
resolver)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import _M, ENT_LABELS, _Actor
from storyline.understand.actors.headline import pronoun_gender
from storyline.understand.nlp import sentence_index_at

GENDER_WINDOW = 3       # sentences back a person of a known gender is still a pronoun's referent


class ReferencesMixin:
    # -- descriptors and pronouns
    def descriptors(self) -> None:
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        for tok in doc:
            if tok.i in self.used or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = tok.lemma_.lower()
            kind = ("business" if lemma in D.BUSINESS_DESCRIPTORS | D.TEAM_DESCRIPTORS
                    else "media" if lemma in D.MEDIA_DESCRIPTORS
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
        persons = sorted((m for m in self.ms if m.label == "PERSON" and m.actor is not None
                          and m.actor.type == "PERSON"), key=lambda m: m.start)
        others = sorted((m for m in self.ms if m.actor is not None and m.label not in {"PERSON", "PRON"}
                         and not (m.actor.type == "GPE" and m.actor.id.startswith("gpe:")
                                  and not m.actor.id[4:].isupper())
                         and m.actor.type not in {"LOC", "FAC"}), key=lambda m: m.start)
        for tok in doc:
            if tok.i in self.used:
                continue
            low = tok.lower_
            if low in D.PERSON_PRONOUNS:
                g = pronoun_gender(low)
                prev = [m for m in persons if m.start < tok.idx and self.compatible(m.actor, g)]
                if prev:
                    actor = self._gendered(prev, g, tok.idx) or self._salient(prev).actor
                else:   # no one of that gender named yet: the headline's person ("The star ... when she got there")
                    actor = next((a for a in self.headline if self.compatible(a, g)), None)
                if actor is not None:
                    self.add(tok.i, tok.i + 1, "PRON", actor)
                    self.note_gender(actor, g)
                    if tok.dep_ in {"nsubj", "nsubjpass"}:   # a subject pronoun keeps its person the topic:
                        persons.append(self.ms[-1])          # "X said she ... with Y and Z. Her ..." is X
                        persons.sort(key=lambda m: m.start)
            elif low in D.IT_PRONOUNS or low in D.THEY_PRONOUNS:
                m = self._thing_antecedent(tok, others)
                if m is not None:
                    self.add(tok.i, tok.i + 1, "PRON", m.actor)
            elif low in {"who", "whom", "whose"}:
                self._relative(tok)

    def relatives(self) -> None:
        """Relative pronouns again, once roles are resolved ("the driver, who fled"), and he/she no named person
        took: the person a role earlier in the sentence was resolved to, gender agreeing ("A driver was charged
        after police say he struck a woman")."""
        for tok in self.doc:
            if tok.i not in self.used and tok.lower_ in {"who", "whom", "whose"}:
                self._relative(tok)
        for tok in self.doc:
            if tok.i in self.used or tok.lower_ not in D.PERSON_PRONOUNS:
                continue
            g = pronoun_gender(tok.lower_)
            here = sentence_index_at(self.sents, tok.idx)
            roles = [m for m in self.ms if m.label == "DESC" and m.end <= tok.idx and m.actor is not None
                     and m.actor.type == "PERSON" and sentence_index_at(self.sents, m.start) == here]
            if roles and self.compatible(roles[-1].actor, g):
                self.add(tok.i, tok.i + 1, "PRON", roles[-1].actor)
                self.note_gender(roles[-1].actor, g)

    def _relative(self, tok: Token) -> None:
        """'Jane Doe, who ...': the relative pronoun stands for the noun its clause modifies."""
        if tok.head.dep_ != "relcl":
            return
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
            if root.dep_ in {"nsubj", "nsubjpass"} or (
                    root.dep_ == "conj" and root.head.dep_ in {"nsubj", "nsubjpass"}):
                return m
        return same[-1]

    def _root_of(self, m: _M) -> Token:
        root = self.doc[m.token_i]
        while root.head.i != root.i and m.start <= root.head.idx < m.end:
            root = root.head
        return root

    def _plural(self, m: _M) -> bool:
        return self._root_of(m).tag_ in {"NNS", "NNPS"}

    def _gendered(self, prev: list[_M], g: str, char: int) -> Optional[_Actor]:
        """'Jane Doe (she) ... Pat Roe said nothing. Later she ...': where the salient person of an earlier
        sentence is of a gender the article never marked, and a person of the last few sentences is known to be
        of the pronoun's gender (a pronoun, an honorific, a gendered role before), that one. Within the
        pronoun's own sentence the salient person stands ('Pat Roe said she would')."""
        salient = self._salient(prev)
        here = sentence_index_at(self.sents, char)
        if self.gender_of(salient.actor) is not None or sentence_index_at(self.sents, salient.start) == here:
            return None
        known = [m for m in prev if self.gender_of(m.actor) == g
                 and here - sentence_index_at(self.sents, m.start) <= GENDER_WINDOW]
        return known[-1].actor if known else None

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
