"""Places an article names only by a common noun ("the facility", "the school", "the region"), as the corpus-level
actor resolution files them (a part of ``link/actors.py``).

The understand stage ties such a noun to a named place of its article where it can ("checked into the Harbor
Clinic ... the facility said"); it reads one article's names as written, so a place written twice ("Harbor" tagged
a person, "Harbor Clinic" a facility) looks like two to it, and the noun stays unnamed. Here the article's named
actors are already filed under canonical actors, one per real place: an unnamed place whose noun names the kind
of place that one (and only one) of the article's named places is ("the facility" beside "Harbor Clinic",
"the camp" beside "Yida Refugee Camp", "the region" beside "Aceh province") is that place. A noun of a kind the
article names two places of, or none, is left as it was (an unnamed place, joined across articles only by shared
named co-actors)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Optional

from .actor_names import MIN_SHARED, is_name, words

# kinds of places whose common noun stands for a named one; each set is one kind (general English). A near-copy of
# understand's facilities.FACILITY_KINDS (a link module may not import a stage's module), without the nouns that
# name a place only within one article ("unit", "court", "state", "club", mountains) and with a few more
# buildings; one list under storyline/data for both would change one side's output, so it waits for a measured step
PLACE_KINDS = [
    {"facility", "clinic", "center", "centre", "rehab", "rehabilitation", "treatment", "recovery"},
    {"school", "academy"}, {"prison", "jail", "penitentiary"}, {"camp"}, {"hospital"},
    {"hotel", "resort", "motel"}, {"stadium", "arena"}, {"park"}, {"glacier"}, {"hut"},
    {"store", "shop", "supermarket"}, {"church", "temple", "mosque", "cathedral"}, {"airport"},
    {"courthouse"}, {"province", "region"}, {"district"}, {"village"}, {"island"},
]
KIND_OF = {w: i for i, ws in enumerate(PLACE_KINDS) for w in ws}
# actor types that may be a named place (an organisation's name often is its building's: "Harbor Clinic")
PLACE_LIKE = {"FAC", "ORG", "GPE", "LOC"}


def noun_kind(noun: str) -> Optional[int]:
    """The kind of place an unnamed place's noun says ('rehab facility' -> the clinics' kind), or None."""
    w = words(noun)
    return KIND_OF.get(_singular(w[-1])) if w else None


def _singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w


def names_kind(names: Iterable[str], type_: str, kind: int) -> bool:
    """Whether a named actor's names say it is a place of ``kind``: the last word of one of its names as written
    ('Yida Refugee Camp', 'Kings County Hospital'; 'Fakhora School' read as a person too), never a word inside a
    name ('Data Center Server Solutions' is no clinic) nor a group of places a gazetteer placed ('mosques')."""
    if type_ not in PLACE_LIKE | {"PERSON"}:
        return False
    return any(KIND_OF.get(_singular(w[-1])) == kind for w in (words(n) for n in names if is_name(n)) if w)


def tied_place(noun: str, named: Iterable[tuple[str, str, Iterable[str]]]) -> Optional[tuple[str, str]]:
    """The one named place of the article (``named``: canonical id, type, the names it is known by) of the kind
    ``noun`` says, with the evidence; None when the article names none or several."""
    kind = noun_kind(noun)
    if kind is None:
        return None
    hits = [(cid, names) for cid, type_, names in named if names_kind(names, type_, kind)]
    if len({cid for cid, _ in hits}) != 1:
        return None
    cid, names = hits[0]
    return cid, f"the one place of that kind ('{noun}') the article names: {_display(names)}"


def kind_keys(names: Iterable[str], type_: str) -> list[str]:
    """The index keys of the kinds of place a named actor's names say it is ('kind|3' for a camp)."""
    if type_ not in PLACE_LIKE:
        return []
    return sorted({f"kind|{k}" for k in range(len(PLACE_KINDS)) if names_kind(names, type_, k)})


def place_across(noun: str, named: set[str], canon: Mapping[str, Any],
                 kinds: Iterable[str]) -> Optional[tuple[str, str]]:
    """Where the article names no place of the kind ``noun`` says: the named place of that kind (``kinds``: the
    canonical ids indexed under it) whose articles share the most of the article's ``named`` co-actors (canonical
    ids, states and unnamed actors aside), at least ``MIN_SHARED`` and one of them a named place (the same town,
    not only the same agency and people), when no other shares as many. Measured on ECB+: places of half A
    0.585 -> 0.598, half B 0.574 -> 0.588 (nominal mentions B 0.569 -> 0.617); without the shared place, 'the
    camp' of a Gaza report went to a South Sudan refugee camp through the UN."""
    if noun_kind(noun) is None:
        return None
    scored = sorted(((sum(1 for x in named if x in canon[c].co), c) for c in kinds if c in canon), reverse=True)
    if not scored or scored[0][0] < MIN_SHARED or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    n, cid = scored[0]
    if not any(x in canon[cid].co for x in named if canon[x].type in {"GPE", "LOC", "FAC"}):
        return None
    return cid, (f"the place of that kind ('{noun}') that articles sharing {n} named co-actors name: "
                 f"{canon[cid].name}")


def _display(names: Iterable[str]) -> str:
    """The name a canonical actor is shown by: the one seen most (its ``names`` counter), else the first."""
    names = names if isinstance(names, Mapping) else {n: 1 for n in names}
    return max(names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if names else ""
