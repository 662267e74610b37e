"""Event nouns named as having come about: an agreement reached ('the talks ended with an agreement', 'a truce was
announced'), a crime someone is charged with or suffered ('charged with rape', 'the rape victim')."""
from __future__ import annotations

from typing import Optional

from storyline.understand.events.tokens import _lemma, _subject
from storyline.understand.plover import Entry

# ------------------------------------------------------------------ agreements that came about
# what an agreement comes out of
OUTCOME_OF = frozenset({"talk", "negotiation", "meeting", "summit", "mediation", "dialogue", "consultation",
                        "discussion", "conference", "effort"})


def _agreement_outcome(t, e: Entry) -> Optional[Entry]:
    """An agreement named as coming about: 'the ceasefire came into effect', 'the accord took effect', 'talks led
    to a truce', 'the meeting resulted in a deal'."""
    while t.dep_ == "conj" and t.head.pos_ == "NOUN":
        t = t.head   # 'led to the release of prisoners and a ceasefire'
    h = t.head
    if t.dep_ == "nsubj" and _lemma(h) in ("come", "take", "enter", "go") and any(
            _lemma(w) in ("effect", "force") for w in h.subtree if w.i != t.i):
        return e
    if t.dep_ == "pobj" and (h.lower_ == "to" and _lemma(h.head) == "lead" or
                             h.lower_ == "in" and _lemma(h.head) in ("result", "culminate", "end") or
                             h.lower_ == "with" and _lemma(h.head) in ("end", "conclude", "close", "culminate")):
        return e   # 'talks led to a truce', 'the meeting ended with an agreement', 'culminated in a deal'
    if t.dep_ == "pobj" and h.lower_ == "with" and _lemma(h.head) in OUTCOME_OF and h.head.dep_ == "dobj" and \
            _lemma(h.head.head) in ("end", "conclude", "close", "wrap"):
        return e   # 'concluded talks with an agreement': the parser hangs the outcome on the talks
    if t.dep_ == "pobj" and h.lower_ == "of" and h.head.lower_ in SIGNING:
        return e   # 'the signing of the peace deal', 'the ratification of the accord' (PLOVER: signing is AGREE)
    if t.dep_ == "nsubjpass" and _lemma(h) in AGREEMENT_MADE:
        return e   # 'a ceasefire deal was announced', 'the accord was sealed on Monday'
    if t.dep_ == "dobj" and _lemma(h) in ("yield", "produce", "bring", "deliver") and _subject(h) is not None and \
            _lemma(_subject(h)) in OUTCOME_OF:
        return e   # 'the talks yielded a ceasefire', 'the negotiations produced a deal'
    return None


# verbs whose passive subject is an agreement that came about (what an agreement was made by)
AGREEMENT_MADE = frozenset({"announce", "reach", "sign", "seal", "conclude", "strike", "agree", "finalise", "finalize",
                            "ink", "clinch", "broker", "secure", "forge", "hammer"})
SIGNING = frozenset({"signing", "inking", "ratification", "conclusion", "finalisation", "finalization"})


# ------------------------------------------------------------------ crimes named
# nouns that report an act to the police or the public ('a complaint of rape', 'allegations of abuse emerged'); a
# charge brought in court is the court's act (ACCUSE) and names no act of its own here
CHARGE_HEADS = frozenset({"complaint", "allegation"})
# the police's acts against someone 'for' an act, which name the act as reported ('arrested for rape', as 'arrested
# for raping a girl' does)
CHARGING_VERBS = frozenset({"arrest", "book", "detain", "hold", "nab", "apprehend"})
# verbs whose object is a complaint made ('filed a complaint of assault', 'lodged a complaint of rape')
CHARGE_VERBS = frozenset({"file", "lodge", "register"})


def _crime_named(t, a) -> bool:
    """An act named as the crime someone was arrested for or suffered: 'arrested for rape', 'a complaint of assault
    was filed', 'allegations of rape emerged', 'the rape victim', 'the rape accused'."""
    if t.dep_ == "compound" and (_lemma(t.head) in ("victim", "survivor") or t.head.lower_ == "accused"):
        return True
    if t.dep_ == "pobj" and t.head.lower_ == "for" and _lemma(t.head.head) in CHARGING_VERBS and \
            t.head.head.pos_ == "VERB":
        return True
    if a is t or _lemma(a) not in CHARGE_HEADS:
        return False
    return a.dep_ == "dobj" and _lemma(a.head) in CHARGE_VERBS or a.dep_ in ("nsubj", "nsubjpass") and _lemma(
        a.head) in ("file", "lodge", "register", "emerge", "surface")
