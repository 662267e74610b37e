"""The pictures fit their boxes (issue 24.8): the who-did-what graph fills its box, labels stay inside and apart,
non-actors are left out; the activity chart's and the timeline's labels neither collide nor get cut off.

Geometry here uses the layout's own text-width estimate (``svg.text_width``); the browser suite
(test_web_browser.py) measures the real boxes in Chromium."""
from __future__ import annotations

import itertools
import re

from storyline.store import queries
from storyline.web import svg
from storyline.web.templating import make_env as _env
from tests.web.webstore import EVIL_ACTOR, EVIL_IMG, EVIL_SCRIPT


def _boxes_of_network(out):
    boxes = []
    for n in out["nodes"]:
        boxes.append(("node", n["title"], (n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"])))
        if n["label"]:
            boxes.append(("label", n["label"], svg._text_box(n["lx"], n["ly"], n["label"], 12, n["anchor"])))
    for e in out["edges"]:
        if e["label"]:
            boxes.append(("edge", e["label"], svg._text_box(e["lx"], e["ly"], e["label"], 10, "middle")))
    return boxes


def _net(n_actors: int, names=None):
    """A hub-and-spoke story: actor 0 and 1 act on everyone, a few act back; long and hostile names."""
    names = names or [f"Actor number {i} of a long ministry name" if i % 3 == 0 else f"Minister {i}"
                      for i in range(n_actors)]
    evs = []
    for i in range(1, n_actors):
        evs.append({"id": f"e{i}", "type": "ACCUSE", "actor": names[0], "actor_id": "a0", "target": names[i],
                    "target_id": f"a{i}", "hedged": False, "evidence": [{"link": f"/article/{i}"}]})
        if i % 4 == 0:
            evs.append({"id": f"r{i}", "type": "REJECT", "actor": names[i], "actor_id": f"a{i}", "target": names[1],
                        "target_id": "a1", "hedged": True, "evidence": []})
    return queries.network(evs)


def test_network_leaves_out_participants_that_are_not_actors():
    evs = [{"id": "1", "type": "ASSAULT", "actor": "Police", "actor_id": "org:police", "target": "shots",
            "target_id": None, "evidence": []},
           {"id": "2", "type": "SANCTION", "actor": "two counts", "actor_id": None, "target": "Smith",
            "target_id": "person:smith", "evidence": []},
           {"id": "3", "type": "ACCUSE", "actor": "Police", "actor_id": "org:police", "target": "Smith",
            "target_id": "person:smith", "evidence": [{"link": "/article/a"}]},
           {"id": "4", "type": "ASSAULT", "actor": "Smith", "actor_id": "person:smith", "target": "Pine Street",
            "target_id": "fac:pine-street", "evidence": []},
           {"id": "5", "type": "PROTEST", "actor": "Police", "actor_id": "org:police", "evidence": []}]
    types = {"org:police": "ORG", "person:smith": "PERSON", "fac:pine-street": "FAC"}
    net = queries.network(evs, types)
    assert sorted(n["name"] for n in net["nodes"]) == ["Police", "Smith"]
    assert net["left_out"] == 3 and len(net["edges"]) == 1          # event 5 has no second participant
    assert "Pine Street" in {n["name"] for n in queries.network(evs)["nodes"]}   # without types: ids only
    drawn = svg.network(net)
    assert {n["title"] for n in drawn["nodes"]} == {"Police", "Smith"} and drawn["left_out"] == 3


def test_network_fills_its_box_and_keeps_every_label_inside_and_apart():
    for n in (2, 3, 6, 12, 25, 40):
        out = svg.network(_net(n))
        w, h = out["width"], out["height"]
        xs = [p["x"] for p in out["nodes"]]
        ys = [p["y"] for p in out["nodes"]]
        assert (max(xs) - min(xs)) / w >= 0.85, n                   # the graph spreads over the box ...
        if n > 2:
            assert (max(ys) - min(ys)) / h >= 0.7, n               # ... both ways
        boxes = _boxes_of_network(out)
        for kind, text, b in boxes:
            assert b[0] >= 0 and b[1] >= 0 and b[2] <= w and b[3] <= h, (n, kind, text, b)
        for (k1, t1, b1), (k2, t2, b2) in itertools.combinations(boxes, 2):
            if "label" in (k1, k2) or "edge" in (k1, k2):
                assert not svg._hit(b1, b2, 0.0), (n, t1, t2)
        labelled = sum(1 for p in out["nodes"] if p["label"])
        assert labelled >= min(n, 12), (n, labelled)               # a small graph names every actor


def test_network_svg_escapes_actor_names():
    names = [EVIL_ACTOR, EVIL_IMG + " Corp", "Plain"]
    out = svg.network(_net(3, names))
    html = _env().get_template("_network.html").render(net=out)
    assert EVIL_SCRIPT not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&#34;&gt;&lt;img" in html


def test_activity_labels_never_collide_nor_leave_the_box():
    for months in (1, 3, 14, 48, 130):
        over = [{"month": f"{2010 + i // 12}-{i % 12 + 1:02d}", "actor": i % 3, "target": 1} for i in range(months)]
        over += [{"month": "2009", "actor": 1, "target": 0}, {"month": "undated", "actor": 2, "target": 0}]
        ch = svg.activity(over)
        labels = [(b["label"], b["lx"]) for b in ch["bars"] if b["label"]]
        assert {"2009", "undated"} <= {t for t, _ in labels}        # the extra slots are always named
        spans = sorted((x - svg.text_width(t, 10) / 2, x + svg.text_width(t, 10) / 2) for t, x in labels)
        assert spans[0][0] >= 0 and spans[-1][1] <= ch["width"], months
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), months
        bars = [b for b in ch["bars"]]
        assert all(b["x"] >= 0 and b["x"] + b["w"] <= ch["width"] for b in bars)


def test_activity_axis_is_continuous_in_months():
    ch = svg.activity([{"month": "2019-01", "actor": 1, "target": 0}, {"month": "2019-05", "actor": 2, "target": 1}])
    assert [b["month"] for b in ch["bars"]] == ["2019-01", "2019-02", "2019-03", "2019-04", "2019-05"]
    assert [b["ha"] > 0 for b in ch["bars"]] == [True, False, False, False, True]


def test_timeline_tick_labels_stay_inside_the_box():
    evs = [{"id": "a", "type": "AGREE", "date": "2019-01-01", "actor": "X", "evidence": [{}, {}]},
           {"id": "b", "type": "AGREE", "date": "2021-03-02", "actor": "Y", "evidence": [{}, {}, {}]}]
    tl = svg.timeline(evs)
    for t in tl["ticks"]:
        b = svg._text_box(t["x"], 20, t["label"], 11, t["anchor"])
        assert b[0] >= 0 and b[2] <= tl["width"], t
    # the source counts sit right of the drawing area, not on the bars
    assert tl["x1"] + svg.text_width("×3", 11) < tl["width"] - 6 + 1
    html = _env().get_template("_timeline.html").render(tl=tl)
    n_src = re.findall(r'class="n-sources" x="([\d.]+)"', html)
    assert n_src and all(float(x) > tl["x1"] + 20 for x in n_src)
