"""The understand stage: ``Article -> Annotated``, a pure function of one article.

Components run in order on one spaCy ``Doc``: sentences, actors (mentions -> canonical actors),
quotes, then time expressions and PLOVER events.
An article in a language not understood (``nlp.MODELS``) is not run through them: its record holds the article and
the note "not analysed: language xx", never quotes or events the English rules would make of it.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from storyline.model import Annotated, Article
from storyline.understand.actors import headline_mentions, resolve_actors, unnamed_mentions
from storyline.understand.events import find_events
from storyline.understand.nlp import FALLBACK_NOTE, get_nlp, is_fallback, not_analysed, sentences
from storyline.understand.quotes import find_quotes
from storyline.understand.time import find_times

__all__ = ["annotate", "annotate_many", "annotate_doc", "get_nlp", "sentences", "unanalysed"]


def annotate_doc(doc: Doc, article: Article, nlp: Optional[Language] = None) -> Annotated:
    """Annotate an article whose text has already been through the pipeline."""
    notes: list[str] = list(article.notes)     # the clean stage's first
    if nlp is not None and is_fallback(nlp):
        notes.append(FALLBACK_NOTE)
    sents = sentences(doc)
    mentions, actors = resolve_actors(doc, article, sents=sents)
    quotes = find_quotes(doc, article, mentions, actors)
    times = []
    try:
        times = list(find_times(doc, article))
    except Exception as err:  # a bug there must not lose the article's actors and quotes: a note says what failed
        notes.append(f"time expressions failed: {type(err).__name__}: {err}")
    events = []
    try:
        events = list(find_events(doc, article, mentions, actors, times))
    except Exception as err:
        notes.append(f"events failed: {type(err).__name__}: {err}")
    # unnamed actors ("the jury") and the headline's mentions (sentence -1, offsets into the title) only now:
    # quotes and events read named actors and text offsets
    more, unnamed = unnamed_mentions(doc, mentions, actors, sents=sents)
    mentions = sorted([*mentions, *more], key=lambda m: (m.start, m.end))
    actors = [*actors, *unnamed]
    mentions = [*headline_mentions(article, mentions), *mentions]
    return Annotated(article=article, sentences=tuple(sents), actors=tuple(actors), mentions=tuple(mentions),
                     quotes=tuple(quotes), events=tuple(events), times=tuple(times), notes=tuple(notes))


# spaCy's own limit (``nlp.max_length``, error E088): the parser's memory grows with the text, ~1 GB per 100k words
MAX_ANALYSED_CHARS = 1_000_000


def unanalysed(article: Article) -> Optional[Annotated]:
    """The record of an article that is not understood (None when it is): in a language without a model, or longer
    than the model takes. The article is kept, with a note saying why it holds no quotes or events."""
    note = not_analysed(article.language)
    if note is None and len(article.text) > MAX_ANALYSED_CHARS:
        note = (f"not analysed: its text of {len(article.text):,} characters is over the {MAX_ANALYSED_CHARS:,} "
                f"the language model takes")
    return Annotated(article=article, notes=(*article.notes, note)) if note else None


def annotate(article: Article, nlp: Optional[Language] = None) -> Annotated:
    """Sentences, mentions, actors, quotes, times and events of one article."""
    skipped = unanalysed(article)
    if skipped is not None:
        return skipped
    nlp = nlp or get_nlp()
    return annotate_doc(nlp(article.text), article, nlp)


def annotate_many(articles: Iterable[Article], nlp: Optional[Language] = None,
                  batch_size: int = 4) -> Iterator[Annotated]:
    """``annotate`` over many articles, with spaCy batching (same results).

    Small spaCy batches: on 120 real articles (up to 52k characters) a batch of 16 peaked at 928 MB, 4 at 660 MB
    and 1 at 630 MB for the same CPU time (32.7-32.9 s): long documents' activations add up within a batch."""
    articles = list(articles)
    skipped = [unanalysed(a) for a in articles]
    pending = [a for a, s in zip(articles, skipped) if s is None]
    if not pending:
        yield from skipped
        return
    nlp = nlp or get_nlp()
    # spaCy adds every new word of every text to the shared vocabulary and never forgets it: a worker that sees
    # a corpus grows with it. A memory zone (spaCy 3.8) forgets what the batch added once it is done; nothing
    # outlives it here (the records are plain strings and offsets), and the records are the same.
    zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()
    with zone:
        done = iter([annotate_doc(doc, article, nlp)
                     for article, doc in zip(pending, nlp.pipe((a.text for a in pending), batch_size=batch_size))])
    yield from (s if s is not None else next(done) for s in skipped)
