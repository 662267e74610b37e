"""The JSON API under /api: read-only, every list filtered, bounded and paginated."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter
from fastapi.responses import Response

from storyline.store import queries, search
from storyline.web.errors import need
from storyline.web.params import ActorType, Con, DateP, EventType, Id, Limit, Offset, Reads, SearchQ, Text

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/stats", summary="Row counts of the store")
def api_stats(con: Con) -> dict:
    return {"counts": queries.counts(con), "search_index": search.has_search_index(con)}


@router.get("/stories", summary="Stories, largest first (filter by actor, outlet, dates, text)")
def api_stories(reads: Reads, actor: Text = None, outlet: Text = None, date_from: DateP = None,
                date_to: DateP = None, q: Text = None, limit: Limit = 20, offset: Offset = 0) -> dict:
    return reads.story_list(actor=actor, outlet=outlet, date_from=date_from, date_to=date_to, q=q, limit=limit,
                      offset=offset)


@router.get("/stories/{story_id}",
            summary="One story: timeline, merged events with evidence, brief, quotes, outlets, network")
def api_story(story_id: Id, reads: Reads) -> Response:
    # encoded once per generation of the store (the same bytes FastAPI would send for the dict)
    return Response(need(reads.story_json(story_id), "story", story_id), media_type="application/json")


@router.get("/articles", summary="Articles, newest first (filter by outlet, title, dates)")
def api_articles(con: Con, outlet: Text = None, q: Text = None, date_from: DateP = None,
                 date_to: DateP = None, limit: Limit = 20, offset: Offset = 0) -> dict:
    return queries.list_articles(con, outlet=outlet, q=q, date_from=date_from, date_to=date_to,
                                 limit=limit, offset=offset)


@router.get("/articles/{article_id}",
            summary="One article: clean text with entity, quote and event spans (character offsets)")
def api_article(article_id: Id, con: Con) -> dict:
    return need(queries.get_article(con, article_id), "article", article_id)


@router.get("/actors", summary="Actors, most mentioned first")
def api_actors(con: Con, q: Text = None, type: ActorType = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return queries.list_actors(con, q=q, type=type, limit=limit, offset=offset)


@router.get("/actors/{actor_id}", summary="An actor's profile: events as actor and as target over time, quotes")
def api_actor(actor_id: Id, con: Con) -> dict:
    return need(queries.get_actor(con, actor_id), "actor", actor_id)


@router.get("/events", summary="Events (per article, or merged with merged=true), filtered")
def api_events(con: Con, type: EventType = None, actor: Text = None, target: Text = None,
               date_from: DateP = None, date_to: DateP = None, hedged: Optional[bool] = None,
               story: Text = None, article: Text = None, merged: bool = False, limit: Limit = 50,
               offset: Offset = 0) -> dict:
    return queries.list_events(con, type=type, actor=actor, target=target, date_from=date_from,
                               date_to=date_to, hedged=hedged, story=story, article=article, merged=merged,
                               limit=limit, offset=offset)


@router.get("/events/{event_id}", summary="One event (merged or per article) with evidence")
def api_event(event_id: Id, con: Con) -> dict:
    return need(queries.get_event(con, event_id), "event", event_id)


@router.get("/search", summary="Full-text search over articles (BM25 index, else ILIKE)")
def api_search(con: Con, q: SearchQ, limit: Limit = 20, offset: Offset = 0) -> dict:
    return search.search_articles(con, q, limit=limit, offset=offset)
