"""PLOVER events from the dependency parse and a verb/pattern dictionary (see plover.py).

``find_events(doc, article, mentions, actors, times)`` walks each sentence:

1. **triggers**: a verb whose lemma has an entry in the dictionary and whose constraints hold
   (object lemma, particle, preposition, words in its clause, object is an actor), or a noun entry
   governed by a light verb ("held a meeting", "orchestrating the arrest") or inside "in talks";
   behind them the CAMEO lexicon (an actor subject required, as PETRARCH does), an event noun named
   as happening ("protests erupted", "came under attack") and what protesters do;
2. **folding**: a trigger marked ``fold`` (urge, accuse, threaten, refuse, deny, ban, ...) owns its
   clausal complement: "urged X to reject Y" is one REQUEST, not also a REJECT;
3. **intent**: a future modal turns material conflict ("will impose sanctions") and withheld
   material cooperation ("won't partner with", "we won't share information if ...") into THREATEN,
   a conditional ("if/unless") with a future modal into THREATEN, a future cooperative act
   ("will provide aid") into AGREE, and a withheld verbal cooperation ("will not accept") into REJECT;
4. **roles**: actor = the subject (agent of a passive; antecedent of a relative pronoun; the
   governing clause's subject for xcomp/conj), target = the object or prepositional object
   (patient of a passive), both mapped to the given Mentions by character offsets;
5. **attributes**: date from a time expression in the clause/sentence (else the article date,
   ``date_inferred``), location from an "in/at/near <place>" attachment, ``hedged`` from report
   cues ("reportedly", "according to", "X reported", "citing"), ``negated`` from negation on the
   trigger's clause or its subject ("not all ...");
6. **non-events**: Phoenix discard sentences (sports), an act whose subject is a natural force or an
   accident ("an earthquake killed", "a tank exploded"), actorless harm, evacuations and emergency
   measures beside a named hazard with no sign of violence (data/plover/nonevents.json).

A doc without a dependency parse (spaCy model missing: blank + sentencizer) goes through a cruder
lemma-window path (``_find_events_crude``) instead of failing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from storyline.model import Actor, Article, Event, Evidence, Mention, TimeExpr, short_id
from storyline.understand.plover import (
    CONFLICT_MATERIAL, COOPERATION_MATERIAL, COOPERATION_VERBAL, Dictionary, Entry, load_dictionary,
)
from storyline.understand.events_learned import NONE, load_model, main_verb, sentence_features
from storyline.understand.time import reference, sentence_spans

OBJ_DEPS = {"dobj", "attr", "oprd", "dative", "nsubjpass", "acomp", "obj"}
TARGET_PREPS = {"to", "with", "against", "on", "from", "into", "of", "for", "at", "toward", "towards", "over",
                "between", "upon", "onto"}
LOC_PREPS = {"in", "at", "near", "outside", "inside"}
QUANTITY_HEADS = {"number", "group", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million",
                  "millions", "majority", "some", "many", "most", "all", "both", "each", "several", "handful",
                  "coalition", "delegation", "team", "bloc", "union", "association", "council", "alliance"}
REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}
STATIVE_PASSIVES = {"oppose", "commit", "determine", "prepare", "resolve", "dedicate", "disappoint", "concern",
                    "alarm", "worry", "dismay", "outrage", "anger", "upset", "opposed"}
ACTIVITY_NOUNS = {"mission", "effort", "efforts", "process", "campaign", "operation", "initiative", "round", "session",
                  "plan", "bid", "drive", "move"}
PERSONAL_OBJECTS = {"him", "her", "them", "us", "me", "himself", "herself", "themselves", "ourselves"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass
class _Cand:
    tok: object            # spaCy Token (the trigger)
    entry: Entry
    noun: bool = False
    consumed: Optional[int] = None   # token index of an object that is part of the trigger
    protest: bool = False  # an event noun named as taking place: roles found apart (_noun_actor, _noun_target)


PROTEST_ENTRY = Entry(lemma="protest", type="PROTEST", mode="demo")


# ------------------------------------------------------------------ helpers on tokens
def _lemma(t) -> str:
    return (t.lemma_ or t.text).lower()


def _objects(t) -> list:
    """Object-like dependents of t (with their conjuncts and compound/amod modifiers' heads)."""
    out = []
    for c in t.children:
        if c.dep_ in OBJ_DEPS:
            out.append(c)
        elif c.dep_ in ("prep", "agent"):
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        elif c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN"):
            out.append(c)
    more = []
    for o in out:
        more.extend(x for x in o.conjuncts)
    return out + more


def _of_objects(objs: list) -> list:
    """'700 kg of medicine', 'a state of emergency', 'part of a stronghold': the noun after 'of'; after 'in' for
    an amount ('$10 million in aid')."""
    out = []
    for o in objs:
        amount = o.like_num or o.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or o.text in ("$", "€", "£")
        for c in o.children:
            if c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ == "in" and amount):
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _subject(t):
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            if c.dep_ == "expl":
                continue
            return c
    return None


def _agent(t):
    for c in t.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _chain(t) -> list:
    """t and the verbs/adjectives it complements (xcomp/acomp up to the finite clause)."""
    out = [t]
    cur = t
    for _ in range(6):
        if cur.dep_ in ("xcomp", "acomp", "auxpass") and cur.head.i != cur.i:
            cur = cur.head
            out.append(cur)
        else:
            break
    return out


def _clause_root(t):
    ch = _chain(t)
    return ch[-1]


class _Ctx:
    def __init__(self, doc, article: Article, mentions: Sequence[Mention], actors: Sequence[Actor],
                 times: Sequence[TimeExpr], base: int):
        self.doc, self.article, self.base = doc, article, base
        self.mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        self.actors = {a.id: a for a in actors}
        self.times = list(times)
        self.d: Dictionary = load_dictionary()
        self.text = doc.text   # a Doc/Span builds .text on every access: read it once

    # mentions ------------------------------------------------------
    def mention_in(self, start: int, end: int, head_start: Optional[int] = None) -> Optional[Mention]:
        """The mention best covering [start, end) (absolute offsets), preferring one over the head."""
        best = None
        for m in self.mentions:
            if m.start >= end:   # sorted by start: nothing further can overlap
                break
            if start < m.end:
                if head_start is not None and m.start <= head_start < m.end:
                    return m
                if best is None:
                    best = m
        return best

    def tok_span(self, t) -> tuple[int, int]:
        return self.base + t.idx, self.base + t.idx + len(t.text)

    def core_span(self, t) -> tuple[int, int]:
        """Offsets of a noun phrase's core: from its left edge to its head, plus appositions/of-phrases."""
        left = t.left_edge
        right = t
        for c in t.children:
            if c.i > t.i and c.dep_ in ("compound", "flat", "appos", "nummod", "amod", "case"):
                right = max(right, c.right_edge, key=lambda x: x.i)
            if c.i > t.i and c.dep_ == "prep" and c.lower_ in ("of", "in") and t.lemma_.lower() in QUANTITY_HEADS | {
                    "government", "ministry", "minister", "president", "leader", "authority", "official",
                    "people", "group", "member", "army", "police", "force", "court", "parliament", "head",
                    "chief", "spokesman", "spokeswoman", "department", "office", "embassy", "member"}:
                right = max(right, c.right_edge, key=lambda x: x.i)
        return self.base + left.idx, self.base + right.idx + len(right.text)

    def is_actorish(self, t) -> bool:
        s, e = self.core_span(t)
        if self.mention_in(s, e, self.tok_span(t)[0]):
            return True
        if t.ent_type_ in NOT_TARGET_ENTS:
            return False   # 'on Monday', 'Independence Day': a proper noun that names a time, not an actor
        return (t.ent_type_ in ACTOR_LABELS or t.pos_ == "PROPN" or self.is_agent(t)
                or t.pos_ == "PRON" and t.lower_ in PERSONAL_OBJECTS)

    def is_agent(self, t) -> bool:
        """A generic agent noun (Phoenix.agents.txt: police, protesters, lawmakers, troops ...); a quantity
        of them too ('thousands of protesters', 'a group of students')."""
        return _group_noun(t, self.d.agents, self.d.hazard_nouns)

    def role(self, t) -> tuple[Optional[str], Optional[str]]:
        """(surface/canonical name, actor_id) for the noun phrase headed by t."""
        if t is None:
            return None, None
        s, e = self.core_span(t)
        m = self.mention_in(s, e, self.tok_span(t)[0])
        if m is not None:
            a = self.actors.get(m.actor_id) if m.actor_id else None
            return (a.name if a else m.text), m.actor_id
        if t.pos_ == "PRON" or t.lower_ in REL_PRONOUNS:
            return None, None
        text = self.text[s - self.base:e - self.base].strip()
        if not text or len(text.split()) > 10:
            text = t.text
        return text, None


# ------------------------------------------------------------------ trigger matching
def _subj_in(t, words: frozenset) -> bool:
    """The subject (or passive agent) of t, its compounds, or what a quantity of it names, is among words."""
    s = _agent(t) or _subject(t)
    if s is None:
        return False
    toks = [s] + [c for c in s.children if c.dep_ == "compound"]
    if s.lower_ in QUANTITY_HEADS or _lemma(s) in QUANTITY_HEADS:
        toks += [g for c in s.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(_lemma(w) in words or w.lower_ in words for w in toks)


def _entry_holds(ctx: _Ctx, t, e: Entry) -> bool:
    if e.subj and not _subj_in(t, e.subj):
        return False
    if e.prt and not any(c.dep_ == "prt" and c.lower_ in e.prt for c in t.children):
        return False
    if e.prep and not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in e.prep for c in t.children):
        return False
    objs = _objects(t)
    if e.obj:
        ok = False
        for o in objs + _of_objects(objs):
            lem = _lemma(o)
            if lem in e.obj or lem.rstrip("s") in e.obj or any(_lemma(c) in e.obj for c in o.children if c.dep_ == "compound"):
                ok = True
                break
        if not ok:
            return False
    if e.actor_obj and not any(ctx.is_actorish(o) for o in objs + _of_objects(objs)):
        return False
    if e.needs or e.unless:
        subj = _subject(t)
        skip = set(w.i for w in subj.subtree) if subj is not None and subj.dep_ != "nsubjpass" else set()
        words = [w for w in t.subtree if w.i not in skip and w.i != t.i]
        if e.needs and not any((_lemma(w) in e.needs or w.lower_ in e.needs) for w in words):
            return False
        if e.unless and any((_lemma(w) in e.unless or w.lower_ in e.unless) for w in words):
            return False
    return True


def _needs_token(t, e: Entry):
    """The word that satisfied an entry's ``needs`` (e.g. the modal 'should' of a reported demand)."""
    subj = _subject(t)
    skip = set(w.i for w in subj.subtree) if subj is not None and subj.dep_ != "nsubjpass" else set()
    for w in t.subtree:
        if w.i not in skip and w.i != t.i and (_lemma(w) in e.needs or w.lower_ in e.needs):
            return w
    return None


def _hypothetical(ctx: _Ctx, t) -> bool:
    """t sits in a 'whether/if/unless' clause: a condition or a question, not an event."""
    for x in [t] + list(t.ancestors):
        if x.dep_ in ("advcl", "ccomp", "csubj", "xcomp", "conj", "relcl", "acl") or x is t:
            if any(c.dep_ == "mark" and c.lower_ in ctx.d.hypothetical_marks for c in x.children):
                return True
        if x.dep_ == "ROOT":
            break
    return False


def _match_verb(ctx: _Ctx, t) -> Optional[Entry]:
    entries = ctx.d.verbs.get(_lemma(t))
    if not entries and t.lower_ in ctx.d.verbs:
        entries = ctx.d.verbs[t.lower_]
    if not entries:
        return None
    if t.pos_ not in ("VERB", "AUX", "ADJ") and not (t.pos_ == "NOUN" and t.dep_ in ("ROOT", "ccomp", "xcomp", "relcl", "conj") and t.tag_ in ("VBG", "VBN", "VBD", "VBZ", "VBP", "VB")):
        return None
    if t.pos_ == "AUX" and _lemma(t) not in ("be", "have"):
        return None
    if t.dep_ == "pobj" and t.pos_ != "VERB":
        return None
    if t.dep_ == "amod" and t.tag_ == "VBN":
        return None   # 'the disputed town', 'the kidnapped workers': a participle describing a noun, no new event
    for e in entries:
        if _entry_holds(ctx, t, e):
            return e
    return None


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
    return (t.pos_ in ("NOUN", "PROPN") and _lemma(t) in ctx.d.hazard_nouns and not _violent(ctx, t)
            and not ctx.is_actorish(t))


def _hazard_sentence(ctx: _Ctx, sent) -> bool:
    """The sentence names a natural force or an accident: a hazard noun, or a thing that exploded, burned,
    collapsed ... by itself (a hazard verb whose subject is neither an actor nor a weapon)."""
    for w in sent:
        if _hazard(ctx, w):
            return True
        if w.pos_ == "VERB" and _lemma(w) in ctx.d.hazard_verbs:
            s = _subject(w)
            if s is not None and s.pos_ == "NOUN" and not ctx.is_actorish(s) and not _violent(ctx, s) and \
                    _lemma(s) not in ctx.d.nouns and _lemma(s) not in ctx.d.protest_nouns:   # 'protests erupted'
                return True
    return False


def _violence_sentence(ctx: _Ctx, sent) -> bool:
    return any(w.pos_ in ("NOUN", "PROPN") and _violent(ctx, w) for w in sent)


_DISCARD_RE: dict[int, "re.Pattern"] = {}


def _discarded(ctx: _Ctx, text: str) -> bool:
    """Phoenix's sentence-level discards (sports, entertainment): PETRARCH codes no event in them."""
    rx = _DISCARD_RE.get(id(ctx.d))
    if rx is None:
        phrases = sorted(ctx.d.discards, key=len, reverse=True)
        rx = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I) if phrases else re.compile(r"(?!)")
        _DISCARD_RE[id(ctx.d)] = rx
    return rx.search(text) is not None


def _protest_agent(ctx: _Ctx, t) -> bool:
    """Protesters, demonstrators, rioters ... (also 'thousands of protesters', 'anti-war demonstrators')."""
    return _group_noun(t, ctx.d.protest_agents)


def _group_noun(t, words, never=frozenset()) -> bool:
    """Is ``t`` a noun among ``words`` (by lemma or as written), or a quantity of one ('thousands of protesters',
    'a group of students')? Nouns in ``never`` are not, at any depth."""
    if t is None or t.pos_ not in ("NOUN", "PROPN", "NUM") or _lemma(t) in never:
        return False
    if _lemma(t) in words or t.lower_ in words:
        return True
    if t.lower_ in QUANTITY_HEADS or _lemma(t) in QUANTITY_HEADS:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return any(_group_noun(g, words, never) for g in c.children if g.dep_ == "pobj")
    return False


def _state_actor(ctx: _Ctx, t) -> bool:
    """A state or its government: a country/city name, or a government agent noun (Phoenix sector GOV)."""
    if t.ent_type_ == "GPE":   # the text names the state ('China protested'), not its people ('Albanians')
        return True
    return (ctx.d.agents.get(_lemma(t)) or "").startswith("GOV")


def _protest_act(ctx: _Ctx, t) -> bool:
    """What protesters do is protesting ('protesters returned to the streets', 'demonstrators are throwing ...'):
    an active verb whose subject is a protest agent (not a report, not being or having)."""
    if t.pos_ != "VERB" or t.dep_ in ("amod", "compound") or _lemma(t) in ctx.d.attribution_verbs or \
            _lemma(t) in ("be", "have", "say", "tell", "die"):
        return False
    s = _subject(t)
    return s is not None and s.dep_ == "nsubj" and _protest_agent(ctx, s)


def _match_event_noun(ctx: _Ctx, t) -> Optional[Entry]:
    """An event named as happening, outside the light-verb frame: a protest ('protests erupted', 'a string of
    protests that rocked ...', 'marched in a protest', 'a demonstration organised by students') or an attack
    ('came under attack', 'losses in raids by the army's helicopters')."""
    if t.pos_ != "NOUN":
        return None
    lem = _lemma(t)
    if lem in ctx.d.protest_nouns:
        entry = PROTEST_ENTRY
        preps = ("in", "during", "at", "into")
    else:
        e = ctx.d.nouns.get(lem)
        if e is None or e.type != "ASSAULT":
            return None
        entry, preps = e, ("in", "under", "during")
    if t.dep_ == "nsubj" and _lemma(t.head) in ctx.d.protest_event_verbs and entry is PROTEST_ENTRY:
        return entry
    if t.dep_ == "pobj" and t.head.lower_ in preps and t.head.head.pos_ in ("VERB", "AUX"):
        return entry
    for c in t.children:
        if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and (
                _lemma(c) in ctx.d.protest_event_verbs or _lemma(c) in ("organize", "organise", "stage", "hold", "lead")):
            return entry
    return None


def _noun_actor(ctx: _Ctx, t, etype: str):
    """Who acted, for an event noun: its 'by' agent, possessor or 'of' phrase; for a protest also the subject of
    the verb it was taken part in ('students marched in a protest'); None when the text does not say."""
    for c in t.children:
        if c.dep_ in ("relcl", "acl"):
            ag = _agent(c)
            if ag is not None:
                return ag
        if c.dep_ == "poss" and ctx.is_actorish(c):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "of", "from"):
            for g in c.children:
                if g.dep_ == "pobj" and ctx.is_actorish(g):
                    return g
    if etype == "PROTEST" and t.dep_ == "pobj" and t.head.lower_ in ("in", "into"):
        s = _subject(t.head.head)
        if s is not None and s.dep_ == "nsubj" and ctx.is_actorish(s):
            return s
    return None


def _noun_target(ctx: _Ctx, t):
    """'X came under attack': X is the target."""
    if t.dep_ == "pobj" and t.head.lower_ == "under":
        return _subject(t.head.head)
    return None


def _match_cameo(ctx: _Ctx, t) -> Optional[Entry]:
    """The CAMEO lexicon behind verbs.json, with PETRARCH's safeguard: an event needs an actor as its subject
    (or passive agent), and a verb's bare default code also an actor as its object."""
    if t.pos_ != "VERB" or t.dep_ in ("amod", "pobj", "compound"):
        return None
    entries = ctx.d.cameo.get(_lemma(t))
    if not entries:
        return None
    a = _actor_tok(ctx, t, False)
    if a is None or not ctx.is_actorish(a):
        return None
    for e in entries:
        if _entry_holds(ctx, t, e):
            return e
    return None


def _match_noun(ctx: _Ctx, t) -> Optional[Entry]:
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    e = ctx.d.nouns.get(_lemma(t))
    if e is None:
        return None
    if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in ACTIVITY_NOUNS:
        t = t.head   # "a mediation mission", "a peace effort": the compound names the activity
    h = t.head
    if t.dep_ in ("dobj", "nsubjpass", "obj") and _lemma(h) in ctx.d.light_verbs and h.pos_ in ("VERB", "AUX"):
        pass
    elif t.dep_ == "pobj" and h.lower_ in ctx.d.talk_preps and _lemma(t) in ctx.d.talk_nouns:
        pass
    elif t.dep_ in ("dobj", "pobj") and h.dep_ == "prep" and _lemma(h.head) in ctx.d.light_verbs and h.lower_ == "for" and e.type in ("SANCTION", "CONSULT"):
        pass  # "called for sanctions", "pressed for talks"
    else:
        return None
    if e.needs and not any(_lemma(w) in e.needs or w.lower_ in e.needs for w in t.subtree if w.i != t.i):
        return None
    return e


def _content(t) -> set[int]:
    """Token indices of a fold trigger's content: clausal complements and gerund objects."""
    out: set[int] = set()
    for c in t.children:
        if c.dep_ in ("xcomp", "ccomp", "pcomp"):
            out.update(w.i for w in c.subtree)
        elif c.dep_ in ("prep", "dobj") :
            for g in c.children:
                if g.dep_ in ("pcomp", "acl", "relcl") or (g.dep_ == "pobj" and g.tag_ == "VBG"):
                    out.update(w.i for w in g.subtree)
        elif c.dep_ == "dobj" and c.tag_ == "VBG":
            out.update(w.i for w in c.subtree)
    return out


# ------------------------------------------------------------------ attributes
def _negated(ctx: _Ctx, t, chain: list, subj) -> bool:
    for x in chain:
        for c in x.children:
            if c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ in ("advmod", "neg")):
                return True
    if subj is not None:
        words = [w.lower_ for w in subj.subtree][:3]
        if words and words[0] in ("no", "not", "none", "neither"):
            return True
        if any(c.dep_ in ("det", "neg", "preconj") and c.lower_ in ("no", "not") for c in subj.children):
            return True
    for o in (c for c in t.children if c.dep_ in ("dobj", "nsubjpass")):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in o.children):
            return True
    return False


RAISING_PASSIVES = {"expect", "say", "believe", "report", "think", "know", "understand", "schedule", "set", "due",
                    "suppose", "reckon", "rumour", "rumor", "allege", "tip", "slate", "plan"}
FUTURE_HEADS = {"expect", "plan", "intend", "schedule", "due", "set", "prepare", "aim", "hope"}


def _future(ctx: _Ctx, chain: list) -> bool:
    """A modal future ('will meet') or a planned act ('is expected to travel', 'plans to visit')."""
    if len(chain) > 1 and any(_lemma(x) in FUTURE_HEADS for x in chain[1:]):
        return True
    for x in chain:
        for c in x.children:
            if c.dep_ == "aux" and (_lemma(c) in ctx.d.modal_future or c.lower_ in ctx.d.modal_future):
                return True
    return False


def _conditional(ctx: _Ctx, chain: list) -> bool:
    ids = {x.i for x in chain}
    for x in chain:
        for c in x.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ctx.d.conditional_marks for g in c.children):
                return True
    # an "if"/"unless" clause attached one level higher (to the reporting verb's complement)
    top = chain[-1]
    if top.dep_ in ("ccomp", "conj") and top.head.i not in ids:
        for c in top.head.children:
            if c.dep_ == "advcl" and c.i != top.i and any(g.dep_ == "mark" and g.lower_ in ctx.d.conditional_marks for g in c.children):
                return True
    return False


def _hedged(ctx: _Ctx, sent, trigger) -> bool:
    low = sent.text.lower()
    if any(p in low for p in ctx.d.hedge_phrases):
        return True
    for w in sent:
        if w.lower_ in ctx.d.hedge_words:
            return True
        if w.i != trigger.i and w.pos_ == "VERB" and _lemma(w) in ctx.d.hedge_verbs:
            return True
    return False


def _location(ctx: _Ctx, t, exclude: set[str]) -> Optional[str]:
    cands = [t] + [o for o in _objects(t) if o.dep_ in ("dobj",)]
    for x in cands:
        for c in x.children:
            if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        for w in g.subtree:
                            if w.ent_type_ in PLACE_LABELS:
                                ent = next((e for e in ctx.doc.ents if e.start <= w.i < e.end), None)
                                if ent is not None and ent.text not in exclude:
                                    return ent.text
    return None


def _date_for(ctx: _Ctx, sent_start: int, sent_end: int, t) -> tuple[Optional[str], Optional[tuple[str, str]], bool]:
    in_sent = [x for x in ctx.times if sent_start <= x.start < sent_end and (x.date or x.date_range)]
    if in_sent:
        root = _clause_root(t)
        lo = ctx.base + root.left_edge.idx
        hi = ctx.base + root.right_edge.idx + len(root.right_edge.text)
        pos = ctx.tok_span(t)[0]
        inside = [x for x in in_sent if lo <= x.start < hi]
        pick = min(inside or in_sent, key=lambda x: abs(x.start - pos))
        return pick.date, (tuple(pick.date_range) if pick.date_range else None), False
    return _article_date(ctx.article)


def _article_date(article: Article) -> tuple[Optional[str], Optional[tuple[str, str]], bool]:
    ref = reference(article)
    if ref.day is not None:
        return ref.day.isoformat(), None, True
    if article.published_range:
        return None, tuple(article.published_range), True
    return None, None, True


# ------------------------------------------------------------------ roles
def _actor_tok(ctx: _Ctx, t, noun: bool):
    """The token heading the actor noun phrase of trigger t (None when not found)."""
    v = t.head if noun else t
    if noun and t.dep_ == "pobj":          # "in talks": the clause's subject
        v = t.head.head
    for x in _chain(v):
        ag = _agent(x)
        if ag is not None:
            return ag
        s = _subject(x)
        if s is not None:
            if s.dep_ == "nsubjpass":
                if x is not v and _lemma(x) in RAISING_PASSIVES:
                    return s   # 'X is expected / said / believed to visit ...': X visits
                continue
            if s.lower_ in REL_PRONOUNS and x.dep_ == "relcl":
                ante = x.head
                if ctx.is_actorish(ante) or _hazard(ctx, ante) and not _violence_sentence(ctx, ante.sent):
                    return ante   # 'the fire, which killed three people': the fire, not whoever governs it
                hv = ante.head
                for _ in range(64):   # spaCy makes a new Token per access: compare indices, not identity
                    if hv.pos_ in ("VERB", "AUX") or hv.head.i == hv.i:
                        break
                    hv = hv.head
                if hv is not None and hv.pos_ in ("VERB", "AUX"):
                    s2 = _subject(hv)
                    if s2 is not None and s2.dep_ != "nsubjpass":
                        return s2
                return ante
            return s
        if x.dep_ == "relcl" and not noun:
            # "an allegation [that] the company denied" has its own subject; a reduced relative has none
            pass
    # a stative passive ("X is opposed to Y"): the subject holds the attitude
    if not noun and _lemma(t) in STATIVE_PASSIVES:
        s = _subject(t)
        if s is not None and s.dep_ == "nsubjpass" and _agent(t) is None:
            return s
    # conjoined verbs and participial clauses share the governing verb's subject; a reduced relative
    # ("a newspaper calling on X", "a rally to protest Y") belongs to the noun it modifies, or to the
    # subject of the verb governing that noun ("issued a declaration demanding ...")
    cur = _chain(v)[-1]
    for _ in range(5):
        if cur.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "relcl") and cur.head.i != cur.i:
            reduced = cur.dep_ in ("acl", "relcl")
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
            if reduced and cur.pos_ in ("NOUN", "PROPN") and ctx.is_actorish(cur):
                return cur
            while cur.pos_ in ("NOUN", "PROPN", "ADP") and cur.dep_ in ("dobj", "pobj", "prep", "attr") and \
                    cur.head.i != cur.i:
                cur = cur.head
            s = _subject(cur)
            if s is not None and s.dep_ != "nsubjpass":
                return s
        else:
            break
    return None


def _target_toks(ctx: _Ctx, t, noun: bool, actor_tok) -> list:
    out = []
    if noun:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                out.extend(g for g in c.children if g.dep_ == "pobj")
            if c.dep_ == "poss":
                out.append(c)
        out.extend(o for o in _objects(t.head) if o.i != t.i) if t.dep_ != "pobj" else None
        return out
    for x in _chain(t)[:1]:
        for c in x.children:
            if c.dep_ == "nsubjpass" and _agent(x) is not None:
                out.append(c)
            elif c.dep_ == "nsubjpass":
                out.append(c)
        for c in x.children:
            if c.dep_ in ("dobj", "dative", "obj"):
                out.append(c)
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in TARGET_PREPS:
                        out.extend(p for p in g.children if p.dep_ == "pobj")
                    if g.dep_ == "poss":
                        out.append(g)
        for c in x.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
                out.extend(g for g in c.children if g.dep_ in ("pobj",))
        for c in x.children:
            if c.dep_ in ("ccomp", "xcomp"):
                s = _subject(c)
                if s is not None:
                    out.append(s)
    more = []
    for o in out:
        more.extend(o.conjuncts)
    return [o for o in out + more if actor_tok is None or o.i != actor_tok.i]


NOT_TARGET_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "EVENT", "WORK_OF_ART", "LAW",
                   "LANGUAGE", "PRODUCT"}


def _deep_toks(ctx: _Ctx, t, noun: bool, actor_tok, clauses: int = 0) -> list:
    """Nouns below the trigger (breadth first, nearest first), outside the actor's phrase; with
    ``clauses`` >= 1 also inside adverbial clauses ("to protest X", "unless X agrees"), >= 2 also
    under conjoined verbs ("established ties with and opened an embassy in X")."""
    root = t.head if noun and t.dep_ == "pobj" else t
    skip = {w.i for w in actor_tok.subtree} if actor_tok is not None and actor_tok.i != root.i else set()
    barred = ("parataxis", "punct") if clauses else ("advcl", "parataxis", "punct")
    out, queue, seen = [], [root], {root.i}
    while queue:
        x = queue.pop(0)
        for c in x.children:
            if c.i in seen or c.i in skip or c.dep_ in barred or (
                    clauses < 2 and c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                continue   # a conjoined verb has its own objects
            seen.add(c.i)
            if c.pos_ in ("NOUN", "PROPN", "PRON") and c.i != t.i:
                out.append(c)
            queue.append(c)
    return out


def _pick_target(ctx: _Ctx, t, noun: bool, a_tok, tcands: list, actor, actor_id):
    """The target: a direct object/prepositional object that resolves to an actor; else an actor
    named deeper in the trigger's phrase ("aid for Utopia", "a ban in Ruritania": PLOVER codes the
    place as the target when no one else is); else the first direct object's surface."""
    def usable(o) -> bool:
        return o.ent_type_ not in NOT_TARGET_ENTS and o.lower_ not in ("last", "first", "least", "most")

    first_surface = None
    for o in tcands:
        if not usable(o):
            continue
        name, oid = ctx.role(o)
        if not name or name == actor or (oid is not None and oid == actor_id):
            continue
        if oid is not None:
            return name, oid
        if first_surface is None and ctx.is_actorish(o):   # never a thing: 'shots', 'two counts', 'the allegations'
            first_surface = (name, oid)
        if o.dep_ == "dobj" and not ctx.is_actorish(o) and any(
                c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in ctx.d.self_pronouns for c in o.children):
            # 'condemned its actions against X': the target is whoever 'its' is, not X further down
            return first_surface or (None, None)

    def placeless(oid) -> bool:   # a place with no country ("the Rhine") says nothing about who is targeted
        a = ctx.actors.get(oid)
        return a is not None and a.type in ("LOC", "FAC", "GPE") and not a.country

    roots = [(t, noun)]
    if not noun and t.dep_ in ("xcomp", "advcl", "conj") and t.head.i != t.i and t.head.pos_ in ("VERB", "AUX"):
        roots.append((t.head, False))   # "sent experts to X to investigate Y": X belongs to the sending
    for root, is_noun in roots:
        for clauses in (0, 1, 2):
            for o in _deep_toks(ctx, root, is_noun, a_tok, clauses):
                if not usable(o) or (root is not t and o.i in {w.i for w in t.subtree}):
                    continue
                name, oid = ctx.role(o)
                if oid is not None and oid != actor_id and name != actor and not placeless(oid):
                    return name, oid
    return first_surface or (None, None)


# ------------------------------------------------------------------ main
def _event(ctx: _Ctx, *, etype: str, mode, actor, actor_id, target, target_id, date, date_range, inferred,
           location, hedged, negated, trigger_text, trig_start, sent_text, sent_start, sent_end) -> Event:
    aid = ctx.article.id
    return Event(
        id=short_id(aid, etype, str(trig_start), actor_id or "", target_id or ""),
        type=etype, evidence=(Evidence(aid, sent_text, sent_start, sent_end),), mode=mode,
        actor=actor, actor_id=actor_id, target=target, target_id=target_id, date=date,
        date_range=date_range, date_inferred=inferred, location=location, hedged=hedged,
        negated=negated, trigger=trigger_text,
    )


def _apply_intent(ctx: _Ctx, etype: str, mode, chain, negated: bool, entry: Entry) -> tuple[str, Optional[str], bool]:
    if etype in ("THREATEN", "REQUEST", "ACCUSE") or entry.fold and etype in ("AGREE", "REJECT"):
        return etype, mode, negated
    fut = _future(ctx, chain)
    if not fut:
        return etype, mode, negated
    cond = _conditional(ctx, chain)
    sub = mode or etype.lower()
    if cond and (etype in CONFLICT_MATERIAL or etype == "RETREAT" or negated):
        return "THREATEN", sub, False
    if negated and etype in COOPERATION_MATERIAL:
        return "THREATEN", "withhold " + sub, False
    if not negated and etype in CONFLICT_MATERIAL:
        return "THREATEN", sub, False
    if negated and etype in COOPERATION_VERBAL:
        return "REJECT", sub, False
    if not negated and etype in ("CONSULT", "SUPPORT"):
        return "AGREE", sub, False    # the PLOVER manual: future meetings, visits, support are intentions: AGREE
    if not negated and etype in COOPERATION_MATERIAL:
        return "AGREE", sub, False
    return etype, mode, negated


# a promise of one of these is PLOVER's AGREE ("promise ... to cooperate"), not a threat
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def find_events(doc, article: Article, mentions: Sequence[Mention] = (), actors: Sequence[Actor] = (),
                times: Sequence[TimeExpr] = ()) -> list[Event]:
    """PLOVER events of one article, each with evidence offsets into ``article.text``."""
    if doc is None:
        return _find_events_crude(None, article, mentions, actors, times)
    base = 0
    if doc.text != article.text:
        found = article.text.find(doc.text)
        base = found if found >= 0 else 0
    try:
        parsed = doc.has_annotation("DEP")
    except Exception:  # noqa: BLE001 - an odd doc: use the crude path
        parsed = False
    if not parsed:
        return _find_events_crude(doc, article, mentions, actors, times)
    ctx = _Ctx(doc, article, mentions, actors, times, base)
    out: list[Event] = []
    seen: set[tuple] = set()
    prev_hazard = False
    for sent in doc.sents:
        s_start, s_end = base + sent.start_char, base + sent.end_char
        sent_text = article.text[s_start:s_end]
        if _discarded(ctx, sent_text):
            continue
        hazard_here = _hazard_sentence(ctx, sent)
        disaster = (hazard_here or prev_hazard) and not _violence_sentence(ctx, sent)
        prev_hazard_before, prev_hazard = prev_hazard, hazard_here
        cands: list[_Cand] = []
        for t in sent:
            e = _match_verb(ctx, t)
            if e is None:
                e = _match_cameo(ctx, t)
            if e is None and _protest_act(ctx, t):
                e = PROTEST_ENTRY
            if e is not None:
                consumed = None
                if e.obj:
                    objs = _objects(t)
                    for o in objs + _of_objects(objs):
                        if _lemma(o) in e.obj or _lemma(o).rstrip("s") in e.obj:
                            consumed = o.i
                            break
                cands.append(_Cand(t, e, False, consumed))
        taken = {c.consumed for c in cands if c.consumed is not None} | {c.tok.i for c in cands}
        hand_made = {c.tok.i for c in cands if c.entry.code is None}   # CAMEO verbs yield to light-verb nouns
        for t in sent:
            if t.i in taken:
                continue
            e = _match_noun(ctx, t)
            if e is not None:
                if t.dep_ == "compound" and t.head.lemma_.lower() in ACTIVITY_NOUNS:
                    t = t.head   # "a mediation mission": the phrase's head carries the roles
                if t.head.i in hand_made:
                    continue  # the governing verb is already an event ("launch an attack")
                cands = [c for c in cands if c.tok.i != t.head.i]   # 'orchestrated the arrest': the arrest
                cands.append(_Cand(t, e, True))
            else:
                en = _match_event_noun(ctx, t)
                if en is not None:
                    cands.append(_Cand(t, en, True, protest=True))
        # folding: outer triggers own their clausal content
        cands.sort(key=lambda c: len(list(c.tok.ancestors)))
        suppressed: set[int] = set()
        folded: dict[int, Entry] = {}      # an outer trigger -> the first event it folds
        for c in cands:
            if c.tok.i in suppressed:
                continue
            if c.entry.fold and not c.noun:
                content = _content(c.tok)
                if c.entry.needs and "to" not in c.entry.needs:
                    subj = _subject(c.tok)
                    skip = {w.i for w in subj.subtree} if subj is not None else set()
                    content |= {w.i for w in c.tok.subtree if w.i not in skip and w.i != c.tok.i}
                # "X said forces abused civilians": the statement is an accusation, the abuse an event of its own
                reported = _lemma(c.tok) in ctx.d.attribution_verbs and c.entry.type in ("ACCUSE", "REJECT")
                for o in cands:
                    if reported and o.entry.type in CONFLICT_MATERIAL:
                        continue
                    if o is not c and o.tok.i in content and o.tok.i not in suppressed:
                        suppressed.add(o.tok.i)
                        folded.setdefault(c.tok.i, o.entry)
        n_before = len(out)
        for c in sorted(cands, key=lambda c: c.tok.i):
            if c.tok.i in suppressed:
                continue
            t, e = c.tok, c.entry
            if _hypothetical(ctx, t):
                continue
            chain = _chain(t.head if c.noun and t.dep_ != "pobj" else t)
            a_tok = _noun_actor(ctx, t, e.type) if c.protest else _actor_tok(ctx, t, c.noun)
            subj = a_tok
            negated = _negated(ctx, t, chain, subj if subj is not None and subj.dep_ in ("nsubj",) else _subject(chain[-1]))
            etype, mode = e.type, e.mode
            if etype == "THREATEN" and t.i in folded:
                mode = mode or folded[t.i].mode or folded[t.i].type.lower()
                if _lemma(t) in ("promise", "vow", "swear") and folded[t.i].type in COOPERATIVE:
                    etype, mode = "AGREE", "promise"   # PLOVER's AGREE: promising to cooperate ('vowed to support X')
            if etype == "THREATEN" and _lemma(t) in ("promise", "vow", "swear", "pledge") and t.i not in folded:
                # a promise of nothing hostile is not a threat; 'vowed to fight / to retaliate' is one
                # (an infinitive the parser hangs as an adverbial clause, 'sworn [to fight] until ...', too)
                inf = {w.i for c in t.children if c.dep_ == "advcl" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for w in c.subtree}
                hostile = next((w for w in (doc[i] for i in sorted(_content(t) | inf))
                                if w.pos_ == "VERB" and _lemma(w) in ctx.d.threat_verbs), None)
                if hostile is None:
                    # PLOVER's AGREE: "agree to, offer, promise ... willingness or commitment to cooperate"
                    etype, mode = "AGREE", "promise"
                else:
                    mode = mode or _lemma(hostile)
            etype, mode, negated = _apply_intent(ctx, etype, mode, chain, negated, e)
            if etype == "PROTEST" and a_tok is not None and _state_actor(ctx, a_tok):
                # the PLOVER manual, PROTEST: a state's or a ministry's protest is diplomatic: ACCUSE disapprove
                etype, mode = "ACCUSE", "disapprove"
            if etype not in COOPERATIVE and etype != "PROTEST" and not negated and _protest_agent(ctx, a_tok):
                # PLOVER: civilians' collective action is PROTEST, a violent one mode riot ('rioters clashed'); the
                # protest's topic (a demand, a condemnation) is not coded apart from it
                etype, mode = "PROTEST", ("riot" if etype in ("ASSAULT", "COERCE") else "demo")
            if a_tok is not None and (_hazard(ctx, a_tok) or (
                    etype in CONFLICT_MATERIAL and _lemma(t) in ctx.d.hazard_verbs and a_tok.pos_ == "NOUN"
                    and not ctx.is_actorish(a_tok) and not _violent(ctx, a_tok))):
                continue   # 'an earthquake killed', 'a tank exploded': no actor acted
            actor, actor_id = ctx.role(a_tok)
            if actor is None and a_tok is not None and a_tok.pos_ == "PRON" and a_tok.lower_ not in ctx.d.self_pronouns:
                # "Iraq said it would allow ...": a pronoun subject of a reported clause is the reporter
                top = _chain(a_tok.head)[-1]
                if top.dep_ in ("ccomp", "conj", "advcl") and top.head.i != top.i:
                    rep = _subject(top.head)
                    if rep is not None and rep.pos_ != "PRON":
                        actor, actor_id = ctx.role(rep)
            target = target_id = None
            if c.protest:
                nt = _noun_target(ctx, t)
                tcands = ([nt] if nt is not None else []) + [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ in (
                    "against", "on") for g in ch.children if g.dep_ == "pobj"]
            else:
                tcands = [o for o in _target_toks(ctx, t, c.noun, a_tok) if o.i != c.consumed]
            if e.needs and e.type == "REQUEST":
                nt = _needs_token(t, e)
                if nt is not None:
                    s2 = _subject(nt.head)
                    if s2 is not None:
                        tcands.insert(0, s2)
            target, target_id = (_pick_target(ctx, t, c.noun, a_tok, tcands, actor, actor_id)
                                 if tcands or not c.protest else (None, None))
            date, date_range, inferred = _date_for(ctx, s_start, s_end, t)
            location = _location(ctx, t, {actor} if actor else set())
            trig = t.text
            prt = [ch.text for ch in t.children if ch.dep_ == "prt"]
            if prt:
                trig += " " + " ".join(prt)
            if c.consumed is not None:
                trig += " " + doc[c.consumed].text
            if disaster and actor is None and etype in CONFLICT_MATERIAL:
                continue   # 'four people were injured' beside an explosion or a flood, no one acting
            if etype in CONFLICT_MATERIAL and not c.noun and any(
                    _hazard(ctx, o) for o in _objects(t) if o.i != c.consumed):
                continue   # 'firefighters battled the blaze': a fight against a fire is no assault
            if disaster and (etype == "RETREAT" or etype == "COERCE" and mode not in ("arrest", "seize")
                             or etype == "ACCUSE" and mode == "investigate"):
                # evacuations beside a flood, a state of emergency after an earthquake: the PLOVER manual codes no
                # COERCE restrict for emergencies of natural disasters, moving people out of harm is no retreat,
                # and looking into the cause of a fire is no investigation of crime or abuse
                continue
            if etype == "MOBILIZE" and (hazard_here or prev_hazard_before):
                etype, mode = "AID", "relief"   # the PLOVER manual: mobilizing for disaster relief is AID
            key = (s_start, etype, actor_id or actor)
            if key in seen:
                continue
            seen.add(key)
            hedged = _hedged(ctx, sent, t)
            out.append(_event(ctx, etype=etype, mode=mode, actor=actor, actor_id=actor_id, target=target,
                              target_id=target_id, date=date, date_range=date_range, inferred=inferred,
                              location=location, hedged=hedged, negated=negated,
                              trigger_text=trig, trig_start=base + t.idx, sent_text=sent_text,
                              sent_start=s_start, sent_end=s_end))
            if etype in ("ASSAULT", "COERCE") and not negated:
                # 'police dispersed the demonstrators', 'broke up the rally': the text also says a protest took place
                p = next((o for o in tcands if _protest_agent(ctx, o) or (
                    o.pos_ == "NOUN" and _lemma(o) in ctx.d.protest_nouns)), None)
                if p is not None:
                    p_actor, p_actor_id = ctx.role(p) if _protest_agent(ctx, p) else (None, None)
                    pkey = (s_start, "PROTEST", p_actor_id or p_actor)
                    if pkey not in seen:
                        seen.add(pkey)
                        out.append(_event(ctx, etype="PROTEST", mode="demo", actor=p_actor, actor_id=p_actor_id,
                                          target=None, target_id=None, date=date, date_range=date_range,
                                          inferred=inferred, location=location, hedged=hedged, negated=False,
                                          trigger_text=p.text, trig_start=base + p.idx, sent_text=sent_text,
                                          sent_start=s_start, sent_end=s_end))
        _learned(ctx, sent, out, n_before, seen, hazard=hazard_here or prev_hazard_before, disaster=disaster,
                 span=(s_start, s_end, sent_text))
    return out


# ------------------------------------------------------------------ the learned classifier (events_learned.py)
FALLBACK_P = 0.6   # the classifier's root is taken for a sentence the rules gave nothing from this probability


def _learned(ctx: _Ctx, sent, out: list, n_before: int, seen: set, *, hazard: bool, disaster: bool, span) -> None:
    """Where the rules stop: beside a hazard, drop the sentence's events when the classifier's most probable
    reading is no political event; in a sentence the rules gave nothing, add the classifier's root when its main verb has an actor as
    subject. Nothing happens without the weights or without the parse's tensor."""
    model = load_model()
    if model is None or (len(out) > n_before and not hazard):
        return
    x = sentence_features(sent)
    if x is None:
        return
    label, p, p_none = model.predict(x)
    if len(out) > n_before:
        if label == NONE:   # beside a hazard, the classifier's best reading is no political event
            del out[n_before:]
        return
    if disaster or label == NONE or p < FALLBACK_P:
        return
    v = _fallback_verb(ctx, sent)
    if v is None or _hypothetical(ctx, v):
        return
    a_tok = _actor_tok(ctx, v, False)
    if a_tok is None or not ctx.is_actorish(a_tok) or _hazard(ctx, a_tok):
        return
    if label == "PROTEST" and (_state_actor(ctx, a_tok) or (ctx.d.agents.get(_lemma(a_tok)) or "")[:3] in (
            "COP", "MIL", "JUD")):
        return   # the PLOVER manual: a state and its forces do not protest (the classifier reads the topic)
    if label in CONFLICT_MATERIAL and not _violence_sentence(ctx, sent) and not any(
            ctx.is_actorish(o) for o in _objects(v)):
        return   # force needs a victim or a weapon in the text: 'inked a deal' is no attack in a war story
    chain = _chain(v)
    if _negated(ctx, v, chain, a_tok):
        return
    actor, actor_id = ctx.role(a_tok)
    if actor is None:
        return
    s_start, s_end, sent_text = span
    key = (s_start, label, actor_id or actor)
    if key in seen:
        return
    seen.add(key)
    target, target_id = _pick_target(ctx, v, False, a_tok, _target_toks(ctx, v, False, a_tok), actor, actor_id)
    date, date_range, inferred = _date_for(ctx, s_start, s_end, v)
    out.append(_event(ctx, etype=label, mode=None, actor=actor, actor_id=actor_id, target=target,
                      target_id=target_id, date=date, date_range=date_range, inferred=inferred,
                      location=_location(ctx, v, {actor}), hedged=_hedged(ctx, sent, v), negated=False,
                      trigger_text=v.text, trig_start=ctx.base + v.idx, sent_text=sent_text,
                      sent_start=s_start, sent_end=s_end))


def _fallback_verb(ctx: _Ctx, sent):
    """The verb that carries a sentence's act: its main verb, or what a report verb reports ('X said Y did Z')."""
    v = main_verb(sent)
    if v is None or v.pos_ == "AUX" and _lemma(v) == "be":
        return None
    if _lemma(v) in ctx.d.attribution_verbs:
        v = next((c for c in v.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
    return v


# ------------------------------------------------------------------ crude path (no parse)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _forms(lemma: str) -> set[str]:
    f = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        f |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        f |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        f |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    irregular = {"hold": {"held"}, "meet": {"met"}, "seek": {"sought"}, "fight": {"fought"}, "shoot": {"shot"},
                 "send": {"sent"}, "give": {"gave", "given"}, "take": {"took", "taken"}, "put": {"put"},
                 "cut": {"cut"}, "strike": {"struck"}, "swear": {"swore", "sworn"}, "freeze": {"froze", "frozen"},
                 "break": {"broke", "broken"}, "blow": {"blew", "blown"}, "withdraw": {"withdrew", "withdrawn"},
                 "lead": {"led"}, "bring": {"brought"}, "say": {"said"}, "tell": {"told"}, "sue": {"sued"}}
    return f | irregular.get(lemma, set())


_FORM_INDEX: Optional[dict[str, str]] = None


def _form_index(d: Dictionary) -> dict[str, str]:
    global _FORM_INDEX
    if _FORM_INDEX is None:
        idx: dict[str, str] = {}
        for lemma in d.verbs:
            for f in _forms(lemma):
                idx.setdefault(f, lemma)
        _FORM_INDEX = idx
    return _FORM_INDEX


def _stem_in(word: str, lemmas: Iterable[str]) -> bool:
    w = word.lower()
    return any(w == l or w.startswith(l) and len(w) - len(l) <= 3 for l in lemmas)


def _find_events_crude(doc, article: Article, mentions: Sequence[Mention], actors: Sequence[Actor],
                       times: Sequence[TimeExpr]) -> list[Event]:
    """No dependency parse: trigger word forms, object words within a small window, nearest mentions."""
    d = load_dictionary()
    idx = _form_index(d)
    text = article.text
    actor_by_id = {a.id: a for a in actors}
    ms = sorted(mentions, key=lambda m: m.start)
    out: list[Event] = []
    spans = sentence_spans(doc if doc is not None and doc.text == text else None, text)
    for s_start, s_end in spans:
        sent = text[s_start:s_end]
        words = [(m.group(0), s_start + m.start(), s_start + m.end()) for m in _WORD.finditer(sent)]
        low = [w.lower() for w, _, _ in words]
        hedged = any(h in sent.lower() for h in d.hedge_phrases) or any(w in d.hedge_words for w in low)
        fold_until = -1
        for i, (w, ws, we) in enumerate(words):
            lemma = idx.get(low[i])
            if lemma is None:
                continue
            win = low[i + 1:i + 7]
            entry = None
            for e in d.verbs[lemma]:
                if e.prt and not any(p in win[:3] for p in e.prt):
                    continue
                if e.prep and not any(p in win[:4] for p in e.prep):
                    continue
                if e.obj and not any(_stem_in(x, e.obj) for x in win):
                    continue
                if e.needs and not any(_stem_in(x, e.needs) for x in low[i + 1:]):
                    continue
                if e.unless and any(_stem_in(x, e.unless) for x in win):
                    continue
                if e.actor_obj and not any(ws < m.start < s_end and m.start - we < 40 for m in ms):
                    continue
                entry = e
                break
            if entry is None:
                continue
            if i <= fold_until and i > 0 and low[i - 1] in ("to", "from", "of"):
                continue
            if entry.fold:
                fold_until = i + 8
            before = low[max(0, i - 3):i]
            negated = any(x in ("not", "n't", "never", "no") or x.endswith("n't") for x in before)
            future = any(x in ("will", "would", "wo", "won't", "shall", "may", "might", "could") or x.endswith("'ll") for x in before)
            etype, mode = entry.type, entry.mode
            if future and etype not in ("THREATEN", "REQUEST", "ACCUSE"):
                if (negated and etype in COOPERATION_MATERIAL) or (not negated and etype in CONFLICT_MATERIAL):
                    etype, mode, negated = "THREATEN", mode or entry.type.lower(), False
            prev = [m for m in ms if s_start <= m.start and m.end <= ws]
            nxt = [m for m in ms if we <= m.start and m.end <= s_end]
            am = prev[-1] if prev else None
            tm = nxt[0] if nxt else None
            actor = (actor_by_id[am.actor_id].name if am and am.actor_id in actor_by_id else (am.text if am else None))
            target = (actor_by_id[tm.actor_id].name if tm and tm.actor_id in actor_by_id else (tm.text if tm else None))
            in_sent = [x for x in times if s_start <= x.start < s_end and (x.date or x.date_range)]
            if in_sent:
                pick = min(in_sent, key=lambda x: abs(x.start - ws))
                date, rng, inferred = pick.date, (tuple(pick.date_range) if pick.date_range else None), False
            else:
                date, rng, inferred = _article_date(article)
            aid = am.actor_id if am else None
            tid = tm.actor_id if tm else None
            out.append(Event(
                id=short_id(article.id, etype, str(ws), aid or "", tid or ""), type=etype,
                evidence=(Evidence(article.id, sent, s_start, s_end),), mode=mode, actor=actor, actor_id=aid,
                target=target, target_id=tid, date=date, date_range=rng, date_inferred=inferred,
                hedged=hedged, negated=negated, trigger=w))
    return out


# ------------------------------------------------------------------ stand-in actors (tests, evals)
def mentions_from_ents(doc, article: Article) -> tuple[list[Mention], list[Actor]]:
    """Mentions and actors straight from doc.ents (PERSON/ORG/GPE/NORP/LOC), one actor per surface form.

    A stand-in for the actor resolver, for tests and evaluations; the pipeline uses actors.py.
    """
    from storyline.model import short_id as _sid

    spans = sentence_spans(doc, article.text)
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            continue
        name = re.sub(r"^(the|The)\s+", "", ent.text).strip()
        aid = _sid(ent.label_, name.lower())
        actors.setdefault(aid, Actor(id=aid, name=name, type=ent.label_))
        sent = next((i for i, (s, e) in enumerate(spans) if s <= ent.start_char < e), 0)
        mentions.append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_,
                                actor_id=aid, sentence=sent))
    return mentions, list(actors.values())
