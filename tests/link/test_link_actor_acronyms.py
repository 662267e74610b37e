"""An acronym two organisations' names spell (link/actors.py): context joins it to the one whose articles name the
actors its own article names, with the evidence kept; with no such context it stays apart. Names of our own."""
from __future__ import annotations

import json

from storyline.link.actors import ActorIndex, Local


def _l(art: str, lid: str, name: str, type_: str) -> Local:
    return Local(article_id=art, id=lid, name=name, type=type_)


def _filed(out, local_id):
    return next(f for f in out if f.local_id == local_id)


def _two_expansions() -> ActorIndex:
    idx = ActorIndex()
    idx.file("a1", [_l("a1", "org:northern-rail-board", "Northern Rail Board", "ORG"),
                    _l("a1", "person:ida-marsh", "Ida Marsh", "PERSON"),
                    _l("a1", "person:leo-quint", "Leo Quint", "PERSON")])
    idx.file("a2", [_l("a2", "org:national-rowing-body", "National Rowing Body", "ORG"),
                    _l("a2", "person:ona-pratt", "Ona Pratt", "PERSON")])
    return idx


def test_an_ambiguous_acronym_goes_to_the_expansion_whose_articles_share_its_co_actors():
    idx = _two_expansions()
    idx = ActorIndex.from_state(json.loads(json.dumps(idx.to_state())))      # the next link run too
    out = idx.file("a3", [_l("a3", "org:nrb", "NRB", "ORG"),
                          _l("a3", "person:ida-marsh", "Ida Marsh", "PERSON"),
                          _l("a3", "person:leo-quint", "Leo Quint", "PERSON")])
    f = _filed(out, "org:nrb")
    assert f.canonical_id == "org:northern-rail-board"
    assert f.evidence == "acronym NRB of 2 organisations' names, 2 named co-actors shared"


def test_an_ambiguous_acronym_without_shared_co_actors_stays_apart():
    idx = _two_expansions()
    out = idx.file("a3", [_l("a3", "org:nrb", "NRB", "ORG"), _l("a3", "person:al-wynn", "Al Wynn", "PERSON")])
    assert _filed(out, "org:nrb").canonical_id == "org:nrb"
    # one shared co-actor (a city, say) is not enough
    idx = _two_expansions()
    out = idx.file("a5", [_l("a5", "org:nrb", "NRB", "ORG"), _l("a5", "person:ida-marsh", "Ida Marsh", "PERSON")])
    assert _filed(out, "org:nrb").canonical_id == "org:nrb"
    # a tie (each expansion shares one named co-actor) joins neither
    out = idx.file("a4", [_l("a4", "org:nrb", "NRB", "ORG"), _l("a4", "person:ida-marsh", "Ida Marsh", "PERSON"),
                          _l("a4", "person:ona-pratt", "Ona Pratt", "PERSON")])
    assert _filed(out, "org:nrb").canonical_id not in {"org:northern-rail-board", "org:national-rowing-body"}

