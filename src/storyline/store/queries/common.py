"""What every read query shares: row helpers, parameters for ILIKE and date bounds, pages, and the event record
(per article, or merged across articles) as the API returns it.

Every function takes an open (read-only) DuckDB connection and plain, already validated values, and returns
JSON-ready dicts; every value reaches SQL as a parameter.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, Optional
from urllib.parse import quote as _quote

import duckdb

from storyline.model import QUAD_CLASS

Con = duckdb.DuckDBPyConnection


class _Absent:
    """A finder, first on ``sys.meta_path``, that fails an ``import`` of a module known to be absent at once. Only
    an import statement's search (``_find_and_load``) is cut short: ``importlib.util.find_spec`` still answers None as
    it did, and where the import machinery is laid out otherwise the search just goes on as before (slower)."""

    def __init__(self, name: str):
        self.name = name

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if (fullname == self.name or fullname.startswith(self.name + ".")) \
                and sys._getframe(2).f_code.co_name == "_find_and_load_unlocked":
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def spare_missing_pandas() -> None:
    """DuckDB's Python client tries ``import pandas`` for every parameter it converts; without pandas installed
    (it is not a dependency) each try searches every folder of ``sys.path`` again, since a failed import is not
    remembered: measured, 4 searches per query and ~40% of a story's CPU time. A finder first on ``sys.meta_path``
    fails that import at once, with the same ModuleNotFoundError."""
    if "pandas" in sys.modules or any(isinstance(f, _Absent) for f in sys.meta_path):
        return
    if importlib.util.find_spec("pandas") is None:
        sys.meta_path.insert(0, _Absent("pandas"))


spare_missing_pandas()

EVENT_COLS = """e.id, e.article_id, e.type, e.mode, e.actor, e.actor_id, e.target, e.target_id, e.date, e.date_lo,
    e.date_hi, e.date_inferred, e.location, e.hedged, e.negated, e.trigger, e.sentence, e.start_char, e.end_char"""
MERGED_COLS = """m.id, m.story_id, m.type, m.mode, m.actor, m.actor_id, m.target, m.target_id, m.date, m.date_lo,
    m.date_hi, m.date_inferred, m.location, m.hedged, m.negated, m.event_ids, m.evidence, m.conflicts"""


# ------------------------------------------------------------------ helpers
def rows(con: Con, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def one(con: Con, sql: str, params: Sequence[Any] = ()) -> Optional[dict[str, Any]]:
    found = rows(con, sql, params)
    return found[0] if found else None


def scalar(con: Con, sql: str, params: Sequence[Any] = ()) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    return row[0] if row else None


def has_rows(con: Con, table: str) -> bool:
    return con.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]   # table names are ours


def article_link(article_id: str, start: Optional[int] = None, end: Optional[int] = None) -> str:
    """The article page, with the span [start, end) highlighted and scrolled into view."""
    url = "/article/" + _quote(str(article_id), safe="")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        url += f"?hl={start}-{end}#hl"
    return url


def json_value(value: Any, default: Any) -> Any:
    if value is None:
        return default
    if isinstance(value, (list, dict)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


def like(text: str) -> str:
    """An ILIKE pattern matching ``text`` literally (wildcards escaped with backslash)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def upper(bound: str) -> str:
    """An upper bound that keeps every date starting with ``bound`` (``2019-05`` keeps ``2019-05-23``)."""
    return bound + "~"


def page(total: int, limit: int, offset: int, items: list) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def date_key(ev: dict) -> str:
    return ev.get("date") or (ev.get("date_range") or [None])[0] or "~"


# ------------------------------------------------------------------ events
def event_from_row(r: dict, outlets: dict[str, dict]) -> dict[str, Any]:
    meta = outlets.get(r["article_id"], {})
    ev = {
        "id": r["id"], "type": r["type"], "quad_class": QUAD_CLASS.get(r["type"]), "mode": r["mode"],
        "actor": r["actor"], "actor_id": r["actor_id"], "target": r["target"], "target_id": r["target_id"],
        "date": r["date"], "date_range": [r["date_lo"], r["date_hi"]] if r["date_lo"] or r["date_hi"] else None,
        "date_inferred": bool(r["date_inferred"]), "location": r["location"], "hedged": bool(r["hedged"]),
        "negated": bool(r["negated"]), "trigger": r["trigger"], "merged": False, "conflicts": [],
        "evidence": [{"article_id": r["article_id"], "sentence": r["sentence"], "start": r["start_char"],
                      "end": r["end_char"], "outlet": meta.get("outlet"), "title": meta.get("title"),
                      "published": meta.get("published"),
                      "link": article_link(r["article_id"], r["start_char"], r["end_char"])}],
    }
    return ev


def event_from_merged(r: dict, outlets: dict[str, dict]) -> dict[str, Any]:
    evidence = []
    for item in json_value(r["evidence"], []):
        if not isinstance(item, dict):
            continue
        aid = item.get("article_id")
        meta = outlets.get(aid, {})
        start, end = item.get("start"), item.get("end")
        evidence.append({"article_id": aid, "sentence": item.get("sentence"), "start": start, "end": end,
                         "outlet": meta.get("outlet"), "title": meta.get("title"),
                         "published": meta.get("published"), "link": article_link(aid, start, end)})
    return {
        "id": r["id"], "story_id": r["story_id"], "type": r["type"], "quad_class": QUAD_CLASS.get(r["type"]),
        "mode": r["mode"], "actor": r["actor"], "actor_id": r["actor_id"], "target": r["target"],
        "target_id": r["target_id"], "date": r["date"],
        "date_range": [r["date_lo"], r["date_hi"]] if r["date_lo"] or r["date_hi"] else None,
        "date_inferred": bool(r["date_inferred"]), "location": r["location"], "hedged": bool(r["hedged"]),
        "negated": bool(r["negated"]), "trigger": None, "merged": True, "event_ids": list(r["event_ids"] or []),
        "conflicts": json_value(r["conflicts"], []), "evidence": evidence,
    }


def drawn(extra: Any, events: list[dict]) -> list[dict]:
    """The events a story's timeline draws: those its stored timeline lists (grouped and capped by the link step,
    ``extra["timeline"]``), in that order; all of ``events`` for a story linked before timelines were kept (or
    whose merged events were replaced since)."""
    items = extra.get("timeline") if isinstance(extra, dict) else None
    if not isinstance(items, list):
        return events
    by_id = {e["id"]: e for e in events}
    listed = [i.get("event_id") for i in items if isinstance(i, dict)]
    kept = [by_id[i] for i in listed if i in by_id]
    return kept if kept or not listed else events   # a listing none of whose events exist is stale: draw them all


def article_meta(con: Con, ids: Iterable[str]) -> dict[str, dict]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    found = rows(con, "SELECT id, outlet, title, published, url FROM articles WHERE id IN (SELECT unnest(?))", [ids])
    return {r["id"]: r for r in found}


def merged_article_ids(merged_rows: list[dict]) -> set[str]:
    out = set()
    for r in merged_rows:
        for item in json_value(r["evidence"], []):
            if isinstance(item, dict) and item.get("article_id"):
                out.add(item["article_id"])
    return out
