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

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Optional

from storyline.model import Actor
from storyline.store import Store
from storyline.store.load import load_annotated

log = logging.getLogger(__name__)

STATE_KEY = "link"
LOAD_CHUNK = 1000      # articles read back from the store at a time when adding
BUILD_CHUNK = 2000     # articles held at a time while rebuilding stories


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


ACTOR_KEY = "actors"


def file_actors(store: Store, todo: Sequence[str], again: bool = False) -> tuple[int, int]:
    """File the article-level actors of ``todo`` under canonical actors of the corpus (``link/actors.py``) and
    rewrite the article's rows to the canonical ids: mentions, article actors, quote speakers, event actors and
    targets; ``actors`` holds one row per canonical actor and ``actor_links`` the evidence of each filing.
    Articles filed before are skipped (unless ``again``: the index starts afresh from the ids now stored).
    Returns (article-level actors filed, canonical actors in the index)."""
    from storyline.link.actor_names import roles_of
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
        todo = store.article_ids_by_date()   # no index: every article is filed again, in date order
    elif store.count("actor_links"):
        done = store.filed_articles(todo)
        todo = [a for a in todo if a not in done]
    n = 0
    for i in range(0, len(todo), LOAD_CHUNK):
        chunk = list(todo[i:i + LOAD_CHUNK])
        rows = store.article_actors(chunk)
        descs: dict[tuple[str, str], list[str]] = {}
        for d in store.actor_descriptors(chunk):
            descs.setdefault((d["article_id"], d["actor_id"]), []).append(d["text"])
        by_art: dict[str, list] = {a: [] for a in chunk}
        for r in rows:
            name = r["name"] or r["actor_id"]
            aliases = tuple(sorted(x for x in (r["aliases"] or ()) if is_name(x)))
            roles = () if not is_name(name) else tuple(sorted(roles_of(
                name, aliases, descs.get((r["article_id"], r["actor_id"]), ()))))
            by_art[r["article_id"]].append(Local(
                article_id=r["article_id"], id=r["actor_id"], name=name, type=r["type"] or "",
                country=r["country"], sector=r["sector"], aliases=aliases, mentions=r["mentions"] or 1, roles=roles))
        batch = [(a, locs) for a, locs in by_art.items() if locs]
        filings = idx.file_batch(batch)
        n += len(filings)
        _rewrite_actors(store, idx, batch, filings)
    return n, len(idx.canon)


def _rewrite_actors(store: Store, idx, batch: list, filings: list) -> None:
    """Write one batch's filings: the article rows carry canonical ids from here on."""
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
    touched = sorted({f.canonical_id for f in filings})
    canon = [Actor(id=c.id, name=c.name, type=c.type, country=c.country, sector=c.sector)
             for c in (idx.canon[t] for t in touched)]
    store.refile_actors(
        articles=sorted({a for a, _ in batch}),
        filings=[{"article_id": f.article_id, "local_id": f.local_id, "actor_id": f.canonical_id,
                  "evidence": f.evidence} for f in filings],
        article_actors=[dict(r, aliases=sorted(r["aliases"])) for r in aa_rows.values()],
        canon=canon, names={f.canonical_id: idx.canon[f.canonical_id].name for f in filings},
        state_key=ACTOR_KEY, state=idx.to_state())


def link_store(store: Store, progress: Optional[Callable[[str, int, int], None]] = None,
               again: bool = False) -> list[str]:
    """Link the store's unlinked articles into stories; returns notes for the run report.

    ``again``: forget the story index and link every article from scratch (after a change of embedding model
    or thresholds); the old stories stay in place until the new ones replace them in one transaction."""
    from storyline.link import build_stories
    from storyline.link import embed as _embed
    from storyline.link.stories import ADD_BATCH

    todo = store.article_ids_by_date(unlinked=not again)
    if not todo:
        return []
    notes: list[str] = []
    n_filed, n_canon = file_actors(store, todo, again=again)
    if n_filed:
        notes.append(f"filed {n_filed} article-level actor(s) under {n_canon} canonical actor(s) of the corpus")
    idx, todo = _story_index(store, todo, again, notes)
    fresh = idx.n_docs == 0 and not idx.assign
    touched: set[str] = set()
    for i in range(0, len(todo), LOAD_CHUNK):
        anns = load_annotated(store, todo[i:i + LOAD_CHUNK])
        for j in range(0, len(anns), ADD_BATCH):
            touched.update(idx.add(anns[j:j + ADD_BATCH]).values())
        del anns
        if progress:
            progress("link", min(i + LOAD_CHUNK, len(todo)), len(todo))
    touched |= idx.retired          # stories merged into another: their rows go
    members = idx.members()
    linked = []
    for group in _groups(touched, members, BUILD_CHUNK):
        by_id = {a.article.id: a for a in load_annotated(store, [a for s in group for a in members.get(s, ())])}
        linked.extend(build_stories(idx, by_id))
        del by_id
    n_stories, n_merged = store.replace_stories(linked, STATE_KEY, idx.to_state(),
                                                replaced=None if fresh else sorted(touched))
    multi = sum(1 for ls in linked if len(ls.story.article_ids) > 1)
    notes.append(f"linked {len(todo)} article(s): {n_stories} stor{'y' if n_stories == 1 else 'ies'} "
                 f"updated ({multi} with several articles), {n_merged} merged event(s); "
                 f"embeddings: {_embed.backend()}")
    return notes


def _story_index(store: Store, todo: list[str], again: bool, notes: list[str]):
    """The story index to add ``todo`` to (the saved one, unless ``again`` or it cannot be restored), and the
    articles to add to it: every article when a saved index could not be used."""
    from storyline.link.stories import StoryIndex

    state = None if again else store.get_state(STATE_KEY)
    if state:
        try:
            return StoryIndex.from_state(state), todo
        except (ValueError, KeyError, TypeError) as exc:
            notes.append(f"story index rebuilt from scratch ({exc})")
    if not again and (state or store.count("stories")):
        todo = store.article_ids_by_date()
    return StoryIndex(), todo


def relink(store: Store, progress: Optional[Callable[[str, int, int], None]] = None) -> list[str]:
    """Forget the stories and link every article again (after a model or threshold change)."""
    return link_store(store, progress, again=True)


__all__: Sequence[str] = ("link_store", "relink")
