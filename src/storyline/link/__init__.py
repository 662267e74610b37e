"""link: corpus-level steps over annotated articles.

- ``dedupe``    near-duplicates (MinHash + LSH): ``DuplicateIndex``
- ``embed``     MiniLM embeddings (ONNX export -> onnxruntime, torch, hashing fallback): ``embed``, ``backend``
- ``stories``   online story clustering: ``StoryIndex`` (add / stories / to_state / from_state)
- ``merge``     one event from many reports: ``merge_events`` -> ``MergedEvent``
- ``timeline``  a story's events in date order: ``timeline``
- ``framing``   how each outlet tells the story: ``framing``
- ``brief``     extractive, cited summary: ``brief``

``link(annotated, state=None)`` runs them together for the store: it returns the stories, each story's merged
events, and the index state to keep for the next batch. Heavy libraries load only when used.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

from storyline.model import Annotated, Story


@dataclass
class LinkResult:
    stories: list[Story]
    merged: dict = field(default_factory=dict)        # story id -> [MergedEvent]
    duplicates: dict = field(default_factory=dict)    # copy article id -> canonical article id
    state: dict = field(default_factory=dict)         # StoryIndex.to_state(): keep it for the next call
    assigned: dict = field(default_factory=dict)      # article id -> story id for the articles just added


def link(new: Sequence[Annotated], all_by_id: Optional[Mapping[str, Annotated]] = None,
         state: Optional[dict] = None, batch_size: int = 200) -> LinkResult:
    """Add ``new`` articles to the story index (restored from ``state`` when given) and build the stories.

    ``all_by_id`` holds every stored article the stories may contain (defaults to ``new``); only stories that
    received new articles need rebuilding, but all are returned.
    """
    from .stories import StoryIndex

    idx = StoryIndex.from_state(state) if state else StoryIndex()
    ordered = sorted(new, key=lambda a: (a.article.published or "9999", a.article.id))
    assigned = {}
    for i in range(0, len(ordered), batch_size):
        assigned.update(idx.add(ordered[i:i + batch_size]))
    by_id = dict(all_by_id) if all_by_id is not None else {}
    for a in new:
        by_id.setdefault(a.article.id, a)
    merged: dict = {}
    stories = idx.stories(by_id, merged_out=merged)
    dups = dict(idx.dups.canonical) if idx.dups else {}
    return LinkResult(stories=stories, merged=merged, duplicates=dups, state=idx.to_state(), assigned=assigned)
