"""The Dask executor: the per-article stages on a Dask distributed cluster.

Same protocol as ``LocalExecutor`` (``name``, ``map_batches``, ``close``) and the same stage
function (``storyline.run.stages.process_batch``, sent by reference, never wrapped), so the
records are identical whichever executor made them.

- No scheduler address: a scheduler and ``workers`` (default: the cores) single-threaded worker processes are
  started as child processes (``storyline.run.dask_cluster`` says why not a ``LocalCluster``), and closed with the
  executor. Pages are scattered straight to a worker and results gathered straight back, not carried through the
  scheduler inside the tasks. With an address, a ``Client``
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
from collections.abc import Iterable, Iterator, Sequence

from storyline.model import Page
from storyline.run.dask_cluster import ProcessCluster
from storyline.run.executors import PAGE_SECONDS, RECYCLE_BATCHES, PageRetry, Result, gave_up, one_native_thread
from storyline.run.stages import process_batch

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
        one_native_thread()            # a nanny has done it already (Dask's default); a worker without one has not
        state = _load_models()
        if state != "model":
            log.warning("storyline worker %s: language models %s", getattr(worker, "address", "?"), state)


def worker_state() -> dict:
    """Run on a worker: which process it is and whether its models are already loaded (for tests)."""
    from storyline.understand import nlp as nlp_mod
    return {"pid": os.getpid(), "loaded": getattr(nlp_mod, "_NLP", None) is not None}


def _give_up_errors() -> tuple:
    from distributed import TimeoutError as DaskTimeout
    try:
        from distributed.scheduler import KilledWorker
    except ImportError:  # pragma: no cover
        KilledWorker = RuntimeError  # noqa: N806
    from concurrent.futures import CancelledError  # a task cancelled by a worker restart
    return (DaskTimeout, TimeoutError, KilledWorker, CancelledError)


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError) or "Timeout" in exc.__class__.__name__



# batches each worker of a cluster we started serves before the workers are restarted (memory back to its start):
# the local pool's cadence (RECYCLE_BATCHES for its two workers). Measured without it at 10k news-length pages,
# one worker went 489 -> 775 MB, ~29 MB per 1,000 articles, on and on.
WORKER_BATCHES = RECYCLE_BATCHES // 2


class DaskExecutor(PageRetry):
    """Runs ``process_batch`` on Dask workers with a bounded window of batches in flight.

    On the cluster it starts itself, the workers are restarted every ``recycle_after`` batches per worker, between
    batches, as the local pool is renewed: a worker's memory creeps up with the pages it has seen. A cluster given
    by address is left alone (``recycle_after=None``) unless asked: give its workers a lifetime
    (``dask worker --lifetime 1h --lifetime-restart``) or let their nannies' memory limit restart them."""
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 in_flight: int | None = None, memory_limit: str | float | None = "auto",
                 warm: bool = True, page_seconds: float | None = None, fn=process_batch,
                 recycle_after: int | None | str = "auto"):
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover
            raise RuntimeError("the dask engine needs dask[distributed]: pip install 'dask[distributed]'") from exc
        self.cluster = None
        self._closed = False
        self.page_seconds = page_seconds or PAGE_SECONDS
        self.fn = fn
        self.restarts = 0          # workers restarted because a page overran
        self.renewals = 0          # workers restarted on schedule (recycle_after)
        self.served = 0            # batches submitted since the last restart
        self.recycle_after = (None if scheduler else WORKER_BATCHES) if recycle_after == "auto" else recycle_after
        self._furn = None          # the furniture set, scattered to every worker (again after a restart)
        self._give_up = _give_up_errors()
        # our own cluster is on this machine: pages and results go straight between this process and the workers.
        # A cluster given by address may let clients reach only its scheduler: Dask's default route, through it.
        self.direct = None if scheduler else True
        if scheduler:
            self.client = Client(scheduler, set_as_default=False)
        else:
            self.cluster = ProcessCluster(max(1, workers or os.cpu_count() or 1), memory_limit=memory_limit)
            try:
                self.client = Client(self.cluster.address, set_as_default=False, direct_to_workers=True)
                self.cluster.wait_for_workers(self.client)
            except BaseException:
                self.close()
                raise
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
        try:
            yield from self._window(batches, furniture, understand)
        finally:
            if self._furn is not None:
                self.client.cancel([self._furn])
                self._furn = None

    def _shipped(self, furniture: frozenset[str]):
        """The furniture set is the same for every batch: sent once to every worker, not with each task."""
        if not furniture:
            return furniture
        if self._furn is None:
            self._furn = self.client.scatter([furniture], broadcast=True, hash=False)[0]
        return self._furn

    def _submit(self, batch, furniture, understand):
        """The pages go straight to a worker (round robin), and the task follows them there: passed to ``submit``
        they would travel inside the task through the scheduler, whose memory then grew over a long run."""
        self.served += 1
        pages = self.client.scatter([list(batch)], direct=self.direct, hash=False)[0]
        return self.client.submit(self.fn, pages, self._shipped(furniture), understand, pure=False)

    def _abandon(self, futures: list) -> None:
        self.client.cancel(futures)

    def _renewal_due(self) -> bool:
        return bool(self.recycle_after) and self.served >= self.recycle_after * self.workers

    def _renew(self) -> None:
        """All batches collected: restart the workers (their nannies start fresh processes, the plugin loads the
        models again)."""
        self._restart_workers()
        self.renewals += 1

    def _restart_workers(self) -> None:
        self._furn = None          # a restart forgets all data on the cluster, the scattered furniture too
        self.served = 0
        try:
            self.client.restart(wait_for_workers=True, timeout=120)
        except Exception:   # a worker slow to come back: go on with those that did
            try:
                self.client.wait_for_workers(1, timeout=120)
            except Exception:
                pass

    def _reason(self, exc: BaseException) -> str:
        if _is_timeout(exc):
            return gave_up(self.page_seconds)
        return f"its workers kept dying ({exc.__class__.__name__}: killed, out of memory or a crash)"

    def _recover(self, exc: BaseException, pending: deque, furniture, understand) -> None:
        """A stuck task cannot be cancelled inside its worker: restart the workers, send the batches again. A
        worker that died is replaced by its nanny; the scheduler has already moved its other tasks."""
        if not _is_timeout(exc):
            return
        self._restart_workers()
        self.restarts += 1
        self._resubmit(pending, furniture, understand)

    @staticmethod
    def _take(future, timeout: float) -> Result:
        try:
            return future.result(timeout=timeout)
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

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
