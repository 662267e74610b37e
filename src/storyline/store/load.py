"""Rebuild model records from stored rows (for the link step and other corpus-level readers)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from storyline.model import Annotated
from storyline.store import rows
from storyline.store.db import Store


def _in(ids: Sequence[str]) -> tuple[str, list]:
    return "(SELECT unnest(?))", [list(ids)]


def load_annotated(store: Store, ids: Sequence[str]) -> list[Annotated]:
    """The Annotated records of ``ids`` (in that order), as the understand stage produced them."""
    if not ids:
        return []
    sub, p = _in(ids)
    arts = {r["id"]: r for r in store.query(f"SELECT * FROM articles WHERE id IN {sub}", p)}
    by = lambda sql: _group(store.query(sql, p))  # noqa: E731
    sents = by(f"SELECT * FROM sentences WHERE article_id IN {sub} ORDER BY article_id, idx")
    mens = by(f"SELECT * FROM mentions WHERE article_id IN {sub} ORDER BY article_id, start_char")
    quotes = by(f"SELECT * FROM quotes WHERE article_id IN {sub} ORDER BY article_id, start_char")
    events = by(f"SELECT * FROM events WHERE article_id IN {sub} ORDER BY article_id, start_char, id")
    times = by(f"SELECT * FROM times WHERE article_id IN {sub} ORDER BY article_id, start_char")
    aa = by(f"""SELECT aa.article_id, aa.aliases, a.* FROM article_actors aa JOIN actors a ON a.id = aa.actor_id
                WHERE aa.article_id IN {sub} ORDER BY aa.article_id, a.id""")
    return [rows.annotated_from_rows(arts[i], sents[i], aa[i], mens[i], quotes[i], events[i], times[i])
            for i in ids if i in arts]


def _group(found: Iterable[dict]) -> dict[str, list[dict]]:
    g: dict[str, list[dict]] = defaultdict(list)
    for r in found:
        g[r["article_id"]].append(r)
    return g
