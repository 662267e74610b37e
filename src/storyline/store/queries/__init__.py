"""The store's read queries: every read the web pages, the JSON API and the CLI make (no SQL outside ``store/``).

Each function takes an open (read-only) DuckDB connection and plain, already validated values, and returns
JSON-ready dicts. One module per thing read: stories, events, articles, actors, the CLI's summaries.
"""
from storyline.store.queries.actors import get_actor, list_actors
from storyline.store.queries.articles import counts, get_article, list_articles
from storyline.store.queries.common import article_link
from storyline.store.queries.events import get_event, list_events
from storyline.store.queries.framing import sentence_pieces
from storyline.store.queries.stories import get_story, list_stories, network

__all__ = ["article_link", "counts", "get_actor", "get_article", "get_event", "get_story", "list_actors",
           "list_articles", "list_events", "list_stories", "network", "sentence_pieces"]
