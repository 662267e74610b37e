"""The framing section as HTML (issue 24.8): built from the link stage's framing, hostile text escaped."""
from __future__ import annotations

import json

import duckdb
from fastapi.testclient import TestClient

from storyline.store.queries import sentence_pieces
from storyline.web.app import create_app
from tests.web.webstore import EVIL_ACTOR, EVIL_IMG, EVIL_SCRIPT


def test_story_json_has_framing_from_the_link_stage_and_no_sentiment_words(client):
    for s in client.get("/api/stories").json()["items"]:
        st = client.get(f"/api/stories/{s['id']}").json()
        assert isinstance(st["wording"], list)
        for o in st["outlets_side_by_side"]:
            assert "loaded_words" not in o
            assert o["framing"] == "link" and o["hedging"] is not None   # the ingest links: framing is there


def _plant_framing(db) -> str:
    sentence = f"  The mayor {EVIL_SCRIPT} slammed the {EVIL_IMG} plan, reportedly.\n\n"
    marks = [[sentence.index("slammed"), sentence.index("slammed") + 7, "verb"],
             [sentence.index(EVIL_SCRIPT), sentence.index(EVIL_SCRIPT) + len(EVIL_SCRIPT), "actor"],
             [sentence.index(EVIL_IMG), sentence.index(EVIL_IMG) + len(EVIL_IMG), "target"],
             [sentence.index("reportedly"), sentence.index("reportedly") + 10, "cue"],
             [5, 3, "verb"], [0, 10_000, "verb"], ["a", "b", "verb"]]            # nonsense marks are skipped
    con = duckdb.connect(str(db))
    try:
        aid = con.execute("SELECT id FROM articles WHERE url LIKE 'javascript:%'").fetchone()[0]
        sid = con.execute("SELECT story_id FROM story_articles WHERE article_id = ?", [aid]).fetchone()[0]
        entry = {"outlet": EVIL_IMG, "article_ids": [aid], "voices": {EVIL_ACTOR: 2},
                 "voices_by_side": {EVIL_SCRIPT: 2}, "events_reported": ["planted-evil-event"], "events_omitted": [],
                 "hedged_events": 1, "asserted_events": 0, "hedged_sentences": 1, "sentences": 3,
                 "wording": [{"event_id": "planted-evil-event", "article_id": aid, "sentence": sentence, "start": 0,
                              "end": len(sentence), "verb": "slammed", "actor_labels": [EVIL_SCRIPT],
                              "target_labels": [EVIL_IMG], "cues": ["reportedly"], "marks": marks,
                              "differs": ["slammed", EVIL_SCRIPT]}]}
        con.execute("UPDATE stories SET extra = ? WHERE id = ?", [json.dumps({"framing": {EVIL_IMG: entry}}), sid])
        return sid
    finally:
        con.close()


def test_framing_section_escapes_hostile_text(writable_copy):
    sid = _plant_framing(writable_copy)
    with TestClient(create_app(str(writable_copy))) as c:
        html = c.get(f"/story/{sid}", headers={"accept": "text/html"}).text
        st = c.get(f"/api/stories/{sid}").json()
    assert EVIL_SCRIPT not in html and "<img" not in html
    section = html[html.index('id="framing"'):html.index('id="wording"') + 4000]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Evil" in section            # the quoted actor, as text
    assert "by side: <span" in section and "&lt;script&gt;alert(1)&lt;/script&gt; ×2" in section
    assert '<mark class="w-verb w-differs">slammed</mark>' in html
    assert '<mark class="w-actor w-differs">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html
    assert '<mark class="w-cue">reportedly</mark>' in html
    row = st["wording"][0]["rows"][0]
    assert "".join(p["text"] for p in row["pieces"]) == row_sentence(st).strip()
    assert [w["word"] for o in st["outlets_side_by_side"] for w in o["words"]] == ["slammed", EVIL_SCRIPT]


def row_sentence(st) -> str:
    return f"The mayor {EVIL_SCRIPT} slammed the {EVIL_IMG} plan, reportedly."


def test_sentence_pieces_cut_at_marks_and_skip_bad_ones():
    s = "Ann met Bob today."
    out = sentence_pieces(s, [[4, 7, "verb"], [0, 3, "actor"], [2, 5, "cue"], [8, 99, "x"], [1, 1, "x"]], ["met"])
    assert [(p["text"], p["kind"], p["differs"]) for p in out] == [
        ("Ann", "actor", False), (" ", None, False), ("met", "verb", True), (" Bob today.", None, False)]


def test_framing_of_odd_shape_costs_nothing(writable_copy):
    """A story whose stored framing has odd values (older versions, hand edits) still renders."""
    con = duckdb.connect(str(writable_copy))
    try:
        sid, aid = con.execute("SELECT story_id, article_id FROM story_articles LIMIT 1").fetchone()
        odd = {"framing": {"x": {"article_ids": [aid], "voices": {"A": "many", "B": 2}, "voices_by_side": [],
                                 "events_reported": [["x"]], "hedged_events": "two",
                                 "wording": [1, {"event_id": ["x"], "sentence": "s"},
                                             {"event_id": "e", "sentence": 5},
                                             {"event_id": "e", "sentence": "Ann met Bob.", "marks": "no",
                                              "differs": [3], "actor_labels": "Ann", "article_id": aid}]},
                           "y": "not a dict"}}
        con.execute("UPDATE stories SET extra = ? WHERE id = ?", [json.dumps(odd), sid])
    finally:
        con.close()
    with TestClient(create_app(str(writable_copy))) as c:
        assert c.get(f"/story/{sid}", headers={"accept": "text/html"}).status_code == 200
        st = c.get(f"/api/stories/{sid}").json()
    assert [r["pieces"] for w in st["wording"] for r in w["rows"]] == [[{"text": "Ann met Bob.", "kind": None,
                                                                         "differs": False}]]


def test_story_linked_before_wording_says_so(writable_copy):
    con = duckdb.connect(str(writable_copy))
    try:
        sid = con.execute("SELECT story_id FROM story_articles LIMIT 1").fetchone()[0]
        extra = json.loads(con.execute("SELECT extra FROM stories WHERE id = ?", [sid]).fetchone()[0])
        for f in extra["framing"].values():
            f.pop("wording", None)
            f["loaded"] = {"united": 1}                   # what an earlier version stored
        con.execute("UPDATE stories SET extra = ? WHERE id = ?", [json.dumps(extra), sid])
    finally:
        con.close()
    with TestClient(create_app(str(writable_copy))) as c:
        html = c.get(f"/story/{sid}", headers={"accept": "text/html"}).text
    assert "Not computed for this story" in html and "storyline link --again" in html
    assert "the same words as the others" not in html and "united" not in html
