"""The per-article actor resolver: the mixins' passes run in order over one parsed article."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from spacy.tokens import Doc, Span

from storyline.model import Actor, Article, Mention
from storyline.understand import actor_dictionary as D
from storyline.understand.actors.ages import AgesMixin
from storyline.understand.actors.base import _M, ENT_LABELS, _Actor, _Registry, _trim
from storyline.understand.actors.bodies import BodiesMixin
from storyline.understand.actors.facilities import FacilitiesMixin, facility_names
from storyline.understand.actors.headline import HeadlineMixin
from storyline.understand.actors.names import NamesMixin, widen_person
from storyline.understand.actors.places import PlacesMixin
from storyline.understand.actors.quoted import QuotedMixin
from storyline.understand.actors.references import ReferencesMixin
from storyline.understand.actors.roles import RolesMixin
from storyline.understand.actors.untagged import UntaggedMixin
from storyline.understand.nlp import sentence_index_at, sentences


class _Resolver(PlacesMixin, NamesMixin, ReferencesMixin, RolesMixin, HeadlineMixin, BodiesMixin,
                FacilitiesMixin, AgesMixin, QuotedMixin, UntaggedMixin):
    def __init__(self, doc: Doc, article: Article, sents: list | None = None) -> None:
        self.doc = doc
        self.article = article
        self.reg = _Registry()
        self.ms: list[_M] = []
        self.used: set[int] = set()       # token indices already covered by a mention or a title
        self.sents = sentences(doc) if sents is None else sents
        self.surnames: set[str] = set()     # last words of full person names in the article
        self.person_like: list[Span] = []   # ORG-tagged spans that are a person's surname
        self.genders: dict[str, Counter] = {}   # person id -> grammatical gender marks ("F", "M")
        self.headline: list[_Actor] = []        # full person names of the headline (candidates, not mentions)
        self.title_roles: list[tuple[int, _Actor]] = []   # role nouns in a name's title ("her lawyer, X")

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

    # -- the whole article
    def run(self) -> tuple[list[Mention], list[Actor]]:
        sites = facility_names(self.doc)     # "Harbor Recovery" the tagger took for a work of art or a person
        ents = [e for e in self.doc.ents if e.label_ in ENT_LABELS
                and not any(f.start < e.end and e.start < f.end for f in sites)]
        persons = [widen_person(e) for e in ents if e.label_ == "PERSON"]
        for e in persons:
            t = _trim(e)
            words = [w for w in t if not w.is_punct]
            while len(words) > 2 and words[-1].lower_.rstrip(".") in {"jr", "sr", "ii", "iii", "iv"}:
                words.pop()     # "Arcade Joseph Comeaux Jr.": the surname is "Comeaux"
            if len(words) >= 2 and words[-1].is_alpha:
                self.surnames.add(words[-1].lower_)
        self.headline_people()
        self.person_like.extend(self.headline_surnames(ents))
        # organisations and places first (so names can be checked against them), then people
        for f in sites:
            self.place(Span(self.doc, f.start, f.end, label="FAC"))
        for e in ents:
            if e.label_ == "ORG":
                self.org(e)
        # a surname the tagger missed ("Doe said ...") after the full name was introduced
        for tok in self.doc:
            if tok.lower_ in self.surnames and tok.ent_iob_ == "O" and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                self.person_like.append(self.doc[tok.i:tok.i + 1])
        self.persons(persons + self.person_like)   # titles claim their words ("Secretary of State") before places do
        self.name_genders()
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
        self.untagged_orgs()     # "the Colts": a plural proper noun the tagger missed
        self._merge_orgs()
        self.groups()
        self.bodies()
        self.descriptors()
        self.facilities()
        self.place_nouns()
        self.pronouns()
        self.place_adverbs()
        self.ages()
        self.roles()
        self.relatives()
        self.quoted_speakers()
        self._dictionary_roles()
        self._local_officials()
        self._title_roles()
        return self._freeze()

    def _title_roles(self) -> None:
        """A role noun written as a person's title ('Lohan's lawyer, Tom Brandt', 'defense attorney Tom Brandt') is
        a mention of that person too (a reader, and the link step, see 'the lawyer' there), added last: the title's
        words were claimed by the name so that no other pass reads them as someone else. Never an alias."""
        for i, actor in self.title_roles:
            tok = self.doc[i]
            if not any(m.start <= tok.idx < m.end for m in self.ms):
                self.ms.append(_M(tok.idx, tok.idx + len(tok), tok.text, "DESC", actor, i))

    def _freeze(self) -> tuple[list[Mention], list[Actor]]:
        self.ms.sort(key=lambda m: m.start)
        mentions = [Mention(start=m.start, end=m.end, text=m.text, label=m.label,
                            actor_id=m.actor.id if m.actor else None,
                            sentence=sentence_index_at(self.sents, m.start)) for m in self.ms]
        used = {m.actor.id for m in self.ms if m.actor is not None}
        actors = sorted((a.freeze() for a in self.reg.by_id.values() if a.id in used),
                        key=lambda a: a.id)
        return mentions, actors


def resolve_actors(doc: Doc, article: Article, sents: list | None = None) -> tuple[list[Mention], list[Actor]]:
    """Mentions (sorted by offset) and the canonical actors they refer to (``sents``: the doc's ``sentences``,
    when the caller has them already)."""
    return _Resolver(doc, article, sents).run()


# ---------------------------------------------------------------- lookups used by quotes and events
def mention_at(mentions: list[Mention], start: int, end: int) -> Optional[Mention]:
    """The mention overlapping [start, end) (the longest one)."""
    hits = [m for m in mentions if m.start < end and start < m.end]
    return max(hits, key=lambda m: m.end - m.start) if hits else None


def last_person_before(mentions: list[Mention], char: int) -> Optional[Mention]:
    prev = [m for m in mentions if m.label == "PERSON" and m.start < char and m.actor_id]
    return prev[-1] if prev else None
