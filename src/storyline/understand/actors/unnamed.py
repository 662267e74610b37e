"""Unnamed actors: a person, group or place the article names only by a common noun ("the jury", "the driver",
"prosecutors", "the scene") and that no pass tied to a named actor. Where the article ties the same word to one
named actor elsewhere ("the driver, Jane Roe, ... the driver said"), it is that actor. Else each noun's lemma is
one unnamed actor of
the article (``norp:driver``, ``loc:scene``, named by the lemma, in lower case: never a name, never an alias);
the link step joins it across articles only where the articles share named co-actors (the jury of one trial).
A he/she or they no named actor took, after such a noun, is that unnamed person or group ("a driver ... he
fled", "police said they").

Added after quotes and events (like the headline's mentions): they read the named actors only. The nouns are
general English: the person roles and group heads of ``actor_dictionary``, Phoenix's person agents
(``person_agents``: "an arsonist", "looters"), and the kinds of places of ``facilities`` with a few place nouns of
news reports (scene, building, home)."""
from __future__ import annotations

from spacy.tokens import Doc

from storyline.model import Actor, Mention
from storyline.understand import actor_dictionary as D
from storyline.understand.actors.facilities import KIND_OF
from storyline.understand.actors.headline import pronoun_gender
from storyline.understand.actors.person_agents import person_agents
from storyline.understand.nlp import sentence_index_at, sentences

# the roles and groups of the dictionary, and the few nouns of a person or a body that are no role ("the fetus", "a
# baby", "federal agencies")
PEOPLE = D.PERSON_ROLES | D.GROUP_HEADS | D.TEAM_DESCRIPTORS | {"jury", "family", "gang", "crew", "panel", "fetus",
                                                                "foetus", "baby", "newborn", "agency"}
PLACES = set(KIND_OF) - {"mount", "mt", "unit", "state", "center", "centre", "treatment", "recovery", "club"} | {
    "scene", "building", "house", "home", "site", "area", "city", "town", "street", "rooftop", "compound",
    "neighborhood", "neighbourhood", "apartment", "shelter", "highway", "border", "country"}
COUNTS = {"dozen", "hundred", "thousand", "score"}
NOT_ACTORS = {"force", "security", "intelligence", "mission", "jet", "aircraft", "vessel", "tank", "artillery",
              "bomber", "helicopter", "gunboat", "warship", "warplane", "patrol", "party", "paper", "daily",
              "weekly", "radio", "television", "media", "press", "star", "model", "national", "court", "group"}


def unnamed_mentions(doc: Doc, mentions: list[Mention], actors: list[Actor],
                     sents: list | None = None) -> tuple[list[Mention], list[Actor]]:
    """Mentions of the unnamed actors of ``doc`` (text offsets; no token inside a mention of ``mentions``) and
    their actor records (ids already among ``actors`` are reused, never recreated); ``sents``: the doc's
    ``sentences``, when the caller has them already."""
    if not doc.has_annotation("DEP"):
        return [], []
    taken = [(m.start, m.end) for m in mentions]
    known = {a.id for a in actors}
    tied: dict[str, set[str]] = {}          # a descriptor's head word -> the named actors the article gave it
    first: dict[str, int] = {}              # actor id -> where the article first gives its name
    for m in mentions:
        if m.actor_id and m.sentence >= 0 and m.label == "PERSON":
            first[m.actor_id] = min(first.get(m.actor_id, m.start), m.start)
    for m in mentions:
        if m.label == "DESC" and m.actor_id and m.text.split():
            tied.setdefault(m.text.split()[-1].lower(), set()).add(m.actor_id)
    sents = sentences(doc) if sents is None else sents
    out: list[Mention] = []
    new: dict[str, Actor] = {}
    people: list = []                       # (noun token, mention) of unnamed people named by a singular noun
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or tok.dep_ == "compound" or lemma in NOT_ACTORS or (
                tok.ent_type_ and not (tok.ent_type_ == "CARDINAL" and _counted_people(tok))):
            continue
        kind = "norp" if lemma in PEOPLE or lemma in person_agents() or _counted_people(tok) \
            else "loc" if lemma in PLACES else None
        if kind is None or any(s < tok.idx + len(tok) and tok.idx < e for s, e in taken):
            continue
        left = [c.left_edge.i for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod", "det"}]
        start = min([tok.i, *left])
        while start < tok.i and any(s < doc[start].idx + len(doc[start]) and doc[start].idx < e for s, e in taken):
            start += 1
        same = tied.get(tok.lower_, set())
        if len(same) == 1 and _indefinite(tok) and first.get(next(iter(same)), tok.idx) < tok.idx:
            same = set()    # "a woman" once the woman's name was given: someone new
        aid = next(iter(same)) if len(same) == 1 else f"{kind}:{D.slug(lemma)}"
        if aid not in known:
            new.setdefault(aid, Actor(id=aid, name=lemma, type="NORP" if kind == "norp" else "LOC"))
        span = doc[start:tok.i + 1]
        out.append(Mention(start=span.start_char, end=span.end_char, text=span.text, label="DESC", actor_id=aid,
                           sentence=sentence_index_at(sents, span.start_char)))
        taken.append((span.start_char, span.end_char))
        if kind == "norp":
            people.append((tok, out[-1]))
    out.extend(_pronouns(doc, people, taken, sents))
    return out, list(new.values())


def _indefinite(tok) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in tok.children)


def _counted_people(tok) -> bool:
    """'Dozens were injured', 'hundreds fled': a plural count standing alone for people (not 'dozens of
    houses', whose noun says what is counted), the subject or object of a verb."""
    return tok.lemma_.lower() in COUNTS and tok.tag_ == "NNS" and tok.dep_ in {"nsubj", "nsubjpass", "dobj"} \
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _gender(lemma: str) -> str | None:
    if lemma in D.FEMALE_ROLES or lemma in D.FEMALE_RELATIONAL:
        return "F"
    if lemma in D.MALE_ROLES or lemma in D.MALE_RELATIONAL:
        return "M"
    return None


def _plural(noun) -> bool:
    """People named in the plural ("prosecutors") or by a noun English construes as plural ("police")."""
    return noun.tag_ == "NNS" or noun.lemma_.lower() in {"police", "people"}


WHO = frozenset({"who", "whom", "whose"})


def _pronouns(doc: Doc, people: list, taken: list, sents: list) -> list[Mention]:
    """He/she/him/her left unresolved by the named people (none of that gender was named before), and 'who'
    opening a clause on the noun: the unnamed person named by a singular noun last, in this sentence or the one
    before, whose gender English does not mark otherwise ("A 59-year-old woman was struck as she crossed";
    "a driver who fled"); they/them/their left unresolved: the unnamed people named in the plural last there
    ("Authorities say they suspect arson"). Mentions, never aliases."""
    out: list[Mention] = []
    for tok in doc:
        low = tok.lower_
        if low not in WHO and low not in D.PERSON_PRONOUNS and low not in D.THEY_PRONOUNS or any(
                s < tok.idx + len(tok) and tok.idx < e for s, e in taken):
            continue
        m = None
        if low in WHO and tok.head.dep_ == "relcl":
            m = next((m for noun, m in people if noun.i == tok.head.head.i), None)
        elif low in D.PERSON_PRONOUNS:
            want = pronoun_gender(low)
            here = sentence_index_at(sents, tok.idx)
            near = [m for noun, m in people if m.end <= tok.idx and here - m.sentence <= 1 and noun.tag_ == "NN"
                    and _gender(noun.lemma_.lower()) in {None, want}]
            m = near[-1] if near else None
        elif low in D.THEY_PRONOUNS:
            here = sentence_index_at(sents, tok.idx)
            near = [m for noun, m in people if m.end <= tok.idx and here - m.sentence <= 1 and _plural(noun)]
            m = near[-1] if near else None
        if m is not None:
            out.append(Mention(start=tok.idx, end=tok.idx + len(tok), text=tok.text, label="PRON",
                               actor_id=m.actor_id, sentence=sentence_index_at(sents, tok.idx)))
            taken.append((tok.idx, tok.idx + len(tok)))
    return out
