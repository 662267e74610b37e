"""The per-article stages as plain functions of one item: the units every executor runs.

``process(page, furniture)`` = clean then understand. It never raises: a failure becomes a
ReadError naming the source, so one bad page costs only itself. Models are loaded once per
process (the understand stage caches its spaCy pipeline).
"""
from __future__ import annotations

import traceback
from collections.abc import Sequence

from storyline.clean import clean
from storyline.model import Annotated, Page, ReadError

MIN_TEXT_CHARS = 1


def process(page: Page, furniture: frozenset[str] = frozenset(), understand: bool = True) -> Annotated | ReadError:
    try:
        article = clean(page, furniture)
    except Exception as exc:
        return ReadError(page.source, f"cannot clean: {exc.__class__.__name__}: {exc}")
    if len(article.text.strip()) < MIN_TEXT_CHARS:
        return ReadError(page.source, "no article text found (page holds no readable body)")
    if not understand:
        return Annotated(article=article, notes=article.notes)
    try:
        from storyline.understand import annotate
        return annotate(article)
    except Exception as exc:
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return ReadError(page.source, f"cannot annotate: {exc.__class__.__name__}: {exc} "
                                      f"({tb.filename.rsplit('/', 1)[-1]}:{tb.lineno})")


def process_batch(pages: Sequence[Page], furniture: frozenset[str] = frozenset(),
                  understand: bool = True) -> list[Annotated | ReadError]:
    """A batch at a time: lets the understand stage use nlp.pipe when it offers annotate_many."""
    cleaned: list = []
    for page in pages:
        r = process(page, furniture, understand=False)
        cleaned.append(r)
    if not understand:
        return cleaned
    arts = [(i, r.article) for i, r in enumerate(cleaned) if isinstance(r, Annotated)]
    from storyline.understand import annotate, annotate_many  # here: a clean-only worker never loads spaCy
    out = list(cleaned)
    if arts:
        try:
            results = list(annotate_many([a for _, a in arts]))
        except Exception:   # noqa: BLE001 - the batch failed: one at a time below pins the failure to its article
            results = None
        if results is not None:
            for (i, _), res in zip(arts, results):
                out[i] = res
            return out
    for i, a in arts:
        try:
            out[i] = annotate(a)
        except Exception as exc:
            out[i] = ReadError(a.source, f"cannot annotate: {exc.__class__.__name__}: {exc}")
    return out
