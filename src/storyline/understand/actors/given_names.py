"""The grammatical gender English usually gives a person of a given name ("Jack" he, "Tara" she), from the US
Census first-name frequencies shipped by the ``names`` package (dist.male.first, dist.female.first: the share
of people of each sex bearing the name). A name borne by both sexes in comparable shares ("Terry", "Jordan"),
or by neither list, has none: the article's own marks (pronouns, "Mrs.", "actress") then decide alone."""
from __future__ import annotations

import importlib.resources
from functools import lru_cache
from typing import Optional

CLEAR_RATIO = 4.0       # a name is taken as one sex's when borne at least this many times more often by it


def _shares(fname: str) -> dict[str, float]:
    try:
        text = importlib.resources.files("names").joinpath(fname).read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out: dict[str, float] = {}
    for line in text.splitlines():
        cols = line.split()
        if len(cols) >= 2:
            try:
                out[cols[0].lower()] = float(cols[1])
            except ValueError:
                continue
    return out


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    female, male = _shares("dist.female.first"), _shares("dist.male.first")
    table = {}
    for name in female.keys() | male.keys():
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= CLEAR_RATIO * m:
            table[name] = "F"
        elif m >= CLEAR_RATIO * f:
            table[name] = "M"
    return table


def given_name_gender(given: str) -> Optional[str]:
    """'F', 'M' or None for a given name ("Tara" -> 'F'; an initial, an unknown or a shared name -> None)."""
    g = given.strip(".").lower()
    return _table().get(g) if len(g) > 1 and g.isalpha() else None
