"""The coder: each sentence's triggers, folded, coded into Events with roles and attributes; the learned
classifier where the rules stop."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

from storyline.model import Actor, Article, Event, Evidence, Mention, TimeExpr, short_id
from storyline.understand.doc_text import doc_text
from storyline.understand.events import learned
from storyline.understand.events.crude import _find_events_crude
from storyline.understand.events.domestic import domestic_state
from storyline.understand.events.learned import NONE, main_verb, sentence_features
from storyline.understand.events.modality import (
    COOPERATIVE,
    _apply_intent,
    _date_for,
    _hedged,
    _location,
    _negated,
    _reference,
)
from storyline.understand.events.nonevents import (
    _contest,
    _discarded,
    _hazard,
    _hazard_sentence,
    _protest_agent,
    _state_actor,
    _violence_sentence,
    _violent,
)
from storyline.understand.events.references import nominal_references
from storyline.understand.events.roles import (
    _actor_tok,
    _armed_thing,
    _found_deeper,
    _headline_passive,
    _noun_doer,
    _object_controlled,
    _owners,
    _patient_object,
    _pick_target,
    _reciprocal_target,
    _role,
    _surface_actor,
    _target_toks,
    _territorial_actor,
)
from storyline.understand.events.tokens import (
    ACTIVITY_NOUNS,
    PROTEST_ENTRY,
    _agent,
    _Cand,
    _chain,
    _Ctx,
    _lemma,
    _objects,
    _of_objects,
    _subject,
)
from storyline.understand.events.triggers import (
    _content,
    _hypothetical,
    _match_cameo,
    _match_event_noun,
    _match_noun,
    _match_verb,
    _needs_token,
    _noun_actor,
    _noun_target,
    _peaceful,
    _protest_act,
)
from storyline.understand.plover import CONFLICT_MATERIAL, Entry


# ------------------------------------------------------------------ main
def _event(ctx: _Ctx, *, etype: str, mode, actor, actor_id, target, target_id, date, date_range, inferred,
           location, hedged, negated, trigger_text, trig_start, sent_text, sent_start, sent_end,
           reference=False) -> Event:
    aid = ctx.article.id
    return Event(
        id=short_id(aid, etype, str(trig_start), actor_id or "", target_id or ""),
        type=etype, evidence=(Evidence(aid, sent_text, sent_start, sent_end),), mode=mode,
        actor=actor, actor_id=actor_id, target=target, target_id=target_id, date=date,
        date_range=date_range, date_inferred=inferred, location=location, hedged=hedged,
        negated=negated, trigger=trigger_text, reference=reference,
    )


def find_events(doc, article: Article, mentions: Sequence[Mention] = (), actors: Sequence[Actor] = (),
                times: Sequence[TimeExpr] = ()) -> list[Event]:
    """PLOVER events of one article, each with evidence offsets into ``article.text``."""
    if doc is None:
        return _find_events_crude(None, article, mentions, actors, times)
    base = 0
    text = doc_text(doc)
    if text != article.text:
        found = article.text.find(text)
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
    lead_disaster = None   # the article's first sentence names a hazard and no violence: a disaster story
    for sent in doc.sents:
        s_start, s_end = base + sent.start_char, base + sent.end_char
        sent_text = article.text[s_start:s_end]
        if _discarded(ctx, sent_text):
            continue
        hazard_here = _hazard_sentence(ctx, sent)
        if lead_disaster is None:
            lead_disaster = hazard_here and not _violence_sentence(ctx, sent)
        disaster = (hazard_here or prev_hazard or lead_disaster) and not _violence_sentence(ctx, sent)
        prev_hazard_before, prev_hazard = prev_hazard, hazard_here
        st = _Sentence(sent, s_start, s_end, sent_text, disaster, hazard_here or prev_hazard_before, seen, out)
        cands = _candidates(ctx, sent)
        suppressed, folded = _fold(ctx, cands)
        n_before = len(out)
        for c in sorted(cands, key=lambda c: c.tok.i):
            if c.tok.i not in suppressed:
                _code(ctx, st, c, folded)
        _learned(ctx, sent, out, n_before, seen, hazard=st.hazard, disaster=disaster,
                 span=(s_start, s_end, sent_text))
        _references(ctx, st, cands, n_before)
    return out


def _references(ctx: _Ctx, st: _Sentence, cands: list[_Cand], n_before: int) -> None:
    """The sentence's nominal references ('the ban imposed last year'): events marked ``reference``, dated then;
    none beside a disaster, none for an act the sentence's verbs already code."""
    if st.disaster:
        return
    coded = {i: k for i, k in st.coded.items() if n_before <= k < len(st.out)}   # the classifier may drop some
    consumed = {c.consumed for c in cands if c.consumed is not None and c.tok.i in coded}
    for r in nominal_references(ctx, st.sent, set(coded), consumed, {e.type for e in st.out[n_before:]}):
        if r.verb is not None:
            # 'the ban imposed by X in 2019': the light verb coded alone ('impose': COERCE) names the noun's act
            old = st.out[coded[r.verb.i]]
            st.out[coded[r.verb.i]] = _event(
                ctx, etype=r.entry.type, mode=r.entry.mode, actor=old.actor, actor_id=old.actor_id,
                target=old.target or r.target, target_id=old.target_id if old.target else r.target_id,
                date=old.date, date_range=old.date_range, inferred=old.date_inferred, location=old.location,
                hedged=old.hedged, negated=old.negated, trigger_text=f"{r.verb.text} {r.tok.text}",
                trig_start=ctx.base + r.verb.idx, sent_text=st.text, sent_start=st.start, sent_end=st.end,
                reference=old.reference)
            continue
        key = (st.start, r.entry.type, r.actor_id or r.actor)
        if key in st.seen:
            continue
        st.seen.add(key)
        st.out.append(_event(ctx, etype=r.entry.type, mode=r.entry.mode, actor=r.actor, actor_id=r.actor_id,
                             target=r.target, target_id=r.target_id, date=r.date, date_range=r.date_range,
                             inferred=False, location=_location(ctx, r.tok, {r.actor} if r.actor else set()),
                             hedged=False, negated=False, trigger_text=r.tok.text, trig_start=ctx.base + r.tok.idx,
                             sent_text=st.text, sent_start=st.start, sent_end=st.end, reference=True))


@dataclass
class _Sentence:
    """What coding one trigger needs of its sentence."""
    sent: object
    start: int
    end: int
    text: str
    disaster: bool     # beside a named hazard (this sentence or the one before) and naming no violence
    hazard: bool       # a hazard named here or in the sentence before
    seen: set          # (sentence start, type, actor) already coded in the article
    out: list          # the article's events so far
    acts: dict = field(default_factory=dict)   # a coded act's token (or its governing verb's) -> (actor, target)
    coded: dict = field(default_factory=dict)  # a trigger token that gave an event -> the event's place in ``out``
    types: dict = field(default_factory=dict)  # a coded act's token -> its PLOVER type


def _candidates(ctx: _Ctx, sent) -> list[_Cand]:
    """The sentence's triggers: dictionary verbs (hand-made, then CAMEO), protesters' acts, light-verb nouns and
    event nouns named as happening."""
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
    return cands


def _fold(ctx: _Ctx, cands: list[_Cand]) -> tuple[set[int], dict[int, Entry]]:
    """Folding: outer triggers own their clausal content ('urged X to reject Y' is one REQUEST). Returns the
    suppressed trigger indices and, per outer trigger, the first event it folds."""
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
    return suppressed, folded


def _reading(ctx: _Ctx, c: _Cand, folded: dict, chain: list, a_tok, negated: bool) -> tuple[str, Optional[str], bool]:
    """The PLOVER type and mode a trigger reads as in its clause: promises, intent (future, condition), a state's
    protest, protesters' acts."""
    t, e, doc = c.tok, c.entry, ctx.doc
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
    if etype == "AGREE" and mode == "allow" and _permits_actor(ctx, t):
        etype = "CONCEDE"   # CAMEO's ALLOW under 08 YIELD: an authority lets an actor act ('allowed X to hold a rally')
    etype, mode, negated = _apply_intent(ctx, etype, mode, chain, negated, e)
    if etype == "PROTEST" and a_tok is not None and _state_actor(ctx, a_tok):
        # the PLOVER manual, PROTEST: a state's or a ministry's protest is diplomatic: ACCUSE disapprove
        etype, mode = "ACCUSE", "disapprove"
    if etype not in COOPERATIVE and etype != "PROTEST" and not negated and _protest_agent(ctx, a_tok):
        # PLOVER: civilians' collective action is PROTEST, a violent one mode riot ('rioters clashed'); the
        # protest's topic (a demand, a condemnation) is not coded apart from it
        etype, mode = "PROTEST", ("riot" if etype in ("ASSAULT", "COERCE") else "demo")
    return etype, mode, negated


def _permits_actor(ctx: _Ctx, t) -> bool:
    """'allowed the candidate to run', 'permitted the envoy to meet X': the verb lets an actor (people or a body) do
    something, its infinitive's subject or the object before it; not a thing let in ('allowed aid to enter')."""
    for c in t.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            who = _subject(c) if c.dep_ == "ccomp" else next(
                (o for o in t.children if o.dep_ == "dobj" and o.i < c.i), None)
            if who is not None and who.pos_ != "PRON" and (ctx.is_actorish(who) or _surface_actor(ctx, who)):
                return True
    return False


def _code(ctx: _Ctx, st: _Sentence, c: _Cand, folded: dict) -> None:
    """Code one trigger of the sentence into an Event (appended to ``st.out``), or nothing when it is no event."""
    sent, seen, out, base, doc = st.sent, st.seen, st.out, ctx.base, ctx.doc
    s_start, s_end, sent_text, disaster = st.start, st.end, st.text, st.disaster
    t, e = c.tok, c.entry
    if _hypothetical(ctx, t) or not c.noun and (_object_controlled(ctx, t)):
        return
    chain = _chain(t.head if c.noun and t.dep_ != "pobj" else t)
    a_tok = _noun_actor(ctx, t, e.type) if c.protest else _actor_tok(ctx, t, c.noun)
    if a_tok is None and c.noun and not c.protest:
        a_tok = _noun_doer(ctx, t)   # "Syria's withdrawal from Lebanon": Syria withdrew
    subj = a_tok
    negated = _negated(ctx, t, chain, subj if subj is not None and subj.dep_ in ("nsubj",) else _subject(chain[-1]))
    etype, mode, negated = _reading(ctx, c, folded, chain, a_tok, negated)
    weapon = a_tok if a_tok is not None and etype in CONFLICT_MATERIAL and _armed_thing(ctx, a_tok) else None
    if weapon is not None:
        a_tok = None   # 'a truck packed with explosives crashed into the gate, killing six': the weapon, no actor
    if a_tok is not None and (_hazard(ctx, a_tok) or (
            etype in CONFLICT_MATERIAL and _lemma(t) in ctx.d.hazard_verbs and a_tok.pos_ == "NOUN"
            and not ctx.is_actorish(a_tok) and not _violent(ctx, a_tok))):
        return   # 'an earthquake killed', 'a tank exploded': no actor acted
    if a_tok is None:
        a_tok = _territorial_actor(ctx, t, c.noun, mode)   # 'was arrested in Cairo': Egypt's authorities
    actor, actor_id = _role(ctx, a_tok) if a_tok is not None else (None, None)
    if actor is None and a_tok is not None and a_tok.pos_ == "PRON" and a_tok.lower_ not in ctx.d.self_pronouns:
        # "Iraq said it would allow ...": a pronoun subject of a reported clause is the reporter
        top = _chain(a_tok.head)[-1]
        if top.dep_ in ("ccomp", "conj", "advcl") and top.head.i != top.i:
            rep = _subject(top.head)
            if rep is not None and rep.pos_ != "PRON":
                actor, actor_id = ctx.role(rep)
    tcands, target, target_id = _targets(ctx, c, etype, a_tok, weapon, actor, actor_id, mode)
    if actor_id is None and actor is not None:
        # 'police arrested ... in Harare': Zimbabwe's police (after the target: the state may be the target too)
        actor_id = domestic_state(ctx, a_tok)
    date, date_range, inferred = _date_for(ctx, s_start, s_end, t)
    reference, date, date_range, inferred = _reference(ctx, t, c.noun, date, date_range, inferred)
    location = _location(ctx, t, {actor} if actor else set())
    trig = t.text
    prt = [ch.text for ch in t.children if ch.dep_ == "prt"]
    if prt:
        trig += " " + " ".join(prt)
    if c.consumed is not None:
        trig += " " + doc[c.consumed].text
    if disaster and actor is None and etype in CONFLICT_MATERIAL:
        return   # 'four people were injured' beside an explosion or a flood, no one acting
    if etype in CONFLICT_MATERIAL and not c.noun and any(
            _hazard(ctx, o) for o in _objects(t) if o.i != c.consumed):
        return   # 'firefighters battled the blaze': a fight against a fire is no assault
    if etype == "ASSAULT" and not c.noun and _contest(t):
        return   # 'Liverpool beat them 3-1', 'she beat him in the election': a win, no attack
    if disaster and (etype == "RETREAT" or etype == "COERCE" and mode not in ("arrest", "seize")
                     or etype == "ACCUSE" and mode == "investigate"):
        # evacuations beside a flood, a state of emergency after an earthquake: the PLOVER manual codes no
        # COERCE restrict for emergencies of natural disasters, moving people out of harm is no retreat,
        # and looking into the cause of a fire is no investigation of crime or abuse
        return
    if disaster and {_lemma(t), _lemma(doc[c.consumed]) if c.consumed is not None else ""} & EVACUATION:
        return   # 'ordered the evacuation of villages ahead of the cyclone': moving people out of harm
    if etype == "MOBILIZE" and st.hazard:
        etype, mode = "AID", "relief"   # the PLOVER manual: mobilizing for disaster relief is AID
    if actor is None and etype in ("ACCUSE", "REQUEST", "REJECT", "SUPPORT", "CONSULT") and mode != "charge" and \
            (any(x.dep_ == "nsubjpass" for x in t.children) or _headline_passive(ctx, t)) and _agent(t) is None:
        return   # 'X has been accused of ...': a statement by no one named (PLOVER codes it with its source); a charge
        #          is the authorities' act and stays
    who = (actor_id or actor, target_id or target)
    if _listed_again(st, t, c.noun, who, etype):
        return
    # (an act by a weapon, no one named, is told apart from another actorless act by its weapon: 'the bomb attack
    # on the station killed two officers' codes the attack and the killing)
    # and an act told in a relative clause from one the main clause tells ('the rebels, who seized the town last
    # week, executed two soldiers': two acts)
    doer = actor_id or actor or (f"weapon:{weapon.i}" if weapon else None)
    if _in_relative(t):
        doer = f"{doer}|relcl"
    if _seen_before(seen, (s_start, etype, doer), who[1], mode):
        return
    if who[0]:
        st.acts[t.i] = st.acts[t.head.i if c.noun else t.i] = who
        st.types[t.i] = st.types[t.head.i if c.noun else t.i] = etype
    hedged = _hedged(ctx, sent, t) or any(_lemma(a) == "accuse" for a in t.ancestors)   # an act told as charged
    st.coded[t.i] = len(out)
    out.append(_event(ctx, etype=etype, mode=mode, actor=actor, actor_id=actor_id, target=target,
                      target_id=target_id, date=date, date_range=date_range, inferred=inferred,
                      location=location, hedged=hedged, negated=negated,
                      trigger_text=trig, trig_start=base + t.idx, sent_text=sent_text,
                      sent_start=s_start, sent_end=s_end, reference=reference))
    _implied(ctx, st, t, trig, tcands, etype, mode, negated, actor, actor_id, dict(
        date=date, date_range=date_range, inferred=inferred, location=location, hedged=hedged, sent_text=sent_text,
        sent_start=s_start, sent_end=s_end, reference=reference))


def _targets(ctx: _Ctx, c: _Cand, etype: str, a_tok, weapon, actor, actor_id, mode=None) -> tuple[
        list, Optional[str], Optional[str]]:
    """The trigger's target candidates and the target picked among them (name, id); ``weapon``: a thing in the
    doer's place, kept out of the target as the actor would be; soldiers or police released ('freed 40 soldiers')
    are those acted on, not the actor's own forces sent."""
    t, e = c.tok, c.entry
    if c.protest:
        nt = _noun_target(ctx, t)
        tcands = ([nt] if nt is not None else []) + [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ in (
            "against", "on") for g in ch.children if g.dep_ == "pobj"]
    else:
        tcands = []
        for o in _target_toks(ctx, t, c.noun, a_tok or weapon):
            if o.i != c.consumed or _patient_object(ctx, o) or mode == "release" and _surface_actor(ctx, o):
                tcands.append(o)
            elif etype in ("ASSAULT", "COERCE"):
                tcands.extend(_owners(ctx, o))   # 'captured a rebel base': the rebels
        if etype in ("ASSAULT", "COERCE"):   # 'shot down a government helicopter': whose it was, after the thing
            tcands.extend(w for o in list(tcands) if o.dep_ in ("dobj", "pobj") and not ctx.is_actorish(o)
                          and not _surface_actor(ctx, o) for w in _owners(ctx, o) if w not in tcands)
    if etype == "MOBILIZE":   # 'deployed troops along the border': its own forces are the means, not the target
        tcands = [o for o in tcands if ctx.role(o)[1] is not None or _patient_object(ctx, o)]
    if e.needs and e.type == "REQUEST":
        nt = _needs_token(t, e)
        if nt is not None:
            s2 = _subject(nt.head)
            if s2 is not None:
                tcands.insert(0, s2)
    target, target_id = (_pick_target(ctx, t, c.noun, a_tok or weapon, tcands, actor, actor_id, etype == "PROTEST")
                         if tcands or not c.protest else (None, None))
    if target is None or a_tok is not None and a_tok.conjuncts and _found_deeper(ctx, tcands, target, target_id):
        # 'X and Y signed a deal in Z', 'X and Y exchanged prisoners under the supervision of Z': the other party,
        # not where or under whom they acted
        target, target_id = _reciprocal_target(ctx, t, c.noun, a_tok, actor_id, c.consumed is not None) or (
            target, target_id)
    return tcands, target, target_id


# verbs and nouns of a two-sided release ('exchanged prisoners', 'a prisoner swap')
EXCHANGES = frozenset({"exchange", "swap", "trade"})


def _implied(ctx: _Ctx, st: _Sentence, t, trig: str, tcands: list, etype: str, mode: str, negated: bool,
             actor, actor_id, common: dict) -> None:
    """The events a coded act also tells of: prisoners exchanged were released on agreed terms, a territory taken
    without a fight was ceded by the other side, and a crowd dispersed had gathered in protest."""
    seen, out, base = st.seen, st.out, ctx.base
    if etype == "RETREAT" and mode == "release" and not negated and _lemma(t) in EXCHANGES:
        # 'the two sides exchanged prisoners', 'a prisoner swap took place': a release each side made on terms
        # agreed with the other (ACLED files prisoner exchanges under agreements; PLOVER AGREE)
        akey = (st.start, "AGREE", actor_id or actor)
        if akey not in seen:
            seen.add(akey)
            out.append(_event(ctx, etype="AGREE", mode="exchange", actor=actor, actor_id=actor_id, target=None,
                              target_id=None, negated=False, trigger_text=trig, trig_start=base + t.idx, **common))
    if etype == "ASSAULT" and mode == "territory" and not negated and _peaceful(t):
        # 'took control of the town without a fight': the other side ceded it (PLOVER RETREAT: ceding territory)
        rkey = (st.start, "RETREAT", None)
        if rkey not in seen:
            seen.add(rkey)
            out.append(_event(ctx, etype="RETREAT", mode="withdraw", actor=None, actor_id=None, target=actor,
                              target_id=actor_id, negated=False, trigger_text=trig, trig_start=base + t.idx,
                              **common))
    if etype in ("ASSAULT", "COERCE") and not negated:
        # 'police dispersed the demonstrators', 'broke up the rally': the text also says a protest took place
        p = next((o for o in tcands if _protest_agent(ctx, o) or (
            o.pos_ == "NOUN" and _lemma(o) in ctx.d.protest_nouns)), None)
        if p is not None:
            p_actor, p_actor_id = ctx.role(p) if _protest_agent(ctx, p) else (None, None)
            pkey = (st.start, "PROTEST", p_actor_id or p_actor)
            if pkey not in seen:
                seen.add(pkey)
                out.append(_event(ctx, etype="PROTEST", mode="demo", actor=p_actor, actor_id=p_actor_id,
                                  target=None, target_id=None, negated=False, trigger_text=p.text,
                                  trig_start=base + p.idx, **common))


def _in_relative(t) -> bool:
    """The token sits in a relative clause ('the rebels, who seized the town, ...')."""
    return any(x.dep_ == "relcl" for x in [t, *t.ancestors])


def _seen_before(seen: set, key: tuple, target, mode) -> bool:
    """The same act already coded in the sentence: its type by the same actor, unless both acts name their targets
    and their kinds (modes) and both differ ('kidnapped Russian advisers and exploded bombs in Kabul': an abduction
    and a bombing; 'shot a guard and wounded two others' stays one assault). Marks the act seen."""
    tkey = ("act",) + key
    if key in seen and (target is None or mode is None or any(
            k[:4] == tkey and (k[4] in (None, target) or k[5] in (None, mode)) for k in seen if len(k) == 6)
            or not any(k[:4] == tkey for k in seen if len(k) == 6)):
        return True
    seen.update((key, tkey + (target, mode)))
    return False


STANCE = frozenset({"ACCUSE", "REJECT"})   # a disapproval listed after an act restates the stance the act took


def _listed_again(st: _Sentence, t, noun: bool, who: tuple, etype: str) -> bool:
    """The same actor's acts listed in one clause chain about the same party ('banned the use of X's equipment and
    turned down the company's pitch', 'denied the allegations and condemned its actions') are one event, coded by
    the first, when the later act is of the first's type or a disapproval restating its stance (STANCE); acts of
    other kinds are each coded ('held talks and signed a ceasefire', 'shelled the town and withdrew'); a new target
    ('denied X and condemned the attack on Y') or a contrast ('but') makes two."""
    listed = not noun and (t.dep_ == "conj" or t.dep_ == "advcl" and t.tag_ == "VBG") and not any(
        x.dep_ == "cc" and x.lower_ in ("but", "yet") for x in (*t.head.children, *t.children))
    first = st.acts.get(t.head.i)
    if who[0] and listed and first and first[0] == who[0] and who[1] in (None, first[1]) and \
            (st.types.get(t.head.i) in (None, etype) or etype in STANCE):
        st.acts[t.i] = first
        st.types[t.i] = st.types.get(t.head.i)
        return True
    return False


# ------------------------------------------------------------------ the learned classifier (events_learned.py)
EVACUATION = frozenset({"evacuate", "evacuation", "relocate", "relocation", "rescue"})
FALLBACK_P = 0.6   # the classifier's root is taken for a sentence the rules gave nothing from this probability


def _learned(ctx: _Ctx, sent, out: list, n_before: int, seen: set, *, hazard: bool, disaster: bool, span) -> None:
    """Where the rules stop: beside a hazard, drop the sentence's events when the classifier's most probable
    reading is no political event; in a sentence the rules gave nothing, add the classifier's root when its main
    verb has an actor as subject. Nothing happens without the weights or without the parse's tensor."""
    model = learned.load_model()
    if model is None or (len(out) > n_before and not hazard):
        return
    v = a_tok = None
    if len(out) == n_before:    # nothing coded: only a main verb with an actor as subject takes the classifier's root
        v = None if disaster else _fallback_verb(ctx, sent)     # (checked before the costlier features)
        if v is None or _hypothetical(ctx, v):
            return
        a_tok = _actor_tok(ctx, v, False)
        if a_tok is None or not ctx.is_actorish(a_tok) or _hazard(ctx, a_tok):
            return
    x = sentence_features(sent)
    if x is None:
        return
    label, p, p_none = model.predict(x)
    if len(out) > n_before:
        if label == NONE:   # beside a hazard, the classifier's best reading is no political event
            del out[n_before:]
        return
    if label == NONE or p < FALLBACK_P:
        return
    if label == "PROTEST" and (_state_actor(ctx, a_tok) or (ctx.d.agents.get(_lemma(a_tok)) or "")[:3] in (
            "COP", "MIL", "JUD")):
        return   # the PLOVER manual: a state and its forces do not protest (the classifier reads the topic)
    if label == "ASSAULT" and _contest(v):
        return   # a win told with a verb of force ('beat him in the election')
    if label in CONFLICT_MATERIAL and {e.type for e in ctx.d.verbs.get(_lemma(v), ())} == {"RETREAT"}:
        return   # a verb the lexicon knows only as leaving is no force, whatever the sentence's topic: 'civilians
        #          fled the fighting', 'the minister quit the government after the attack'
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
