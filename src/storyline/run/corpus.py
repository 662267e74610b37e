"""Corpus-level steps after ingest: completing year-less dates from the corpus, then linking."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Optional

from storyline.store import Store


def complete_years(store: Store) -> int:
    """Give year-less publication dates (--MM-DD) the year the corpus makes most plausible."""
    from storyline.clean.dates import complete_year
    rows = store.yearless_articles()
    if not rows:
        return 0
    years = store.stated_years()     # dated articles whose year is stated, not completed
    n = 0
    for r in rows:
        month_day = "--" + r["published"][-5:]
        y = complete_year(month_day, r["published_candidates"], years, date.today())
        if y and f"{y}{month_day[1:]}" != r["published"]:
            evidence = (r["published_evidence"] or "") + f" [year {y}: weekday agreement" + (
                ", nearest the corpus's dated articles]" if years else ", latest past candidate]")
            store.set_published(r["id"], f"{y}{month_day[1:]}", evidence)
            n += 1
    return n


def corpus_steps(store: Store, changed: bool = True, progress: Optional[Callable[[str, int, int], None]] = None,
                 again: bool = False) -> list[str]:
    """Steps over the whole store after a batch: year completion, linking, the search index.

    ``progress(step, done, total)`` is called as the link step goes; ``again`` relinks every article."""
    notes = []
    n = complete_years(store)
    if n:
        notes.append(f"completed the year of {n} year-less publication date(s) from the corpus")
    from storyline.run.linking import link_store
    notes.extend(link_store(store, progress, again=again))
    if progress:
        progress("search index", 0, 1)
    if changed or again or not _has_index(store):
        from storyline.store.search import build_search_index
        if not build_search_index(store.con):
            notes.append("full-text index not built (DuckDB fts extension unavailable): search uses ILIKE")
    return notes


def _has_index(store: Store) -> bool:
    from storyline.store.search import has_search_index
    try:
        return has_search_index(store.con)
    except Exception:
        return False
