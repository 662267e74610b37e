"""The web app: a read-only JSON API under /api and HTML pages over the same queries.

Every page has a JSON twin (linked from the page as ``rel=alternate``). One short-lived read-only
connection per request (``connect_for_read``: the store, or its snapshot while an ingest writes it).
Untrusted text (article text, titles, outlets, quotes, actor names, URLs) is escaped by Jinja's
autoescape everywhere, JSON embedded in pages goes through ``safe.json_for_script``, hrefs only take
http(s) URLs, and a strict Content-Security-Policy allows scripts from our static folder only.

The routes are in ``routes/api.py`` and ``routes/pages.py``; errors and headers in ``errors.py``; parameters in
``params.py``; the queries themselves are the store's (``storyline.store.queries``).
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from storyline.store.queries.cache import ReadCache
from storyline.web import errors
from storyline.web.alerts import router as alerts_router
from storyline.web.pool import ReadPool
from storyline.web.routes import api, pages

STATIC = Path(__file__).resolve().parent / "static"


def create_app(db: str, pool_ttl: float = 1.0, cache_bytes: int = 64 * 1024 * 1024) -> FastAPI:
    """The FastAPI app over the store at ``db``, opened read-only and never held longer than ``pool_ttl``
    seconds (so an ingest can take the write lock between requests); the story list's rows are computed once per
    generation of the store, and the story views' JSON and pages kept up to ``cache_bytes`` (store/queries/cache.py)."""
    pool = ReadPool(str(db), ttl=pool_ttl)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="storyline", version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Read-only API over a storyline store: stories, articles, actors, events, search. "
                              "Every HTML page has a JSON twin under /api.")
    app.state.db = str(db)
    app.state.pool = pool
    app.state.cache = ReadCache(cache_bytes)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(STATIC), follow_symlink=False), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(alerts_router)      # watchlist alerts (storyline.follow)
    return app
