"""The one record <-> row mapping of the store: model records (``storyline.model``) to the rows of the tables in
``schema.py`` and back. The writers (``db.Store``, the link step's story replacement) and the readers that rebuild
records (``load.load_annotated``) all go through here, so a field is named in one place.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

from storyline.model import (
    PIPELINE_VERSION,
    Actor,
    Annotated,
    Article,
    Event,
    Evidence,
    LinkedStory,
    Mention,
    MergedEvent,
    Quote,
    Sentence,
    TimeExpr,
    TimelineEntry,
)

Row = dict[str, Any]

# per-article tables, in the order an article's rows are written
ARTICLE_TABLES = ("articles", "sentences", "mentions", "article_actors", "quotes", "events", "times")


# ------------------------------------------------------------------ records -> rows
def article_row(an: Annotated) -> Row:
    a = an.article
    lo, hi = (a.published_range or (None, None))
    return {"id": a.id, "content_hash": a.content_hash, "source": a.source, "url": a.url, "kind": a.kind,
            "outlet": a.outlet, "title": a.title, "subtitle": a.subtitle, "published": a.published,
            "published_lo": lo, "published_hi": hi, "published_evidence": a.published_evidence,
            "published_candidates": list(a.published_candidates), "updated": a.updated, "byline": a.byline,
            "dateline": a.dateline, "language": a.language, "captured": a.captured, "text": a.text,
            "dropped_lines": list(a.dropped_lines), "notes": list(an.notes), "pipeline_version": a.pipeline_version}


def sentence_row(article_id: str, s: Sentence) -> Row:
    return {"article_id": article_id, "idx": s.index, "start_char": s.start, "end_char": s.end, "text": s.text}


def mention_row(article_id: str, m: Mention) -> Row:
    return {"article_id": article_id, "start_char": m.start, "end_char": m.end, "text": m.text, "label": m.label,
            "actor_id": m.actor_id, "sentence": m.sentence}


def quote_row(article_id: str, q: Quote, pipeline_version: str) -> Row:
    return {"id": q.id, "article_id": article_id, "speaker": q.speaker, "speaker_name": q.speaker_name,
            "speaker_id": q.speaker_id, "text": q.text, "kind": q.kind, "sentence": q.sentence,
            "start_char": q.start, "end_char": q.end, "pipeline_version": pipeline_version}


def event_row(article_id: str, e: Event, pipeline_version: str) -> Row:
    ev = e.evidence[0] if e.evidence else None
    dlo, dhi = (e.date_range or (None, None))
    return {"id": e.id, "article_id": article_id, "type": e.type, "mode": e.mode, "actor": e.actor,
            "actor_id": e.actor_id, "target": e.target, "target_id": e.target_id, "date": e.date,
            "date_lo": dlo, "date_hi": dhi, "date_inferred": e.date_inferred, "location": e.location,
            "hedged": e.hedged, "negated": e.negated, "trigger": e.trigger, "sentence": ev.sentence if ev else None,
            "start_char": ev.start if ev else None, "end_char": ev.end if ev else None,
            "pipeline_version": pipeline_version, "reference": e.reference}


def time_row(article_id: str, t: TimeExpr) -> Row:
    tlo, thi = (t.date_range or (None, None))
    return {"article_id": article_id, "start_char": t.start, "end_char": t.end, "text": t.text, "date": t.date,
            "date_lo": tlo, "date_hi": thi, "sentence": t.sentence}


def actor_row(x: Actor) -> Row:
    """A canonical actor's row (its aliases live per article, in ``article_actors``)."""
    return {"id": x.id, "name": x.name, "type": x.type, "country": x.country, "sector": x.sector,
            "pipeline_version": PIPELINE_VERSION}


def article_actor_rows(an: Annotated) -> list[Row]:
    """One row per actor the article refers to: its names there (pronouns and descriptors are mentions, never
    aliases) and how many mentions."""
    counts: dict[str, list] = {}
    for m in an.mentions:
        if m.actor_id:
            c = counts.setdefault(m.actor_id, [set(), 0])
            if m.label not in {"PRON", "DESC"}:
                c[0].add(m.text)
            c[1] += 1
    for act in an.actors:
        c = counts.setdefault(act.id, [set(), 0])
        c[0].update(act.aliases)
    return [{"article_id": an.article.id, "actor_id": aid, "aliases": sorted(aliases), "mentions": n}
            for aid, (aliases, n) in counts.items()]


def annotated_rows(batch: Iterable[Annotated]) -> tuple[dict[str, list[Row]], dict[str, Actor]]:
    """The rows of each per-article table for ``batch`` (table -> rows, in ``ARTICLE_TABLES`` order) and the
    actors it names (id -> first record seen)."""
    out: dict[str, list[Row]] = {t: [] for t in ARTICLE_TABLES}
    actors: dict[str, Actor] = {}
    for an in batch:
        a = an.article
        out["articles"].append(article_row(an))
        out["sentences"].extend(sentence_row(a.id, s) for s in an.sentences)
        out["mentions"].extend(mention_row(a.id, m) for m in an.mentions)
        for act in an.actors:
            actors.setdefault(act.id, act)
        out["article_actors"].extend(article_actor_rows(an))
        out["quotes"].extend(quote_row(a.id, q, a.pipeline_version) for q in an.quotes)
        out["events"].extend(event_row(a.id, e, a.pipeline_version) for e in an.events)
        out["times"].extend(time_row(a.id, t) for t in an.times)
    return out, actors


def merged_event_row(story_id: str, m: MergedEvent) -> Row:
    e = m.event
    lo, hi = (e.date_range or (None, None))[:2] if e.date_range else (None, None)
    return {"id": e.id, "story_id": story_id, "type": e.type, "mode": e.mode, "actor": e.actor,
            "actor_id": e.actor_id, "target": e.target, "target_id": e.target_id, "date": e.date,
            "date_lo": lo, "date_hi": hi, "date_inferred": bool(e.date_inferred), "location": e.location,
            "hedged": bool(e.hedged), "negated": bool(e.negated), "event_ids": list(m.source_event_ids),
            "evidence": json.dumps([{"article_id": v.article_id, "sentence": v.sentence, "start": v.start,
                                     "end": v.end} for v in e.evidence]),
            "conflicts": json.dumps([dict(c) for c in m.conflicts], default=str), "reference": bool(e.reference)}


def timeline_item(t: TimelineEntry) -> dict:
    """A timeline entry as kept in the story's ``extra``: the merged event it places (by id) and where."""
    return {"event_id": t.event.id, "start": t.start, "end": t.end, "label": t.label, "placement": t.placement,
            "n_sources": t.n_sources}


def story_extra(ls: LinkedStory) -> dict:
    """The story's views as kept in ``stories.extra`` (one JSON column each in the stories export):
    ``framing`` (outlet -> ``OutletFraming`` as a dict) and ``timeline`` (``timeline_item``s); a view that failed
    is left out."""
    extra: dict = {}
    if ls.framing is not None:
        extra["framing"] = {o.outlet: o.to_dict() for o in ls.framing.outlets}
    if ls.timeline is not None:
        extra["timeline"] = [timeline_item(t) for t in ls.timeline]
    return extra


def story_rows(ls: LinkedStory) -> tuple[Row, list[Row], list[Row]]:
    """(the ``stories`` row, its ``story_articles`` rows, its ``merged_events`` rows) for one linked story."""
    story = ls.story
    srow = {"id": story.id, "title": story.title, "first_date": story.first_date, "last_date": story.last_date,
            "outlets": list(story.outlets), "article_ids": list(story.article_ids),
            "summary": json.dumps([dict(s) for s in story.summary]),
            "extra": json.dumps(story_extra(ls), default=str), "pipeline_version": PIPELINE_VERSION}
    links = [{"story_id": story.id, "article_id": a} for a in story.article_ids]
    return srow, links, [merged_event_row(story.id, m) for m in ls.merged]


# ------------------------------------------------------------------ rows -> records
def article_from_row(r: Mapping[str, Any]) -> Article:
    lo, hi = r.get("published_lo"), r.get("published_hi")
    return Article(id=r["id"], source=r["source"], text=r["text"] or "", content_hash=r["content_hash"],
                   kind=r["kind"] or "text", url=r["url"], outlet=r["outlet"], title=r["title"],
                   subtitle=r["subtitle"], published=r["published"], published_range=(lo, hi) if (lo or hi) else None,
                   published_evidence=r["published_evidence"],
                   published_candidates=tuple(r["published_candidates"] or ()), updated=r["updated"],
                   byline=r["byline"], dateline=r["dateline"], language=r["language"], captured=r["captured"],
                   dropped_lines=tuple(r["dropped_lines"] or ()), pipeline_version=r["pipeline_version"])


def event_from_row(article_id: str, e: Mapping[str, Any]) -> Event:
    return Event(e["id"], e["type"], (Evidence(article_id, e["sentence"], e["start_char"], e["end_char"]),),
                 e["mode"], e["actor"], e["actor_id"], e["target"], e["target_id"], e["date"],
                 (e["date_lo"], e["date_hi"]) if e["date_lo"] else None, bool(e["date_inferred"]),
                 e["location"], bool(e["hedged"]), bool(e["negated"]), e["trigger"], bool(e.get("reference")))


def annotated_from_rows(r: Mapping[str, Any], sents: Sequence[Row] = (), actors: Sequence[Row] = (),
                        mentions: Sequence[Row] = (), quotes: Sequence[Row] = (), events: Sequence[Row] = (),
                        times: Sequence[Row] = ()) -> Annotated:
    """An ``Annotated`` from its article row and the rows of its other tables (``actors``: article_actors joined
    with actors, in the caller's order)."""
    i = r["id"]
    return Annotated(
        article=article_from_row(r),
        sentences=tuple(Sentence(s["idx"], s["start_char"], s["end_char"], s["text"]) for s in sents),
        actors=tuple(Actor(a["id"], a["name"], a["type"], a["country"], a["sector"], tuple(a["aliases"] or ()))
                     for a in actors),
        mentions=tuple(Mention(m["start_char"], m["end_char"], m["text"], m["label"], m["actor_id"], m["sentence"])
                       for m in mentions),
        quotes=tuple(Quote(q["id"], i, q["text"], q["kind"], q["sentence"], q["start_char"], q["end_char"],
                           q["speaker"], q["speaker_name"], q["speaker_id"]) for q in quotes),
        events=tuple(event_from_row(i, e) for e in events),
        times=tuple(TimeExpr(t["start_char"], t["end_char"], t["text"], t["date"],
                             (t["date_lo"], t["date_hi"]) if t["date_lo"] else None, t["sentence"] or 0)
                    for t in times),
        notes=tuple(r.get("notes") or ()),
    )


def extra_of(value: Optional[str | dict]) -> dict:
    """A story's stored ``extra`` as a dict (empty when missing or not an object)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}
