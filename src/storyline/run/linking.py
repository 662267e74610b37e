"""The link step over a store: file new articles into stories, rebuild the stories they touched.

Incremental: the story index (``storyline.link.stories.StoryIndex``) is kept as JSON in ``link_state``; a run
adds only the articles that no story holds yet, then rewrites the touched stories (their rows in ``stories``,
``story_articles`` and ``merged_events``) in one transaction with the new index state. A run killed midway
leaves the previous stories and state intact, and the next run redoes the work. When the embedding backend has
changed since the state was saved (a model installed or removed), the stories are rebuilt from scratch.
"""
from __future__ import annotations

import json
import logging
from typing import Callable, Iterable, Optional, Sequence

from storyline.model import PIPELINE_VERSION
from storyline.store import Store
from storyline.store.db import _insert
from storyline.store.load import load_annotated

log = logging.getLogger(__name__)

STATE_KEY = "link"
LOAD_CHUNK = 1000      # articles read back from the store at a time when adding
BUILD_CHUNK = 2000     # articles held at a time while rebuilding stories


def _unlinked(store: Store) -> list[str]:
    """Article ids no story holds yet, in publication order (the order the index should see them)."""
    return [r["id"] for r in store.query(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) "
        "ORDER BY coalesce(published, published_lo, '9999'), id")]


def _groups(sids: Iterable[str], members: dict[str, list[str]], limit: int) -> Iterable[list[str]]:
    """Story ids in groups whose articles together stay near ``limit`` (one big story is its own group)."""
    group, size = [], 0
    for sid in sorted(sids, key=lambda s: len(members.get(s, ()))):
        n = len(members.get(sid, ()))
        if group and size + n > limit:
            yield group
            group, size = [], 0
        group.append(sid)
        size += n
    if group:
        yield group


def _story_rows(story, merged, anns) -> tuple[dict, list[dict], list[dict]]:
    from storyline.link.framing import framing
    from storyline.link.timeline import timeline

    extra: dict = {}
    try:
        fr = framing(anns, merged)
        extra["framing"] = {o.outlet: o.to_dict() for o in fr["outlets"]}
    except Exception as exc:  # framing is a view; a failure there must not cost the story
        log.warning("framing of story %s failed: %s", story.id, exc)
    try:
        extra["timeline"] = [{"event_id": t.event.id, "start": t.start, "end": t.end, "label": t.label,
                              "placement": t.placement, "n_sources": t.n_sources}
                             for t in timeline(anns, merged)]
    except Exception as exc:
        log.warning("timeline of story %s failed: %s", story.id, exc)
    srow = {"id": story.id, "title": story.title, "first_date": story.first_date, "last_date": story.last_date,
            "outlets": list(story.outlets), "article_ids": list(story.article_ids),
            "summary": json.dumps([dict(s) for s in story.summary]), "extra": json.dumps(extra, default=str),
            "pipeline_version": PIPELINE_VERSION}
    links = [{"story_id": story.id, "article_id": a} for a in story.article_ids]
    mrows = []
    for m in merged:
        e = m.event
        lo, hi = (e.date_range or (None, None))[:2] if e.date_range else (None, None)
        mrows.append({
            "id": e.id, "story_id": story.id, "type": e.type, "mode": e.mode, "actor": e.actor,
            "actor_id": e.actor_id, "target": e.target, "target_id": e.target_id, "date": e.date,
            "date_lo": lo, "date_hi": hi, "date_inferred": bool(e.date_inferred), "location": e.location,
            "hedged": bool(e.hedged), "negated": bool(e.negated), "event_ids": list(m.source_event_ids),
            "evidence": json.dumps([{"article_id": v.article_id, "sentence": v.sentence, "start": v.start,
                                     "end": v.end} for v in e.evidence]),
            "conflicts": json.dumps([dict(c) for c in m.conflicts], default=str)})
    return srow, links, mrows


def _all_articles(store: Store) -> list[str]:
    return [r["id"] for r in store.query(
        "SELECT id FROM articles ORDER BY coalesce(published, published_lo, '9999'), id")]


def link_store(store: Store, progress: Optional[Callable[[str, int, int], None]] = None,
               again: bool = False) -> list[str]:
    """Link the store's unlinked articles into stories; returns notes for the run report.

    ``again``: forget the story index and link every article from scratch (after a change of embedding model
    or thresholds); the old stories stay in place until the new ones replace them in one transaction."""
    from storyline.link import embed as _embed
    from storyline.link.stories import StoryIndex

    todo = _all_articles(store) if again else _unlinked(store)
    if not todo:
        return []
    notes: list[str] = []
    state = None if again else store.get_state(STATE_KEY)
    idx = None
    if state:
        try:
            idx = StoryIndex.from_state(state)
        except (ValueError, KeyError, TypeError) as exc:
            notes.append(f"story index rebuilt from scratch ({exc})")
            idx = None
    if idx is None:
        idx = StoryIndex()
        if not again and (state or store.count("stories")):
            todo = _all_articles(store)
    fresh = idx.n_docs == 0 and not idx.assign
    touched: set[str] = set()
    for i in range(0, len(todo), LOAD_CHUNK):
        anns = load_annotated(store, todo[i:i + LOAD_CHUNK])
        for j in range(0, len(anns), 200):
            touched.update(idx.add(anns[j:j + 200]).values())
        if progress:
            progress("link", min(i + LOAD_CHUNK, len(todo)), len(todo))
    members = idx.members()
    story_rows, link_rows, merged_rows = [], [], []
    for group in _groups(touched, members, BUILD_CHUNK):
        ids = [a for s in group for a in members.get(s, ())]
        by_id = {a.article.id: a for a in load_annotated(store, ids)}
        merged_out: dict = {}
        for story in idx.stories(by_id, merged_out=merged_out):
            anns = [by_id[a] for a in story.article_ids if a in by_id]
            s, l_, m = _story_rows(story, merged_out.get(story.id, []), anns)
            story_rows.append(s)
            link_rows.extend(l_)
            merged_rows.extend(m)
    con = store.con
    con.execute("BEGIN")
    try:
        if fresh:
            for t in ("stories", "story_articles", "merged_events"):
                con.execute(f"DELETE FROM {t}")
        else:
            sids = sorted(touched)
            con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [sids])
            con.execute("DELETE FROM story_articles WHERE story_id IN (SELECT unnest(?))", [sids])
            con.execute("DELETE FROM merged_events WHERE story_id IN (SELECT unnest(?))", [sids])
        _insert(con, "stories", story_rows)
        _insert(con, "story_articles", link_rows)
        _insert(con, "merged_events", merged_rows, ignore=True)
        store.set_state(STATE_KEY, idx.to_state())
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    multi = sum(1 for s in story_rows if len(s["article_ids"]) > 1)
    notes.append(f"linked {len(todo)} article(s): {len(story_rows)} stor{'y' if len(story_rows) == 1 else 'ies'} "
                 f"updated ({multi} with several articles), {len(merged_rows)} merged event(s); "
                 f"embeddings: {_embed.backend()}")
    return notes


def relink(store: Store, progress: Optional[Callable[[str, int, int], None]] = None) -> list[str]:
    """Forget the stories and link every article again (after a model or threshold change)."""
    return link_store(store, progress, again=True)


__all__: Sequence[str] = ("link_store", "relink")
