"""Nouns of a person who does something ("arsonist", "smuggler", "burglar") beyond the resolver's own role words:
the one-word person agents of PETRARCH2's Phoenix.agents.txt (data/actors/person_agents.txt, built by
tools/build_person_agents.py), less the roles, group heads and titles the resolver already treats its own way.
Such a noun is a mention of the person the article ties it to ("Doe, a convicted burglar"; "Doe is the
arsonist"), else of an unnamed person of the article (``unnamed.py``); never of the article's main person by
default (an arsonist is rarely the person the story is about)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from storyline.understand import actor_dictionary as D
from storyline.understand.actors.base import PERSON_TITLES

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "actors" / "person_agents.txt"


@lru_cache(maxsize=1)
def person_agents() -> frozenset[str]:
    """Lower-case singular nouns (an empty set where the data file is missing)."""
    if not DATA.is_file():
        return frozenset()
    words = {ln.strip() for ln in DATA.read_text(encoding="utf-8").splitlines() if ln.strip() and ln[0] != "#"}
    return frozenset(words - D.PERSON_ROLES - D.GROUP_HEADS - D.TITLE_WORDS - PERSON_TITLES)
