"""The web app: a read-only JSON API under /api and HTML pages over the same queries.

Every page has a JSON twin (linked from the page as ``rel=alternate``). One short-lived read-only
connection per request (``connect_for_read``: the store, or its snapshot while an ingest writes it).
Untrusted text (article text, titles, outlets, quotes, actor names, URLs) is escaped by Jinja's
autoescape everywhere, JSON embedded in pages goes through ``safe.json_for_script``, hrefs only take
http(s) URLs, and a strict Content-Security-Policy allows scripts from our static folder only.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal, Optional
from urllib.parse import quote, unquote, unquote_plus, urlencode

import duckdb
from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import AfterValidator
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.model import PLOVER_TYPES
from storyline.store.db import StoreError
from storyline.store import queries, search
from storyline.web import render, svg
from storyline.web.pool import ReadPool
from storyline.web.safe import json_for_script, safe_href

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

# ---------------------------------------------------------------- parameters (validated, bounded)
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
    with request.app.state.pool.cursor() as cur:
        yield cur


Con = Annotated[duckdb.DuckDBPyConnection, Depends(con_dep)]


class Bad(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


class BlankParams:
    """HTML forms send every field, the blank ones too (``/search?q=``, ``/?actor=&outlet=``): on the pages
    (not under /api, where a blank value stays an error) a blank parameter means 'not given'."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get("query_string"):
            raw = scope["query_string"].split(b"&")
            kept = [p for p in raw if p and unquote_plus(p.partition(b"=")[2].decode("latin-1")).strip()]
            if len(kept) != len(raw):
                scope = dict(scope, query_string=b"&".join(kept))
        await self.app(scope, receive, send)


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["json_script"] = json_for_script
    env.filters["href"] = safe_href
    env.filters["short"] = svg.short
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.globals["article_link"] = queries.article_link
    env.globals["event_label"] = svg.event_label
    return env


def _error(status: int, message: str, details: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"error": {"status": status, "message": message}}
    if details:
        body["error"]["details"] = details
    return JSONResponse(body, status_code=status)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def create_app(db: str, pool_ttl: float = 1.0) -> FastAPI:
    """The FastAPI app over the store at ``db``, opened read-only and never held longer than ``pool_ttl``
    seconds (so an ingest can take the write lock between requests)."""
    env = _env()
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
    app.add_middleware(BlankParams)
    app.mount("/static", StaticFiles(directory=str(STATIC), follow_symlink=False), name="static")

    def page(name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("json_url", None)
        html = env.get_template(name).render(request_path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=status)

    # ------------------------------------------------------------ errors and headers
    @app.middleware("http")
    async def guard(request: Request, call_next):
        raw = request.url.path + "?" + request.url.query
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in unquote(raw)):
            return _error(400, "control characters are not allowed in the path or parameters")
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ())]
            details.append({"in": loc[0] if loc else None, "param": ".".join(loc[1:]) or None,
                            "message": e.get("msg")})
        msg = "; ".join(f"{d['param']}: {d['message']}" for d in details) or "invalid request"
        if _wants_html(request):
            return page("error.html", request, status=422, status_code=422, message=f"invalid parameter(s): {msg}")
        return _error(422, f"invalid parameter(s): {msg}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_html(request) and exc.status_code == 404:
            return page("error.html", request, status=404, status_code=404, message=str(exc.detail))
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Bad)
    async def bad(request: Request, exc: Bad):
        if _wants_html(request):
            return page("error.html", request, status=exc.status, status_code=exc.status, message=exc.message)
        return _error(exc.status, exc.message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return _error(503, str(exc))

    @app.exception_handler(duckdb.Error)
    async def db_error(request: Request, exc: duckdb.Error):
        return _error(503, f"the store could not answer ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})")

    def need(value: Optional[dict], what: str, ident: str) -> dict:
        if value is None:
            raise Bad(404, f"no {what} with id {ident!r}")
        return value

    # ------------------------------------------------------------ JSON API
    @app.get("/api/stats", tags=["api"], summary="Row counts of the store")
    def api_stats(con: Con) -> dict:
        return {"counts": queries.counts(con), "search_index": search.has_search_index(con)}

    @app.get("/api/stories", tags=["api"], summary="Stories, largest first (filter by actor, outlet, dates, text)")
    def api_stories(con: Con, actor: Text = None, outlet: Text = None, date_from: DateP = None,
                    date_to: DateP = None, q: Text = None, limit: Limit = 20, offset: Offset = 0) -> dict:
        return queries.list_stories(con, actor=actor, outlet=outlet, date_from=date_from, date_to=date_to, q=q,
                                    limit=limit, offset=offset)

    @app.get("/api/stories/{story_id}", tags=["api"],
             summary="One story: timeline, merged events with evidence, brief, quotes, outlets, network")
    def api_story(story_id: Id, con: Con) -> dict:
        return need(queries.get_story(con, story_id), "story", story_id)

    @app.get("/api/articles", tags=["api"], summary="Articles, newest first (filter by outlet, title, dates)")
    def api_articles(con: Con, outlet: Text = None, q: Text = None, date_from: DateP = None,
                     date_to: DateP = None, limit: Limit = 20, offset: Offset = 0) -> dict:
        return queries.list_articles(con, outlet=outlet, q=q, date_from=date_from, date_to=date_to,
                                     limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", tags=["api"],
             summary="One article: clean text with entity, quote and event spans (character offsets)")
    def api_article(article_id: Id, con: Con) -> dict:
        return need(queries.get_article(con, article_id), "article", article_id)

    @app.get("/api/actors", tags=["api"], summary="Actors, most mentioned first")
    def api_actors(con: Con, q: Text = None, type: ActorType = None, limit: Limit = 50,
                   offset: Offset = 0) -> dict:
        return queries.list_actors(con, q=q, type=type, limit=limit, offset=offset)

    @app.get("/api/actors/{actor_id}", tags=["api"],
             summary="An actor's profile: events as actor and as target over time, quotes")
    def api_actor(actor_id: Id, con: Con) -> dict:
        return need(queries.get_actor(con, actor_id), "actor", actor_id)

    @app.get("/api/events", tags=["api"], summary="Events (per article, or merged with merged=true), filtered")
    def api_events(con: Con, type: EventType = None, actor: Text = None, target: Text = None,
                   date_from: DateP = None, date_to: DateP = None, hedged: Optional[bool] = None,
                   story: Text = None, article: Text = None, merged: bool = False, limit: Limit = 50,
                   offset: Offset = 0) -> dict:
        return queries.list_events(con, type=type, actor=actor, target=target, date_from=date_from,
                                   date_to=date_to, hedged=hedged, story=story, article=article, merged=merged,
                                   limit=limit, offset=offset)

    @app.get("/api/events/{event_id}", tags=["api"], summary="One event (merged or per article) with evidence")
    def api_event(event_id: Id, con: Con) -> dict:
        return need(queries.get_event(con, event_id), "event", event_id)

    @app.get("/api/search", tags=["api"], summary="Full-text search over articles (BM25 index, else ILIKE)")
    def api_search(con: Con, q: SearchQ, limit: Limit = 20, offset: Offset = 0) -> dict:
        return search.search_articles(con, q, limit=limit, offset=offset)

    # ------------------------------------------------------------ HTML pages (each with its JSON twin)
    def twin(path: str, request: Request) -> str:
        return path + (("?" + request.url.query) if request.url.query else "")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, con: Con, actor: Text = None, outlet: Text = None, date_from: DateP = None,
             date_to: DateP = None, q: Text = None, limit: Limit = 20, offset: Offset = 0):
        data = queries.list_stories(con, actor=actor, outlet=outlet, date_from=date_from, date_to=date_to, q=q,
                                    limit=limit, offset=offset)
        counts = queries.counts(con)
        recent = queries.list_articles(con, limit=20) if counts["stories"] == 0 else None
        params = {k: v for k, v in dict(actor=actor, outlet=outlet, date_from=date_from, date_to=date_to,
                                         q=q).items() if v}
        return page("stories.html", request, data=data, counts=counts, recent=recent, params=params,
                    prev_url=_pager("/", params, limit, offset - limit) if offset > 0 else None,
                    next_url=_pager("/", params, limit, offset + limit) if offset + limit < data["total"] else None,
                    json_url=twin("/api/stories", request))

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: Id, request: Request, con: Con):
        st = need(queries.get_story(con, story_id), "story", story_id)
        client = {"events": [{"id": e["id"], "label": svg.event_label(e), "type": e["type"],
                              "date": e["date"], "date_range": e["date_range"], "hedged": e["hedged"],
                              "sources": [{"outlet": x["outlet"], "sentence": x["sentence"], "link": x["link"]}
                                          for x in e["evidence"]]} for e in st["timeline"]]}
        return page("story.html", request, s=st, tl=svg.timeline(st["timeline"]), net=svg.network(st["network"]),
                    client=client, json_url=f"/api/stories/{quote(story_id, safe='')}")

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: Id, request: Request, con: Con, hl: Hl = None):
        a = need(queries.get_article(con, article_id), "article", article_id)
        text = a.get("text") or ""
        span = render.parse_hl(hl, len(text))
        parts = render.pieces(text, a["mentions"], a["quotes"], a["events"], span)
        return page("article.html", request, a=a, parts=parts, hl=span,
                    json_url=f"/api/articles/{quote(article_id, safe='')}")

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, con: Con, outlet: Text = None, q: Text = None, date_from: DateP = None,
                      date_to: DateP = None, limit: Limit = 50, offset: Offset = 0):
        data = queries.list_articles(con, outlet=outlet, q=q, date_from=date_from, date_to=date_to,
                                     limit=limit, offset=offset)
        params = {k: v for k, v in dict(outlet=outlet, q=q, date_from=date_from, date_to=date_to).items() if v}
        return page("articles.html", request, data=data, params=params,
                    prev_url=_pager("/articles", params, limit, offset - limit) if offset > 0 else None,
                    next_url=_pager("/articles", params, limit, offset + limit)
                    if offset + limit < data["total"] else None, json_url=twin("/api/articles", request))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, con: Con, q: Text = None, type: ActorType = None, limit: Limit = 50,
                    offset: Offset = 0):
        data = queries.list_actors(con, q=q, type=type, limit=limit, offset=offset)
        params = {k: v for k, v in dict(q=q, type=type).items() if v}
        return page("actors.html", request, data=data, params=params,
                    prev_url=_pager("/actors", params, limit, offset - limit) if offset > 0 else None,
                    next_url=_pager("/actors", params, limit, offset + limit)
                    if offset + limit < data["total"] else None, json_url=twin("/api/actors", request))

    @app.get("/actor/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(actor_id: Id, request: Request, con: Con):
        a = need(queries.get_actor(con, actor_id), "actor", actor_id)
        return page("actor.html", request, a=a, chart=svg.activity(a["over_time"]),
                    tl=svg.timeline(a["events_as_actor"] + a["events_as_target"]),
                    json_url=f"/api/actors/{quote(actor_id, safe='')}")

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, con: Con, type: EventType = None, actor: Text = None, target: Text = None,
                    date_from: DateP = None, date_to: DateP = None, hedged: Optional[bool] = None,
                    story: Text = None, merged: bool = False, limit: Limit = 50, offset: Offset = 0):
        data = queries.list_events(con, type=type, actor=actor, target=target, date_from=date_from,
                                   date_to=date_to, hedged=hedged, story=story, merged=merged, limit=limit,
                                   offset=offset)
        params = {k: v for k, v in dict(type=type, actor=actor, target=target, date_from=date_from,
                                         date_to=date_to, story=story).items() if v}
        if hedged is not None:
            params["hedged"] = str(hedged).lower()
        if merged:
            params["merged"] = "true"
        return page("events.html", request, data=data, params=params, types=PLOVER_TYPES,
                    tl=svg.timeline(data["items"]),
                    prev_url=_pager("/events", params, limit, offset - limit) if offset > 0 else None,
                    next_url=_pager("/events", params, limit, offset + limit)
                    if offset + limit < data["total"] else None, json_url=twin("/api/events", request))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, con: Con, q: Text = None, limit: Limit = 20, offset: Offset = 0):
        data = search.search_articles(con, q, limit=limit, offset=offset) if q else None
        params = {"q": q} if q else {}
        return page("search.html", request, data=data, q=q or "",
                    prev_url=_pager("/search", params, limit, offset - limit) if q and offset > 0 else None,
                    next_url=_pager("/search", params, limit, offset + limit)
                    if data and offset + limit < data["total"] else None,
                    json_url=twin("/api/search", request) if q else None)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request):
        spec = app.openapi()
        routes = [{"path": p, "summary": op.get("summary") or "",
                   "params": [{"name": x["name"], "in": x["in"], "required": x.get("required", False),
                               "schema": x.get("schema", {})} for x in op.get("parameters", [])]}
                  for p, ops in spec.get("paths", {}).items() for m, op in ops.items() if m == "get"]
        return page("docs.html", request, routes=routes, json_url="/openapi.json")

    from storyline.web.alerts import router as alerts_router   # watchlist alerts (storyline.follow)
    app.include_router(alerts_router)
    return app


def _pager(path: str, params: dict, limit: int, offset: int) -> str:
    q = dict(params, limit=limit, offset=max(0, offset))
    return path + "?" + urlencode(q)
