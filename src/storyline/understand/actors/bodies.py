"""Bodies of people named by a common noun ("the police", "officers", "the jury", "prosecutors"): one group actor
per body and article (a part of the per-article resolver).

A police force the article names ("NYPD", "Springfield Police Department") is the actor of its police nouns;
otherwise the body is a group actor (``group:police``, type NORP) that the link step files under the group of
the same kind whose articles share this one's people and organisations, never by its noun alone. The noun is a
mention (DESC), never an alias. A body tied to a place or a state ("Utopian police", "police in Springfield") is
resolved before this, by the place."""
from __future__ import annotations

import re
from typing import Optional

from storyline.understand.actors.base import _Actor

# noun lemma -> (kind, plural only): general English words for the bodies news reports name without a name
BODY_NOUNS = {
    "police": ("police", False), "cop": ("police", True), "officer": ("police", True),
    "policeman": ("police", True), "detective": ("police", True), "trooper": ("police", True),
    "jury": ("jury", False), "juror": ("jury", True),
    "prosecutor": ("prosecutors", True), "prosecution": ("prosecutors", False),
}
POLICE_ORG = re.compile(r"\bpolice\b|\bsheriff|^[A-Z]{2,5}PD$", re.I)


class BodiesMixin:
    def bodies(self) -> None:
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        force = self._police_force()
        for tok in doc:
            hit = BODY_NOUNS.get(tok.lemma_.lower())
            if hit is None or tok.i in self.used or tok.pos_ != "NOUN" or tok.dep_ == "compound":
                continue
            kind, plural_only = hit
            if plural_only and tok.tag_ != "NNS":
                continue          # "an officer", "the prosecutor": one person, not the body
            if any(c.dep_ == "poss" for c in tok.children):
                continue          # "his officers", "Doe's jury"
            start = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}
                                   and c.left_edge.i not in self.used])
            if any(i in self.used for i in range(start, tok.i)):
                start = tok.i
            actor = force if kind == "police" and force is not None else \
                self.reg.get(f"group:{kind}", kind, "NORP", sector="government" if kind == "police" else "judiciary")
            self.add(start, tok.i + 1, "DESC", actor)

    def _police_force(self) -> Optional[_Actor]:
        """The one police force the article names (an organisation named so), else None."""
        forces = {m.actor.id: m.actor for m in self.ms if m.actor is not None and m.actor.type == "ORG"
                  and any(POLICE_ORG.search(x) for x in (m.actor.name, m.text))}
        return next(iter(forces.values())) if len(forces) == 1 else None
