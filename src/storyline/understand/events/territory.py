"""Territory that changes hands without a fight: what tells a take-over from a conquest ('without a fight', 'under
a deal', 'the positions vacated by the army'), so the coder adds the other side's RETREAT (PLOVER: ceding territory)."""
from __future__ import annotations

from storyline.understand.events.tokens import _lemma

PEACEFUL_WITHOUT = frozenset({"fight", "fighting", "resistance", "shot", "bloodshed", "clash", "confrontation",
                              "battle", "violence", "opposition", "struggle", "casualty", "incident", "combat",
                              "firing"})
PEACEFUL_ADV = frozenset({"peacefully", "unopposed", "uncontested", "unchallenged", "bloodlessly"})


def _peaceful(t) -> bool:
    """The clause says the act met no force: 'without a fight', 'without any resistance', 'peacefully'; of two
    coordinated acts, what the first says holds for both ('entered the town unopposed and took control of it')."""
    heads = [t] + ([t.head] if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX") else [])
    own = {w.i for w in t.subtree}
    for h in heads:
        for w in (t.subtree if h is t else (x for x in h.subtree if x.i not in own)):
            if w.lower_ in PEACEFUL_ADV and w.head.i == h.i:
                return True
            if w.lower_ == "without" and (w.head.i == h.i or w.head.head.i == h.i) and any(
                    _lemma(g) in PEACEFUL_WITHOUT for g in w.subtree if g.i != w.i and g.pos_ in ("NOUN", "VERB")):
                return True
            if w.pos_ == "NOUN" and _lemma(w) in PEACEFUL_WITHOUT and any(
                    c.dep_ in ("det", "neg") and c.lower_ == "no" for c in w.children):
                return True   # 'met no resistance', 'with no fighting'
            if w.pos_ == "NOUN" and _lemma(w) in NEGOTIATED and w.dep_ == "pobj" and w.head.lower_ in (
                    "under", "per", "following", "after", "of", "with", "through"):
                return True   # 'under a deal with the rebels', 'as part of an agreement': handed over, not fought for
            if w.pos_ in ("NOUN", "PROPN") and any(_left_by_holder(c) for c in w.children):
                return True   # 'took over positions from the departing peacekeepers', 'the base vacated by the army'
    return False


# what the side that held a place did when another takes it over without a fight
LEAVING = frozenset({"depart", "withdraw", "retreat", "leave", "vacate", "abandon", "evacuate", "pull", "outgo"})


def _left_by_holder(c) -> bool:
    """A modifier saying the place's holder left it: 'the departing / withdrawing troops', 'positions vacated /
    abandoned by the army', 'the abandoned base' (a participle, before the noun or after it)."""
    if c.dep_ == "amod" and c.tag_ in ("VBG", "JJ") and (_lemma(c) in LEAVING or c.lower_ in ("outgoing", "departing",
                                                                                            "withdrawing")):
        return True
    if c.dep_ == "amod" and c.tag_ in ("VBN", "JJ") and c.lower_ in LEFT_PLACE:
        return True   # 'took over the abandoned base', 'the vacated positions': its holder had left it
    if c.dep_ == "prep" and c.lower_ == "from":
        return any(_left_by_holder(a) for g in c.children if g.dep_ == "pobj" for a in g.children)
    return c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in LEAVING


# a place its holder left, told by a participle before it
LEFT_PLACE = frozenset({"abandoned", "vacated", "evacuated", "deserted"})


# what a territory changes hands under when no one fought for it
NEGOTIATED = frozenset({"deal", "agreement", "accord", "arrangement", "truce", "ceasefire", "settlement",
                        "understanding", "handover", "negotiation"})
