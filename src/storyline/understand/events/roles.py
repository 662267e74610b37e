"""Roles: the actor and the target of a trigger from the parse (passives, relatives, raising verbs,
conjoined and reduced clauses); targets are actors, never things."""
from __future__ import annotations

import re

from storyline.understand import actor_dictionary as D
from storyline.understand.events.domestic import own_place
from storyline.understand.events.modality import RAISING_PASSIVES
from storyline.understand.events.nonevents import _hazard, _violence_sentence, _violent
from storyline.understand.events.recipients import given_to
from storyline.understand.events.tokens import (
    ACTOR_LABELS,
    LOC_PREPS,
    NOT_TARGET_ENTS,
    PERSONAL_OBJECTS,
    REL_PRONOUNS,
    STATIVE_PASSIVES,
    TARGET_PREPS,
    _agent,
    _chain,
    _Ctx,
    _lemma,
    _objects,
    _subject,
)

# ------------------------------------------------------------------ roles
# a warning that the state's forces will act ('warned that police will ...') targets whom they act against
WARN_VERBS = {"warn", "threaten", "vow", "caution"}
# verbs whose subject undergoes the act ('a prisoner died in custody'): the subject is the target, and the one
# holding them ('in police custody', 'at the hands of rebels') the actor
UNDERGO_VERBS = {"die", "perish", "succumb"}
HOLDING_NOUNS = {"custody", "hand", "detention", "captivity", "care", "jail", "prison", "cell"}


# people who speak or act for a body named after them ('a spokesman for X', 'officials from X')
SPEAKS_FOR = {"spokesman", "spokeswoman", "spokesperson", "official", "representative", "envoy", "delegate",
              "delegation", "source", "diplomat", "negotiator", "member", "leader", "head", "chief", "officer",
              "minister", "ambassador", "aide", "adviser", "advisor", "employee", "staff"}


def _role(ctx: _Ctx, t):
    """(name, actor_id) of the role held by the noun phrase headed by t. A body an actor only owns or names ('the
    U.N. war crimes court', "the EU's top court", 'the UN refugee agency') keeps its owner's id and is named as
    written, not by the owner's name alone."""
    name, aid = ctx.role(t)
    past = _past_possessor(ctx, t, aid)
    if past is not None:
        return past
    titled = _titled_person(ctx, t, aid) or _appositive_body(ctx, t, aid)
    if titled is not None:
        return titled, aid
    if aid is None and t is not None and t.pos_ == "NOUN" and _lemma(t) in SPEAKS_FOR:
        # 'a spokesman for the Syrian army', 'officials from the UN', 'a representative of Hamas': who they speak for
        for p in t.children:
            if p.dep_ == "prep" and p.lower_ in ("for", "of", "from", "at", "with"):
                for g in p.children:
                    oid = ctx.role(g)[1] if g.dep_ == "pobj" else None
                    if oid is not None:
                        text = re.sub(r"^(?:an?|the|The|An?)\s+", "", ctx.text[
                            t.left_edge.idx:g.right_edge.idx + len(g.right_edge.text)].strip())
                        return (text if len(text.split()) <= 8 else ctx.role(g)[0]), oid
    if aid is None or t.pos_ != "NOUN" or _lemma(t) not in D.ACTOR_NOUNS:
        return name, aid
    s, e = ctx.core_span(t)
    head = ctx.tok_span(t)[0]
    m = ctx.mention_in(s, e, head)
    if m is None or m.start <= head < m.end:
        return name, aid
    text = re.sub(r"^(?:an?|the|An?|The)\s+", "", ctx.text[s - ctx.base:e - ctx.base].strip())
    return (text, aid) if text and len(text.split()) <= 8 else (name, aid)


def _noun_doer(ctx: _Ctx, t):
    """A noun trigger's doer named before it ("Syria's withdrawal from Lebanon", 'the US sanctions against Cuba',
    "Russia's invasion of Georgia"): its possessor, or a name compounded with it, when an actor after the noun is
    the one acted on; alone ("the minister's arrest") the possessor may be the patient, and stays the target."""
    if not any(p.dep_ == "prep" and p.lower_ in TARGET_PREPS and any(
            g.dep_ == "pobj" and ctx.is_actorish(g) for g in p.children) for p in t.children if p.i > t.i):
        return None
    return next((c for c in t.children if c.i < t.i and (c.dep_ == "poss" and c.pos_ != "PRON" or
                                                         c.dep_ == "compound" and c.pos_ == "PROPN")
                 and ctx.role(c)[1] is not None), None)


def _titled_person(ctx: _Ctx, t, aid):
    """'U.N. mediator Diego Cordovez', 'Arab League Secretary General X': a person named with the body they serve
    before the name is named as written (the body says whom they act for; the id stays the person's)."""
    a = ctx.actors.get(aid) if aid is not None else None
    if a is None or a.type != "PERSON" or t.pos_ != "PROPN":
        return None
    s, e = ctx.core_span(t)
    m = ctx.mention_in(s, e, ctx.tok_span(t)[0])
    if m is None or m.actor_id != aid or m.start <= s:
        return None
    body = next((x for x in ctx.mentions if s <= x.start and x.end <= m.start and x.actor_id in ctx.actors
                 and ctx.actors[x.actor_id].type == "ORG"), None)
    if body is None:
        return None
    text = re.sub(r"^(?:an?|the|An?|The)\s+", "", ctx.text[body.start - ctx.base:m.end - ctx.base].strip())
    return text if len(text.split()) <= 8 else None


def _appositive_body(ctx: _Ctx, t, aid):
    """'Kofi Annan, the UN secretary-general,', 'X, the EU foreign policy chief,': a name whose apposition after it
    names the body they serve is named with it, as a title before the name (whom they act for; the id stays the
    name's)."""
    a = ctx.actors.get(aid) if aid is not None else None
    if a is None or a.type not in ("PERSON", "ORG") or t.pos_ != "PROPN":
        return None
    for ap in (c for c in t.children if c.dep_ == "appos" and c.i > t.i):
        s, e = ctx.base + ap.left_edge.idx, ctx.base + ap.right_edge.idx + len(ap.right_edge.text)
        if any(s <= m.start and m.end <= e and m.actor_id != aid and m.actor_id in ctx.actors and
               ctx.actors[m.actor_id].type == "ORG" for m in ctx.mentions):
            body = re.sub(r"^(?:an?|the|An?|The)\s+", "", ctx.text[s - ctx.base:e - ctx.base].strip())
            if len(body.split()) <= 8:
                return f"{body} {a.name}"   # as a title before the name reads: "UN secretary-general X"
    return None


def _past_possessor(ctx: _Ctx, t, aid):
    """'their Russian counterparts', 'its Iraqi allies': a possessive pronoun opens the phrase and a word between it
    and the head names another actor; the phrase is theirs (the Russians), not the pronoun's owner."""
    if aid is None or t is None or t.pos_ != "NOUN":
        return None
    poss = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None:
        return None
    for c in t.children:
        if poss.i < c.i < t.i and c.dep_ in ("amod", "compound", "nmod"):
            m = ctx.mention_in(*ctx.tok_span(c))
            if m is not None and m.actor_id is not None and m.actor_id != aid:
                return ctx.text[c.left_edge.idx:t.idx + len(t.text)], m.actor_id
    return None


# acts done to someone, never by the subject when no object follows: a headline drops the auxiliary of a passive
# ('Journalist held over spying claims', 'Activist arrested after protest', 'Opposition leader jailed')
PATIENT_VERBS = {"arrest", "detain", "hold", "jail", "imprison", "sentence", "charge", "indict", "convict", "deport",
                 "expel", "extradite", "kidnap", "abduct", "execute", "kill", "wound", "injure", "accuse", "fine",
                 "question", "summon", "hang", "behead", "torture", "release", "free"}
# what an active 'held' or 'charged' without an object still says: 'the truce held', 'troops charged into the crowd'
ACTIVE_INTRANSITIVE_PREPS = {"at", "into", "through", "toward", "towards", "up", "out"}


def _shared_object(t):
    """The object a verb shares with the verb conjoined after it ('detained and beat three journalists': the
    journalists); None when the verb has an object of its own or no such conjunct."""
    if any(c.dep_ in ("dobj", "obj", "dative") for c in t.children):
        return None
    for c in t.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > t.i and _subject(c) is None:
            o = next((o for o in c.children if o.dep_ == "dobj"), None)
            if o is not None:
                return o
    return None


def _headline_passive(ctx: _Ctx, t) -> bool:
    """A past verb whose auxiliary a headline dropped: an act done to someone (PATIENT_VERBS) with a person or a body
    as subject and no auxiliary, object or clause of its own: the subject is the one acted on."""
    if t.pos_ != "VERB" or t.tag_ not in ("VBD", "VBN") or t.dep_ not in ("ROOT", "conj", "ccomp") or \
            _lemma(t) not in PATIENT_VERBS:
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "obj", "attr", "ccomp", "xcomp", "agent", "prt", "oprd")
           or c.dep_ == "prep" and c.lower_ in ACTIVE_INTRANSITIVE_PREPS for c in t.children):
        return False
    if _shared_object(t) is not None:
        return False   # 'police detained and beat three journalists': the object is both verbs'
    s = next((c for c in t.children if c.dep_ == "nsubj"), None)
    return s is not None and s.pos_ in ("NOUN", "PROPN") and (ctx.is_actorish(s) or _lemma(s) in D.ACTOR_NOUNS)


# a vehicle or a thing made a weapon: 'a truck packed with explosives', 'a car rigged with a bomb', 'a boat carrying
# explosives': what it does is an attack by someone unnamed
def _armed_thing(ctx: _Ctx, t) -> bool:
    """A weapon or an act of force standing where the doer would ('wounded by a roadside bomb', 'the blast killed
    six'), or a noun naming no actor whose modifying clause or phrase names a weapon ('a truck packed with
    explosives'): no actor is named."""
    if t.pos_ != "NOUN" or ctx.is_actorish(t) or _lemma(t) in D.ACTOR_NOUNS:
        return False
    if _violent(ctx, t):
        return True
    for c in t.children:
        if c.dep_ in ("acl", "relcl", "prep") and c.i > t.i:
            if any(w.i != t.i and w.pos_ in ("NOUN", "PROPN") and _violent(ctx, w) for w in c.subtree):
                return True
    return False


# verbs that, passive before an infinitive, tell what someone unnamed found or knows of the subject
# ('planned to', 'expected to', 'refused to' take an infinitive in the active: not these)
FINDING_VERBS = {"find", "discover", "show", "prove", "reveal", "believe", "know", "report", "say", "allege",
                 "suspect", "rumour", "rumor", "think", "understand"}


def _bare_raising_passive(t) -> bool:
    """'(a car) found to contain explosives' parsed as an active clause: an active 'find' takes an object before its
    infinitive, so one with a subject and an infinitive but no object or auxiliary is a passive that lost its 'was'."""
    return _lemma(t) in FINDING_VERBS and t.tag_ in ("VBD", "VBN") and any(c.dep_ == "nsubj" for c in t.children) \
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj", "dative") for c in t.children) \
        and any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in t.children)


def _holder(t):
    """'died in Israeli police custody', 'at the hands of rebels': the holder's token (None when not said)."""
    for p in t.children:
        if p.dep_ != "prep":
            continue
        for n in p.children:
            if n.dep_ == "pobj" and _lemma(n) in HOLDING_NOUNS:
                for c in n.children:
                    if c.dep_ in ("compound", "poss") and c.pos_ in ("NOUN", "PROPN"):
                        return n   # the phrase 'Israeli police custody' names its holder
                    if c.dep_ == "prep" and c.lower_ == "of":
                        return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _actor_tok(ctx: _Ctx, t, noun: bool):
    """The token heading the actor noun phrase of trigger t (None when not found)."""
    if not noun and _lemma(t) in UNDERGO_VERBS:
        return _holder(t)
    if not noun and (_headline_passive(ctx, t) or _bare_raising_passive(t)):
        return None   # 'Journalist held over spying claims': held by someone unnamed; 'a car found to contain ...'
    blamed = None if noun else _blamed(ctx, t)
    if blamed is not None:
        return blamed
    v = t.head if noun else t
    if noun and t.dep_ == "pobj":          # "in talks": the clause's subject
        v = t.head.head
    for x in _chain(v):
        ag = _by_agent(ctx, x)
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
    if not noun and _passive_modifier(cur):
        return None   # 'the mayor, who was charged', 'the man arrested': the noun is the one acted on
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


def _blamed(ctx: _Ctx, t):
    """The one said to have done an act told as a gerund after 'of', 'for' or 'with' ('accused the rebels of
    killing civilians', 'blamed X for bombing Y', 'X was charged with murdering Y'): the object of the verb the
    gerund hangs on, or its passive subject; None when that is not an actor."""
    if t.dep_ != "pcomp" or t.tag_ != "VBG" or t.head.lower_ not in ("of", "for", "with") or t.head.head.i == t.head.i:
        return None
    h = t.head.head
    if h.pos_ in ("VERB", "AUX"):
        h = next((c for c in h.children if c.dep_ in ("dobj", "nsubjpass") and c.i < t.i), None)
    elif h.dep_ not in ("dobj", "nsubjpass"):
        return None
    if h is None or h.pos_ == "PRON" or not (ctx.is_actorish(h) or _lemma(h) in D.ACTOR_NOUNS):
        return None
    return h


def _by_agent(ctx: _Ctx, x):
    """The agent of a passive verb; also one the parser hangs on the verb's prepositional object ('was charged
    with fraud by prosecutors', 'was sentenced to death by a military court') when it names an actor."""
    ag = _agent(x)
    if ag is not None or not any(c.dep_ in ("nsubjpass", "auxpass") for c in x.children):
        return ag
    for p in x.children:
        if p.dep_ != "prep":
            continue
        for g in p.children:
            for q in (q for b in g.children if b.dep_ == "prep" and b.lower_ == "by"
                      for q in b.children if q.dep_ == "pobj"):
                if ctx.is_actorish(q) or _lemma(q) in D.ACTOR_NOUNS:
                    return q
    return None


def _passive_modifier(v) -> bool:
    """A passive clause modifying a noun: a reduced relative ('the ban imposed last year', 'the man arrested by
    police') or a relative one ('the mayor, who was charged with fraud'): the noun is the patient."""
    if v.dep_ not in ("acl", "relcl") or v.tag_ != "VBN" or v.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "aux" and _lemma(c) == "have" for c in v.children):
        return False   # 'the firm, which has imposed ...': active perfect
    return v.dep_ == "acl" or any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _object_controlled(ctx: _Ctx, t) -> bool:
    """An infinitive with no subject of its own under a verb whose direct object is an actor: 'pressed allies to
    ban X', 'ordered the army to withdraw', 'allowed the firm to bid': the object is the one asked, forced or let
    to act, and the act is what the governing verb is about, not one the text says took place."""
    if t.dep_ not in ("xcomp", "advcl") or t.head.i == t.i or t.head.pos_ != "VERB" or _subject(t) is not None:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return False
    return any(c.dep_ == "dobj" and c.i < t.i and _head_is_actor(ctx, c) for c in t.head.children)


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
    if _passive_modifier(t):
        out.append(t.head)   # 'the mayor, who was charged': the mayor
    if _lemma(t) in UNDERGO_VERBS or _headline_passive(ctx, t):
        out.extend(c for c in t.children if c.dep_ == "nsubj")
    shared = _shared_object(t)
    if shared is not None:
        out.append(shared)
    for x in _chain(t)[:1]:
        for c in x.children:
            if c.dep_ == "nsubjpass" and _agent(x) is not None:
                out.append(c)
            elif c.dep_ == "nsubjpass":
                out.append(c)
        for c in x.children:
            if c.dep_ in ("dobj", "dative", "obj"):
                if c.pos_ == "NOUN" and _lemma(c) in ctx.d.nouns:
                    # 'condemned the arrest of X by police': the act's doer is the one condemned
                    out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "by"
                               for g in p.children if g.dep_ == "pobj")
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
                if s is not None and _lemma(x) in WARN_VERBS and (ctx.d.agents.get(_lemma(s)) or "")[:3] in (
                        "COP", "MIL"):
                    # 'warned that police will not tolerate rallies by X': the force is the means, X the target
                    for o in _objects(c):
                        out.append(o)
                        out.extend(g for p in o.children if p.dep_ == "prep" and p.lower_ in ("by", "of")
                                   for g in p.children if g.dep_ == "pobj")
                elif s is not None:
                    out.append(s)
    more = []
    for o in out:
        more.extend(o.conjuncts)
    # 'the firm, which it accuses of spying': the relative pronoun stands for the noun the clause modifies
    out = [t.head if o.lower_ in REL_PRONOUNS and t.dep_ == "relcl" and o.head.i == t.i else o for o in out + more]
    return [o for o in out if actor_tok is None or o.i != actor_tok.i]


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


# nouns for actors that are others to their owner: 'its allies' are not the actor ('its troops' are)
OTHERS = D.STATE_NOUNS | {"rival", "opponent", "enemy", "adversary", "critic", "friend", "counterpart"}


def _head_is_actor(ctx: _Ctx, t) -> bool:
    """The noun itself names an actor (a mention over the head word, a proper noun, an agent such as 'police'),
    not only a word before it ('its actions', 'Washington's allegations')."""
    s, e = ctx.tok_span(t)
    m = ctx.mention_in(s, e, s)
    return (m is not None and m.start <= s < m.end) or t.pos_ == "PROPN" or ctx.is_agent(t) or \
        _lemma(t) in D.ACTOR_NOUNS


def _surface_actor(ctx: _Ctx, t) -> bool:
    """A noun phrase no actor resolves to is a target only when it names people or a body: its head an actor noun
    or an agent ('foreign countries', 'the protesters'), or a name the tagger calls a person, organisation, state
    or group; never a thing ('shots', 'two counts', 'the allegations', 'threats') or an unknown capitalised word."""
    if t.pos_ == "PRON":
        return t.lower_ in PERSONAL_OBJECTS
    if _lemma(t) == "state" and any(p.dep_ == "prep" and p.lower_ == "of" and not any(
            ctx.is_actorish(g) for g in p.children) for p in t.children):
        return False   # 'the state of emergency', 'a state of siege': a condition, not a state
    return _lemma(t) in D.ACTOR_NOUNS or ctx.is_agent(t) or t.ent_type_ in ACTOR_LABELS


def _pick_target(ctx: _Ctx, t, noun: bool, a_tok, tcands: list, actor, actor_id, protest: bool = False):
    """The target: a direct object/prepositional object that resolves to an actor; else an actor
    named deeper in the trigger's phrase ("aid for Utopia", "a ban in Ruritania": PLOVER codes the
    place as the target when no one else is); else the first direct object's surface."""
    def usable(o) -> bool:
        return o.ent_type_ not in NOT_TARGET_ENTS and o.lower_ not in ("last", "first", "least", "most")

    first_surface = None
    for o in tcands:
        if not usable(o):
            continue
        name, oid = _role(ctx, o)
        owned = o.dep_ == "dobj" and not _head_is_actor(ctx, o) and any(
            c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in ctx.d.self_pronouns for c in o.children)
        if not name or (name == actor or oid is not None and oid == actor_id) and not own_place(ctx, o, a_tok):
            if owned:   # 'condemned its actions against X', 'its' read as the actor itself: no one else is named
                return given_to(ctx, tcands, actor_id) or first_surface or (None, None)
            if o.dep_ == "dobj" and name and _lemma(o) in OTHERS and ctx.role(o)[1] == actor_id and \
                    _surface_actor(ctx, o):
                # 'pressed its allies to ...': the allies, not the actor who owns them
                return first_surface or (ctx.text[o.left_edge.idx:o.idx + len(o.text)], None)
            continue
        if oid is not None:
            return name, oid
        if first_surface is None and _surface_actor(ctx, o):
            # never a thing: 'shots', 'two counts', 'the allegations'; an owner without its "'s"
            first_surface = (re.sub(r"\s*['\u2019]s?$", "", name) if o.dep_ == "poss" else name, oid)

        if owned:   # 'condemned its actions against X': whoever 'its' is; 'offered its aid to X': X
            return given_to(ctx, tcands, actor_id) or first_surface or (None, None)

    def placeless(oid) -> bool:   # a place with no country ("the Rhine") says nothing about who is targeted
        a = ctx.actors.get(oid)
        return a is not None and a.type in ("LOC", "FAC", "GPE") and not a.country

    roots = [(t, noun)]
    if not noun and not first_surface and t.dep_ in ("xcomp", "advcl", "conj") and t.head.i != t.i and \
            t.head.pos_ in ("VERB", "AUX"):   # (a verb with an object of its own keeps to it)
        roots.append((t.head, False))   # "sent experts to X to investigate Y": X belongs to the sending
    for root, is_noun in roots:
        places = []
        for clauses in (0,) if first_surface else (0, 1, 2):   # 'pressed countries [to ban X]': the countries
            deep = [o for o in _deep_toks(ctx, root, is_noun, a_tok, clauses)
                    if usable(o) and not (root is not t and o.i in {w.i for w in t.subtree})]
            # where the act happened is the target only when no one else is named: 'blocked streets in Hong Kong
            # in defiance of Chinese authorities' targets the authorities; it stands for the country of an object
            # the text names without one ('arrested two activists in the West Bank'); where a protest was held is
            # never whom it was against while its clauses name someone ('rallied in X to protest against Y')
            for o in deep if first_surface else sorted(deep, key=lambda o: _where(ctx, o)):
                if protest and not first_surface and _where(ctx, o):
                    places.append(o)
                    continue
                name, oid = _role(ctx, o)
                if oid is not None and (oid != actor_id and name != actor or own_place(ctx, o, a_tok)) \
                        and not placeless(oid):
                    return name, oid
        for o in places:
            name, oid = _role(ctx, o)
            if oid and (oid != actor_id and name != actor or own_place(ctx, o, a_tok)) and not placeless(oid):
                return name, oid
    if first_surface is None and not noun:
        # 'ambushed a convoy, killing five soldiers': those the act's participial outcome names
        for c in t.children:
            if c.dep_ == "advcl" and c.tag_ == "VBG":
                for o in _objects(c):
                    if usable(o) and _surface_actor(ctx, o):
                        name, oid = _role(ctx, o)
                        if name and name != actor:
                            return name, oid
    return first_surface or (None, None)


# acts two sides do together: with no target named, each conjoined doer is the other's ('Syria and Jordan held
# talks', 'the two armies exchanged fire', 'X and Y signed a deal')
RECIPROCAL = {"meet", "talk", "negotiate", "clash", "fight", "exchange", "sign", "agree", "trade", "cooperate",
              "discuss", "reconcile", "confer", "consult", "hold", "resume", "conclude", "reach", "ink", "open"}


def _reciprocal_target(ctx: _Ctx, t, noun: bool, a_tok, actor_id, light: bool = False):
    """(name, id) of the doer's conjunct for a reciprocal act (its verb, or the light verb of a noun trigger, among
    RECIPROCAL; ``light``: the trigger verb's event noun is its object, 'held talks'), None when there is none or it
    is the actor itself."""
    v = t.head if noun and t.dep_ != "pobj" else t
    mutual = any(w.lower_ in ("other", "another") and any(d.lower_ in ("each", "one") for d in w.children)
                 or w.lower_ == "another" and w.i > 0 and w.doc[w.i - 1].lower_ == "one"
                 for c in v.children if c.dep_ in ("dobj", "prep", "dative") for w in c.subtree)
    if a_tok is None or v.pos_ not in ("VERB", "AUX") or not mutual and (_lemma(v) not in RECIPROCAL or (
            _lemma(v) in ("hold", "resume", "conclude", "reach", "open") and not (noun or light))):
        return None
    for c in a_tok.conjuncts:
        name, oid = _role(ctx, c)
        if name and (oid is None or oid != actor_id) and (oid is not None or _surface_actor(ctx, c)):
            return name, oid
    return None


def _patient_object(ctx: _Ctx, o) -> bool:
    """An object a trigger's pattern names ('released prisoners', 'expelled diplomats') that is still the one acted
    on: people or a body, not the actor's own forces sent or deployed ('deployed troops', 'sent police')."""
    return _surface_actor(ctx, o) and (ctx.d.agents.get(_lemma(o)) or "")[:3] not in ("MIL", "COP")


def _owners(ctx: _Ctx, o) -> list:
    """Those a thing that is part of the trigger belongs to ('captured a rebel base', 'stormed the army's
    headquarters', 'burned the homes of settlers'): its modifiers and its 'of' phrase that name an actor."""
    out = [c for c in o.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < o.i]
    out += [g for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return [c for c in out if c.pos_ == "PROPN" or c.pos_ in ("NOUN", "ADJ") and (
        ctx.role(c)[1] is not None or _surface_actor(ctx, c))]


def _found_deeper(ctx: _Ctx, tcands: list, target, target_id) -> bool:
    """The picked target is none of the trigger's own objects: it was found deeper in its phrase or clauses ('met
    in Cairo', 'exchanged prisoners under the supervision of the Red Cross')."""
    if target is None:
        return True
    return not any((ctx.role(o)[1] == target_id) if target_id is not None else ctx.role(o)[0] == target
                   for o in tcands)


def _where(ctx: _Ctx, o) -> bool:
    """A place named as where something happened: the object of 'in', 'at', 'near' ... resolving to a place."""
    while o.dep_ in ("compound", "flat") and o.head.i != o.i:
        o = o.head   # 'Hong' of 'in Hong Kong'
    if o.dep_ != "pobj" or o.head.lower_ not in LOC_PREPS:
        return False
    a = ctx.actors.get(ctx.role(o)[1] or "")
    return a is not None and a.type in ("GPE", "LOC", "FAC")


# acts only a state's authorities perform where they hold power: arrested, charged or sentenced in a country, the
# country's authorities did it (the PLOVER coders' reading of 'was arrested in Egypt')
AUTHORITY_MODES = {"arrest", "detain", "sentence", "deport", "extradite", "expel", "charge", "indict", "prosecute",
                   "investigate"}


def _territorial_actor(ctx: _Ctx, t, noun: bool, mode):
    """The place whose authorities performed an agentless passive act ('was detained in Cairo', 'has been charged
    in France'): the object of 'in' on the trigger's clause, a place of a known country; None otherwise."""
    if noun or mode not in AUTHORITY_MODES or _by_agent(ctx, t) is not None or \
            not any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) and not _headline_passive(ctx, t):
        return None
    for p in t.children:
        if p.dep_ != "prep" or p.lower_ != "in":
            continue
        for g in p.children:
            a = ctx.actors.get(ctx.role(g)[1] or "") if g.dep_ == "pobj" else None
            if a is not None and a.type == "GPE" and a.country:
                return g
    return None
