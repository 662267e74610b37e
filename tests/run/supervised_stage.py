"""A stage function for the executor tests: the real ``process_batch``, except on pages whose text asks it to
hang or to kill its worker (what a pathological page or an out-of-memory kill does to a worker)."""
from __future__ import annotations

import os
import signal
import time

from storyline.run.stages import process_batch


def stage(pages, furniture, understand):
    for p in pages:
        if "HANG-HERE" in p.content:
            time.sleep(3600)
        if "DIE-HERE" in p.content:
            os.kill(os.getpid(), signal.SIGKILL)
    return process_batch(pages, furniture, understand)


def _noting(note: str, pages, furniture, understand):
    """The real stage, each article's result carrying ``note``."""
    import dataclasses

    from storyline.model import Annotated
    return [dataclasses.replace(r, notes=r.notes + (note,)) if isinstance(r, Annotated) else r
            for r in process_batch(pages, furniture, understand)]


def stage_noting_pid(pages, furniture, understand):
    """The real stage, each result noting the worker process that made it."""
    return _noting(f"pid {os.getpid()}", pages, furniture, understand)


def stage_noting_models(pages, furniture, understand):
    """The real stage, each result noting whether the worker had loaded the language model before it ran."""
    from storyline.understand import nlp
    return _noting(f"model loaded {nlp._NLP is not None}", pages, furniture, understand)


def stage_noting_blas_threads(pages, furniture, understand):
    """The real stage, each result noting the most threads any BLAS / OpenMP library of the worker may use."""
    import numpy  # noqa: F401  (spaCy's layers load it with the model: after the worker started)
    from threadpoolctl import threadpool_info
    most = max((lib["num_threads"] for lib in threadpool_info()), default=0)
    return _noting(f"native threads {most}", pages, furniture, understand)
