"""The HTML pages, each over the same query as its JSON twin under /api (linked as ``rel=alternate``)."""
from __future__ import annotations

from typing import Optional
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from storyline.model import PLOVER_TYPES
from storyline.store import queries, search
from storyline.web import render, svg
from storyline.web.errors import need
from storyline.web.params import ActorType, Con, DateP, EventType, Hl, Id, Limit, Offset, Reads, Text, pages_around
from storyline.web.templating import page

router = APIRouter(include_in_schema=False)


def twin(path: str, request: Request) -> str:
    """The JSON twin of this page: ``path`` with the page's own parameters."""
    return path + (("?" + request.url.query) if request.url.query else "")


def given(**params) -> dict:
    return {k: v for k, v in params.items() if v}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, con: Con, reads: Reads, actor: Text = None, outlet: Text = None, date_from: DateP = None,
         date_to: DateP = None, q: Text = None, limit: Limit = 20, offset: Offset = 0):
    data = reads.story_list(actor=actor, outlet=outlet, date_from=date_from, date_to=date_to, q=q, limit=limit,
                      offset=offset)
    counts = reads.counts()
    recent = queries.list_articles(con, limit=20) if counts["stories"] == 0 else None
    params = given(actor=actor, outlet=outlet, date_from=date_from, date_to=date_to, q=q)
    return page("stories.html", request, data=data, counts=counts, recent=recent, params=params,
                json_url=twin("/api/stories", request), **pages_around("/", params, limit, offset, data["total"]))


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(story_id: Id, request: Request, reads: Reads):
    def render_page() -> Optional[str]:
        st = reads.story(story_id)
        if st is None:
            return None
        client = {"events": [{"id": e["id"], "label": svg.event_label(e), "type": e["type"],
                              "date": e["date"], "date_range": e["date_range"], "hedged": e["hedged"],
                              "sources": [{"outlet": x["outlet"], "sentence": x["sentence"], "link": x["link"]}
                                          for x in e["evidence"]]} for e in st["timeline"]]}
        html = page("story.html", request, s=st, tl=svg.timeline(st["timeline_rows"]), net=svg.network(st["network"]),
                    client=client, json_url=f"/api/stories/{quote(story_id, safe='')}")
        return html.body.decode("utf-8")
    # rendered once per generation of the store (the page depends on the story and its path only)
    html = reads.cache.get(reads.gen, ("story.html", story_id, request.url.path), render_page)
    return HTMLResponse(need(html, "story", story_id))


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(article_id: Id, request: Request, con: Con, hl: Hl = None):
    a = need(queries.get_article(con, article_id), "article", article_id)
    text = a.get("text") or ""
    span = render.parse_hl(hl, len(text))
    parts = render.pieces(text, a["mentions"], a["quotes"], a["events"], span)
    return page("article.html", request, a=a, parts=parts, hl=span,
                json_url=f"/api/articles/{quote(article_id, safe='')}")


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, con: Con, outlet: Text = None, q: Text = None, date_from: DateP = None,
                  date_to: DateP = None, limit: Limit = 50, offset: Offset = 0):
    data = queries.list_articles(con, outlet=outlet, q=q, date_from=date_from, date_to=date_to,
                                 limit=limit, offset=offset)
    params = given(outlet=outlet, q=q, date_from=date_from, date_to=date_to)
    return page("articles.html", request, data=data, params=params, json_url=twin("/api/articles", request),
                **pages_around("/articles", params, limit, offset, data["total"]))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, con: Con, q: Text = None, type: ActorType = None, limit: Limit = 50,
                offset: Offset = 0):
    data = queries.list_actors(con, q=q, type=type, limit=limit, offset=offset)
    params = given(q=q, type=type)
    return page("actors.html", request, data=data, params=params, json_url=twin("/api/actors", request),
                **pages_around("/actors", params, limit, offset, data["total"]))


@router.get("/actor/{actor_id}", response_class=HTMLResponse)
def actor_page(actor_id: Id, request: Request, con: Con):
    a = need(queries.get_actor(con, actor_id), "actor", actor_id)
    return page("actor.html", request, a=a, chart=svg.activity(a["over_time"]),
                tl=svg.timeline(a["events_as_actor"] + a["events_as_target"]),
                json_url=f"/api/actors/{quote(actor_id, safe='')}")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, con: Con, type: EventType = None, actor: Text = None, target: Text = None,
                date_from: DateP = None, date_to: DateP = None, hedged: Optional[bool] = None,
                story: Text = None, merged: bool = False, limit: Limit = 50, offset: Offset = 0):
    data = queries.list_events(con, type=type, actor=actor, target=target, date_from=date_from,
                               date_to=date_to, hedged=hedged, story=story, merged=merged, limit=limit,
                               offset=offset)
    params = given(type=type, actor=actor, target=target, date_from=date_from, date_to=date_to, story=story)
    if hedged is not None:
        params["hedged"] = str(hedged).lower()
    if merged:
        params["merged"] = "true"
    return page("events.html", request, data=data, params=params, types=PLOVER_TYPES,
                tl=svg.timeline(data["items"]), json_url=twin("/api/events", request),
                **pages_around("/events", params, limit, offset, data["total"]))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, con: Con, q: Text = None, limit: Limit = 20, offset: Offset = 0):
    data = search.search_articles(con, q, limit=limit, offset=offset) if q else None
    around = pages_around("/search", {"q": q}, limit, offset, data["total"]) if data else {}
    return page("search.html", request, data=data, q=q or "", json_url=twin("/api/search", request) if q else None,
                prev_url=around.get("prev_url"), next_url=around.get("next_url"))


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request):
    spec = request.app.openapi()
    routes = [{"path": p, "summary": op.get("summary") or "",
               "params": [{"name": x["name"], "in": x["in"], "required": x.get("required", False),
                           "schema": x.get("schema", {})} for x in op.get("parameters", [])]}
              for p, ops in spec.get("paths", {}).items() for m, op in ops.items() if m == "get"]
    return page("docs.html", request, routes=routes, json_url="/openapi.json")
