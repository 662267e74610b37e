"""The event coder run on one sentence, as the tests of this folder use it."""
from __future__ import annotations

from storyline.model import Article
from storyline.understand.events import find_events, mentions_from_ents
from storyline.understand.time import find_times


def run(nlp, text, published="2021-03-11"):
    """The events ``find_events`` codes in ``text`` (an article published on ``published``)."""
    a = Article(id="a1", source="t", text=text, content_hash="h", published=published)
    doc = nlp(text)
    mentions, actors = mentions_from_ents(doc, a)
    return find_events(doc, a, mentions, actors, find_times(doc, a))


def types(events):
    return [e.type for e in events]
