import json

from storyline.link.dedupe import DuplicateIndex, group_duplicates
from tests.link.link_corpus import STRIKE_A, STRIKE_WIRE, STRIKE_WIRE_COPY


def test_dedupe_groups_syndicated_copy():
    idx = DuplicateIndex()
    assert idx.add("wire", STRIKE_WIRE) is None
    assert idx.add("copy", STRIKE_WIRE_COPY) == "wire"
    assert idx.groups() == {"wire": ["wire", "copy"]}


def test_dedupe_keeps_different_reports_apart():
    idx = DuplicateIndex()
    assert idx.add("wire", STRIKE_WIRE) is None
    assert idx.add("a", STRIKE_A) is None          # same event, own words: an independent source
    assert idx.groups() == {}


def test_dedupe_copy_of_copy_points_to_first():
    ids = group_duplicates([("w", STRIKE_WIRE), ("c1", STRIKE_WIRE_COPY), ("c2", STRIKE_WIRE_COPY + " More.")])
    assert ids == {"w": "w", "c1": "w", "c2": "w"}


def test_dedupe_state_roundtrip_through_json():
    idx = DuplicateIndex()
    idx.add("wire", STRIKE_WIRE)
    again = DuplicateIndex.from_state(json.loads(json.dumps(idx.to_state())))
    assert again.add("copy", STRIKE_WIRE_COPY) == "wire"
    assert again.add("other", STRIKE_A) is None


def test_dedupe_short_texts_are_never_copies():
    idx = DuplicateIndex()
    assert idx.add("x", "Breaking news.") is None
    assert idx.add("y", "Breaking news.") is None
