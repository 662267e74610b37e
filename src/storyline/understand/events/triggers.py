"""Triggers: a verb or noun of the dictionaries whose constraints hold in the parse; event nouns named as
happening; what protesters do; the clausal content a folding trigger owns."""
from __future__ import annotations

from typing import Optional

from storyline.understand.events.nonevents import _civil_riot, _civilians, _hazard_veto, _protest_agent, _violent
from storyline.understand.events.outcomes import CHARGE_HEADS, _agreement_outcome, _crime_named
from storyline.understand.events.roles import _actor_tok
from storyline.understand.events.seizures import _weapon_seizure
from storyline.understand.events.territory import _peaceful  # noqa: F401 - the coder reads it from here
from storyline.understand.events.tokens import (
    ACTIVITY_NOUNS,
    PROTEST_ENTRY,
    QUANTITY_HEADS,
    REL_PRONOUNS,
    _agent,
    _Ctx,
    _lemma,
    _not_agents,
    _objects,
    _of_objects,
    _subject,
)
from storyline.understand.plover import Entry


# ------------------------------------------------------------------ trigger matching
def _subj_in(t, words: frozenset) -> bool:
    """The subject (or passive agent) of t, its compounds, or what a quantity of it names, is among words."""
    s = _agent(t) or _subject(t)
    if s is None and t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
        s = _agent(t.head) or _subject(t.head)   # 'fighters entered the town and took control': a shared subject
    if s is None:
        return False
    toks = [s] + [c for c in s.children if c.dep_ == "compound"]
    if s.lower_ in QUANTITY_HEADS or _lemma(s) in QUANTITY_HEADS:
        toks += [g for c in s.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(_lemma(w) in words or w.lower_ in words for w in toks)


def _entry_holds(ctx: _Ctx, t, e: Entry) -> bool:
    if t.dep_ == "pcomp" and t.head.lower_ == "without":
        return False   # 'entered the town without firing a shot': an act not done
    if e.subj and not _subj_in(t, e.subj):
        return False
    if e.prt and not any(c.dep_ in ("prt", "advmod") and c.lower_ in e.prt for c in t.children):
        # a particle the parser took for an adverb ('pulled back from the front line') is still the particle
        return False
    if e.prep and not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in e.prep for c in t.children):
        return False
    objs = [o for o in _objects(t) if not (o.dep_ == "pobj" and o.head.lower_ == "without")]   # 'without a deal'
    if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN") and _lemma(t) not in STATIVE_ACL:
        # 'positions abandoned by the rebels', 'arms seized by police', 'an offensive launched by the army': the
        # noun is what the act was done to or with ('depots used by militants' only describes the depots)
        objs = [t.head] + objs
    elif t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
        objs = [t.head if o.lower_ in REL_PRONOUNS and o.dep_ in ("nsubjpass", "dobj") else o for o in objs]
    if t.dep_ == "conj" and _subject(t) is None and any(c.dep_ == "auxpass" for c in t.children):
        s = _subject(t.head)   # 'the grenade failed to explode and was defused': the shared subject is the patient
        objs = objs + ([s] if s is not None else [])
    if not objs and t.pos_ == "VERB":   # 'intercepted and destroyed a drone': the object the two verbs share
        objs = [o for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB" and _subject(c) is None
                for o in _objects(c) if o.dep_ == "dobj"]
    if e.obj:
        ok = False
        for o in _not_agents(t, objs) + _of_objects(objs) + _cargo(objs):
            lem = _lemma(o)
            if lem in e.obj or lem.rstrip("s") in e.obj or any(
                    _lemma(c) in e.obj for c in o.children if c.dep_ == "compound"):
                ok = True
                break
        if not ok:
            return False
    if e.actor_obj and not any(ctx.is_actorish(o) for o in objs + _of_objects(objs)):
        return False
    if e.type == "RETREAT" and not e.obj and _lemma(t) in MOVING_VERBS and not _forces_moved(ctx, t):
        return False
    if e.type == "AGREE" and _lemma(t) in DEAL_MAKING and _progressive(t):
        return False   # 'were negotiating a truce': talks under way (CONSULT), no deal yet
    if e.needs or e.unless:
        subj = _subject(t)
        skip = set(w.i for w in subj.subtree) if subj is not None and subj.dep_ != "nsubjpass" else set()
        words = [w for w in t.subtree if w.i not in skip and w.i != t.i]
        if e.needs and not any((_lemma(w) in e.needs or w.lower_ in e.needs) for w in words):
            return False
        if e.unless and any((_lemma(w) in e.unless or w.lower_ in e.unless) for w in words):
            return False
    return True


# participles that describe what a noun is, not what was done to it ('depots used by militants', 'areas held by')
STATIVE_ACL = frozenset({"use", "own", "hold", "control", "possess", "keep", "run", "operate", "back", "support",
                         "base", "station", "locate", "occupy", "man", "guard", "store"})


# verbs of working towards a deal: done, a deal was reached ('negotiated a truce'); in progress, talks go on
DEAL_MAKING = frozenset({"negotiate", "broker", "mediate", "hammer", "work", "facilitate"})


def _progressive(t) -> bool:
    """'are negotiating', 'have been brokering': a present participle with a form of 'be' as its auxiliary."""
    return t.tag_ == "VBG" and any(c.dep_ == "aux" and _lemma(c) == "be" for c in t.children)


# verbs of withdrawing that move their direct object ('pulled its troops out', 'withdrew the products from shops')
MOVING_VERBS = frozenset({"withdraw", "pull", "move"})
FORCE_WORDS = frozenset({"troop", "force", "soldier", "personnel", "unit", "fighter", "contingent", "peacekeeper",
                         "army", "military", "battalion", "brigade", "militia", "weapon", "arm", "tank", "artillery",
                         "equipment", "vehicle", "warship", "ship", "jet", "aircraft", "missile", "man", "men"})


def _forces_moved(ctx: _Ctx, t) -> bool:
    """A withdrawal moves forces: with no direct object ('troops pulled out'), or with forces or their arms as one
    ('withdrew its troops'); rescuers who pulled survivors out of the rubble, a firm that withdrew its products,
    withdrew nothing armed."""
    objs = [c for c in t.children if c.dep_ == "dobj"]
    return not objs or any(_lemma(o) in FORCE_WORDS or (ctx.d.agents.get(_lemma(o)) or "").startswith(
        ("MIL", "REB", "UAF", "INS", "COP")) for o in objs)


def _cargo(objs: list) -> list:
    """What an object carries ('a boat carrying weapons', 'a truck loaded with explosives'): the vehicle's load."""
    out = []
    for o in objs:
        for c in o.children:
            if c.dep_ == "acl" and _lemma(c) in ("carry", "transport", "load", "laden", "pack", "contain", "hide"):
                out.extend(g for g in c.children if g.dep_ == "dobj")
                out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                           for g in p.children if g.dep_ == "pobj")
    return out


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


# what makes a 'strike' an attack rather than a walkout: 'air strikes', 'a drone strike', 'retaliatory strikes'
MILITARY_STRIKE = frozenset({"air", "aerial", "drone", "missile", "rocket", "artillery", "military", "precision",
                             "retaliatory", "surgical", "punitive", "pre-emptive", "preemptive", "nuclear", "naval",
                             "cruise", "bombing", "coalition", "targeted"})
STRIKE_PROTEST_ENTRY = Entry(lemma="strike", type="PROTEST", mode="strike", obj=frozenset({"strike"}))


def _military_strike(ctx: _Ctx, s, actor) -> bool:
    """A 'strike' is an attack when something before it says so ('air', 'drone', 'retaliatory') or armed men or a
    state strike; a walkout when civilians do, or it is 'over' or 'for' something (pay, reforms)."""
    if any(c.dep_ in ("compound", "amod") and (_lemma(c) in MILITARY_STRIKE or c.lower_ in MILITARY_STRIKE)
           for c in s.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("over", "for") for c in s.children):
        return False
    if actor is not None and (_civilians(ctx, actor) or (ctx.d.agents.get(_lemma(actor)) or "")[:3] in (
            "LAB", "EDU", "HLH", "AGR", "BUS", "CVL", "OPP")):
        return False
    return True


def _strike_sense(ctx: _Ctx, t, e: Entry) -> Entry:
    """An entry matched on the object 'strike' ('launched a strike', 'carried out strikes'): an attack or a walkout,
    whichever the words around it say."""
    if e.type != "ASSAULT" or "strike" not in e.obj:
        return e
    s = next((o for o in _objects(t) if _lemma(o) == "strike"), None)
    if s is None or _military_strike(ctx, s, _agent(t) or _subject(t)):
        return e
    return STRIKE_PROTEST_ENTRY


def _headline_verb(t) -> bool:
    """A noun the tagger took for a headline's verb: the root, with a nominal subject and no determiner of its own
    ('Thousands rally against ...', 'Nurses march for ...')."""
    return t.pos_ == "NOUN" and t.dep_ == "ROOT" and t.tag_ in ("NN", "NNS") and \
        any(c.dep_ == "nsubj" for c in t.children) and not any(c.dep_ in ("det", "poss") for c in t.children)


def _match_verb(ctx: _Ctx, t) -> Optional[Entry]:
    e = _match_verb_entry(ctx, t)
    return None if e is None or _hazard_veto(ctx, t, e) else _civil_riot(ctx, t, e)


def _match_verb_entry(ctx: _Ctx, t) -> Optional[Entry]:
    if t.pos_ in ("VERB", "AUX") or _headline_verb(t):
        e = _weapon_act(ctx, t) or _civil_protest(ctx, t) or _armed_departure(ctx, t) or _weapon_seizure(ctx, t)
        if e is not None:
            return e
    entries = ctx.d.verbs.get(_lemma(t))
    if not entries and t.lower_ in ctx.d.verbs:
        entries = ctx.d.verbs[t.lower_]
    if not entries:
        return None
    if t.pos_ not in ("VERB", "AUX", "ADJ") and not (
            t.pos_ == "NOUN" and t.dep_ in ("ROOT", "ccomp", "xcomp", "relcl", "conj")
            and t.tag_ in ("VBG", "VBN", "VBD", "VBZ", "VBP", "VB")) and not _headline_verb(t):
        return None
    if t.pos_ == "AUX" and _lemma(t) not in ("be", "have"):
        return None
    if t.dep_ == "pobj" and t.pos_ != "VERB":
        return None
    if any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) and t.tag_ in ("VBN", "VBD", "JJ"):
        return None   # 'the injured', 'the wounded': people named by what befell them, no new event
    if t.dep_ == "amod" and t.tag_ == "VBN":
        return None   # 'the disputed town', 'the kidnapped workers': a participle describing a noun, no new event
    for e in entries:
        if _entry_holds(ctx, t, e):
            return _strike_sense(ctx, t, e)
    return None


# verbs of harm a weapon can be the subject of ('a roadside bomb struck a convoy', 'a rocket destroyed a house')
HARM_VERBS = frozenset({"hit", "strike", "target", "destroy", "damage", "kill", "wound", "injure", "maim", "rip",
                        "tear", "level", "flatten", "slam", "pound", "devastate", "raze", "gut", "rock", "blow",
                        "land", "fall", "explode", "detonate", "go"})
WEAPON_ENTRY = Entry(lemma="weapon", type="ASSAULT", mode="explosives")


def _weapon_act(ctx: _Ctx, t) -> Optional[Entry]:
    """A weapon as the subject of a verb of harm is deliberate force (PLOVER ASSAULT), whoever fired it: 'a roadside
    bomb struck a convoy', 'two rockets landed in the town', 'a landmine killed three'. Not in a passive ('was hit
    by a rocket' names the weapon as agent: the verb's own entry codes it)."""
    if _lemma(t) not in HARM_VERBS or t.dep_ in ("amod", "compound", "pobj"):
        return None
    s = _subject(t)
    if s is None or s.dep_ != "nsubj" or ctx.is_actorish(s):
        return None
    if not _violent(ctx, s) or (ctx.d.agents.get(_lemma(s)) is not None):
        return None   # 'troops', 'police' are actors, their verbs code themselves
    if _lemma(t) in ("go", "blow") and not any(c.dep_ == "prt" and c.lower_ in ("off", "up") for c in t.children):
        return None   # 'a bomb went off', 'a car bomb blew up'
    if _lemma(t) in ("land", "fall") and not any(c.dep_ == "prep" and c.lower_ in ("on", "in", "near", "inside",
                                                                                       "into") for c in t.children):
        return None
    return WEAPON_ENTRY


DEPART_VERBS = frozenset({"leave", "depart", "exit", "evacuate", "quit"})
ARMED_SECTORS = ("MIL", "REB", "UAF", "INS")
WITHDRAW_ENTRY = Entry(lemma="leave", type="RETREAT", mode="withdraw")


def _armed_departure(ctx: _Ctx, t) -> Optional[Entry]:
    """Armed men who leave, with no object ('after the militants left', 'the troops departed'), withdraw (PLOVER
    RETREAT); what they leave named as an object is the lexicon's ('left the town')."""
    if _lemma(t) not in DEPART_VERBS or t.pos_ != "VERB" or any(c.dep_ in ("dobj", "ccomp", "xcomp")
                                                               for c in t.children):
        return None
    s = _subject(t)
    if s is None or s.dep_ != "nsubj":
        return None
    armed = [s] + [g for c in s.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"]
    if any((ctx.d.agents.get(_lemma(a)) or "").startswith(ARMED_SECTORS) for a in armed):
        return WITHDRAW_ENTRY
    return None


# what civilians' collective action is called when it is a verb
CIVIL_PROTEST_VERBS = frozenset({"rally", "march", "demonstrate", "picket", "parade"})
GATHER_VERBS = frozenset({"gather", "assemble", "converge", "congregate", "throng", "mass", "flock"})
# a gathering's purpose that makes it a protest ('gathered to demand', 'assembled in front of ... chanting')
PROTEST_PURPOSE = frozenset({"demand", "protest", "denounce", "condemn", "oppose", "against", "chant", "slogan",
                             "placard", "banner", "demonstrate", "decry", "call"})
# a rally for someone, not against anything ('rallied behind the leader', 'rallied around the flag')
SUPPORT_WORDS = frozenset({"behind", "around", "support", "behalf", "defence", "defense"})
def _civil_protest(ctx: _Ctx, t) -> Optional[Entry]:
    """Civilians who rally, march, picket, or gather to demand or denounce something are protesting (PLOVER
    PROTEST: civilian collective action): 'hundreds of farmers rallied outside parliament', 'nurses march for
    better pay', 'residents gathered outside the court to demand ...'. Not a rally behind or around someone."""
    lem = _lemma(t)
    if lem not in CIVIL_PROTEST_VERBS and lem not in GATHER_VERBS:
        return None
    s = _subject(t)
    if s is None or s.dep_ != "nsubj" or not _civilians(ctx, s):
        return None
    skip = {w.i for w in s.subtree}
    words = [w for w in t.subtree if w.i not in skip and w.i != t.i]
    if any(_lemma(w) in SUPPORT_WORDS or w.lower_ in SUPPORT_WORDS for w in words):
        return None
    if lem in GATHER_VERBS and not any(_lemma(w) in PROTEST_PURPOSE or w.lower_ in PROTEST_PURPOSE for w in words):
        return None
    return PROTEST_ENTRY


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
    a = t   # where the noun's frame is read: the noun, or the head of 'cases of rape', 'incidents of violence'
    if t.dep_ == "pobj" and t.head.lower_ == "of" and _lemma(t.head.head) in CASE_HEADS | CHARGE_HEADS:
        a = t.head.head
    elif t.dep_ == "compound" and _lemma(t.head) in CASE_HEADS | CHARGE_HEADS:
        a = t.head   # 'a rape case was registered', 'murder charges were filed'
    if a.dep_ in ("dobj", "nsubjpass") and _lemma(a.head) in REACTION_VERBS:
        # 'condemned the arrest of X', 'the destruction ... was condemned': the act reacted to took place
        e = PROTEST_ENTRY if lem in ctx.d.protest_nouns else ctx.d.nouns.get(lem)
        named = a is not t or any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "by", "against", "on")
                                  for c in t.children)   # 'the arrest of X', 'X's arrest': not a bare 'the detention'
        if e is not None and named and e.type in ("ASSAULT", "COERCE", "PROTEST") and (
                not e.needs or any(_lemma(w) in e.needs for w in t.subtree if w.i != t.i)):
            return e
    e = ctx.d.nouns.get(lem)
    if lem == "strike" and _military_strike(ctx, t, None) and any(
            c.dep_ in ("compound", "amod") for c in t.children):
        e = ctx.d.nouns.get("airstrike", e)   # 'killed in a drone strike', 'missile strikes hit ...'
    if e is not None and e.type == "AGREE":
        return _agreement_outcome(t, e)
    if e is not None and e.type == "RETREAT":
        return _retreat_happening(ctx, t, e)
    if lem in ctx.d.protest_nouns:
        entry = PROTEST_ENTRY
        preps = ("in", "during", "at", "into")
    else:
        if e is None or not (e.type == "ASSAULT" or e.type == "COERCE" and e.mode in ("raid", "crackdown")):
            return None
        entry, preps = e, ("in", "under", "during", "amid")
    if a.dep_ == "nsubj" and _lemma(a.head) in ctx.d.protest_event_verbs:
        return entry   # 'protests erupted', 'clashes broke out', 'fighting raged'
    if a.dep_ == "attr" and _lemma(a.head) == "be" and any(c.dep_ == "expl" for c in a.head.children):
        return entry   # 'there were clashes', 'there was a protest'
    if a.dep_ == "dobj" and _lemma(a.head) in ("witness", "see", "report", "record") and entry is not PROTEST_ENTRY:
        return entry   # 'the town witnessed heavy fighting', 'residents reported an attack'
    if a.dep_ == "nsubjpass" and _lemma(a.head) in ("witness", "report", "record", "confirm") and \
            entry is not PROTEST_ENTRY and (not entry.needs or any(_lemma(w) in entry.needs for w in t.subtree)):
        return entry   # the same in the passive: 'a sexual assault was reported', 'an attack was recorded'
    if a.dep_ == "dobj" and _lemma(a.head) in ("spark", "trigger", "prompt", "provoke", "fuel"):
        return entry   # 'the killing sparked protests', 'the arrest triggered clashes'
    if entry is not PROTEST_ENTRY and entry.type == "ASSAULT" and _crime_named(t, a):
        return entry   # 'charged with rape', 'faces charges of rape', 'the rape victim': the act the charge names
    if a.dep_ in ("nsubj", "nsubjpass") and _lemma(a.head) in NOUN_HARM_VERBS and entry is not PROTEST_ENTRY:
        return entry   # 'the clashes killed five', 'an ambush left three soldiers dead', 'the raid destroyed ...'
    if a.dep_ == "nsubj" and _lemma(a.head) in OUTRAGE_VERBS and entry is not PROTEST_ENTRY and (a is not t or any(
            c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "by", "on", "against") for c in t.children)):
        return entry   # 'the rape of a girl by a policeman angered residents': what people react to took place
    if a.dep_ == "pobj" and a.head.lower_ in preps:
        h = a.head.head
        if h.pos_ in ("VERB", "AUX") or h.dep_ == "ROOT" and h.pos_ in ("ADJ", "NUM", "NOUN", "PROPN"):
            return entry   # 'killed in an airstrike'; a headline's 'Two dead in clashes', 'Five hurt in raid'
        if entry is PROTEST_ENTRY and a.head.lower_ == "in" and not any(c.dep_ == "det" for c in a.children):
            return entry   # the idiom 'in protest', wherever the parser hangs it ('walked off the job in protest')
    if a is not t and a.dep_ in ("nsubj", "nsubjpass") and _lemma(a.head) in ("rise", "increase", "soar", "surge",
                                                                               "occur", "take", "happen", "report",
                                                                               "emerge", "surface",
                                                                               "register", "file", "lodge"):
        return entry   # 'cases of rape have risen', 'incidents of violence were reported', 'a case of rape was
        #                registered' (a complaint to the police names the act as having happened)
    for c in t.children:
        if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and (
                _lemma(c) in ctx.d.protest_event_verbs
                or _lemma(c) in ("organize", "organise", "stage", "hold", "lead")):
            return entry
    return None


# what an act named as subject stirs in people ('the killing of X outraged residents', 'drew condemnation')
OUTRAGE_VERBS = frozenset({"anger", "outrage", "shock", "horrify", "enrage", "infuriate", "appal", "appall",
                           "sadden", "stun", "draw", "galvanize", "galvanise"})
# verbs of reacting to an act, whose object names the act as having taken place (it is coded as a reference)
REACTION_VERBS = frozenset({"condemn", "denounce", "deplore", "decry", "criticize", "criticise", "slam", "protest",
                            "investigate", "probe", "mourn", "blame", "regret", "lament", "justify", "defend",
                            "describe", "confirm", "witness", "report", "record", "film", "document", "allege"})
# verbs that tell a withdrawal, handover or release as happening ('the withdrawal began', 'the handover took place')
HAPPEN_VERBS = frozenset({"begin", "start", "continue", "resume", "proceed", "happen", "occur", "end", "finish",
                          "complete", "conclude", "commence", "take", "get"})


def _retreat_happening(ctx: _Ctx, t, e: Entry) -> Optional[Entry]:
    """A withdrawal, a handover, a release named as happening: 'the withdrawal of troops began on Monday', 'the
    handover took place', 'the pullout was completed' (not an evacuation: moving people out is no retreat)."""
    if _lemma(t) in ("evacuation",):
        return None
    if e.needs and not any(_lemma(w) in e.needs or w.lower_ in e.needs for w in t.subtree if w.i != t.i):
        return None
    if t.dep_ == "pobj" and t.head.lower_ in ("after", "following", "since") and any(
            _armed_or_held(ctx, w) for c in t.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of"
            for w in ([c] if c.dep_ == "poss" else [g for g in c.children if g.dep_ == "pobj"])):
        return e   # 'after the withdrawal of the rebels', 'following the army's pullout': it took place
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return None
    h = t.head
    if _lemma(h) not in HAPPEN_VERBS or h.pos_ not in ("VERB", "AUX"):
        return None
    if _lemma(h) == "take" and not any(c.dep_ == "dobj" and c.lower_ == "place" for c in h.children):
        return None
    if _lemma(h) == "get" and not any(c.lower_ == "underway" for c in h.children):
        return None
    if e.needs and not any(_lemma(w) in e.needs or w.lower_ in e.needs for w in t.subtree if w.i != t.i):
        return None
    return e


HELD_PLACES = frozenset({"control", "base", "town", "city", "area", "territory", "position", "post", "camp", "district",
                         "village", "region", "province", "border", "crossing", "checkpoint", "airport", "port"})


def _armed_or_held(ctx: _Ctx, w) -> bool:
    """Forces or a held place: what a withdrawal or a handover that took place is of ('the withdrawal of the
    rebels', 'the handover of the base'); not a subsidy or an offer."""
    lem = _lemma(w)
    return lem in FORCE_WORDS or lem in HELD_PLACES or w.ent_type_ in ("GPE", "LOC", "FAC", "NORP") or \
        (ctx.d.agents.get(lem) or "").startswith(("MIL", "REB", "UAF", "INS", "COP", "GOV"))




# nouns that count or report occurrences of an act: 'cases of rape', 'incidents of violence', 'acts of vandalism'
CASE_HEADS = frozenset({"case", "incident", "act", "instance", "report", "spate", "wave", "series", "outbreak",
                        "episode", "string"})
# what an event noun as subject does to people or places: it is named as having happened
NOUN_HARM_VERBS = frozenset({"kill", "wound", "injure", "leave", "claim", "hit", "destroy", "damage", "target",
                             "rock", "devastate", "level", "flatten", "raze", "maim", "displace", "force", "spark",
                             "trigger", "prompt", "provoke", "fuel"})


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
        if c.dep_ == "compound" and c.i < t.i and etype != "PROTEST" and ctx.is_agent(c):
            return c   # 'a police raid', 'an army offensive'
        if c.dep_ == "prep" and (c.lower_ in ("by", "from") or c.lower_ == "of" and _lemma(t) not in PATIENT_OF):
            for g in c.children:
                if g.dep_ == "pobj" and ctx.is_actorish(g):
                    return g
    if etype == "PROTEST" and t.dep_ == "pobj" and t.head.lower_ in ("in", "into"):
        v = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), t.head.head)
        s = _subject(v)
        if s is not None and s.dep_ == "nsubj" and ctx.is_actorish(s):
            return s
    return None


# nouns of an act done to someone: their 'of' names the patient ('the arrest of X', 'the killing of a protester')
PATIENT_OF = frozenset({"arrest", "detention", "killing", "murder", "rape", "lynching", "beating", "torture",
                        "abduction", "kidnapping", "assassination", "massacre", "shelling", "bombing", "molestation",
                        "stabbing", "shooting", "seizure", "confiscation", "looting", "release", "execution",
                        "beheading"})


def _noun_target(ctx: _Ctx, t):
    """'X came under attack': X is the target; 'the arrest of X': X is."""
    if t.dep_ == "pobj" and t.head.lower_ == "under":
        return _subject(t.head.head)
    if _lemma(t) in PATIENT_OF:
        return next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"), None)
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
            if _light_noun_object(ctx, t):
                return None   # the hand-made noun reads the phrase ('announced a ceasefire': the ceasefire's AGREE)
            return None if _hazard_veto(ctx, t, e) else _civil_riot(ctx, t, e)
    return None


def _light_noun_object(ctx: _Ctx, t) -> bool:
    """A light verb whose object is a noun of the hand-made lexicon ('declared a truce', 'held talks'): the noun
    codes the phrase, as it does in the passive ('a truce was declared'), so the CAMEO verb yields to it."""
    if _lemma(t) not in ctx.d.light_verbs:
        return False
    for o in (c for c in t.children if c.dep_ == "dobj"):
        e = ctx.d.nouns.get(_lemma(o))
        if e is not None and (not e.needs or any(_lemma(w) in e.needs or w.lower_ in e.needs
                                                 for w in o.subtree if w.i != o.i)):
            return True
    return False


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
    elif (t.dep_ in ("dobj", "pobj") and h.dep_ == "prep" and _lemma(h.head) in ctx.d.light_verbs and h.lower_ == "for"
          and e.type in ("SANCTION", "CONSULT")):
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
