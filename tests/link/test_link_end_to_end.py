"""The link step inside a real ingest: three outlets report one event; the events export shows it once, with
every source sentence, dated by the weekday the articles name. Articles written here (JSON lines of HTML)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.run.ingest import ingest
from tests.declared_model import declared_nlp

ARTICLES = [
    ("harbour-times.example", "Harbour Times", "Norway sanctions Belarus over border crackdown", "2023-03-14",
     ["Norway imposed new sanctions on Belarus on Monday over the crackdown on protesters near the border.",
      "The measures freeze the assets of twelve officials and ban exports of surveillance equipment, the foreign "
      "ministry in Oslo said."]),
    ("coastal-ledger.example", "Coastal Ledger", "Oslo hits Minsk with asset freezes", "2023-03-14",
     ["Norway on Monday imposed sanctions on Belarus, freezing the assets of twelve officials accused of violence "
      "against demonstrators.",
      "Belarus condemned the decision and said it would respond."]),
    ("northern-post.example", "Northern Post", "Belarus faces Norwegian sanctions", "2023-03-15",
     ["Belarus was hit with fresh Norwegian sanctions this week.",
      "Norway imposed sanctions on Belarus on Monday, targeting twelve officials and exports of surveillance gear."]),
]


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as fh:
        for host, outlet, title, date, paras in ARTICLES:
            body = "".join(f"<p>{p}</p>" for p in paras)
            html = (f"<html><head><title>{title} | {outlet}</title>"
                    f"<meta property='og:site_name' content='{outlet}'>"
                    f"<meta property='article:published_time' content='{date}T09:00:00Z'></head>"
                    f"<body><article><h1>{title}</h1>{body}</article></body></html>")
            fh.write(json.dumps({"url": f"https://{host}/world/{date}/sanctions", "html": html}) + "\n")
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    declared_nlp()   # events need the parser: fails (never skips) without the declared model
    root = tmp_path_factory.mktemp("merge")
    db = root / "m.duckdb"
    report = ingest([str(_write(root / "pages"))], db, engine="inline")
    assert report.new == 3 and not report.refused
    return db


def _export(db: Path, kind: str) -> list[dict]:
    r = subprocess.run([sys.executable, "-m", "storyline.cli", "export", kind, "--db", str(db)],
                       capture_output=True, text=True, check=True)
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def test_link_one_event_from_three_outlets_in_the_export(store):
    arts = {a["id"]: a for a in _export(store, "articles")}
    sanctions = [e for e in _export(store, "events")
                 if e["type"] == "SANCTION" and e["actor_id"] == "gpe:NOR" and e["target_id"] == "gpe:BLR"]
    assert len(sanctions) == 1, sanctions
    ev = sanctions[0]
    assert {x["article_id"] for x in ev["evidence"]} == set(arts)
    assert {arts[x["article_id"]]["outlet"] for x in ev["evidence"]} == {"Harbour Times", "Coastal Ledger",
                                                                         "Northern Post"}
    assert ev["date"] == "2023-03-13"       # "on Monday", against each article's date
    for x in ev["evidence"]:                # every source sentence is where its offsets say
        assert arts[x["article_id"]]["text"][x["start"]:x["end"]] == x["sentence"]


def test_link_three_outlets_are_one_story(store):
    stories = _export(store, "stories")
    assert len(stories) == 1 and len(stories[0]["article_ids"]) == 3
    assert stories[0]["summary"] and all(s["article_id"] in stories[0]["article_ids"] for s in stories[0]["summary"])


def test_link_a_later_ingest_joins_the_existing_story(tmp_path, store):
    """Two articles first, the third in a later run: the story grows and the event gains a source; no copies."""
    lines = (_write(tmp_path / "all") / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "first").mkdir()
    (tmp_path / "first" / "a.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "b.jsonl").write_text(lines[2] + "\n", encoding="utf-8")
    db = tmp_path / "inc.duckdb"
    ingest([str(tmp_path / "first")], db, engine="inline")
    before = _export(db, "stories")
    assert len(before) == 1 and len(before[0]["article_ids"]) == 2
    ingest([str(tmp_path / "later")], db, engine="inline")
    after = _export(db, "stories")
    assert [s["id"] for s in after] == [before[0]["id"]] and len(after[0]["article_ids"]) == 3
    ev = [e for e in _export(db, "events") if e["type"] == "SANCTION" and e["target_id"] == "gpe:BLR"
          and e["actor_id"] == "gpe:NOR"]
    assert len(ev) == 1 and len(ev[0]["evidence"]) == 3


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True)


def test_link_command_after_an_ingest_without_link(tmp_path):
    db = tmp_path / "n.duckdb"
    ingest([str(_write(tmp_path / "pages"))], db, engine="inline", link=False)
    assert _export(db, "stories") == []
    first = _cli("link", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "linked 3 article(s)" in first.stderr
    stories = _export(db, "stories")
    assert len(stories) == 1 and len(stories[0]["article_ids"]) == 3
    again = _cli("link", "--db", str(db))            # nothing waits: nothing changes
    assert again.returncode == 0 and "no article waits" in again.stderr
    redo = _cli("link", "--again", "--db", str(db))   # from scratch: the same story
    assert redo.returncode == 0 and "linked 3 article(s)" in redo.stderr
    assert [s["article_ids"] for s in _export(db, "stories")] == [stories[0]["article_ids"]]


def test_link_command_refuses_a_missing_store(tmp_path):
    r = _cli("link", "--db", str(tmp_path / "nope.duckdb"))
    assert r.returncode == 2 and "no such store" in r.stderr
    assert not (tmp_path / "nope.duckdb").exists()
