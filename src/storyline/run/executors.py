"""Executors for the per-article stages: the same functions, run inline, in local processes, or on Dask.

Every executor maps ``process_batch`` over batches of pages and yields results in order,
keeping a bounded number of batches in flight (backpressure: reading never runs far ahead of
processing, so memory stays flat whatever the corpus size).
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator, Protocol, Sequence

from storyline.model import Annotated, Page, ReadError
from storyline.run.stages import process_batch

Result = list[Annotated | ReadError]


class Executor(Protocol):
    name: str

    def map_batches(self, batches: Iterable[Sequence[Page]], furniture: frozenset[str],
                    understand: bool = True) -> Iterator[Result]: ...

    def close(self) -> None: ...


def _warm() -> None:
    """Load models once per worker process, before the first task arrives."""
    try:
        from storyline.understand.nlp import get_nlp
        get_nlp()
    except Exception:
        pass


class InlineExecutor:
    """Runs in this process: no start-up cost; the choice for small inputs and tests."""
    name = "inline"

    def map_batches(self, batches, furniture, understand=True):
        for b in batches:
            yield process_batch(list(b), furniture, understand)

    def close(self) -> None:
        pass


class LocalExecutor:
    """A process pool sized to the cores; models loaded once per worker."""
    name = "local"

    def __init__(self, workers: int | None = None, in_flight: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.in_flight = in_flight or 2 * self.workers
        self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_warm)

    def map_batches(self, batches, furniture, understand=True):
        pending: deque = deque()
        for b in batches:
            pending.append(self.pool.submit(process_batch, list(b), furniture, understand))
            while len(pending) >= self.in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_executor(engine: str = "local", workers: int | None = None, scheduler: str | None = None) -> Executor:
    if engine == "inline" or (engine == "local" and workers == 1):
        return InlineExecutor()
    if engine == "local":
        return LocalExecutor(workers)
    if engine == "dask":
        from storyline.run.dask_executor import DaskExecutor
        return DaskExecutor(scheduler=scheduler, workers=workers)
    raise ValueError(f"unknown engine {engine!r} (local, inline or dask)")
