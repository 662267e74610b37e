"""The small pieces under the pages: safe JSON and URLs, article pieces, timeline and network layouts."""
from __future__ import annotations

import json

from storyline.web.render import parse_hl, pieces
from storyline.web.safe import json_for_script, safe_href
from storyline.web.svg import event_bounds, network, parse_bounds, timeline


def test_safe_json_for_script_cannot_close_the_script_element():
    value = {"t": "</script><script>alert(1)</script>", "u": "a\u2028b\u2029c", "amp": "&lt;", "q": "it's"}
    out = str(json_for_script(value))
    for raw in ("<", ">", "&", "\u2028", "\u2029", "'"):
        assert raw not in out
    assert json.loads(out) == value


def test_safe_href_only_takes_http_urls():
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_href("http://example.org") == "http://example.org"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>", "vbscript:x", "//evil.example/x", "/relative", "https:///nohost",
                "", None, 42, "http://exa mple.org"):
        assert safe_href(bad) is None, bad


def test_render_pieces_cover_the_text_and_anchor_the_highlight():
    text = "Ana Costa said the deal is done. Spain objected."
    parts = pieces(text, mentions=[{"start": 0, "end": 9, "label": "PERSON", "actor_id": "p:ana", "text": "Ana Costa"}],
                   quotes=[{"start": 15, "end": 31, "kind": "reported", "speaker": "Ana Costa"}],
                   events=[{"type": "AGREE", "hedged": False, "evidence": [{"start": 0, "end": 32}]}],
                   hl=parse_hl("32-48", len(text)))
    assert "".join(p["text"] for p in parts) == text
    assert [p["anchor"] for p in parts].count(True) == 1
    anchored = next(p for p in parts if p["anchor"])
    assert anchored["start"] == 32 and "hl" in anchored["cls"].split()
    assert parts[0]["actor_id"] == "p:ana" and "ent-PERSON" in parts[0]["cls"]
    assert any("quote" in p["cls"].split() and "evs" in p["cls"].split() for p in parts)


def test_render_pieces_ignore_spans_outside_the_text():
    parts = pieces("short", mentions=[{"start": 3, "end": 99, "label": "ORG<b>"}, {"start": 9, "end": 4}],
                   hl=parse_hl("10-20", 5))
    assert "".join(p["text"] for p in parts) == "short"
    assert parts[-1]["cls"] == "ent ent-ORGb"
    assert parse_hl("4-2", 10) is None and parse_hl("x", 10) is None


def test_svg_bounds_of_days_months_years_and_ranges():
    assert str(parse_bounds("2019-05")[1]) == "2019-05-31"
    assert str(parse_bounds("2020")[0]) == "2020-01-01"
    assert parse_bounds("--05-23") is None and parse_bounds("2019-13-01") is None
    lo, hi = event_bounds({"date": None, "date_range": ["2019-05-20", "2019-06"]})
    assert (str(lo), str(hi)) == ("2019-05-20", "2019-06-30")


def test_svg_timeline_draws_points_ranges_and_an_undated_band():
    evs = [{"id": "a", "type": "AGREE", "quad_class": "verbal cooperation", "date": "2019-05-23", "actor": "X",
            "evidence": [{"link": "/article/1?hl=0-3#hl"}]},
           {"id": "b", "type": "ACCUSE", "quad_class": "verbal conflict", "date": "2019-05", "hedged": True,
            "actor": "Y", "target": "X", "evidence": [{"link": "/article/2"}]},
           {"id": "c", "type": "PROTEST", "date": None, "actor": "Z", "evidence": []}]
    tl = timeline(evs)
    by = {it["id"]: it for it in tl["items"]}
    assert not by["a"]["range"] and by["b"]["range"] and by["c"].get("undated")
    assert "hedged" in by["b"]["cls"] and "undated" in by["c"]["cls"]
    assert tl["x0"] <= by["b"]["x"] < by["a"]["x"] <= tl["x1"]          # May 1st bar starts before May 23rd
    assert tl["band_y"] is not None and by["c"]["y"] > tl["band_y"]
    assert tl["n_dated"] == 2 and tl["n_undated"] == 1


def test_svg_network_draws_one_arrow_per_actor_type_target():
    net = {"nodes": [{"id": "x", "name": "X", "degree": 2, "actor_id": "x"},
                     {"id": "y", "name": "Y", "degree": 2, "actor_id": None}],
           "edges": [{"source": "x", "target": "y", "type": "ACCUSE", "quad_class": "verbal conflict", "count": 2,
                      "hedged": False, "link": "/article/1"},
                     {"source": "y", "target": "x", "type": "REJECT", "quad_class": "verbal conflict", "count": 1,
                      "hedged": True, "link": None}]}
    out = network(net)
    assert len(out["nodes"]) == 2 and len(out["edges"]) == 2
    assert out["edges"][0]["d"] != out["edges"][1]["d"]                 # opposite directions do not overlap
    assert "hedged" in out["edges"][1]["cls"] and out["edges"][0]["label"] == "accuse ×2"
