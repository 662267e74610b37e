"""The police named by a common noun ("the police", "officers", "cops"): the police force the article names
("NYPD", "Springfield Police Department"), when it names exactly one (a part of the per-article resolver).

The noun is a mention (DESC), never an alias. A force tied to a place or a state ("Utopian police", "police in
Springfield") is resolved before this, by the place. Where the article names no force the noun stays
unresolved: a group actor per article ("group:police") was tried, and its ids, differing between articles of one
story, split stories more than they joined mentions (ECB+: stories B3 F1 0.883 -> 0.873 for actors +0.013)."""
from __future__ import annotations

import re
from typing import Optional

from storyline.understand.actors.base import _Actor

# noun lemma -> plural only: general English words for the police as a body
POLICE_NOUNS = {"police": False, "cop": True, "officer": True, "policeman": True, "detective": True,
                "trooper": True}
POLICE_ORG = re.compile(r"\bpolice\b|\bsheriff|^[A-Z]{2,5}PD$", re.I)


class BodiesMixin:
    def bodies(self) -> None:
        doc = self.doc
        force = self._police_force()
        if force is None or not doc.has_annotation("DEP"):
            return
        for tok in doc:
            plural_only = POLICE_NOUNS.get(tok.lemma_.lower())
            if plural_only is None or tok.i in self.used or tok.pos_ != "NOUN" or tok.dep_ == "compound":
                continue
            if plural_only and tok.tag_ != "NNS":
                continue          # "an officer": one person, not the force
            if any(c.dep_ == "poss" for c in tok.children):
                continue          # "his officers"
            start = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}
                                   and c.left_edge.i not in self.used])
            if any(i in self.used for i in range(start, tok.i)):
                start = tok.i
            self.add(start, tok.i + 1, "DESC", force)

    def _police_force(self) -> Optional[_Actor]:
        """The one police force the article names (an organisation named so), else None."""
        forces = {m.actor.id: m.actor for m in self.ms if m.actor is not None and m.actor.type == "ORG"
                  and any(POLICE_ORG.search(x) for x in (m.actor.name, m.text))}
        return next(iter(forces.values())) if len(forces) == 1 else None
