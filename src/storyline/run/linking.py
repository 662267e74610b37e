"""The link step over a store: file new articles' actors under the corpus's canonical actors, file the articles
into stories, rebuild the stories they touched.

Actors first (``file_actors``): each article-level actor is filed under a canonical actor of the corpus
(``storyline.link.actors.ActorIndex``, kept as JSON in ``link_state`` under "actors"), and the article's rows
are rewritten to the canonical ids in the same transaction that saves the index, so stories, merged events and
every view see one actor per real person; ``actor_links`` keeps each filing's article-level id and evidence.

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


ACTOR_KEY = "actors"


def file_actors(store: Store, todo: Sequence[str], again: bool = False) -> tuple[int, int]:
    """File the article-level actors of ``todo`` under canonical actors of the corpus (``link/actors.py``) and
    rewrite the article's rows to the canonical ids: mentions, article actors, quote speakers, event actors and
    targets; ``actors`` holds one row per canonical actor and ``actor_links`` the evidence of each filing.
    Articles filed before are skipped (unless ``again``: the index starts afresh from the ids now stored).
    Returns (article-level actors filed, canonical actors in the index)."""
    from storyline.link.actors import ActorIndex, Local, is_name

    state = None if again else store.get_state(ACTOR_KEY)
    idx = None
    if state:
        try:
            idx = ActorIndex.from_state(state)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            log.warning("actor index rebuilt from scratch (%s)", exc)
    if idx is None:
        idx = ActorIndex()
        todo = _all_articles(store)          # no index: every article is filed again, in date order
    elif store.count("actor_links"):
        done = {r["article_id"] for r in store.query(
            "SELECT DISTINCT article_id FROM actor_links WHERE article_id IN (SELECT unnest(?))", [list(todo)])}
        todo = [a for a in todo if a not in done]
    n = 0
    for i in range(0, len(todo), LOAD_CHUNK):
        chunk = list(todo[i:i + LOAD_CHUNK])
        rows = store.query(
            "SELECT aa.article_id, aa.actor_id, aa.aliases, aa.mentions, a.name, a.type, a.country, a.sector "
            "FROM article_actors aa JOIN actors a ON a.id = aa.actor_id WHERE aa.article_id IN (SELECT unnest(?))",
            [chunk])
        by_art: dict[str, list] = {a: [] for a in chunk}
        for r in rows:
            by_art[r["article_id"]].append(Local(
                article_id=r["article_id"], id=r["actor_id"], name=r["name"] or r["actor_id"], type=r["type"] or "",
                country=r["country"], sector=r["sector"],
                aliases=tuple(sorted(x for x in (r["aliases"] or ()) if is_name(x))), mentions=r["mentions"] or 1))
        batch = [(a, locs) for a, locs in by_art.items() if locs]
        filings = idx.file_batch(batch)
        n += len(filings)
        _rewrite_actors(store, idx, batch, filings)
    return n, len(idx.canon)


def _rewrite_actors(store: Store, idx, batch: list, filings: list) -> None:
    """Write one batch's filings: the article rows carry canonical ids from here on."""
    con = store.con
    if not filings:
        store.set_state(ACTOR_KEY, idx.to_state())
        return
    canon_of = {(f.article_id, f.local_id): f.canonical_id for f in filings}
    aa_rows: dict[tuple[str, str], dict] = {}
    for aid, locs in batch:
        for loc in locs:
            cid = canon_of[(aid, loc.id)]
            row = aa_rows.setdefault((aid, cid), {"article_id": aid, "actor_id": cid, "aliases": set(), "mentions": 0})
            row["aliases"].update(loc.aliases)
            row["mentions"] += loc.mentions
    arts = sorted({a for a, _ in batch})
    touched = sorted({f.canonical_id for f in filings})
    amap = [{"article_id": f.article_id, "local_id": f.local_id, "actor_id": f.canonical_id, "evidence": f.evidence}
            for f in filings]
    changed = [r for r in amap if r["local_id"] != r["actor_id"]]
    con.execute("BEGIN")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _amap (article_id VARCHAR, local_id VARCHAR, actor_id VARCHAR, "
                    "name VARCHAR)")
        if changed:
            _insert(con, "_amap", [{"article_id": r["article_id"], "local_id": r["local_id"],
                                    "actor_id": r["actor_id"], "name": idx.canon[r["actor_id"]].name}
                                   for r in changed])
            con.execute("UPDATE mentions SET actor_id = m.actor_id FROM _amap m "
                        "WHERE mentions.article_id = m.article_id AND mentions.actor_id = m.local_id")
            con.execute("UPDATE quotes SET speaker_id = m.actor_id, speaker_name = m.name FROM _amap m "
                        "WHERE quotes.article_id = m.article_id AND quotes.speaker_id = m.local_id")
            con.execute("UPDATE events SET actor_id = m.actor_id, actor = m.name FROM _amap m "
                        "WHERE events.article_id = m.article_id AND events.actor_id = m.local_id")
            con.execute("UPDATE events SET target_id = m.actor_id, target = m.name FROM _amap m "
                        "WHERE events.article_id = m.article_id AND events.target_id = m.local_id")
        con.execute("DELETE FROM article_actors WHERE article_id IN (SELECT unnest(?))", [arts])
        _insert(con, "article_actors", [dict(r, aliases=sorted(r["aliases"])) for r in aa_rows.values()])
        con.execute("DELETE FROM actor_links WHERE article_id IN (SELECT unnest(?))", [arts])
        _insert(con, "actor_links", amap)
        con.execute("DELETE FROM actors WHERE id IN (SELECT unnest(?))", [touched])
        _insert(con, "actors", [{"id": c.id, "name": c.name, "type": c.type, "country": c.country,
                                 "sector": c.sector, "pipeline_version": PIPELINE_VERSION}
                                for c in (idx.canon[t] for t in touched)])
        store.set_state(ACTOR_KEY, idx.to_state())    # with the rows it filed: a kill loses nothing, doubles nothing
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


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
    n_filed, n_canon = file_actors(store, todo, again=again)
    if n_filed:
        notes.append(f"filed {n_filed} article-level actor(s) under {n_canon} canonical actor(s) of the corpus")
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
