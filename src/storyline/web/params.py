"""The request parameters every route shares (validated and bounded) and the read-only connection of a request."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal, Optional
from urllib.parse import urlencode

import duckdb
from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from pydantic import AfterValidator

from storyline.model import PLOVER_TYPES
from storyline.store.queries.cache import StoreReads

DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _real_date(value: Optional[str]) -> Optional[str]:
    """The pattern admits 2020-13-45; a date parameter must also name a real month and day."""
    if value is not None:
        parts = [int(p) for p in value.split("-")]
        try:
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date ({exc})") from None
    return value


Id = Annotated[str, PathParam(min_length=1, max_length=200, description="record id")]
Text = Annotated[Optional[str], Query(min_length=1, max_length=200)]
DateP = Annotated[Optional[str], Query(pattern=DATE_RE, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD"),
                  AfterValidator(_real_date)]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
EventType = Optional[Literal[PLOVER_TYPES]]  # type: ignore[valid-type]
ActorType = Annotated[Optional[str], Query(pattern=r"^[A-Z_]{1,20}$")]
Hl = Annotated[Optional[str], Query(pattern=r"^\d{1,9}-\d{1,9}$", description="START-END offsets to highlight")]
SearchQ = Annotated[str, Query(min_length=1, max_length=200)]


def con_dep(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor for one request, from an instance shared for at most ``pool_ttl`` seconds
    (the store, or its snapshot while an ingest holds the write lock: see pool.py)."""
    with request.app.state.pool.read() as (cur, gen):
        request.state.generation = gen
        yield cur


Con = Annotated[duckdb.DuckDBPyConnection, Depends(con_dep)]


def reads_dep(request: Request, con: Con) -> StoreReads:
    """The request's reads that are answered once per generation of the store (the story list and views)."""
    return StoreReads(con, request.state.generation, request.app.state.cache)


Reads = Annotated[StoreReads, Depends(reads_dep)]


def pager(path: str, params: dict, limit: int, offset: int) -> str:
    q = dict(params, limit=limit, offset=max(0, offset))
    return path + "?" + urlencode(q)


def pages_around(path: str, params: dict, limit: int, offset: int, total: int) -> dict[str, str | None]:
    """The previous and next page's URLs of a list (None at either end)."""
    return {"prev_url": pager(path, params, limit, offset - limit) if offset > 0 else None,
            "next_url": pager(path, params, limit, offset + limit) if offset + limit < total else None}
