"""Full-text search over articles: DuckDB's fts index (BM25) when the store has one, ILIKE otherwise.

Creating the index needs a writable connection, so the ingest calls ``build_search_index(con)`` once the
articles are written. Articles stored after the index was built are still found: they are searched with
ILIKE and listed after the ranked hits, so a stale index never hides an article.
"""
from __future__ import annotations

import re
from typing import Any, Optional

import duckdb

from storyline.store.queries.common import article_link, like, rows, scalar

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
    # postings sorted by term: a query reads only the row groups of its terms (zone maps)
    con.execute(f"CREATE OR REPLACE TABLE {INDEX_SCHEMA}.terms AS "
                f"SELECT * FROM {INDEX_SCHEMA}.terms ORDER BY termid, docid")
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
        like_params += [like(t), like(t)]
    method = "ilike"
    if has_search_index(con):
        _load_fts(con)
        method = "fts"
        ix = INDEX_SCHEMA
        # BM25 (k1 = 1.2, b = 0.75, as the extension's match_bm25) computed once over the index tables: the
        # extension's macro is evaluated per article row, far slower on a large store. The query's term ids
        # are looked up first, so the scan of the (termid-sorted) postings is pruned by its zone maps.
        qterms = con.execute(f"""SELECT d.termid, d.df FROM {ix}.dict d WHERE d.term IN (
            SELECT DISTINCT stem(unnest({ix}.tokenize(?)), 'porter'))""", [" ".join(ts)]).fetchall()
        parts, params = [], []
        if qterms:
            marks = ", ".join("(?, ?)" for _ in qterms)
            parts.append(f"""SELECT docs.name AS id, sum(log((st.num_docs - q.df + 0.5) / (q.df + 0.5) + 1)
                    * (tf.tf * 2.2) / (tf.tf + 1.2 * (0.25 + 0.75 * docs.len / st.avgdl))) AS score
                FROM (SELECT termid, docid, count(*) AS tf FROM {ix}.terms
                      WHERE termid IN ({", ".join("?" for _ in qterms)}) GROUP BY termid, docid) tf
                JOIN (VALUES {marks}) q(termid, df) ON q.termid = tf.termid
                JOIN {ix}.docs docs ON docs.docid = tf.docid, {ix}.stats st GROUP BY docs.name""")
            params += [t for t, _ in qterms]
            for t, df in qterms:
                params += [t, df]
        stale = scalar(con, f"SELECT (SELECT count(*) FROM articles) <> (SELECT count(*) FROM {ix}.docs)")
        if stale:   # articles stored after the index was built: matched by text, listed after the ranked ones
            parts.append(f"""SELECT a.id, NULL::DOUBLE AS score FROM articles a
                WHERE a.id IN (SELECT id FROM articles EXCEPT SELECT name FROM {ix}.docs) AND {like_where}""")
            params += like_params
        if parts:
            found = rows(con, f"""WITH found AS ({" UNION ALL ".join(parts)}),
                page AS (SELECT id, score, count(*) OVER () AS total FROM found
                         ORDER BY score DESC NULLS LAST, id LIMIT ? OFFSET ?)
                SELECT {cols}, p.score, p.total FROM page p JOIN articles a ON a.id = p.id
                ORDER BY p.score DESC NULLS LAST, a.id""", params + [limit, offset])
        else:
            found = []
    else:
        found = rows(con, f"""SELECT {cols}, NULL AS score, count(*) OVER () AS total FROM articles a
            WHERE {like_where} ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?""",
                     like_params + [limit, offset])
    if found:
        total = found[0]["total"]
    elif offset:                                   # past the end: count from the start
        total = search_articles(con, q, limit=1, offset=0)["total"]
    else:
        total = 0
    items = []
    for r in found:
        text = r.pop("text")
        r.pop("total", None)
        r["snippet"] = snippet(text, q)
        r["link"] = article_link(r["id"])
        items.append(r)
    return {"total": total, "limit": limit, "offset": offset, "items": items, "method": method, "query": q}
