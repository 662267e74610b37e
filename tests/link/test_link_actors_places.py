"""Corpus-level filing of named places (link/actors.py): a city or county named after another place is a place of
its own."""
from __future__ import annotations

from storyline.link.actor_names import place_key
from storyline.link.actors import ActorIndex, Local


def _l(aid, name, typ, *aliases, country=None):
    return Local(article_id="", id=aid, name=name, type=typ, aliases=tuple(aliases) or (name,), mentions=2,
                 country=country)


def _file(idx, article, *locs):
    return {f.local_id: f for f in idx.file(article, list(locs))}


def test_place_key_keeps_city_and_county_but_drops_state_province_and_city_of():
    assert place_key("Kansas City") == "kansas city"
    assert place_key("San Diego County") == "san diego county"
    assert place_key("the County of San Diego") == "san diego county"
    assert place_key("New York State") == "new york"
    assert place_key("Aceh Province") == "aceh"
    assert place_key("the City of Palmerton") == "palmerton"


def test_a_city_named_after_a_state_and_a_county_named_after_a_city_stay_apart():
    idx = ActorIndex()
    state = _file(idx, "a1", _l("gpe:tennessee", "Tennessee", "GPE", country="USA"))["gpe:tennessee"]
    city = _file(idx, "a2", _l("gpe:tennessee-city", "Tennessee City", "GPE", country="USA"))["gpe:tennessee-city"]
    town = _file(idx, "a3", _l("gpe:riverton", "Riverton", "GPE"))["gpe:riverton"]
    county = _file(idx, "a4", _l("gpe:riverton-county", "Riverton County", "GPE"))["gpe:riverton-county"]
    again = _file(idx, "a5", _l("gpe:tennessee-city", "Tennessee City", "GPE", country="USA"))["gpe:tennessee-city"]
    assert city.canonical_id != state.canonical_id
    assert county.canonical_id != town.canonical_id
    assert again.canonical_id == city.canonical_id

