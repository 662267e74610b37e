"""Helpers for the web tests: stores built by the real ingest from pages written here (and the bundled sample).

``web_store``: two reports of one port deal from two outlets, and a hostile page whose title, outlet,
text, quote and URL carry markup (``<script>alert(1)</script>``, ``"><img src=x onerror=alert(1)>``,
``javascript:``). Rows the pipeline would not produce on its own (an actor with a hostile name, and a
story while the link step is not in the ingest) are added by hand, marked ``planted``.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

import duckdb

EVIL_SCRIPT = "<script>alert(1)</script>"
EVIL_IMG = '"><img src=x onerror=alert(1)>'
EVIL_ACTOR = f"{EVIL_SCRIPT} Evil {EVIL_IMG}"
SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "seeds"

PORT_1 = """<html><head><title>Portugal and Morocco sign port deal | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times"><meta property="og:title" content="Portugal and Morocco sign port deal">
<meta property="article:published_time" content="2023-03-14"><link rel="canonical" href="https://harbour.example/port-deal">
</head><body><article><h1>Portugal and Morocco sign port deal</h1>
<p>Portugal and Morocco signed an agreement on Tuesday to expand the port of Sines, the two governments said in a joint
statement.</p>
<p>"This deal opens a new route for trade between our countries," Prime Minister Ana Costa said at the ceremony in
Lisbon.</p>
<p>The agreement follows months of talks between the two foreign ministries, officials said. Spain reportedly criticised
the deal last week.</p>
</article></body></html>"""  # noqa: E501 (a page as written)

PORT_2 = """<html><head><title>Sines port deal signed | Coastal Ledger</title>
<meta property="og:site_name" content="Coastal Ledger"><meta property="og:title" content="Sines port deal signed">
<meta property="article:published_time" content="2023-03-15"><link rel="canonical" href="https://ledger.example/sines">
</head><body><article><h1>Sines port deal signed</h1>
<p>Morocco and Portugal signed a deal on Tuesday to expand the port of Sines, a project worth two billion euros.</p>
<p>"We welcome every partner who wants to invest in Sines," Morocco's trade minister Karim Idrissi told reporters.</p>
<p>Environmental groups accused the government of ignoring the damage to the coast, and protesters marched in Lisbon
on Sunday.</p>
</article></body></html>"""


def _evil_page() -> str:
    e1, e2 = html.escape(EVIL_SCRIPT), html.escape(EVIL_IMG)
    body = (f"<p>Officials in Northfield said on Monday that the council rejected the plan {e1} after a long debate "
            "about the harbour.</p>"
            f"<p>\"We will not accept this {e2} proposal,\" the mayor John Smith said at the meeting.</p>"
            "<p>The union threatened to strike if the council did not reconsider the plan before the summer.</p>")
    return (f"<html><head><title>{e1} Council rejects plan {e2}</title>"
            f"<meta property=\"og:site_name\" content=\"{e2} Daily\"></head><body><article>"
            f"<h1>{e1} Council rejects plan {e2}</h1>{body}</article></body></html>")


def write_pages(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "port1.html").write_text(PORT_1, encoding="utf-8")
    (folder / "port2.html").write_text(PORT_2, encoding="utf-8")
    (folder / "evil.jsonl").write_text(json.dumps({"url": "javascript:alert(1)", "html": _evil_page()}) + "\n",
                                       encoding="utf-8")
    return folder


def plant_hostile(db: Path) -> None:
    """An actor with a hostile name, acting in the hostile article and quoted there."""
    con = duckdb.connect(str(db))
    try:
        aid = con.execute("SELECT id FROM articles WHERE url LIKE 'javascript:%'").fetchone()[0]
        sent = con.execute("SELECT start_char, end_char, text FROM sentences WHERE article_id = ? ORDER BY idx "
                           "LIMIT 1 OFFSET 1", [aid]).fetchone()
        con.execute("INSERT INTO actors VALUES ('person:planted-evil', ?, 'PERSON', NULL, NULL, 'planted')",
                    [EVIL_ACTOR])
        con.execute("INSERT INTO article_actors VALUES (?, 'person:planted-evil', [?], 1)", [aid, EVIL_ACTOR])
        con.execute("""INSERT INTO events (id, article_id, type, actor, actor_id, target, date, hedged, negated,
            sentence, start_char, end_char, pipeline_version) VALUES ('planted-evil-event', ?, 'THREATEN', ?,
            'person:planted-evil', ?, '2023-03-20', true, false, ?, ?, ?, 'planted')""",
                    [aid, EVIL_ACTOR, EVIL_IMG + " Corp", sent[2], sent[0], sent[1]])
        story = con.execute("SELECT story_id FROM story_articles WHERE article_id = ?", [aid]).fetchone()
        if story:   # the link step made stories: its timeline shows merged events, so plant one there too
            con.execute("""INSERT INTO merged_events (id, story_id, type, actor, actor_id, target, date, hedged,
                negated, event_ids, evidence, conflicts) VALUES ('planted-evil-event', ?, 'THREATEN', ?,
                'person:planted-evil', ?, '2023-03-20', true, false, ['planted-evil-event'], ?, '[]')""",
                        [story[0], EVIL_ACTOR, EVIL_IMG + " Corp",
                         json.dumps([{"article_id": aid, "sentence": sent[2], "start": sent[0], "end": sent[1]}])])
            extra = json.loads(con.execute("SELECT extra FROM stories WHERE id = ?", [story[0]]).fetchone()[0] or "{}")
            if isinstance(extra.get("timeline"), list):   # and on the timeline the link step kept, which is drawn
                extra["timeline"].append({"event_id": "planted-evil-event", "start": "2023-03-20",
                                          "end": "2023-03-20", "label": "2023-03-20", "placement": "stated",
                                          "n_sources": 1})
                con.execute("UPDATE stories SET extra = ? WHERE id = ?", [json.dumps(extra), story[0]])
        con.execute("""INSERT INTO quotes VALUES ('planted-evil-quote', ?, ?, ?, 'person:planted-evil', ?, 'direct',
            ?, ?, ?, 'planted')""", [aid, EVIL_ACTOR, EVIL_ACTOR, EVIL_SCRIPT, sent[2], sent[0], sent[1]])
    finally:
        con.close()


def plant_story(db: Path, story_id: str = "planted-story") -> str | None:
    """When the ingest left no story (link step not wired yet), one story over all articles, by hand.
    Returns the planted id, or None when the ingest made stories itself."""
    con = duckdb.connect(str(db))
    try:
        if con.execute("SELECT count(*) FROM stories").fetchone()[0]:
            return None
        arts = con.execute("SELECT id, outlet, published FROM articles ORDER BY published NULLS LAST, id").fetchall()
        ids = [a[0] for a in arts]
        outlets = sorted({a[1] for a in arts if a[1]})
        dates = sorted(a[2] for a in arts if a[2] and not a[2].startswith("-"))
        summary = [{"text": r[1], "article_id": r[0]} for r in con.execute(
            "SELECT article_id, text FROM sentences WHERE idx = 1 ORDER BY article_id").fetchall()]
        title = con.execute("SELECT title FROM articles WHERE url LIKE 'javascript:%'").fetchone()
        con.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planted')",
                    [story_id, title[0] if title else "Planted story", dates[0] if dates else None,
                     dates[-1] if dates else None, outlets, ids, json.dumps(summary), json.dumps({})])
        con.executemany("INSERT INTO story_articles VALUES (?, ?)", [[story_id, i] for i in ids])
        return story_id
    finally:
        con.close()


def story_id_of(client) -> str:
    items = client.get("/api/stories").json()["items"]
    assert items, "the fixture store has a story"
    return items[0]["id"]


def evil_article_id(client) -> str:
    items = client.get("/api/articles", params={"q": "Council rejects"}).json()["items"]
    assert len(items) == 1
    return items[0]["id"]
