"""Organisations the entity recogniser left untagged (a part of the per-article resolver): a plural proper noun ("the
Colts beat the Chiefs", "the Sixers fired their coach") names a team, a band, a party or a firm - English writes
people in the plural by a common noun or a demonym, and a family ("the Smiths") rarely acts in the news. Where the
article names an organisation whose last word it is ("the Kansas City Chiefs ... the Chiefs"), it is that one."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import _Actor


class UntaggedMixin:
    def untagged_orgs(self) -> None:
        doc = self.doc
        if not doc.has_annotation("TAG"):
            return
        for tok in doc:
            if not _plural_name(tok) or tok.ent_type_ not in {"", "PRODUCT"} or tok.i in self.used:
                continue
            known = self._org_ending(tok.text)
            if known is not None:
                self.add(tok.i, tok.i + 1, "ORG", known)
                continue
            if _people_word(tok):
                continue
            start = tok.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i and \
                    doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_iob_ == "O" and \
                    start - 1 not in self.used and doc[start - 1].text[:1].isupper():
                start -= 1
            if any(i in self.used for i in range(start, tok.i + 1)):
                continue
            self.org(Span(doc, start, tok.i + 1, label="ORG"))

    def _org_ending(self, word: str) -> Optional[_Actor]:
        """The one organisation of the article whose name has more words and ends with ``word``."""
        low = word.lower()
        hits = [a for a in self.reg.by_id.values() if a.type == "ORG" and a.count and len(a.name.split()) > 1
                and a.name.split()[-1].lower() == low]
        return hits[0] if len(hits) == 1 else None


def _plural_name(tok: Token) -> bool:
    """A capitalised plural the tagger calls a proper noun ('Colts'), not an acronym. (A capitalised plural it
    calls a common noun inside a sentence, 'the Sixers', was tried too: ECB+ entities the same, one story of half A
    joined to another of its topic, stories A 0.934 -> 0.921.)"""
    return tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper() and tok.tag_ == "NNPS"


def _people_word(tok: Token) -> bool:
    """A plural proper noun that names people, not a body: a demonym ('Americans', 'Kurds'), a group word
    ('Republicans' aside, whose party the tagger knows), a title ('Ministers')."""
    low = tok.lower_
    stem = low[:-1] if low.endswith("s") else low
    return bool(D.countries().lookup(tok.text) or D.countries().lookup(tok.text[:-1])) or \
        stem in D.GROUP_HEADS or low in D.GROUP_HEADS or stem in D.TITLE_WORDS or stem in D.PERSON_ROLES
