"""Executors for the per-article stages: the same functions, run inline, in local processes, or on Dask.

Every executor maps ``process_batch`` over batches of pages and yields results in order,
keeping a bounded number of batches in flight (backpressure: reading never runs far ahead of
processing, so memory stays flat whatever the corpus size).
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from storyline.model import Annotated, Page, ReadError
from storyline.run.stages import process_batch

Result = list[Annotated | ReadError]


class Executor(Protocol):
    name: str

    def map_batches(self, batches: Iterable[Sequence[Page]], furniture: frozenset[str],
                    understand: bool = True) -> Iterator[Result]: ...

    def close(self) -> None: ...


NATIVE_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_native_thread() -> None:
    """Keep this worker's BLAS / OpenMP libraries (numpy's OpenBLAS, which spaCy's layers call) to one thread.

    A worker is one of a pool sized to the cores; left alone, each worker's OpenBLAS starts a thread per core, and
    on 2 cores two workers' four threads fight over them. Measured on 150 news-length articles in one process
    (docs/performance.md): understand's CPU time 8.3 -> 7.7 s with one thread. Dask's nannies do the same for
    their workers (``distributed.nanny.pre-spawn-environ``). The environment variables reach the libraries this
    process loads from now on (the workers load numpy with the model, after this); threadpoolctl limits those a
    forked worker inherited already loaded. A variable the user set is left as it is, and nothing is limited."""
    if any(v in os.environ for v in NATIVE_THREAD_VARS):
        return
    for v in NATIVE_THREAD_VARS:
        os.environ[v] = "1"
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except Exception:   # no threadpoolctl, or a library it cannot drive: the variables still hold for new loads
        pass


def _alive(pid: int) -> bool:
    """Is process ``pid`` running (not gone, not a zombie waiting to be reaped)?"""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[-1].split()[0]
        return state not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):     # no /proc (not Linux): ask the kernel
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False
        except OSError:
            return True


def watch_parent(pid: int, every: float = 0.5) -> None:
    """End this worker when process ``pid`` (the ingest that started it) is gone.

    A worker's parent is the fork server, not the ingest, so nothing tells it when the ingest is killed (SIGKILL,
    or SIGTERM, whose default action skips every clean-up): it would stay, idle, holding ~350 MB and the ingest's
    stderr open (a caller reading that stderr through a pipe then waits for ever). The fork server and the
    resource tracker end by themselves once their last client is gone."""
    import threading
    import time

    def watch() -> None:
        while _alive(pid):
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="storyline-watch-parent", daemon=True).start()


def _warm(models: bool = True, parent: int | None = None) -> None:
    """Load models once per worker process, before the first task arrives (not when no stage needs them).
    The worker ignores Ctrl-C (the terminal sends it to the whole process group: the ingest alone decides what to
    do, and the workers' own tracebacks would bury its one line) and ends when the ingest is gone."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        watch_parent(parent)
    one_native_thread()
    if not models:
        return
    try:
        from storyline.understand.nlp import get_nlp
        get_nlp()
    except Exception:
        pass


def _worker_context():
    """Workers start from a fork server: a small process that has imported the stages once and forks each worker.
    Forked from the ingest process instead, every worker would begin as a copy of it (its DuckDB buffers, its
    Python heap, which the worker's garbage collector then touches page by page, copying it) and, when the pool is
    renewed late in a run, a copy of a bigger one. Plain fork where there is no fork server (not POSIX), or where
    the fork server would run the caller's script again (``_main_reimport_safe``)."""
    import multiprocessing
    try:
        if not _main_reimport_safe():
            return multiprocessing.get_context("fork")
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:
        return None
    ctx.set_forkserver_preload(["storyline.run.stages"])
    return ctx


def _is_main_guard(node: object) -> bool:
    import ast
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare) or len(node.test.comparators) != 1:
        return False
    sides = [node.test.left, node.test.comparators[0]]
    return (isinstance(node.test.ops[0], ast.Eq)
            and any(isinstance(x, ast.Name) and x.id == "__name__" for x in sides)
            and any(isinstance(x, ast.Constant) and x.value == "__main__" for x in sides))


def _declarative(body: list) -> bool:
    """True when running these top-level statements again only defines things: imports, definitions,
    assignments, docstrings, ``sys.path`` set-up, the main guard, and ``if``/``try`` blocks made of the same."""
    import ast
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                             ast.Assign, ast.AnnAssign, ast.Pass)) or _is_main_guard(node):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
                ast.unparse(node.value.func).startswith("sys.path."):
            continue
        if isinstance(node, ast.If) and _declarative(node.body) and _declarative(node.orelse):
            continue
        if isinstance(node, ast.Try) and all(_declarative(b) for b in (node.body, node.orelse, node.finalbody)) \
                and all(_declarative(h.body) for h in node.handlers):
            continue
        return False
    return True


def _main_reimport_safe() -> bool:
    """True when a worker that imports the main module again (as the fork server and spawn do) runs none of the
    caller's work: there is no main file (a REPL, ``python -c``, a notebook), or this call is made from inside the
    main module's ``if __name__ == "__main__":`` block and the rest of its top level only defines things. A script
    that calls ``ingest()`` at its top level, unguarded, or does work there (deletes a file, starts a timer...),
    would otherwise do it again in every worker; it gets plain fork workers instead."""
    import ast
    import sys
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path:
        return True
    frame = sys._getframe(1)
    while frame is not None and not (frame.f_code.co_name == "<module>" and frame.f_globals is vars(main)):
        frame = frame.f_back
    if frame is None:       # the main module finished loading (a thread, a server): its top level may do anything
        return False
    try:
        with open(path, "rb") as fh:
            tree = ast.parse(fh.read())
    except (OSError, SyntaxError, ValueError):
        return False
    line = frame.f_lineno
    return _declarative(tree.body) and any(
        _is_main_guard(node) and node.lineno <= line <= (node.end_lineno or node.lineno) for node in tree.body)


def _ready() -> bool:
    return True


class InlineExecutor:
    """Runs in this process: no start-up cost; the choice for small inputs and tests."""
    name = "inline"

    def map_batches(self, batches, furniture, understand=True):
        for b in batches:
            yield process_batch(list(b), furniture, understand)

    def close(self) -> None:
        pass


PAGE_SECONDS = 300.0   # default: a page still in clean/understand after this long is given up (--page-timeout)

# batches a pool of workers serves before it is replaced by a fresh one. A worker's memory creeps up with the
# pages it has seen (spaCy's caches, the allocator's high-water marks: ~12 MB per 100 long articles measured in
# one process, after the memory zone), so a long run renews its workers; at 16 pages a batch this is ~3,200
# pages per pool, and a renewal costs a model load (~1-2 s) and the tail of the last batches in flight.
RECYCLE_BATCHES = 200


def gave_up(seconds: float) -> str:
    return f"gave up after {seconds:.0f}s in the clean/understand stages (--page-timeout)"


class PageRetry:
    """What the local and the Dask executors share: the window of batches in flight (``in_flight``; results in
    order), and the page-by-page retry. The oldest batch in flight is collected within its deadline
    (``page_seconds`` per page); when it fails (past its deadline, or its worker died) the executor recovers
    (``_recover``: a new pool, restarted workers, the batches in flight sent again) and retries the batch page by
    page, so the page at fault is refused with a reason (``_reason``) and its neighbours are kept. Each executor
    says how it submits (``_submit``), waits (``_take``), which errors mean giving up (``_give_up``), recovers,
    whether its workers are due for renewal (``_renewal_due``, ``_renew``) and how it drops the work nobody will
    read (``_abandon``)."""
    page_seconds: float
    in_flight: int
    _give_up: tuple

    def _window(self, batches: Iterable[Sequence[Page]], furniture, understand) -> Iterator[Result]:
        pending: deque = deque()
        try:
            for b in batches:
                b = list(b)
                if self._renewal_due():
                    while pending:             # let the workers finish what they hold, in order, then renew them
                        yield self._collect(pending, furniture, understand)
                    self._renew()
                pending.append((b, self._submit(b, furniture, understand)))
                while len(pending) >= self.in_flight:
                    yield self._collect(pending, furniture, understand)
            while pending:
                yield self._collect(pending, furniture, understand)
        finally:
            if pending:   # the consumer stopped early (or failed): drop the work nobody will read
                self._abandon([f for _, f in pending])

    def _renewal_due(self) -> bool:
        return False

    def _renew(self) -> None:
        pass

    def _abandon(self, futures: list) -> None:
        for f in futures:
            f.cancel()

    def _resubmit(self, pending: deque, furniture, understand) -> None:
        for i, (b, _) in enumerate(list(pending)):
            pending[i] = (b, self._submit(b, furniture, understand))

    def _collect(self, pending: deque, furniture, understand) -> Result:
        batch, fut = pending.popleft()
        try:
            return self._take(fut, self.page_seconds * max(1, len(batch)))
        except self._give_up as exc:
            self._recover(exc, pending, furniture, understand)
        out: Result = []
        for page in batch:
            try:
                out.extend(self._take(self._submit([page], furniture, understand), self.page_seconds))
                continue
            except self._give_up as exc:
                reason = self._reason(exc)
                self._recover(exc, pending, furniture, understand)
            out.append(ReadError(page.source, reason))
        return out


class LocalExecutor(PageRetry):
    """A process pool sized to the cores; models loaded once per worker.

    Supervised: a batch that outlives its deadline (``page_seconds`` per page) or a worker that dies (killed,
    out of memory, a crash in native code) costs only the pages it was working on. The pool is replaced, the
    batches in flight are sent again, and the failed batch is retried page by page, so the page at fault is
    refused with a reason and its neighbours are kept."""
    name = "local"
    _give_up = (FuturesTimeout, BrokenProcessPool)

    def __init__(self, workers: int | None = None, in_flight: int | None = None,
                 page_seconds: float = PAGE_SECONDS, fn=process_batch, recycle_after: int | None = RECYCLE_BATCHES,
                 models: bool = True):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.in_flight = in_flight or 2 * self.workers
        self.page_seconds = page_seconds
        self.fn = fn               # the stage function (a module-level callable, so it pickles)
        self.recycle_after = recycle_after
        self.models = models       # load the language models in each worker up front (False: no understand stage)
        self.restarts = 0          # pools replaced because a worker died or a page overran
        self.renewals = 0          # pools replaced on schedule (recycle_after)
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        self.served = 0            # batches submitted to this pool
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_warm, initargs=(self.models, os.getpid()),
                                   mp_context=_worker_context())

    def _renew(self) -> None:
        """Replace a pool whose batches are all collected with a fresh one (memory back to its start)."""
        self.pool.shutdown(wait=True)
        self.pool = self._new_pool()
        self.renewals += 1
        self._wait_ready()

    def _restart(self) -> None:
        """Replace the pool, killing its workers (a stuck one never returns by itself)."""
        self._kill()
        self.pool = self._new_pool()
        self.restarts += 1
        self._wait_ready()

    def _kill(self) -> None:
        """End the pool's workers now, whatever they are doing."""
        procs = list(getattr(self.pool, "_processes", {}).values())
        for p in procs:
            try:
                p.kill()
            except Exception:
                pass
        self.pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            try:
                p.join(timeout=5)
            except Exception:
                pass

    def _wait_ready(self, limit: float = 600.0) -> None:
        """Let the new workers load their models before a deadline starts counting for a page."""
        try:
            for f in [self.pool.submit(_ready) for _ in range(self.workers)]:
                f.result(timeout=limit)
        except (FuturesTimeout, BrokenProcessPool):
            pass

    def _submit(self, batch, furniture, understand):
        self.served += 1
        return self.pool.submit(self.fn, batch, furniture, understand)

    def map_batches(self, batches, furniture, understand=True):
        return self._window(batches, furniture, understand)

    def _renewal_due(self) -> bool:
        return bool(self.recycle_after) and self.served >= self.recycle_after

    def _take(self, fut, timeout: float) -> Result:
        return fut.result(timeout=timeout)

    def _reason(self, exc: BaseException) -> str:
        if isinstance(exc, FuturesTimeout):
            return gave_up(self.page_seconds)
        return "the worker processing it died (killed, out of memory, or a crash in native code)"

    def _recover(self, exc: BaseException, pending: deque, furniture, understand) -> None:
        """A stuck worker never returns and a dead one breaks the pool: a new pool either way."""
        self._restart()
        self._resubmit(pending, furniture, understand)

    def close(self) -> None:
        """Let the workers finish and end. Called while an interruption is on its way out (Ctrl-C, or a signal the
        CLI turned into a BaseException, seen here from the caller's ``finally``), it ends them at once instead:
        their batches would be dropped anyway, and finishing them kept a stopped ingest alive for a minute."""
        in_flight = sys.exc_info()[1]
        if in_flight is not None and not isinstance(in_flight, Exception):
            self._kill()
        else:
            self.pool.shutdown(wait=True, cancel_futures=True)


def make_executor(engine: str = "local", workers: int | None = None, scheduler: str | None = None,
                  page_seconds: float = PAGE_SECONDS, models: bool = True) -> Executor:
    """The executor for ``engine``; ``models=False`` when the run has no understand stage (workers then skip
    loading spaCy: ~1-2 s and ~200 MB each, at every start and pool renewal)."""
    if engine == "inline":
        return InlineExecutor()
    if engine == "local":   # one worker too: the pool is what lets a stuck page be given up
        return LocalExecutor(workers, page_seconds=page_seconds, models=models)
    if engine == "dask":
        from storyline.run.dask_executor import DaskExecutor
        return DaskExecutor(scheduler=scheduler, workers=workers, page_seconds=page_seconds, warm=models)
    raise ValueError(f"unknown engine {engine!r} (local, inline or dask)")
