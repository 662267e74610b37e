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

from collections.abc import Iterable
from typing import Optional

from .actor_names import is_name, words

# kinds of places whose common noun stands for a named one; each set is one kind (general English; the same
# kinds as understand's facilities.FACILITY_KINDS, which a link module may not import)
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
    return cid, f"the one place of that kind ('{noun}') the article names"


def kind_keys(names: Iterable[str], type_: str) -> list[str]:
    """The index keys of the kinds of place a named actor's names say it is ('kind|3' for a camp)."""
    if type_ not in PLACE_LIKE:
        return []
    return sorted({f"kind|{k}" for k in range(len(PLACE_KINDS)) if names_kind(names, type_, k)})
