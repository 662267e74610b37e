"""Corpus-level actor resolution: one canonical actor per real person, organisation or place across articles.

The understand stage resolves the mentions of one article to article-level actors whose ids come from the name
as written there (``person:fred-larue`` where the article gives the full name, ``person:larue`` or even
``org:larue`` where it gives the surname alone; ``person:vincent-the-chin-gigante`` with the nickname). Here
each (article, article-level actor) is filed under a canonical actor of the corpus, incrementally:

- people: the name without titles, honorifics, nicknames in quotes, generational suffixes and possessives;
  a full name joins the canonical person with the same surname whose first name agrees (equal, an initial, a
  short form that opens it: "Fred"/"Frederick", or a common English nickname); a surname alone joins the one
  canonical person of that surname, or, when several share it, the one whose co-actors the article shares;
  a one-word name the tagger called an organisation or a place (not a state) is a surname too, the surname of the
  one person of that surname its own article names first of all ("Palin" beside "Sarah Palin"); a full name whose
  surname is one letter from a known person's with the same given name ("Duncan Raite", "Duncan Rait") joins
  them, a surname alone one letter from a known one only with shared co-actors; a name tagged as a person
  that no person bears but one organisation or place does ("Betty Ford" beside the Betty Ford Center) is it;
  a role noun an article leaves unnamed ("the judge") is the one person other articles tie that role to
  ("Judge Jane Roe", "Roe, the judge") among those who share the article's named co-actors (``Canon.roles``);
- organisations: the name without "the", legal suffixes and punctuation ("U.S.", "US" and "United States" one
  key); an acronym joins the organisation whose initials it spells; a last word alone ("Colts") joins the one
  organisation it ends; a name two organisations share joins the most reported, never a third;
- places: the name without a trailing place word ("New York State" = "New York", but "Kansas City" and "San Diego
  County" are places of their own); states keep their ISO ids; a place an article names by a common noun alone
  ("the facility") is the one named place of that kind the article names, else an unnamed place (``places.py``).

Names that stay ambiguous stay apart. Every filing keeps its evidence (the rule and the names it compared).
The index is plain JSON-able data, kept between link runs (``to_state`` / ``from_state``). How names are
keyed and compared: ``actor_names.py``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .actor_names import (
    GENERIC_ROLES,
    MIN_SHARED,
    ORG_TYPES,
    PLACE_TAIL,
    PRONOUNS,
    STATE_ID,
    TITLES,
    first_names_agree,
    initials,
    is_name,
    is_unnamed,
    made_order,
    org_key,
    person_parts,
    place_key,
    role_key,
    unnamed_key,
    words,
)
from .places import kind_keys, noun_kind, place_across, tied_place

__all__ = ["ActorIndex", "Canon", "Filing", "Local", "PLACE_TAIL", "PRONOUNS", "TITLES", "is_name", "is_unnamed",
           "org_key", "person_parts", "place_key", "words"]


@dataclass
class Local:
    """One article-level actor as the understand stage stored it."""
    article_id: str
    id: str
    name: str
    type: str
    country: Optional[str] = None
    sector: Optional[str] = None
    aliases: tuple[str, ...] = ()
    mentions: int = 1
    roles: tuple[str, ...] = ()     # role nouns the article ties to it ("judge": ``actor_names.roles_of``)


@dataclass
class Canon:
    id: str
    name: str
    type: str
    country: Optional[str] = None
    sector: Optional[str] = None
    first: str = ""                 # people: given name ("" when only the surname was ever seen)
    last: str = ""                  # people: surname; organisations / places: key
    names: Counter = field(default_factory=Counter)     # display names seen (full names count double)
    types: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    sectors: Counter = field(default_factory=Counter)
    co: Counter = field(default_factory=Counter)        # co-occurring canonical ids (context)
    articles: int = 0
    keys: set = field(default_factory=set)              # organisations / places: the lookup keys it holds
    roles: Counter = field(default_factory=Counter)     # role nouns articles tied to it ("judge") -> articles

    def to_list(self) -> list:
        return [self.id, self.name, self.type, self.first, self.last, dict(self.names), dict(self.types),
                dict(self.countries), dict(self.sectors), dict(self.co.most_common(40)), self.articles,
                sorted(self.keys), dict(self.roles)]

    @classmethod
    def from_list(cls, x: list) -> Canon:
        c = cls(id=x[0], name=x[1], type=x[2], first=x[3], last=x[4], names=Counter(x[5]), types=Counter(x[6]),
                countries=Counter(x[7]), sectors=Counter(x[8]), co=Counter(x[9]), articles=x[10], keys=set(x[11]),
                roles=Counter(x[12] if len(x) > 12 else {}))
        c.refresh()
        return c

    def refresh(self) -> None:
        self.type = self.types.most_common(1)[0][0] if self.types else self.type
        if self.names:
            self.name = max(self.names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        self.country = self.countries.most_common(1)[0][0] if self.countries else None
        self.sector = self.sectors.most_common(1)[0][0] if self.sectors else None


@dataclass
class Filing:
    article_id: str
    local_id: str
    canonical_id: str
    evidence: str


def _spells(name: str) -> set[str]:
    """What an organisation's own display name spells as an acronym: its initials, or itself when it is one."""
    bare = name.replace(".", "").replace("&", "")
    if bare.isalpha() and bare.isupper() and len(bare) <= 6:
        return {bare.lower()}
    return {initials(org_key(name))} if len(words(name)) >= 2 else set()


class ActorIndex:
    """Canonical actors of a corpus, grown one batch of articles at a time."""

    def __init__(self) -> None:
        self.canon: dict[str, Canon] = {}
        self.by_last: dict[str, set[str]] = {}      # people: surname -> canonical ids
        self.by_first: dict[str, set[str]] = {}     # people: given name -> canonical ids (full names only)
        self.by_key: dict[str, set[str]] = {}       # "org|key", "place|key", "acr|INITIALS", "tail|word"
        self.place_words: set[str] = set()         # place keys of one word of six letters or more
        self.unnamed: set[str] = set()             # canonical ids of unnamed actors ("jury", "driver")
        self.by_role: dict[str, set[str]] = {}     # role noun -> canonical ids of named actors articles tie it to

    # ------------------------------------------------------------ lookups
    def _index(self, c: Canon, keys: Iterable[str]) -> None:
        for k in keys:
            if k:
                self.by_key.setdefault(k, set()).add(c.id)
                c.keys.add(k)
                self._note_place_word(k)

    def _note_place_word(self, k: str) -> None:
        if k.startswith("place|") and " " not in k and len(k) >= 12:
            self.place_words.add(k[6:])

    def _new(self, loc: Local, first: str = "", last: str = "") -> Canon:
        cid = loc.id
        n = 2
        while cid in self.canon:
            cid = f"{loc.id}~{n}"
            n += 1
        c = Canon(id=cid, name=loc.name, type=loc.type, first=first, last=last)
        self.canon[cid] = c
        return c

    def _context_pick(self, cands: list[str], context: set[str]) -> Optional[str]:
        """The candidate whose co-actors the article shares most (None on a tie or no overlap)."""
        scored = sorted(((sum(1 for x in context if x in self.canon[c].co), c) for c in cands), reverse=True)
        if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1]
        return None

    def _person(self, loc: Local, context: set[str]) -> tuple[Optional[Canon], str, tuple[str, ...]]:
        parts = max((person_parts(n) for n in (loc.name, *loc.aliases) if is_name(n) or n == loc.name),
                    key=len, default=())
        if not parts:
            return None, "", parts
        last = parts[-1]
        cands = [self.canon[c] for c in self.by_last.get(last, ())]
        if len(parts) >= 2:
            first = parts[0]
            ok = [(c, first_names_agree(first, c.first) if c.first else "surname seen alone before")
                  for c in cands]
            ok = [(c, why) for c, why in ok if why]
            full = [(c, why) for c, why in ok if c.first]
            if full:
                ok = full          # a full name prefers the people already known by a full name
            if len(ok) == 1:
                return ok[0][0], f"{ok[0][1]} and surname", parts
            if len(ok) > 1:
                exact = [c for c, why in ok if why == "same given name"]
                if len(exact) == 1:
                    return exact[0], "same given name and surname", parts
                pick = self._context_pick([c.id for c, _ in ok], context)
                if pick:
                    return self.canon[pick], "same surname, shared co-actors", parts
            if not cands:
                return self._misspelt_surname(parts) + (parts,)
            return None, "", parts
        # a surname (or a single name) alone
        if not cands and len(parts) == 1:                # "Lindsay" alone: the one person of that given name
            given = [c for c in self.by_first.get(last, ())]
            if len(given) == 1:
                return self.canon[given[0]], "given name alone, one person of that name", parts
        if not cands and len(parts) == 1:                # "Klistchko" where the corpus knows one "Klitschko"
            near = [c for c in self._near_surnames(last) if self.canon[c].first]
            pick = near[0] if len(near) == 1 else self._context_pick(near, context) if near else None
            if pick and self._context_pick([pick], context):
                return self.canon[pick], "surname one letter from a known person's, shared co-actors", parts
        if len(cands) == 1:
            return cands[0], "surname alone, one person of that name", parts
        if len(cands) > 1:
            pick = self._context_pick([c.id for c in cands], context)
            if pick:
                return self.canon[pick], "surname alone, shared co-actors", parts
        return None, "", parts

    def _misspelt_surname(self, parts: tuple[str, ...]) -> tuple[Optional[Canon], str]:
        """'Duncan Raite' where the corpus knows one 'Duncan Rait': the same given name and a surname one edit
        (a letter added, dropped, changed or two swapped) from it; surnames of four letters or more only."""
        first, last = parts[0], parts[-1]
        if len(first) < 2 or len(last) < 4:
            return None, ""
        hits = [self.canon[c] for c in self.by_first.get(first, ())
                if self.canon[c].last != last and len(self.canon[c].last) >= 4
                and OSA.distance(self.canon[c].last, last) <= 1]
        if len(hits) == 1:
            return hits[0], "same given name, surname one letter apart"
        return None, ""

    def _near_surnames(self, last: str) -> list[str]:
        """Canonical people whose surname is one edit from ``last`` (six letters or more)."""
        if len(last) < 6:
            return []
        keys = [k for k in self.by_last if k != last and abs(len(k) - len(last)) <= 1 and len(k) >= 6]
        near = [k for k, _, _ in process.extract(last, keys, scorer=OSA.distance, score_cutoff=1, limit=5)]
        return sorted({c for k in near for c in self.by_last[k]})

    def _org(self, loc: Local, context: Iterable[str] = ()) -> tuple[Optional[Canon], str, list[str]]:
        names = [n for n in {loc.name, *loc.aliases} if is_name(n) or n == loc.name]
        keys = sorted({org_key(n) for n in names} - {""})
        idx = [f"org|{k}" for k in keys]
        look = list(idx)
        for n in names:      # an acronym ("AMD") matches the initials of a name in full, never two names' initials
            if len(n) >= 2 and n.replace(".", "").replace("&", "").isalpha() and n.replace(".", "").isupper() \
                    and len(n.replace(".", "")) <= 6:
                idx.append(f"acr|{n.replace('.', '').lower()}")
                look.append(f"ini|{n.replace('.', '').lower()}")
            elif len(words(n)) >= 2:
                idx.append(f"ini|{initials(org_key(n))}")
                look.append(f"acr|{initials(org_key(n))}")
        hits: dict[str, str] = {}
        for k in look:
            for cid in self.by_key.get(k, ()):
                hits.setdefault(cid, "same organisation name" if k.startswith("org|") else "acronym")
        hits = {c: w for c, w in hits.items() if self.canon[c].type != "PERSON" or w == "same organisation name"}
        if len(hits) == 1:
            cid, why = next(iter(hits.items()))
            return self.canon[cid], why, idx
        if len(hits) > 1:
            same = sorted(c for c, w in hits.items() if w == "same organisation name")
            if len(same) == 1:
                return self.canon[same[0]], "same organisation name", idx
            if same:     # two organisations of one name are rare: the one most reported (never a new third one)
                best = max(same, key=lambda c: (self.canon[c].articles, c))
                return self.canon[best], f"same organisation name (the most reported of {len(same)})", idx
            spelt = {k[4:] for k in look if k[:4] in {"ini|", "acr|"}}
            own = [c for c in hits if _spells(self.canon[c].name) & spelt]
            if len(own) == 1:    # "UN": "United Nations", not the council whose article also wrote "United Nations"
                return self.canon[own[0]], "acronym of its own name", idx
            return self._acronym_by_context(sorted(own or hits), context, spelt, idx)
        if len(keys) == 1 and " " not in keys[0]:       # "Colts" -> the one organisation named "... Colts"
            tail = self.by_key.get(f"tail|{keys[0]}", set())
            if len(tail) == 1:
                return self.canon[next(iter(tail))], "last word of the organisation's name", idx
        for k in keys:                                   # "New Orleans Saints" -> the "Saints" seen alone before
            if " " in k:
                short = [c for c in self.by_key.get(f"org|{k.split()[-1]}", ())
                         if " " not in org_key(self.canon[c].name)]
                if len(short) == 1:
                    return self.canon[short[0]], "its last word named it before", idx
        places = {c for k in keys for c in self.by_key.get(f"place|{place_key(k)}", ())}
        if len(places) == 1:                             # "Queens" tagged an organisation in one article
            return self.canon[next(iter(places))], "same name as a place", idx
        return None, "", idx

    def _acronym_by_context(self, cands: list[str], context: Iterable[str], spelt: set[str],
                            idx: list[str]) -> tuple[Optional[Canon], str, list[str]]:
        """An acronym two organisations spell ("AP": a news agency and a film of those initials): the one whose
        articles name at least ``MIN_SHARED`` of the actors this article names (states aside), more than any other;
        else none (one shared city joined a university's "USC" to the U.S. Customs on ECB+)."""
        named = {x for x in context if x not in self.unnamed and not STATE_ID.match(x)}
        pick = self._context_pick(cands, named)
        shared = sum(1 for x in named if x in self.canon[pick].co) if pick else 0
        if shared < MIN_SHARED:
            return None, "", idx
        return self.canon[pick], (f"acronym {'/'.join(sorted(spelt)).upper()} of {len(cands)} organisations' names, "
                                  f"{shared} named co-actors shared"), idx

    def _place(self, loc: Local) -> tuple[Optional[Canon], str, list[str]]:
        keys = sorted({place_key(n) for n in {loc.name, *loc.aliases} if is_name(n) or n == loc.name} - {""})
        idx = [f"place|{k}" for k in keys]
        hits = {cid for k in idx for cid in self.by_key.get(k, ())}
        if len(hits) == 1:
            return self.canon[next(iter(hits))], "same place name", idx
        if not hits:
            orgs = {cid for k in keys for cid in self.by_key.get(f"org|{org_key(k)}", ())}
            if len(orgs) == 1:                           # a place name the tagger read as an organisation elsewhere
                return self.canon[next(iter(orgs))], "same name as an organisation", idx
            near = {cid for k in keys for cid in self._near_place(k)}
            if len(near) == 1:                           # a transliteration: one letter added, dropped or changed
                return self.canon[next(iter(near))], "place name one letter apart", idx
        return None, "", idx

    def _near_place(self, key: str) -> set[str]:
        """Places of one word whose name is one edit from ``key`` (both six letters or more: transliterations),
        when one such name is known."""
        if " " in key or len(key) < 6:
            return set()
        names = [k for k in self.place_words if k != key and abs(len(k) - len(key)) <= 1]
        near = [k for k, _, _ in process.extract(key, names, scorer=OSA.distance, score_cutoff=1, limit=3)]
        if len(near) != 1:
            return set()
        return {c for c in self.by_key.get(f"place|{near[0]}", ()) if not STATE_ID.match(c)}

    # ------------------------------------------------------------ filing
    @staticmethod
    def _anchor(loc: Local) -> bool:
        """States and full person names: unambiguous, filed first so they anchor the rest."""
        return bool(STATE_ID.match(loc.id)) or (loc.type == "PERSON" and len(person_parts(loc.name)) >= 2) or \
            (loc.type in ORG_TYPES and len(org_key(loc.name).split()) >= 2)

    def file_batch(self, articles: list[tuple[str, list[Local]]]) -> list[Filing]:
        """File the actors of a batch of articles: first every state and full person name of the batch, then the
        rest article by article (a surname alone, an organisation, a place), with the article's anchors as
        context. Returns one Filing per article-level actor."""
        out: list[Filing] = []
        placed: dict[str, dict[str, Canon]] = {}
        for aid, locs in articles:
            placed[aid] = {}
            for loc in sorted((lc for lc in locs if self._anchor(lc)), key=lambda lc: (-lc.mentions, lc.id)):
                canon, why = self._resolve(loc, set())
                placed[aid][loc.id] = canon
                out.append(Filing(aid, loc.id, canon.id, why))
        for named in (True, False):     # unnamed ones last, once every role the batch ties to a name is known
            for aid, locs in articles:
                here = placed[aid]
                before = {c.id for c in here.values()}
                for loc in sorted((lc for lc in locs if not self._anchor(lc) and self._is_unnamed(lc) != named),
                                  key=lambda lc: (-lc.mentions, lc.id)):
                    canon, why = self._resolve(loc, {c.id for c in here.values()})
                    here[loc.id] = canon
                    out.append(Filing(aid, loc.id, canon.id, why))
                if named:
                    for c in {c.id: c for c in here.values()}.values():
                        c.roles.update(set().union(*(lc.roles for lc in locs if placed[aid].get(lc.id) is c)))
                self._count(here, set() if named else before)
        return out

    def _count(self, here: dict[str, Canon], counted: set[str]) -> None:
        """One more article for each canonical actor of ``here`` not ``counted`` already, with the article's
        named actors as co-actors."""
        ids = {c.id for c in here.values()} - self.unnamed     # context is what the article names
        for c in {c.id: c for c in here.values() if c.id not in counted}.values():
            c.articles += 1
            c.co.update(ids - {c.id})
            if len(c.co) > 80:
                c.co = Counter(dict(c.co.most_common(40)))
            c.refresh()

    def file(self, article_id: str, locals_: list[Local]) -> list[Filing]:
        """File one article's actors (``file_batch`` of one)."""
        return self.file_batch([(article_id, locals_)])

    @staticmethod
    def _is_unnamed(loc: Local) -> bool:
        return is_unnamed(loc.type, loc.name, loc.country)

    def _unnamed(self, loc: Local, context: set[str]) -> tuple[Canon, str]:
        """The unnamed actor of that noun whose articles share at least ``MIN_SHARED`` named co-actors (states
        aside) with this one, the most of any (the jury of one trial); else a new one. Where two such actors
        share as many, they are two pieces of one (reports that named fewer people came first): the most reported,
        else the first made, takes this one (a new third piece would only split the trial's jury further)."""
        key = f"unnamed|{loc.type}|{unnamed_key(loc.name)}"
        named = {x for x in context if x not in self.unnamed and not STATE_ID.match(x)}
        held = self._by_role(loc, named) if loc.type == "NORP" else self._tied_place(loc, named)
        if held is not None:
            return held
        scored = sorted(((sum(1 for x in named if x in self.canon[c].co), self.canon[c].articles, -made_order(c), c)
                         for c in self.by_key.get(key, ())), reverse=True)
        if scored and scored[0][0] >= MIN_SHARED:
            tie = len(scored) > 1 and scored[1][0] == scored[0][0]
            c = self.canon[scored[0][-1]]
            why = f"same noun, {scored[0][0]} named co-actors shared" + (" (the most reported of those)" if tie else "")
        else:
            c, why = self._new(loc), f"new unnamed {loc.type.lower()}"
            self.unnamed.add(c.id)
        self._index(c, [key])
        self._absorb(c, loc)
        return c, why

    def _by_role(self, loc: Local, named: set[str]) -> Optional[tuple[Canon, str]]:
        """An unnamed person ("the judge" here) is the one named person other articles tie that role noun to
        ("Judge Jane Roe", "Roe, the judge" there) whose co-actors include at least ``MIN_SHARED`` of the actors
        this article names (states aside; the person named here counts too). Several such people, or none: None
        (the noun stays an unnamed actor; taking the one that shares the most co-actors lifted half B's entities
        by 0.004 but split one of its stories on ECB+). None too for a noun that says what someone is, not the
        role they play ("the man", "the team": ``GENERIC_ROLES``). Unnamed places are left alone: measured on
        ECB+ topics A they moved little and the topic halves apart. An unnamed "police" joined to the one force
        other articles tie that noun to the same way (the NYPD) lifted topics A by 0.001 and cost entity precision
        0.005 (roles such as "officer" then joined the person the police shot): left out."""
        role = role_key(loc.name)
        if not role or not named or loc.type != "NORP" or role in GENERIC_ROLES:    # people, by a role
            return None
        cands = []
        for cid in self.by_role.get(role, ()):
            c = self.canon[cid]
            shared = sum(1 for x in named if x in c.co or x == cid)
            if shared >= MIN_SHARED and c.type == "PERSON":
                cands.append((shared, c))
        if len(cands) != 1:
            return None
        shared, c = cands[0]
        said = words(loc.name)[-1]
        noun = said if role_key(said) == said else f"{said}' (as '{role}"
        return c, f"role '{noun}' that articles sharing {shared} named co-actors tie to {c.name}"

    def _tied_place(self, loc: Local, named: set[str]) -> Optional[tuple[Canon, str]]:
        """An unnamed place ("the facility") is the one named place of its kind the article names, else the one
        other articles sharing its named co-actors name (``places.py``)."""
        hit = tied_place(loc.name, [(c, self.canon[c].type, self.canon[c].names) for c in sorted(named)]) or \
            place_across(loc.name, named, self.canon, self.by_key.get(f"kind|{noun_kind(loc.name)}", ()))
        return (self.canon[hit[0]], hit[1]) if hit else None

    def _resolve(self, loc: Local, context: set[str]) -> tuple[Canon, str]:
        one_word = len(words(loc.name)) == 1
        if self._is_unnamed(loc):
            return self._unnamed(loc, context)
        held = self._surname_here(loc, context) if one_word else None
        if held is not None:
            self._absorb(held, loc)
            part = "surname" if held.last == words(loc.name)[0] else "given name"
            return held, f"{part} of the one person of that {part} the same article names (tagged {loc.type})"
        if STATE_ID.match(loc.id):
            c = self.canon.get(loc.id) or self._new(loc)
            why = "same state (ISO code)"
        elif loc.type == "PERSON" or (one_word and loc.type in {"ORG", "GPE", "LOC", "FAC"} and
                                      not (loc.type != "ORG" and loc.country) and   # a place a gazetteer knows
                                      len(self.by_last.get(words(loc.name)[0], ())) == 1 and not
                                      self.by_key.get(f"org|{org_key(loc.name)}") and not
                                      self._named_place_word(loc)):
            c, why, parts = self._person(loc, context)
            if loc.type != "PERSON" and (c is None or c.type != "PERSON"):
                c, why = None, ""
            if c is not None and one_word and loc.type == "PERSON" and not c.first:
                thing = self._named_thing(loc)           # a clinic's name, no one's surname
                if thing is not None and thing.id != c.id:
                    thing.names[loc.name] += 1
                    return thing, f"no person of that name, only a surname; the one {thing.type.lower()} of that name"
            if c is None:
                if loc.type != "PERSON":
                    return self._resolve_nonperson(loc, context)
                thing = self._named_thing(loc)
                if thing is not None:
                    thing.names[loc.name] += 1
                    return thing, f"no person of that name; the one {thing.type.lower()} of that name"
                c = self._new(loc, first=parts[0] if len(parts) >= 2 else "", last=parts[-1] if parts else "")
                why = "new person"
            elif loc.type != "PERSON":
                why = f"{why} (tagged {loc.type})"
            if parts and loc.type == "PERSON":
                if len(parts) >= 2 and (not c.first or len(c.first) == 1 < len(parts[0])):
                    c.first = parts[0]
                if not c.last:
                    c.last = parts[-1]
                self.by_last.setdefault(c.last, set()).add(c.id)
                if c.first and len(c.first) > 1:
                    self.by_first.setdefault(c.first, set()).add(c.id)
        else:
            return self._resolve_nonperson(loc, context)
        self._absorb(c, loc)
        return c, why

    def _surname_here(self, loc: Local, context: set[str]) -> Optional[Canon]:
        """A one-word name the tagger called an organisation or a place ("Palin", "Chohan") where the same
        article names one person of that surname ("Sarah Palin"): that person; else, where it names no one of
        that surname, the one person of that given name ("Kathina" beside "Kathina Thomas"). Never a state
        (ISO id) or a place the gazetteer knows (it gave a country), never a name of three letters or fewer ("Lee"
        stays as tagged)."""
        if loc.type not in {"ORG", "GPE", "LOC", "FAC"} or STATE_ID.match(loc.id) or \
                (loc.type in {"GPE", "LOC"} and loc.country):       # a place the gazetteer knows
            return None
        w = words(loc.name)[0]
        if len(w) < 4:
            return None
        people = [self.canon[c] for c in context if c in self.canon and self.canon[c].type == "PERSON"
                  and self.canon[c].last == w]
        if not people:      # "Kathina" tagged a place beside "Kathina Thomas": the one person of that given name
            people = [self.canon[c] for c in context if c in self.canon and self.canon[c].type == "PERSON"
                      and self.canon[c].first == w]
        return people[0] if len(people) == 1 else None

    def _named_place_word(self, loc: Local) -> bool:
        """A one-word place or organisation name that a known place's longer name holds with a place word
        ("Springfield" beside "Springfield City"): a place, never a surname."""
        if loc.type not in {"GPE", "LOC", "FAC"}:
            return False
        return any(len(words(self.canon[c].name)) > 1 for c in self.by_key.get(f"place|{place_key(loc.name)}", ())
                   if c in self.canon and self.canon[c].type in {"GPE", "LOC", "FAC"})

    def _named_thing(self, loc: Local) -> Optional[Canon]:
        """A name tagged as a person that no person of the corpus bears, but one organisation or place does
        ("Betty Ford" for the Betty Ford Center, "Morningside" for Morningside Recovery): that one. Never for a
        person with a title (a country or a sector)."""
        if loc.country or loc.sector:
            return None
        hits = {c for c in self.by_key.get(f"org|{org_key(loc.name)}", ()) if self.canon[c].type in ORG_TYPES}
        if not hits:
            hits = {c for c in self.by_key.get(f"place|{place_key(loc.name)}", ())
                    if self.canon[c].type in {"GPE", "LOC", "FAC"} and not STATE_ID.match(c)}
        key = org_key(loc.name)
        if not hits and " " not in key:                  # "Otters" for the one "Springfield Otters"
            hits = {c for c in self.by_key.get(f"tail|{key}", ()) if self.canon[c].type in ORG_TYPES}
        return self.canon[next(iter(hits))] if len(hits) == 1 else None

    def _known_person(self, loc: Local) -> Optional[tuple[Canon, str]]:
        """A name of two or three words tagged as an organisation or a place that is the full name of one known
        person ("Jane Roe" tagged FAC where the corpus knows the person Jane Roe): that person. The
        given name must agree in full (same name or a short form of it; an initial is not enough)."""
        parts = person_parts(loc.name)
        if not 2 <= len(parts) <= 3 or (loc.country and loc.type not in ORG_TYPES):    # a place a gazetteer knows
            return None
        hits = [c for c in (self.canon[x] for x in self.by_last.get(parts[-1], ()))
                if c.type == "PERSON" and len(c.first) > 1 and len(parts[0]) > 1
                and first_names_agree(parts[0], c.first)
                and (not loc.country or sum(c.names.values()) >= 4)]   # given a country: a person filed twice
        if len(hits) != 1:
            return None
        return hits[0], f"full name of a known person (tagged {loc.type})"

    def _resolve_nonperson(self, loc: Local, context: Iterable[str] = ()) -> tuple[Canon, str]:
        known = self._known_person(loc)
        if known is not None:
            self._absorb(known[0], loc)
            return known
        if loc.type in ORG_TYPES:
            c, why, keys = self._org(loc, context)
            tails = [f"tail|{k.split()[-1]}" for k in (org_key(loc.name),) if " " in k]
        else:
            c, why, keys = self._place(loc)
            tails = []
        tails += kind_keys([loc.name], loc.type)      # its name as the article gives it, not its aliases
        if c is None:
            c, why = self._new(loc), f"new {loc.type.lower()}"
        self._index(c, keys + tails)
        self._absorb(c, loc)
        return c, why

    def _absorb(self, c: Canon, loc: Local) -> None:
        for r in loc.roles:
            self.by_role.setdefault(r, set()).add(c.id)
        full = len(person_parts(loc.name)) >= 2 if loc.type == "PERSON" else True
        display = re.sub(r"\s+", " ",
                         re.sub(r"[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]", " ", loc.name)).strip()
        c.names[display or loc.name] += 2 if full else 1
        c.types[loc.type] += 2 if loc.type == "PERSON" else 1
        if loc.country:
            c.countries[loc.country] += 1
        if loc.sector:
            c.sectors[loc.sector] += 1

    # ------------------------------------------------------------ state
    def to_state(self) -> dict:
        return {"version": 1, "canon": [c.to_list() for c in self.canon.values()]}

    @classmethod
    def from_state(cls, state: dict) -> ActorIndex:
        if state.get("version") != 1:
            raise ValueError(f"actor index state version {state.get('version')!r} is not 1")
        idx = cls()
        for x in state["canon"]:
            c = Canon.from_list(x)
            idx.canon[c.id] = c
            if c.type == "PERSON" and c.last:
                idx.by_last.setdefault(c.last, set()).add(c.id)
                if c.first and len(c.first) > 1:
                    idx.by_first.setdefault(c.first, set()).add(c.id)
            for r in c.roles:
                idx.by_role.setdefault(r, set()).add(c.id)
            for k in c.keys:
                idx.by_key.setdefault(k, set()).add(c.id)
                idx._note_place_word(k)
                if k.startswith("unnamed|"):
                    idx.unnamed.add(c.id)
        return idx
