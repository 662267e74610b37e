"""The follow tables: defined in ``storyline.store.follow_schema`` (the store owns every table); re-exported
here for the follow code and its callers."""
from __future__ import annotations

from storyline.store.follow_schema import TABLES, ensure, has_tables

__all__ = ["TABLES", "ensure", "has_tables"]
