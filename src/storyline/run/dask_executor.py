"""The Dask executor: the per-article stages on a Dask distributed cluster.

Same protocol as ``LocalExecutor`` (``name``, ``map_batches``, ``close``) and the same stage
function (``storyline.run.stages.process_batch``, sent by reference, never wrapped), so the
records are identical whichever executor made them.

- No scheduler address: a ``LocalCluster`` of ``workers`` (default: the cores) single-threaded
  worker processes is started, and closed with the executor. With an address, a ``Client``
  connects to a running cluster (``dask scheduler`` + ``dask worker``), which is left running.
- Models load once per Dask worker: a ``WorkerPlugin`` calls ``get_nlp()`` (a per-process
  cache) when the worker starts or joins, before its first task; tasks only reuse it.
- Backpressure: a sliding window of at most ``in_flight`` batches is submitted at a time; the
  next batch is read only when the oldest one has come back, so reading never runs far ahead and
  client memory stays flat whatever the corpus size. Results come back in submission order.
- The cluster never writes: results return to this (client) process, where ingest writes them
  to DuckDB in one transaction per batch.
"""
from __future__ import annotations

import logging
import os
from collections import deque
from typing import Iterable, Iterator, Sequence

from storyline.model import Annotated, Page, ReadError
from storyline.run.stages import process_batch

Result = list[Annotated | ReadError]

log = logging.getLogger(__name__)

PLUGIN_NAME = "storyline-models"


def _load_models() -> str:
    """Load the language pipeline into this process's cache; say which pipeline it is."""
    try:
        from storyline.understand.nlp import get_nlp, is_fallback
        nlp = get_nlp()
        return "fallback" if is_fallback(nlp) else "model"
    except Exception as exc:   # a worker without models still cleans; annotate reports the failure per page
        return f"unavailable ({exc.__class__.__name__}: {exc})"


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPluginBase
except ImportError:  # pragma: no cover - dask is a declared dependency
    _WorkerPluginBase = object


class LoadModels(_WorkerPluginBase):
    """Worker plugin: load the models once per Dask worker process, before it runs a task."""
    name = PLUGIN_NAME

    def setup(self, worker) -> None:   # called on every current and future worker
        state = _load_models()
        if state != "model":
            log.warning("storyline worker %s: language models %s", getattr(worker, "address", "?"), state)


def worker_state() -> dict:
    """Run on a worker: which process it is and whether its models are already loaded (for tests)."""
    from storyline.understand import nlp as nlp_mod
    return {"pid": os.getpid(), "loaded": getattr(nlp_mod, "_NLP", None) is not None}


class DaskExecutor:
    """Runs ``process_batch`` on Dask workers with a bounded window of batches in flight."""
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 in_flight: int | None = None, memory_limit: str | float | None = "auto",
                 warm: bool = True):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover
            raise RuntimeError("the dask engine needs dask[distributed]: pip install 'dask[distributed]'") from exc
        self.cluster = None
        self._closed = False
        if scheduler:
            self.client = Client(scheduler, set_as_default=False)
        else:
            n = max(1, workers or os.cpu_count() or 1)
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR,
                                        memory_limit=memory_limit)
            self.client = Client(self.cluster, set_as_default=False)
        try:
            if warm:
                self.client.register_plugin(LoadModels(), name=PLUGIN_NAME)
            self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers or 1)
        except BaseException:
            self.close()
            raise
        # two per worker: one running, one queued, so a worker never waits for the client
        self.in_flight = max(1, in_flight or 2 * self.workers)

    def map_batches(self, batches: Iterable[Sequence[Page]], furniture: frozenset[str],
                    understand: bool = True) -> Iterator[Result]:
        client = self.client
        # the furniture set is the same for every batch: send it once to every worker
        furn = client.scatter([furniture], broadcast=True, hash=False)[0] if furniture else furniture
        pending: deque = deque()
        try:
            for b in batches:
                pending.append(client.submit(process_batch, list(b), furn, understand, pure=False))
                while len(pending) >= self.in_flight:
                    yield self._take(pending.popleft())
            while pending:
                yield self._take(pending.popleft())
        finally:
            if pending:   # the consumer stopped early (or failed): drop the work nobody will read
                client.cancel(list(pending))
            if furniture:
                client.cancel([furn])

    @staticmethod
    def _take(future) -> Result:
        try:
            return future.result()
        finally:
            future.release()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.client.close()
        except Exception:
            pass
        if self.cluster is not None:
            try:
                self.cluster.close()
            except Exception:
                pass

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
