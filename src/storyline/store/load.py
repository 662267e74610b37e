"""Rebuild model records from stored rows (for the link step and other corpus-level readers)."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from storyline.model import Actor, Annotated, Article, Event, Evidence, Mention, Quote, Sentence, TimeExpr
from storyline.store.db import Store


def _in(ids: Sequence[str]) -> tuple[str, list]:
    return "(SELECT unnest(?))", [list(ids)]


def load_annotated(store: Store, ids: Sequence[str]) -> list[Annotated]:
    """The Annotated records of ``ids`` (in that order), as the understand stage produced them."""
    if not ids:
        return []
    sub, p = _in(ids)
    arts = {r["id"]: r for r in store.query(f"SELECT * FROM articles WHERE id IN {sub}", p)}
    by = lambda sql: _group(store.query(sql, p))  # noqa: E731
    sents = by(f"SELECT * FROM sentences WHERE article_id IN {sub} ORDER BY article_id, idx")
    mens = by(f"SELECT * FROM mentions WHERE article_id IN {sub} ORDER BY article_id, start_char")
    quotes = by(f"SELECT * FROM quotes WHERE article_id IN {sub} ORDER BY article_id, start_char")
    events = by(f"SELECT * FROM events WHERE article_id IN {sub} ORDER BY article_id, start_char, id")
    times = by(f"SELECT * FROM times WHERE article_id IN {sub} ORDER BY article_id, start_char")
    aa = by(f"""SELECT aa.article_id, aa.aliases, a.* FROM article_actors aa JOIN actors a ON a.id = aa.actor_id
                WHERE aa.article_id IN {sub} ORDER BY aa.article_id, a.id""")
    out = []
    for i in ids:
        r = arts.get(i)
        if r is None:
            continue
        lo, hi = r.get("published_lo"), r.get("published_hi")
        art = Article(id=r["id"], source=r["source"], text=r["text"] or "", content_hash=r["content_hash"],
                      kind=r["kind"] or "text", url=r["url"], outlet=r["outlet"], title=r["title"],
                      subtitle=r["subtitle"], published=r["published"],
                      published_range=(lo, hi) if (lo or hi) else None,
                      published_evidence=r["published_evidence"],
                      published_candidates=tuple(r["published_candidates"] or ()), updated=r["updated"],
                      byline=r["byline"], dateline=r["dateline"], language=r["language"], captured=r["captured"],
                      dropped_lines=tuple(r["dropped_lines"] or ()), pipeline_version=r["pipeline_version"])
        out.append(Annotated(
            article=art,
            sentences=tuple(Sentence(s["idx"], s["start_char"], s["end_char"], s["text"]) for s in sents[i]),
            actors=tuple(Actor(a["id"], a["name"], a["type"], a["country"], a["sector"], tuple(a["aliases"] or ()))
                         for a in aa[i]),
            mentions=tuple(Mention(m["start_char"], m["end_char"], m["text"], m["label"], m["actor_id"], m["sentence"])
                           for m in mens[i]),
            quotes=tuple(Quote(q["id"], i, q["text"], q["kind"], q["sentence"], q["start_char"], q["end_char"],
                               q["speaker"], q["speaker_name"], q["speaker_id"]) for q in quotes[i]),
            events=tuple(Event(e["id"], e["type"], (Evidence(i, e["sentence"], e["start_char"], e["end_char"]),),
                               e["mode"], e["actor"], e["actor_id"], e["target"], e["target_id"], e["date"],
                               (e["date_lo"], e["date_hi"]) if e["date_lo"] else None, bool(e["date_inferred"]),
                               e["location"], bool(e["hedged"]), bool(e["negated"]), e["trigger"])
                         for e in events[i]),
            times=tuple(TimeExpr(t["start_char"], t["end_char"], t["text"], t["date"],
                                 (t["date_lo"], t["date_hi"]) if t["date_lo"] else None, t["sentence"] or 0)
                        for t in times[i]),
            notes=tuple(r.get("notes") or ()),
        ))
    return out


def _group(rows: Iterable[dict]) -> dict[str, list[dict]]:
    g: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        g[r["article_id"]].append(r)
    return g
