"""link: corpus-level steps over annotated articles.

- ``dedupe``    near-duplicates (MinHash + LSH): ``DuplicateIndex``
- ``embed``     MiniLM embeddings (ONNX export -> onnxruntime, torch, hashing fallback): ``embed``, ``backend``
- ``stories``   online story clustering: ``StoryIndex`` (add / stories / to_state / from_state)
- ``merge``     one event from many reports: ``merge_events`` -> ``MergedEvent``
- ``timeline``  a story's events in date order: ``timeline``
- ``framing``   how each outlet tells the story: ``framing``
- ``brief``     extractive, cited summary: ``brief``

``link(annotated, state=None)`` runs them together: it returns each story as a ``LinkedStory`` (the story, its
merged events, computed once, its timeline and its framing) and the index state to keep for the next batch;
``build_stories`` is the part the store's link step (``storyline.run.linking``) calls batch by batch. Heavy
libraries load only when used.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from storyline.model import Annotated, LinkedStory, MergedEvent, Story

if TYPE_CHECKING:
    from .stories import StoryIndex

log = logging.getLogger(__name__)


@dataclass
class LinkResult:
    linked: list[LinkedStory]                          # each story with its merged events, timeline and framing
    duplicates: dict = field(default_factory=dict)    # copy article id -> canonical article id
    state: dict = field(default_factory=dict)         # StoryIndex.to_state(): keep it for the next call
    assigned: dict = field(default_factory=dict)      # article id -> story id for the articles just added

    @property
    def stories(self) -> list[Story]:
        return [ls.story for ls in self.linked]

    @property
    def merged(self) -> dict[str, tuple[MergedEvent, ...]]:
        """story id -> its merged events."""
        return {ls.story.id: ls.merged for ls in self.linked}


def views(story: Story, merged: Sequence[MergedEvent], annotated: Sequence[Annotated]) -> LinkedStory:
    """A story with its views, each built from the story's merged events (merged once, by the story index):
    the timeline and the framing. A view that fails is left out (logged): it must not cost the story."""
    from .framing import framing
    from .timeline import timeline

    tl = fr = None
    try:
        tl = tuple(timeline(annotated, merged))
    except Exception as exc:
        log.warning("timeline of story %s failed: %s", story.id, exc)
    try:
        fr = framing(annotated, merged)
    except Exception as exc:
        log.warning("framing of story %s failed: %s", story.id, exc)
    return LinkedStory(story=story, merged=tuple(merged), timeline=tl, framing=fr)


def build_stories(idx: StoryIndex, by_id: Mapping[str, Annotated]) -> list[LinkedStory]:
    """Every story of ``idx`` whose articles are in ``by_id``, with its merged events and views (largest first)."""
    merged: dict = {}
    out = []
    for story in idx.stories(by_id, merged_out=merged):
        anns = [by_id[a] for a in story.article_ids if a in by_id]
        out.append(views(story, merged.get(story.id, ()), anns))
    return out


def link(new: Sequence[Annotated], all_by_id: Optional[Mapping[str, Annotated]] = None,
         state: Optional[dict] = None, batch_size: Optional[int] = None) -> LinkResult:
    """Add ``new`` articles to the story index (restored from ``state`` when given) and build the stories.

    ``all_by_id`` holds every stored article the stories may contain (defaults to ``new``); only stories that
    received new articles need rebuilding, but all are returned.
    """
    from .stories import ADD_BATCH, StoryIndex

    batch_size = batch_size or ADD_BATCH
    idx = StoryIndex.from_state(state) if state else StoryIndex()
    ordered = sorted(new, key=lambda a: (a.article.published or "9999", a.article.id))
    assigned = {}
    for i in range(0, len(ordered), batch_size):
        assigned.update(idx.add(ordered[i:i + batch_size]))
    by_id = dict(all_by_id) if all_by_id is not None else {}
    for a in new:
        by_id.setdefault(a.article.id, a)
    linked = build_stories(idx, by_id)
    dups = dict(idx.dups.canonical) if idx.dups else {}
    return LinkResult(linked=linked, duplicates=dups, state=idx.to_state(), assigned=assigned)
