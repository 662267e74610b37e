"""Non-events: disasters, accidents and sports (Phoenix discards) hold no political event; who protests."""
from __future__ import annotations

import re

from storyline.understand.events.tokens import _Ctx, _group_noun, _lemma, _subject


# ------------------------------------------------------------------ non-events (disasters, accidents, sports)
def _violent(ctx: _Ctx, t) -> bool:
    """A noun naming deliberate violence, itself or through a modifier ('a bomb', 'a suicide blast')."""
    for w in [t] + [c for c in t.children if c.dep_ in ("compound", "amod", "nmod")]:
        if _lemma(w) in ctx.d.violence_nouns or w.lower_ in ctx.d.violence_nouns:
            return True
    return False


def _hazard(ctx: _Ctx, t) -> bool:
    """A natural force or accident noun that is no actor and names no violence ('an earthquake', 'the blaze')."""
    if t.dep_ == "dobj" and _lemma(t.head) in ("open", "exchange", "return", "cease", "hold", "trade"):
        return False   # 'opened fire', 'exchanged fire': gunfire
    lem = _lemma(t)
    if lem not in ctx.d.hazard_nouns and t.pos_ == "PROPN" and lem.endswith("s"):
        lem = lem[:-1]   # a capitalised plural is left whole by the lemmatizer ('Wildfires destroyed ...')
    if t.pos_ not in ("NOUN", "PROPN") or lem not in ctx.d.hazard_nouns or _violent(ctx, t):
        return False
    # a hazard word the tagger took for a name ('Floods', 'Wildfires' opening a sentence) names no actor
    one_word = not t.ent_type_ or (t.ent_iob_ == "B" and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I"))
    return (t.pos_ == "PROPN" and one_word) or not ctx.is_actorish(t)


def _hazard_sentence(ctx: _Ctx, sent) -> bool:
    """The sentence names a natural force or an accident: a hazard noun, or a thing that exploded, burned,
    collapsed ... by itself (a hazard verb whose subject is neither an actor nor a weapon)."""
    for w in sent:
        if _hazard(ctx, w):
            return True
        if w.pos_ == "VERB" and _lemma(w) in ctx.d.hazard_verbs:
            s = _subject(w)
            if s is None and w.dep_ == "acl" and _lemma(w) in INTRANSITIVE_HAZARDS and not any(
                    c.dep_ in ("dobj", "agent") for c in w.children):
                s = w.head   # 'a truck overturned on the highway', 'a tanker ablaze after a collision'
            if s is not None and s.pos_ == "NOUN" and not ctx.is_actorish(s) and not _violent(ctx, s) and \
                    _lemma(s) not in ctx.d.nouns and _lemma(s) not in ctx.d.protest_nouns:   # 'protests erupted'
                return True
    return False


# hazard verbs with no object: a participle of one after a noun says what the noun did by itself
INTRANSITIVE_HAZARDS = frozenset({"explode", "collapse", "crash", "erupt", "capsize", "derail", "overturn", "sink",
                                  "leak", "topple", "cave", "burst", "plunge", "skid", "veer", "collide", "overflow",
                                  "tumble", "fall", "swell"})
SECURITY_SECTORS = ("COP", "MIL", "GOV")


def _violence_sentence(ctx: _Ctx, sent) -> bool:
    """The sentence names deliberate violence; police, soldiers, officials alone do not (they rescue, report and
    investigate after disasters too)."""
    return any(w.pos_ in ("NOUN", "PROPN") and _violent(ctx, w)
               and not (ctx.d.agents.get(_lemma(w)) or "").startswith(SECURITY_SECTORS) for w in sent)


_DISCARD_RE: dict[int, re.Pattern] = {}


def _discarded(ctx: _Ctx, text: str) -> bool:
    """Phoenix's sentence-level discards (sports, entertainment): PETRARCH codes no event in them."""
    rx = _DISCARD_RE.get(id(ctx.d))
    if rx is None:
        phrases = sorted(ctx.d.discards, key=len, reverse=True)
        rx = (re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I) if phrases
              else re.compile(r"(?!)"))
        _DISCARD_RE[id(ctx.d)] = rx
    return rx.search(text) is not None


def _protest_agent(ctx: _Ctx, t) -> bool:
    """Protesters, demonstrators, rioters ... (also 'thousands of protesters', 'anti-war demonstrators')."""
    return _group_noun(t, ctx.d.protest_agents)


def _state_actor(ctx: _Ctx, t) -> bool:
    """A state or its government: a country/city name, or a government agent noun (Phoenix sector GOV)."""
    if t.ent_type_ == "GPE":   # the text names the state ('China protested'), not its people ('Albanians')
        return True
    return (ctx.d.agents.get(_lemma(t)) or "").startswith("GOV")
