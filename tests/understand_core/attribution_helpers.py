"""Shared by the attribution tests: an article from a text, and its attributions and quotes."""
from storyline.model import Article, content_hash
from storyline.understand.actors import resolve_actors
from storyline.understand.quotes import find_attributions, find_quotes


def art(text: str) -> Article:
    return Article(id=content_hash(text)[:16], source="t.txt", text=text, content_hash=content_hash(text))


def attributions_and_quotes(nlp, text):
    doc = nlp(text)
    a = art(text)
    mentions, actors = resolve_actors(doc, a)
    return find_attributions(doc, a, mentions, actors), find_quotes(doc, a, mentions, actors)


def attributions(nlp, text):
    return attributions_and_quotes(nlp, text)[0]


def src(text, a):
    """The source span's text of an attribution, or None."""
    return text[a.source_start:a.source_end] if a.source_start is not None else None
