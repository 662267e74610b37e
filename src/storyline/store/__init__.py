"""store: the DuckDB file (schema, writes, queries, exports)."""
from storyline.store.db import Store, StoreError, connect

__all__ = ["Store", "StoreError", "connect"]
