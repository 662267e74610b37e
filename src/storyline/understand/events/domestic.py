"""Domestic agents: an actor the text names only by a generic agent noun ('police', 'the army', 'Rebels',
'hundreds of students') stands for that agent of the one state its sentence names.

The PLOVER/Phoenix coders' convention (Phoenix.agents.txt gives the sector, the sentence the country): 'police
arrested two activists in Kenya' codes the police with Kenya. The event keeps the noun as its name and takes the id
of the state's own actor, as a body an actor owns keeps its owner's id. Nothing is given when the sentence names no
state or more than one, or names it only by a city or a person of it (a city's police are no state's); when the
noun carries a name of its own the resolver did not place ('Islamic State militants', 'its troops'; a people's name
is none: 'Kurdish rebels' in Iran are Iran's, as the coders have 'ethnic Albanians' in Serbia); or when the noun
names people who are by nature from elsewhere (refugees, tourists, diplomats, peacekeepers).

Targets are left as named: the linker reads a target with an id as a named participant, and giving one to 'the
opposition leader' or a city's police split reports of one act (ECB+ merged events half A 0.731 -> 0.724, and
0.743 -> 0.736 overall with the city's state, for no plover-gsr target gained)."""
from __future__ import annotations

from typing import Optional

from storyline.understand import actor_dictionary as D
from storyline.understand.events.tokens import QUANTITY_HEADS, _Ctx, _lemma

# Phoenix sectors of bodies and people that belong to no one state of the sentence
FOREIGN_SECTORS = ("REF", "NGO", "IGO")
# people news names in a country they are not from, or sent to another state ('expelled two diplomats')
FOREIGN_NOUNS = {"foreigner", "tourist", "visitor", "migrant", "immigrant", "emigrant", "refugee", "expatriate",
                 "expat", "peacekeeper", "observer", "monitor", "inspector", "diplomat", "ambassador", "envoy",
                 "consul", "delegation", "delegate", "mediator", "negotiator", "traveller", "traveler",
                 "asylum", "seeker", "national", "counterpart", "ally", "partner", "neighbour", "neighbor",
                 "foreign", "outsider", "stranger", "mercenary", "volunteer", "donor", "investor", "creditor"}
NAME_LABELS = {"NORP", "ORG", "GPE", "PERSON", "LOC", "FAC"}


def domestic_state(ctx: _Ctx, t) -> Optional[str]:
    """The actor id standing for the one state t's sentence names, when t is a domestic agent noun with no
    actor of its own; None otherwise."""
    if t is None or t.pos_ not in ("NOUN", "NUM") and not _capitalised_noun(t):
        return None
    head = _agent_head(ctx, t)
    if head is None or _forms(head) & FOREIGN_NOUNS:
        return None
    if any((ctx.d.agents.get(w) or "").startswith(FOREIGN_SECTORS) for w in _forms(head)):
        return None
    if any(c.i < head.i and (c.dep_ == "poss" or not _people_word(c) and (
            c.pos_ == "PROPN" or c.ent_type_ in NAME_LABELS)) for c in head.children
           if c.dep_ in ("poss", "compound", "amod", "nmod")):
        return None   # 'its troops', 'Islamic State fighters': whose they are is said, and not by a state we know
    return _of_state(ctx, head) or _one_state(ctx, t)


def _of_state(ctx: _Ctx, head) -> Optional[str]:
    """The state an 'of' phrase gives the noun ('the king of Jordan', 'the people of Iraq')."""
    for p in head.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            for g in p.children:
                aid = ctx.role(g)[1] if g.dep_ == "pobj" else None
                a = ctx.actors.get(aid) if aid else None
                if a is not None and a.country and a.type == "GPE":
                    return aid
    return None


def _people_word(c) -> bool:
    """One word naming a people or a faith ('Kurdish', 'Tamil', 'Islamist'), not a name of several words
    ('Islamic State')."""
    return c.ent_type_ == "NORP" and not any(x.dep_ in ("compound", "amod", "flat") for x in c.children)


def _agent_head(ctx: _Ctx, t):
    """The agent noun t names: t itself, or the noun a quantity counts ('hundreds of students')."""
    if t.lower_ in QUANTITY_HEADS or _lemma(t) in QUANTITY_HEADS or t.pos_ == "NUM":
        for p in t.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for g in p.children:
                    if g.dep_ == "pobj":
                        return _agent_head(ctx, g)
        return None
    if t.pos_ != "NOUN" and not _capitalised_noun(t) or not any(
            w in ctx.d.agents or w in D.ACTOR_NOUNS for w in _forms(t)):
        return None
    return t


def _forms(t) -> set[str]:
    """t's lemma and lower-cased form, and that form less a plural 's' (a capitalised 'Rebels' keeps its plural as
    its lemma)."""
    low = t.lower_
    return {_lemma(t), low, low[:-1] if low.endswith("s") else low}


def _capitalised_noun(t) -> bool:
    """A common noun the tagger took for a name because it opens the sentence ('Rebels in X freed ...',
    'Guerrillas killed ...'): a proper-noun tag outside any entity on the sentence's first word (a title used as
    a name elsewhere, 'the Pope', is someone's own)."""
    return t.pos_ == "PROPN" and not t.ent_type_ and t.is_title and t.is_sent_start


def _one_state(ctx: _Ctx, t) -> Optional[str]:
    """The id of the one country the mentions of t's sentence name, when the sentence names the state itself (its
    name, people or capital: 'in Kenya', 'Iraqi', 'Khartoum' as the state), not only a city or a person of it
    ('police in Springfield': a city's own force is no state's; a descriptor there stays unnamed, as the linker
    reads it). None: no state, or two or more."""
    sent = t.sent
    start, end = ctx.base + sent.start_char, ctx.base + sent.end_char
    found: dict[str, str] = {}
    for m in ctx.mentions:
        if m.start >= end:
            break
        a = ctx.actors.get(m.actor_id) if m.start >= start and m.actor_id else None
        if a is not None and a.country:
            if a.country not in found or a.id == f"gpe:{a.country}":
                found[a.country] = a.id
    if len(found) != 1:
        return None
    own = f"gpe:{next(iter(found))}"
    return own if found[next(iter(found))] == own else None


def own_place(ctx: _Ctx, o, a_tok) -> bool:
    """A city of the actor's own state named as the target ('Bosnian Serb forces shelled Sarajevo', 'the Afghan
    army entered Kabul'): the capital resolves to the state's actor, as the actor does, yet the act is done to the
    place (civil wars, a state's own cities). Not when the actor is named by that same place ('Moscow said ...')
    or the object names the state itself ('Syria', 'Syrian')."""
    if a_tok is None or o is None or o.i == a_tok.i:
        return False
    m = ctx.mention_in(*ctx.core_span(o), ctx.tok_span(o)[0])
    am = ctx.mention_in(*ctx.core_span(a_tok), ctx.tok_span(a_tok)[0])
    if m is None or am is None or m is am or m.label not in ("GPE", "LOC", "FAC") or m.text == am.text:
        return False
    found = D.countries().lookup(m.text)
    return found is None or found[1] == "capital"
