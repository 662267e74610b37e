"""People named by a role ('the actress'), and the country and sector of people and organisations from the
Phoenix dictionaries and the article's own state (a part of the per-article resolver)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import PLACE_WORDS, _Actor
from storyline.understand.actors.person_agents import person_agents


class RolesMixin:
    def roles(self) -> None:
        """People named by a role ('the actress', 'a 71-year-old woman', 'the driver'): the person the article
        ties the role to (a compound 'actress Jane Doe', an appositive 'Doe, the actress', a copula 'Doe is an
        actress', an 'as': 'the driver, identified as Doe'), else, for a role that relates to no one else (not
        'his wife', 'her lawyer'), the article's main person (named at least twice as often as any other) when the
        role's gender, where English marks it, agrees with the pronouns used for them. The role is a mention,
        never an alias."""
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
        agents = person_agents()     # "arsonist", "burglar": only where the article ties them to a named person
        ties: dict[str, set[str]] = {}
        own: dict[int, _Actor] = {}     # a role noun the article ties to a person where it is written
        for tok in doc:
            lemma = tok.lemma_.lower()
            if (lemma not in D.PERSON_ROLES and lemma not in agents) or tok.pos_ != "NOUN":
                continue
            tied = None
            if tok.dep_ in {"compound", "nmod", "appos"} and tok.head.i in person_at:
                tied = person_at[tok.head.i]
            elif tok.dep_ == "appos" or any(c.dep_ == "appos" and c.i in person_at for c in tok.children):
                # the name set beside the role first: in "X and his wife, Y" the wife is Y, not X (her head)
                tied = next((person_at[c.i] for c in tok.children if c.dep_ == "appos" and c.i in person_at), None) \
                    or (person_at.get(tok.head.i) if tok.dep_ == "appos" else None)
            elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                tied = person_at.get(subj.i) if subj is not None else None
            else:
                tied = self._tied_by_as(tok, person_at)
            if tied is not None:
                ties.setdefault(lemma, set()).add(tied.id)
                own[tok.i] = tied
        people = [(a.count, a) for a in self.reg.by_id.values() if a.type == "PERSON" and a.count]
        people.sort(key=lambda x: (-x[0], x[1].first))

        def main_for(want: Optional[str]) -> Optional[_Actor]:
            """The headline's person, else the person named most, among those whose gender agrees with ``want``,
            when clearly ahead."""
            ok = [(n, a) for n, a in people if want is None or self.compatible(a, want)]
            lead = next((a for n, a in ok if a in self.headline), None)
            if lead is not None:
                return lead
            if ok and ok[0][0] >= 2 and (len(ok) == 1 or ok[0][0] > ok[1][0]):
                return ok[0][1]
            return None
        opened: set[str] = set()    # roles an indefinite noun gave a new, unnamed person ("a woman was arrested")
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.i in self.used or tok.pos_ != "NOUN" or tok.tag_ != "NN" or \
                    tok.ent_type_ in {"PERSON", "ORG", "GPE"} or (lemma not in D.PERSON_ROLES and lemma not in ties):
                continue
            actor = None
            tied = ties.get(lemma, set())
            if tok.i in own:    # "fired X as coach ... hired Y as its new coach": each is the one it is tied to
                actor = own[tok.i]
            elif len(tied) != 1 and (lemma in D.FEMALE_RELATIONAL or lemma in D.MALE_RELATIONAL):
                actor = self._kin(tok, lemma, person_at, {i for k, v in ties.items() if k != lemma and
                                                          k in D.RELATIONAL_ROLES for i in v})
            elif len(tied) == 1:
                actor = self.reg.by_id.get(next(iter(tied)))
            elif not tied and lemma in D.PERSON_ROLES and lemma not in D.RELATIONAL_ROLES and lemma not in opened and \
                    not self._definite_or_subject(tok, lemma) and _indefinite(tok) and \
                    not any(c.dep_ == "poss" for c in tok.children) and tok.dep_ not in {"compound", "attr"}:
                actor = self._introduced(tok, lemma)
            elif not tied and lemma in D.PERSON_ROLES and lemma not in D.RELATIONAL_ROLES and lemma not in opened and \
                    self._definite_or_subject(tok, lemma) and \
                    not any(c.dep_ == "poss" for c in tok.children) and tok.dep_ not in {"compound", "attr"}:
                want = "F" if lemma in D.FEMALE_ROLES else "M" if lemma in D.MALE_ROLES else None
                actor = self._same_part(tok, person_at, want) or main_for(want)
                if actor is not None and any(actor.id in self._co_arguments(t) for t in doc
                                             if t.pos_ == "NOUN" and t.lemma_.lower() == lemma):
                    actor = None    # "the driver struck the woman": a verb's subject and object are two people
                if actor is not None and _indefinite(tok) and actor.first < tok.idx:
                    # English names a person it has introduced by a definite noun, never "a man": a new person,
                    # whom "the man" later names too
                    actor = None
                    opened.add(lemma)
            if actor is not None:
                start = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in {"compound", "nmod"} and
                                       c.pos_ == "PROPN" and c.left_edge.i not in self.used])   # "Oklahoma man"
                if any(i in self.used for i in range(start, tok.i)):
                    start = tok.i
                self.add(start, tok.i + 1, "DESC", actor)
                self.note_gender(actor, "F" if lemma in D.FEMALE_ROLES else "M" if lemma in D.MALE_ROLES else None)

    def _kin(self, tok: Token, lemma: str, person_at: dict[int, _Actor], other: set[str]) -> Optional[_Actor]:
        """A relative named by a possessor ('his wife', 'Roe's son'): the one other person of the article with the
        possessor's surname and a gender that agrees ('John Roe ... his wife ... Mary Roe'): a family shares a
        name, and English names a relative the article names elsewhere that way. Never one the article gives
        another relation (``other``: 'Jane Roe, his mother' is not 'his wife')."""
        owner = next((person_at[c.i] for c in tok.children if c.dep_ == "poss" and c.i in person_at), None)
        if owner is None or len(owner.name.split()) < 2:
            return None
        want = "F" if lemma in D.FEMALE_RELATIONAL else "M"
        surname = owner.name.split()[-1].lower()
        same = [a for a in self.reg.by_id.values() if a.type == "PERSON" and a.count and a is not owner
                and a.id not in other and len(a.name.split()) >= 2 and a.name.split()[-1].lower() == surname
                and self.compatible(a, want)]
        return same[0] if len(same) == 1 else None

    def _co_arguments(self, tok: Token) -> set[str]:
        """The actors mentioned as another argument (subject, object, 'by' agent) of the verb whose subject,
        object or agent ``tok`` is ("A grandmother was mowed down by a driver": the driver is not her)."""
        t, v = tok, tok.head
        if tok.dep_ == "pobj" and v.lower_ == "by" and v.dep_ == "agent":
            t, v = v, v.head
        if t.dep_ not in {"nsubj", "nsubjpass", "dobj", "agent"} or v.pos_ not in {"VERB", "AUX"}:
            return set()
        args = []
        for c in v.children:
            if c.i == t.i:
                continue
            if c.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                args.append(c)
            elif c.dep_ == "agent":
                args.extend(o for o in c.children if o.dep_ == "pobj")
        return {m.actor.id for a in args for m in self.ms if m.actor is not None and m.start <= a.idx < m.end}

    def _introduced(self, tok: Token, lemma: str) -> Optional[_Actor]:
        """A news lede's indefinite gendered role before anyone is named ("... in the death of an Ruritanian
        woman. Prosecutors said Doe shot Jane Roe"): the one named person of the article known to be of that gender
        (pronouns, honorifics, given name), named after it, and with no title (an official who comments is
        not the person the story is about)."""
        want = "F" if lemma in D.FEMALE_ROLES else "M" if lemma in D.MALE_ROLES else None
        if want is None or any(m.label == "PERSON" and m.start < tok.idx for m in self.ms):
            return None
        same = [a for a in self.reg.by_id.values() if a.type == "PERSON" and a.count and a.first > tok.idx
                and self.gender_of(a) == want and a.sector is None and not a.org_title]   # not "Mayor Jane Roe"
        return same[0] if len(same) == 1 else None

    def _same_part(self, tok: Token, person_at: dict[int, _Actor], want: Optional[str]) -> Optional[_Actor]:
        """The one named person the article gives the role's part in an action: 'A driver was charged after he
        struck a woman ... Roe struck Doe ... Roe was charged': the driver is Roe, the woman Doe (the subject or
        object of a verb of the same lemma, a light or reporting verb aside)."""
        parts = _parts(tok)
        if not parts:
            return None
        hits: dict[str, _Actor] = {}
        for i, actor in person_at.items():
            t = self.doc[i]
            if i != t.head.i and t.head.i in person_at and person_at[t.head.i] is actor:
                continue    # a name's inner word: its last word carries the part
            if parts & _parts(t) and (want is None or self.compatible(actor, want)):
                hits[actor.id] = actor
        return next(iter(hits.values())) if len(hits) == 1 else None

    @staticmethod
    def _tied_by_as(tok: Token, person_at: dict[int, _Actor]) -> Optional[_Actor]:
        """A role tied to a person by 'as': 'the driver, who police identified as Jane Roe', 'the driver was
        identified as Roe', 'police named the driver as Roe' (the person the verb's 'as' names); 'Roe took over as
        coach', 'Roe was hired as coach' (the subject of a verb with no object, whose 'as' names the role); 'the
        team hired Roe as coach' (the object of a verb whose 'as' names the role); 'his duties as coach' (the
        possessor of the noun whose 'as' names the role)."""
        verbs = [c for c in tok.children if c.dep_ in {"relcl", "acl"}]
        if tok.dep_ in {"nsubjpass", "dobj"}:
            verbs.append(tok.head)
        for v in verbs:
            for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ == "as"):
                hit = next((person_at[o.i] for o in prep.children if o.dep_ == "pobj" and o.i in person_at), None)
                if hit is not None:
                    return hit
        if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "NOUN":
            # "his duties as head coach", "her first season as coach": the one whose duties they are
            return next((person_at[c.i] for c in tok.head.head.children if c.dep_ == "poss" and c.i in person_at),
                        None)
        if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ in {"VERB", "AUX"}:
            v = tok.head.head
            obj = next((c for c in v.children if c.dep_ == "dobj"), None)
            if obj is not None:     # "the team hired Roe as its coach": the object holds the role
                return person_at.get(obj.i)
            subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.i in person_at:
                return person_at[subj.i]
        return None

    @staticmethod
    def _definite_or_subject(tok: Token, lemma: str) -> bool:
        """'the actress', 'this driver', a bare subject ('Woman killed in crash'), or a news lede's indefinite
        subject ('A man accused of ... was charged'), and for a role English marks with a gender also its object
        ('killing a woman'): a role that may be the article's main person of that gender; 'a child' in
        'indecency with a child' introduces someone else."""
        det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
        if det in {"the", "this", "that"}:
            return True
        if det in {"a", "an"}:
            gendered = lemma in D.FEMALE_ROLES or lemma in D.MALE_ROLES
            return tok.dep_ in {"nsubj", "nsubjpass"} or (gendered and tok.dep_ == "dobj")
        return det is None and tok.dep_ in {"nsubj", "nsubjpass", "ROOT"}

    def _dictionary_roles(self) -> None:
        """Country and sector of named people and organisations from the Phoenix actor dictionaries, by the role
        held at the article's date ("Barack Obama" in 2010: USA, government); what the article says of a person
        comes first. A body or group the dictionaries name gets their code: the home country they give ("Hamas": PSE
        rebels), none for an international body ("NATO"), else only a country the article ties it to ("Iraqi
        al-Qaeda militants"), never the article's only country ("Amnesty International" in a story from Nairobi)."""
        date = self.article.published
        self.coded: set[str] = set()
        for a in self.reg.by_id.values():
            if a.type not in {"PERSON", "ORG", "NORP"} or not a.count:
                continue
            names = [a.name, *a.aliases]
            if a.type == "NORP":   # "Taliban fighters", "Islamic State militants": the group's own name
                names = [" ".join(n.split()[:-1]) for n in names if n.split()[-1].lower().rstrip("s") in D.GROUP_HEADS]
            hit = next((r for r in (D.phoenix_role(n, date) for n in dict.fromkeys(names) if n) if r), None)
            if hit is None:
                continue
            country, sector = hit
            if a.type != "PERSON":   # an international body has no state; a group without one in the dictionary
                a.country = country or (None if sector == "international" else a.country)   # where it acts
                a.sector = sector or a.sector
                self.coded.add(a.id)
                continue
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
            if a.country is not None or not a.count or a.org_title or a.media or a.sector == "international" \
                    or a.id in self.coded:
                continue
            if a.type == "PERSON" and a.sector in {"government", "military"}:
                a.country = top
            elif len(counts) == 1 and (a.type in {"ORG", "NORP", "GPE", "LOC", "FAC"} or
                                       a.type == "PERSON" and a.sector):
                # an article that names one state only: its bodies, groups and places, and its people with a
                # public role, without a country of their own are that state's ("the Shona rebels", "opposition
                # leader X" in a story from Harare); a bare name says too little ("the prize went to Germany, X")
                a.country = top


def _indefinite(tok: Token) -> bool:
    """'a woman', 'an officer': a noun that opens a new referent."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in tok.children)


LIGHT_VERBS = {"be", "have", "do", "say", "tell", "make", "get", "go", "come", "take", "give", "see", "know",
               "add", "report", "state", "claim", "want", "try", "find", "help", "leave", "include", "become"}


def _parts(tok: Token) -> set[tuple[str, str]]:
    """(verb lemma, 'agent' or 'patient') of the actions a noun is the subject or object of, with the verbs
    joined to that verb by 'and' ('struck and killed a woman'); a noun joined by 'and' to another has its part."""
    while tok.dep_ == "conj" and tok.head.pos_ in {"NOUN", "PROPN"}:
        tok = tok.head
    if tok.dep_ == "nsubj":
        role = "agent"
    elif tok.dep_ in {"dobj", "nsubjpass"}:
        role = "patient"
    elif tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
        role, tok = "agent", tok.head
    else:
        return set()
    v = tok.head
    if v.pos_ not in {"VERB", "AUX"}:
        return set()
    verbs = [v, *(c for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if v.dep_ == "conj" and v.head.pos_ == "VERB":
        verbs.append(v.head)
    return {(x.lemma_.lower(), role) for x in verbs if x.lemma_.lower() not in LIGHT_VERBS}
