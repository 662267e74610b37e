"""Non-events: disasters, accidents and sports (Phoenix discards) hold no political event; who protests."""
from __future__ import annotations

import dataclasses
import re

from storyline.understand.events.tokens import QUANTITY_HEADS, _Ctx, _group_noun, _lemma, _objects, _subject
from storyline.understand.plover import Entry


# ------------------------------------------------------------------ non-events (disasters, accidents, sports)
def _violent(ctx: _Ctx, t) -> bool:
    """A noun naming deliberate violence, itself or through a modifier ('a bomb', 'a suicide blast'); a 'mine' that
    is a pit ('a coal mine', 'a mine collapse') is no landmine."""
    if t.dep_ == "compound" and _lemma(t.head) in STORES:
        return False   # 'an ammunition depot', 'a fireworks factory': where arms are kept or made, no attack
    mods = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod")] if _lemma(t) not in STORES else []
    mods += [g for c in mods if c.lower_ in ("laden", "packed", "rigged", "loaded") for g in c.children
             if g.dep_ in ("amod", "npadvmod", "compound")]   # 'an explosive-laden car', 'a bomb-rigged truck'
    for w in [t] + mods:
        if w is not t and w.tag_ == "VBG" and _hazard_participle(w):
            continue   # 'the burning building': what the thing does by itself, not an arson
        if _lemma(w) in ctx.d.violence_nouns or w.lower_ in ctx.d.violence_nouns:
            if _lemma(w) == "mine" and _pit(ctx, w, t):
                continue
            return True
    return False


# places where arms or explosives are kept or made: a weapon word before one names the place, not an attack
STORES = frozenset({"depot", "dump", "warehouse", "store", "storage", "factory", "plant", "facility", "magazine",
                    "godown", "stockpile", "workshop", "shop"})
PIT_HAZARDS = frozenset({"collapse", "cave-in", "flood", "flooding", "fire", "accident", "disaster", "landslide"})


def _pit(ctx: _Ctx, w, head) -> bool:
    """'mine' naming a pit: with a modifier of its own ('a coal mine', 'the gold mine'), or naming where a
    collapse, a flood or an accident happened ('a mine collapse')."""
    if any(c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "PROPN") for c in w.children):
        return True
    return w is not head and _lemma(head) in PIT_HAZARDS


def _hazard(ctx: _Ctx, t) -> bool:
    """A natural force or accident noun that is no actor and names no violence ('an earthquake', 'the blaze')."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    if t.dep_ == "dobj" and _lemma(t.head) in ("open", "exchange", "return", "cease", "hold", "trade"):
        return False   # 'opened fire', 'exchanged fire': gunfire
    lem = _lemma(t)
    if lem not in ctx.d.hazard_nouns and t.pos_ == "PROPN" and lem.endswith("s"):
        lem = lem[:-1]   # a capitalised plural is left whole by the lemmatizer ('Wildfires destroyed ...')
    if t.pos_ not in ("NOUN", "PROPN") or lem not in ctx.d.hazard_nouns or _violent(ctx, t):
        return False
    if any(c.dep_ == "amod" and c.lower_ in ("controlled", "deliberate", "intentional") for c in t.children):
        return False   # 'a controlled explosion': set off on purpose (bomb disposal), no accident
    # a hazard word the tagger took for a name ('Floods', 'Wildfires' opening a sentence) names no actor
    one_word = not t.ent_type_ or (t.ent_iob_ == "B" and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I"))
    # a common noun outside any named entity is no actor even when a place before it joins it to a mention
    # ('the California wildfire', 'a Dhaka factory fire')
    return (t.pos_ == "PROPN" and one_word) or (t.pos_ == "NOUN" and not t.ent_type_) or not ctx.is_actorish(t)


def _hazard_participle(w) -> bool:
    """A participle before a noun saying what the thing did by itself: 'burning', 'sinking', 'collapsed' (the tagger
    takes a present participle before a noun for a noun at times)."""
    low = w.lower_
    if low.endswith("ing"):
        stem = low[:-3]
        return bool({stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem} &
                    (INTRANSITIVE_HAZARDS | {"burn"}))
    return w.tag_ == "VBN" and _lemma(w) in UNACCUSATIVE


def _hazard_sentence(ctx: _Ctx, sent) -> bool:
    """The sentence names a natural force or an accident: a hazard noun, or a thing that exploded, burned,
    collapsed ... by itself (a hazard verb whose subject is neither an actor nor a weapon)."""
    for w in sent:
        if _hazard(ctx, w):
            return True
        if w.dep_ == "amod" and w.tag_ == "VBN" and _lemma(w) in FLOODED and w.head.pos_ == "NOUN":
            return True   # 'the flooded villages', 'submerged roads'
        if w.dep_ == "amod" and _hazard_participle(w) and w.head.pos_ == "NOUN" and \
                not ctx.is_actorish(w.head) and not _violent(ctx, w.head):
            return True   # 'a burning building', 'the collapsed hotel', 'a sinking ferry'
        if w.pos_ == "VERB" and _lemma(w) in ctx.d.hazard_verbs:
            s = _subject(w)
            if s is not None and s.dep_ == "nsubjpass" and _lemma(w) not in PASSIVE_HAZARDS:
                continue   # 'houses were burned', 'a church was damaged': done by someone unnamed, no accident
            if s is None and w.dep_ == "acl" and _lemma(w) in INTRANSITIVE_HAZARDS and not any(
                    c.dep_ in ("dobj", "agent") for c in w.children):
                s = w.head   # 'a truck overturned on the highway', 'a tanker ablaze after a collision'
            if (s is None or s.pos_ in ("VERB", "AUX")) and w.tag_ in ("VBD", "VBZ", "VBP") and \
                    _lemma(w) in INTRANSITIVE_HAZARDS and not any(
                    c.dep_ in ("dobj", "agent", "nsubjpass") for c in w.children):
                s = _noun_before(w)   # a finite verb whose subject the parse lost ('... as boiler of a plant exploded')
            if s is not None and s.pos_ == "NOUN" and not ctx.is_actorish(s) and not _violent(ctx, s) and \
                    _lemma(s) not in ctx.d.nouns and _lemma(s) not in ctx.d.protest_nouns and \
                    not _figurative(w, s):   # 'protests erupted', 'exports fell'
                return True
    return False


def _noun_before(w):
    """The nearest common noun before w in its sentence: what a finite verb with no subject in the parse was told of."""
    for x in reversed(list(w.sent)[:w.i - w.sent.start]):
        if x.pos_ == "NOUN":
            return x
        if x.pos_ in ("VERB", "AUX") or x.dep_ == "cc":
            return None
    return None


# ------------------------------------------------------------------ triggers beside a hazard
ACCIDENTAL = frozenset({"accidentally", "inadvertently", "unintentionally", "unwittingly"})


def _hazard_veto(ctx: _Ctx, t, e: Entry) -> bool:
    """A verb's act aimed at a hazard, or a harm done by one, or an act done by accident: no political event."""
    if any(c.dep_ == "advmod" and c.lower_ in ACCIDENTAL for c in t.children):
        return True   # 'the plant accidentally released toxic water', 'a soldier inadvertently fired': no act meant
    if any(_hazard(ctx, g) for o in [t] + _objects(t) for c in o.children if c.dep_ == "prep" and c.lower_ in (
            "against", "with") and o.i != t.i or c.dep_ == "prep" and c.lower_ == "against" for g in c.children
           if g.dep_ == "pobj"):
        return True   # 'crews reported progress against the wildfire', 'battled against the flood': no political act
    if t.tag_ == "VBN" and _lemma(t) in ctx.d.hazard_verbs and e.type in ("ASSAULT", "COERCE") and not any(
            c.dep_ == "agent" or c.dep_ == "aux" and _lemma(c) == "have" for c in t.children) and \
            _beside_hazard(ctx, t.sent):
        return True   # 'one worker killed and another injured as a boiler exploded': harmed by the hazard
    if t.tag_ == "VBG" and (t.dep_ in ("advcl", "xcomp") or t.dep_ == "conj" and t.head.pos_ == "VERB") and \
            e.type == "ASSAULT" and _accident_verb(ctx, _clause_head(t)):
        return True   # 'a tanker exploded after hitting a barrier, killing eight': the accident's harm
    return False


def _clause_head(t):
    """The verb whose subject a participle clause shares ('exploded after hitting a barrier, killing ...')."""
    v = t.head
    while v.dep_ in ("pcomp", "prep", "advcl", "xcomp") and _subject(v) is None and v.head.i != v.i:
        v = v.head
    return v


def _accident_verb(ctx: _Ctx, v) -> bool:
    """A thing that exploded, crashed, overturned ... by itself: an intransitive hazard verb, or a verb whose object
    is a hazard ('caught fire'), with a subject that is no weapon and no person ('an oil tanker exploded', 'the bus
    plunged into a gorge', 'a tanker caught fire')."""
    if v.pos_ != "VERB":
        return False
    objs = [c for c in v.children if c.dep_ == "dobj"]
    if not (_lemma(v) in INTRANSITIVE_HAZARDS and not objs or
            _lemma(v) == "catch" and objs and all(_hazard(ctx, o) for o in objs)):
        return False   # 'exploded', 'overturned'; a thing that 'caught fire' (not 'set fire to': someone did)
    s = _thing_subject(v)
    return s is not None and s.pos_ == "NOUN" and not s.ent_type_ and \
        not any(w.pos_ == "NOUN" and _violent(ctx, w) for w in s.subtree) and not _protest_agent(ctx, s) and \
        not ctx.d.agents.get(_lemma(s), "").startswith(("MIL", "COP", "REB", "INS", "UAF", "GOV"))


def _thing_subject(v):
    """What did the act of v: its subject, the subject it shares with the verb before it ('a tanker overturned and
    caught fire'), or the noun a participle clause describes ('a truck overturned on the highway and caught fire',
    parsed as a clause of 'truck')."""
    for _ in range(3):
        s = _subject(v)
        if s is not None:
            return s if s.dep_ == "nsubj" else None
        if v.dep_ == "acl" and v.head.pos_ == "NOUN":
            return v.head
        if v.dep_ != "conj" or v.head.i == v.i:
            return None
        v = v.head
    return None


def _beside_hazard(ctx: _Ctx, sent) -> bool:
    """The sentence names a hazard and no deliberate violence (memoised per sentence)."""
    memo = ctx.__dict__.setdefault("_beside_hazard", {})
    if sent.start not in memo:
        memo[sent.start] = _hazard_sentence(ctx, sent) and not _violence_sentence(ctx, sent)
    return memo[sent.start]


# hazard verbs that say a measure moved when their subject is one ('exports fell', 'prices plunged', 'the
# currency crashed', 'support collapsed'): a hazard only with a physical subject
MEASURE_VERBS = frozenset({"fall", "tumble", "plunge", "sink", "crash", "collapse", "swell", "burst", "spread",
                           "skid", "topple", "overflow", "break", "slump"})
MEASURE_NOUNS = frozenset({
    "export", "import", "price", "share", "stock", "index", "rate", "sale", "output", "production", "growth",
    "inflation", "value", "revenue", "profit", "demand", "supply", "support", "approval", "rating", "popularity",
    "number", "figure", "currency", "economy", "market", "yield", "turnout", "unemployment", "investment", "trade",
    "gdp", "deficit", "debt", "spending", "income", "wage", "earning", "cost", "percent", "percentage", "level",
    "total", "volume", "exchange", "bond", "dollar", "euro", "yen", "rupee", "peso", "ruble", "rouble", "lira",
    "pound", "oil", "gold", "bitcoin", "confidence", "membership", "enrolment", "enrollment", "ratio", "score",
    "majority", "lead", "coalition", "talk", "deal", "ceasefire", "truce", "government", "regime", "empire"})
MOVE_ADVERBS = frozenset({"sharply", "slightly", "steeply", "steadily", "further", "markedly", "significantly"})


def _figurative(verb, subj) -> bool:
    """A hazard verb told of a measure or an institution, not of a thing ('exports fell after the sanctions',
    'oil prices plunged 5 percent', 'the coalition collapsed'): a change, no accident."""
    if _lemma(verb) not in MEASURE_VERBS:
        return False
    if _lemma(subj) in MEASURE_NOUNS or subj.lower_ in MEASURE_NOUNS:
        return True
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in MOVE_ADVERBS:
            return True
        nums = [c] if c.dep_ in ("npadvmod", "dobj") else [g for g in c.children if g.dep_ == "pobj"] \
            if c.dep_ == "prep" and c.lower_ in ("by", "to", "from") else []
        if any(n.ent_type_ in ("PERCENT", "MONEY", "QUANTITY") or n.like_num or
               any(x.like_num for x in n.children) for n in nums):
            return True   # 'fell 5 percent', 'fell to $40', 'fell by a third' -- not 'fell to the ground'
    return False


# hazard verbs with no object: a participle of one after a noun says what the noun did by itself
INTRANSITIVE_HAZARDS = frozenset({"explode", "collapse", "crash", "erupt", "capsize", "derail", "overturn", "sink",
                                  "leak", "topple", "cave", "burst", "plunge", "skid", "veer", "collide", "overflow",
                                  "tumble", "fall", "swell", "rupture", "plough", "plow"})
# hazard verbs whose passive still tells of nature or an accident ('homes were flooded', 'villagers were trapped')
PASSIVE_HAZARDS = frozenset({"flood", "inundate", "submerge", "bury", "trap", "strand", "maroon", "wash", "sweep",
                             "uproot", "electrocute", "drown", "scald", "suffocate", "sicken", "poison", "engulf",
                             "lash", "batter", "ravage", "jolt", "shake", "rock", "hit", "strike", "devastate",
                             "derail", "capsize"})
# of these, a past participle before a noun names land under water ('the flooded villages', 'submerged roads')
FLOODED = frozenset({"flood", "inundate", "submerge", "waterlog", "swamp"})
# of these, a past participle before a noun says what the thing did, never what someone did to it
UNACCUSATIVE = frozenset({"collapse", "capsize", "derail", "erupt", "sink", "explode", "crash", "cave", "burst"})
SECURITY_SECTORS = ("COP", "MIL", "GOV")


def _violence_sentence(ctx: _Ctx, sent) -> bool:
    """The sentence names deliberate violence; police, soldiers, officials alone do not (they rescue, report and
    investigate after disasters too)."""
    return any(w.pos_ in ("NOUN", "PROPN") and _violent(ctx, w)
               and not (ctx.d.agents.get(_lemma(w)) or "").startswith(SECURITY_SECTORS) for w in sent)


_DISCARD_RE: dict[int, tuple] = {}   # id of a dictionary -> (its discard pattern, the phrases' first words)


def _discarded(ctx: _Ctx, text: str) -> bool:
    """Phoenix's sentence-level discards (sports, entertainment): PETRARCH codes no event in them."""
    got = _DISCARD_RE.get(id(ctx.d))
    if got is None:
        phrases = sorted(ctx.d.discards, key=len, reverse=True)
        rx = (re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I) if phrases
              else re.compile(r"(?!)"))
        # a phrase found at a word boundary begins with its own first word: a sentence holding none of the
        # phrases' first words is not searched (one pass over its words instead of 330 alternatives at each
        # position); a phrase opening with a non-word character turns the shortcut off
        firsts = [_WORD.match(p) for p in phrases]
        got = _DISCARD_RE[id(ctx.d)] = (rx, frozenset(m.group(0).lower() for m in firsts)
                                         if all(firsts) else None)
    rx, firsts = got
    if firsts is not None and firsts.isdisjoint(_WORD.findall(text.lower())):
        return False
    return rx.search(text) is not None


_WORD = re.compile(r"\w+")


def _protest_agent(ctx: _Ctx, t) -> bool:
    """Protesters, demonstrators, rioters ... (also 'thousands of protesters', 'anti-war demonstrators'); civilians
    named as protesting ('students protesting the fee rise', 'residents demonstrating against ...'), or acting in
    a sentence that names their protest ('villagers clashed with police during a protest')."""
    if _group_noun(t, ctx.d.protest_agents):
        return True
    if t is None or t.pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    if any(c.dep_ in ("acl", "relcl") and _lemma(c) in PROTEST_VERB_LEMMAS for c in t.children):
        return True
    return _civilians(ctx, t) and _names_protest(ctx, t.sent)


PROTEST_VERB_LEMMAS = frozenset({"protest", "demonstrate", "march", "rally", "picket"})


def _names_protest(ctx: _Ctx, sent) -> bool:
    """The sentence names a protest: a protest noun ('during a protest', 'the rally'), or a protest verb."""
    memo = ctx.__dict__.setdefault("_names_protest", {})
    if sent.start not in memo:
        memo[sent.start] = _names_protest_now(ctx, sent)
    return memo[sent.start]


def _names_protest_now(ctx: _Ctx, sent) -> bool:
    return any(_lemma(w) in ctx.d.protest_nouns and w.pos_ == "NOUN" or _lemma(w) in PROTEST_VERB_LEMMAS and
               w.pos_ == "VERB" for w in sent)


# Phoenix agent sectors of civilians (citizens, labour, students, health, farmers, business, opposition, media,
# refugees, judiciary's lawyers): their collective action is protest; state sectors' is not
CIVIL_SECTORS = ("CVL", "PPL", "LAB", "EDU", "HLH", "AGR", "BUS", "OPP", "MED", "REF", "JUD")
CIVIL_WORDS = frozenset({"supporter", "crowd", "opponent", "youth", "thousand", "hundred", "dozen", "family",
                         "relative", "mother", "parent", "pensioner", "retiree", "villager", "motorist", "driver",
                         "trucker", "fan", "follower", "worshipper", "local", "inhabitant", "tenant", "victim"})


COLLECTIVE = frozenset({"crowd", "mob", "throng", "public", "populace", "union", "community", "family"})


def _civilians(ctx: _Ctx, t) -> bool:
    """Civilians, as a group: a Phoenix agent of a civilian sector, a protest agent, or a crowd, supporters,
    'thousands' ('hundreds of farmers', 'nurses', 'opposition supporters')."""
    if t is None or t.pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    lem = _lemma(t)
    if t.tag_ not in ("NNS", "NNPS") and lem not in COLLECTIVE and t.lower_ not in QUANTITY_HEADS:
        return False   # a group, not one person: 'the opposition leader called for protests' is a request
    if lem in CIVIL_WORDS or t.lower_ in ("thousands", "hundreds", "dozens") or \
            (ctx.d.agents.get(lem) or "").startswith(CIVIL_SECTORS) or _group_noun(t, ctx.d.protest_agents):
        return True
    if t.lower_ in QUANTITY_HEADS or lem in QUANTITY_HEADS:
        return any(_civilians(ctx, g) for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj")
    return False


def _state_actor(ctx: _Ctx, t) -> bool:
    """A state or its government: a country/city name, or a government agent noun (Phoenix sector GOV)."""
    if t.ent_type_ == "GPE":   # the text names the state ('China protested'), not its people ('Albanians')
        return True
    return (ctx.d.agents.get(_lemma(t)) or "").startswith("GOV")


# ------------------------------------------------------------------ civilians' violence against the state: a riot
STATE_SECTORS = ("COP", "MIL", "GOV")
STATE_WORDS = frozenset({"police", "government", "municipal", "administration", "authority", "official", "state"})
STATE_PLACES = frozenset({"station", "office", "headquarters", "building", "post", "checkpoint", "barracks", "vehicle",
                          "convoy", "van", "car", "outpost", "compound", "residence", "house", "home"})


PARTITIVE = frozenset({"member", "group", "section", "faction", "part"})   # what a 'member of X' is, X says


def _state_side(ctx: _Ctx, o) -> bool:
    """The state or its forces, or a place of theirs: 'police', 'officials', 'the police station', 'government
    offices', 'a police van'."""
    if _lemma(o) in ctx.d.hazard_nouns:
        return False   # 'set fire to' ('fire' is a Phoenix agent word, for fire services)
    of = [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if _lemma(o) in PARTITIVE and of:
        return any(_state_side(ctx, g) for g in of)   # 'members of the rival community' are no officials
    if (ctx.d.agents.get(_lemma(o)) or "").startswith(STATE_SECTORS) or _lemma(o) in STATE_WORDS:
        return True
    return _lemma(o) in STATE_PLACES and any(
        c.dep_ in ("compound", "amod") and (_lemma(c) in STATE_WORDS or (ctx.d.agents.get(_lemma(c)) or "").startswith(
            STATE_SECTORS)) for c in o.children)


def _armed_group(s) -> bool:
    """People named by their arms ('armed men', 'a group of armed youths', 'heavily armed villagers') are an armed
    group (ACLED's unidentified armed group; Phoenix's armed sectors), not a civilian crowd: their attack on the
    police is an assault, not a riot."""
    heads = [s] + [g for c in s.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"]
    return any(c.dep_ == "amod" and c.lower_ == "armed" for h in heads for c in h.children)


def _civil_riot(ctx: _Ctx, t, e: Entry) -> Entry:
    """Civilians' violence against the state or its forces is a riot (the PLOVER manual: PROTEST 'riot', civilians'
    violent collective action directed toward government authorities): 'youths pelted police with stones',
    'villagers attacked the police station'. A mob's violence stays an assault, as does anyone's against people."""
    if e.type != "ASSAULT":
        return e
    s = _subject(t)
    if s is None or s.dep_ != "nsubj" or _lemma(s) in ("mob", "gang") or not _civilians(ctx, s) or _armed_group(s):
        return e
    targets = _objects(t) + [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "with", "on")
                             for g in c.children if g.dep_ == "pobj"]
    # the act's own constraints stay (what it consumed: 'set fire to' is one act, not a fight against a fire)
    return dataclasses.replace(e, type="PROTEST", mode="riot") if any(_state_side(ctx, o) for o in targets) else e


# Verbs English uses for both a blow and a win ('beat', 'defeat', 'crush', 'thrash', 'rout', 'edge', 'trounce'),
# and what a contest is won in: a verb of these with a score ('3-1', '21-17') or 'in' one of these nouns tells
# a win, not an attack
WIN_VERBS = frozenset({"beat", "defeat", "crush", "thrash", "rout", "edge", "trounce", "hammer", "outplay"})
CONTESTS = frozenset({"election", "race", "primary", "vote", "poll", "ballot", "runoff", "run-off", "final",
                      "semifinal", "semi-final", "quarterfinal", "quarter-final", "match", "game", "set", "round",
                      "tournament", "championship", "league", "cup", "contest", "competition", "playoff",
                      "play-off", "series", "derby", "fixture", "tiebreak", "tie-break", "overtime", "shootout"})
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")


def _contest(t) -> bool:
    """A win told with a verb of force: 'Liverpool beat them 3-1', 'she beat him in the election', 'Federer beat
    him in straight sets', 'edged the Bears 21-17'."""
    if _lemma(t) not in WIN_VERBS:
        return False
    words = list(t.sent)
    if any(_SCORE.match(w.text) for w in words) or any(
            a.text.isdigit() and b.text in ("-", "–") and c.text.isdigit() and len(a.text) <= 3 >= len(c.text)
            for a, b, c in zip(words, words[1:], words[2:])):   # the tokenizer splits '3-1' at times
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
        g.dep_ == "pobj" and _lemma(g) in CONTESTS for g in c.children) for c in t.children)
