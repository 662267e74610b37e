"""The story list and story views as the routes serve them."""
from __future__ import annotations

from storyline.store.queries import get_story as story_view, list_stories as story_list

__all__ = ["story_list", "story_view"]
