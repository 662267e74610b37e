"""Full-text search over articles: DuckDB's fts index (BM25) when the store has one, ILIKE otherwise.

Creating the index needs a writable connection, so the ingest calls ``build_search_index(con)`` once the
articles are written. Articles stored after the index was built are still found: they are searched with
ILIKE and listed after the ranked hits, so a stale index never hides an article.
"""
from __future__ import annotations

import re
from typing import Any, Optional

import duckdb

from storyline.web.queries import _like, article_link, rows, scalar

INDEX_SCHEMA = "fts_main_articles"
_TERM = re.compile(r"\w+", re.UNICODE)


def _load_fts(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        import duckdb_extensions
        duckdb_extensions.import_extension("fts")
    except Exception:
        pass
    try:
        con.execute("LOAD fts")
        return True
    except duckdb.Error:
        return False


def build_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)build the BM25 index over article titles and texts; needs a writable connection.
    Returns False (and leaves the store as it was) when the fts extension is not available."""
    if not _load_fts(con):
        return False
    con.execute("PRAGMA create_fts_index('articles', 'id', 'title', 'text', "
                "stemmer = 'porter', stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)")
    return True


def has_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = 'docs'",
                       [INDEX_SCHEMA]))


def terms(q: str) -> list[str]:
    return [t.lower() for t in _TERM.findall(q)][:16]


def snippet(text: Optional[str], q: str, width: int = 90) -> dict[str, Any]:
    """A window of ``text`` around the first query term, with the matched terms' offsets inside it."""
    text = text or ""
    ts = [t for t in terms(q) if t]
    low = text.lower()
    first = min([p for p in (low.find(t) for t in ts) if p >= 0], default=0)
    lo = max(0, first - width)
    hi = min(len(text), first + width * 2)
    window = text[lo:hi]
    marks = []
    if ts:
        pat = re.compile("|".join(re.escape(t) for t in sorted(set(ts), key=len, reverse=True)), re.IGNORECASE)
        marks = [[m.start(), m.end()] for m in pat.finditer(window)]
    return {"text": ("…" if lo else "") + window + ("…" if hi < len(text) else ""),
            "offset": lo, "marks": [[s + (1 if lo else 0), e + (1 if lo else 0)] for s, e in marks]}


def search_articles(con: duckdb.DuckDBPyConnection, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles matching ``q``: BM25-ranked through the fts index when present, then (or else) ILIKE matches
    of every term in the title or text. Returns {total, items, method}."""
    ts = terms(q)
    if not ts:
        return {"total": 0, "limit": limit, "offset": offset, "items": [], "method": "none", "query": q}
    cols = "a.id, a.title, a.outlet, a.published, a.url, a.text"
    like_where = " AND ".join(["(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')"] * len(ts))
    like_params: list[Any] = []
    for t in ts:
        like_params += [_like(t), _like(t)]
    method = "ilike"
    if has_search_index(con):
        _load_fts(con)
        method = "fts"
        query = " ".join(ts)
        # ranked hits from the index, then articles the index has not seen yet (stored after it was built)
        sql = f"""WITH hits AS (
                SELECT a.id, {INDEX_SCHEMA}.match_bm25(a.id, ?) AS score FROM articles a),
            ranked AS (SELECT id, score FROM hits WHERE score IS NOT NULL),
            fresh AS (SELECT a.id, NULL::DOUBLE AS score FROM articles a
                WHERE a.id NOT IN (SELECT name FROM {INDEX_SCHEMA}.docs) AND {like_where}),
            found AS (SELECT * FROM ranked UNION ALL SELECT * FROM fresh)"""
        params = [query] + like_params
        total = scalar(con, sql + " SELECT count(*) FROM found", params)
        found = rows(con, sql + f""" SELECT {cols}, f.score FROM found f JOIN articles a ON a.id = f.id
            ORDER BY f.score DESC NULLS LAST, a.id LIMIT ? OFFSET ?""", params + [limit, offset])
    else:
        base = f"FROM articles a WHERE {like_where}"
        total = scalar(con, "SELECT count(*) " + base, like_params)
        found = rows(con, f"SELECT {cols}, NULL AS score {base} ORDER BY a.published DESC NULLS LAST, a.id "
                          "LIMIT ? OFFSET ?", like_params + [limit, offset])
    items = []
    for r in found:
        text = r.pop("text")
        r["snippet"] = snippet(text, q)
        r["link"] = article_link(r["id"])
        items.append(r)
    return {"total": total, "limit": limit, "offset": offset, "items": items, "method": method, "query": q}
