"""Ingest: read -> (clean -> understand, on an executor) -> store, streaming in bounded batches.

Idempotent and resumable: pages whose id (content hash) is already stored are skipped before
any work; each batch is written in one transaction, so a killed run loses at most the batches in
flight and the next run picks up where it stopped. After the pages, the corpus-level steps run
(year completion of year-less dates, then linking).
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.model import Page, ReadError
from storyline.read import DEFAULT_LIMITS, Limits, read_file
from storyline.read.files import SUFFIXES, format_of, walk
from storyline.run.executors import make_executor
from storyline.store import Store

# ids of pages read in this run, kept to skip a repeat whose first copy is still in flight (not yet
# stored, so ``store.known`` cannot see it): the in-flight window is a few batches (64 pages with two workers), so
# the last 20k ids are plenty, and memory stays flat however long the run (~4 MB; 100k ids held ~20 MB)
RECENT_IDS = 20_000
SUPPORTED = ", ".join(SUFFIXES)


class _RecentIds:
    """A set that forgets its oldest members past ``cap``."""

    def __init__(self, cap: int) -> None:
        from collections import OrderedDict
        self.cap, self.ids = cap, OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self.ids

    def add(self, key: str) -> None:
        self.ids[key] = None
        if len(self.ids) > self.cap:
            self.ids.popitem(last=False)


@dataclass
class IngestReport:
    files: int = 0
    pages: int = 0
    new: int = 0
    skipped: int = 0          # already stored (same content)
    refused: list[ReadError] = field(default_factory=list)
    engine: str = "inline"
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0


STAGES = ("scan", "furniture", "process", "link", "done")


@dataclass
class Progress:
    """What a progress display needs. ``on_progress`` gets it as each stage starts (``stage``: scan -> furniture ->
    process -> link -> done), every 500 files of the scan, every 200 pages of the furniture pass, after every file
    read and batch processed, as the link step goes, and once at the end (``done``). One object, updated in place."""
    total_bytes: int = 0
    done_bytes: int = 0       # bytes of the input files read so far (within a file: estimated from its pages)
    articles: int = 0         # new articles cleaned, understood and stored
    refused: int = 0
    skipped: int = 0          # pages already stored (same content)
    stage: str = "scan"
    files: int = 0            # input files found (scan)
    files_done: int = 0       # input files read to the end
    pages: int = 0            # pages read from the files
    queued: int = 0           # pages sent to clean + understand
    processed: int = 0        # of those, back (stored or refused)
    reading_done: bool = False
    text_pages: int = 0       # scraped-text pages read to learn their furniture
    step: str = ""            # link: the step under way ("stories", "search index")
    step_done: int = 0
    step_total: int = 0


ProgressFn = Callable[[Progress], None]


def _input_files(paths: Sequence[str], limits: Limits,
                 on_refuse: Callable[[ReadError], None] | None = None) -> Iterator[Path]:
    for item in walk(list(paths), limits):
        if isinstance(item, ReadError):
            if on_refuse:
                on_refuse(item)
        else:
            yield item


def _learn_furniture(files: Iterable[Path], limits: Limits,
                     on_page: Callable[[int], None] | None = None) -> frozenset[str]:
    """A cheap pre-pass over scraped-text inputs: lines that repeat across many pages are furniture."""
    from storyline.clean.furniture import learn_furniture
    texts = []
    for f in files:
        if format_of(f) != "text":
            continue
        for p in read_file(f, limits):
            if isinstance(p, Page):
                texts.append(p.content)
                if on_page:
                    on_page(len(texts))
    return learn_furniture(texts) if len(texts) >= 3 else frozenset()


@dataclass(frozen=True)
class IngestOptions:
    """How an ingest runs; one object shared by the CLI (``storyline ingest``, ``storyline demo``) and the Python
    API. ``engine``: local (a process pool), inline (this process) or dask (``scheduler``: a Dask scheduler's
    address, else one started for the run); ``page_timeout``: seconds before a page still being processed is
    refused (local and dask); ``snapshot_every``: seconds between copies of the store for readers."""
    limits: Limits = DEFAULT_LIMITS
    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    batch_size: int = 16
    understand: bool = True
    link: bool = True
    snapshot_every: float = 60.0
    page_timeout: float | None = None


def ingest(paths: Sequence[str], db: str | Path = "storyline.duckdb", options: IngestOptions | None = None, *,
           store: Store | None = None, on_progress: ProgressFn | None = None,
           on_error: Callable[[ReadError], None] | None = None, **settings: Any) -> IngestReport:
    """Ingest ``paths`` into the store at ``db`` (or into the open ``store``). Files are walked lazily (three cheap
    passes over the paths: sizes for progress, furniture from scraped-text pages, then the pages themselves).
    ``settings``: fields of ``IngestOptions`` by keyword (``engine="inline", link=False``), over ``options``."""
    opts = dataclasses.replace(options or IngestOptions(), **settings)
    own_store = store is None
    run = _Ingest(paths, opts, store or Store(db), on_progress, on_error)
    try:
        return run.run()
    finally:
        if own_store:
            run.store.close()


class _Ingest:
    """One ingest: its report and progress, the callbacks, and the three passes over the paths."""

    def __init__(self, paths: Sequence[str], opts: IngestOptions, store: Store, on_progress: ProgressFn | None,
                 on_error: Callable[[ReadError], None] | None) -> None:
        self.paths, self.opts, self.store = paths, opts, store
        self.on_progress, self.on_error = on_progress, on_error
        self.report = IngestReport()
        self.prog = Progress()

    def emit(self, stage: str | None = None) -> None:
        if stage:
            self.prog.stage = stage
        if self.on_progress:
            self.on_progress(self.prog)

    def refuse(self, e: ReadError) -> None:
        self.report.refused.append(e)
        self.prog.refused = len(self.report.refused)
        if self.on_error:
            self.on_error(e)

    def run(self) -> IngestReport:
        opts, report, prog, store = self.opts, self.report, self.prog, self.store
        self.emit("scan")
        kinds = self.scan()                                       # pass 1: count and size, nothing kept
        if "text" in kinds:
            self.emit("furniture")

        def furniture_page(n: int) -> None:
            prog.text_pages = n
            if n % 200 == 0:
                self.emit()
        furniture = _learn_furniture(_input_files(self.paths, opts.limits), opts.limits, furniture_page)   # pass 2
        engine = opts.engine
        if engine == "local" and report.files <= 8 and kinds <= {"text", "html"}:
            engine = "inline"   # a handful of pages: starting worker processes costs more than it saves
        self.emit("process")    # starting the workers (a Dask cluster: seconds) is part of the stage
        executor = make_executor(engine, opts.workers, opts.scheduler, models=opts.understand,
                                 **({"page_seconds": opts.page_timeout} if opts.page_timeout else {}))
        report.engine = executor.name
        try:
            self.process(executor, furniture)                     # pass 3: the pages, streamed
        finally:
            executor.close()
        if opts.link:
            report.notes.extend(run_corpus_steps(store, prog, self.on_progress, changed=bool(report.new)))
        if report.new or opts.link:
            _snapshot(store, report)
        self.emit("done")
        return report

    def scan(self) -> set[str]:
        """Count and size the input files (for progress); the formats found. A folder with no supported file is
        refused (a folder of .pdf files is not an empty success)."""
        report, prog = self.report, self.prog
        kinds: set[str] = set()
        for raw in self.paths:
            found = 0
            for item in walk([raw], self.opts.limits):
                found += 1
                if isinstance(item, ReadError):
                    continue
                report.files += 1
                prog.files = report.files
                if report.files % 500 == 0:
                    self.emit()
                kinds.add(format_of(item) or "")
                try:
                    prog.total_bytes += item.stat().st_size
                except OSError:
                    pass    # a file gone since the walk: no size to count, and the reading pass refuses it
            if not found and Path(raw).is_dir():
                self.refuse(ReadError(str(raw), f"no supported file in this folder ({SUPPORTED})"))
        return kinds

    def process(self, executor: Any, furniture: frozenset[str]) -> None:
        """Stream the pages through the executor and store each batch of results as it comes back."""
        report, prog, store = self.report, self.prog, self.store
        snapshot_every = self.opts.snapshot_every
        last_snapshot = time.monotonic()
        snapshot_interval = snapshot_every
        with store.streaming():     # small DuckDB buffer pool and one thread while batches stream in
            for results in executor.map_batches(self.pages(), furniture, self.opts.understand):
                good = [r for r in results if not isinstance(r, ReadError)]
                bad = [r for r in results if isinstance(r, ReadError)]
                report.new += store.write_batch(good, bad)
                prog.articles = report.new
                prog.processed += len(results)
                for e in bad:
                    self.refuse(e)
                self.emit()
                if snapshot_every and time.monotonic() - last_snapshot > snapshot_interval:
                    t_copy = time.monotonic()
                    _snapshot(store, report)
                    last_snapshot = time.monotonic()
                    # the copy grows with the store: keep it under ~5% of the ingest's time
                    snapshot_interval = max(snapshot_every, 20 * (last_snapshot - t_copy))

    def fresh(self, batch: list[Page]) -> Iterator[list[Page]]:
        """The pages of ``batch`` not already stored (at most one list)."""
        known = self.store.known([p.id for p in batch])
        self.report.skipped += len(known)
        self.prog.skipped = self.report.skipped
        todo = [p for p in batch if p.id not in known]
        if todo:
            self.prog.queued += len(todo)
            yield todo

    def refuse_path(self, e: ReadError) -> None:
        """A path refused while walking: stored like any refusal."""
        self.store.write_batch([], [e])
        self.refuse(e)

    def pages(self) -> Iterator[list[Page]]:
        """The pages of the input files in batches, less those read before in this run or already stored."""
        report, prog = self.report, self.prog
        seen = _RecentIds(RECENT_IDS)
        batch: list[Page] = []
        for f in _input_files(self.paths, self.opts.limits, self.refuse_path):
            base = prog.done_bytes
            try:
                size = f.stat().st_size
            except OSError:
                size = 0
            # within a big file (a WARC, a JSON lines file), bytes read are estimated from its pages' text,
            # kept under the file's size; not for a compressed file, whose text is larger than its bytes
            estimate = 0 if f.name.lower().endswith(".gz") else None
            for item in read_file(f, self.opts.limits):
                if isinstance(item, ReadError):
                    self.refuse_path(item)
                    continue
                report.pages += 1
                prog.pages = report.pages
                if estimate is not None:
                    estimate += len(item.content)
                    prog.done_bytes = base + min(estimate, max(0, size - 1))
                if item.id in seen:
                    report.skipped += 1
                    prog.skipped = report.skipped
                    continue
                seen.add(item.id)
                batch.append(item)
                if len(batch) >= self.opts.batch_size:
                    yield from self.fresh(batch)
                    batch = []
            prog.done_bytes = base + size
            prog.files_done += 1
            self.emit()
        last = list(self.fresh(batch)) if batch else []
        prog.reading_done = True        # before the last batch goes: its processing is not reading
        self.emit()
        yield from last


def run_corpus_steps(store: Store, prog: Progress | None = None, on_progress: ProgressFn | None = None,
                     changed: bool = True, again: bool = False) -> list[str]:
    """The corpus steps (``storyline.run.corpus.corpus_steps``), reporting as stage "link" of ``prog``."""
    from storyline.run.corpus import corpus_steps
    prog = prog or Progress()
    prog.stage, prog.step, prog.step_done, prog.step_total = "link", "stories", 0, 0
    if on_progress:
        on_progress(prog)

    def step(name: str, done: int, total: int) -> None:
        prog.step = "stories" if name == "link" else name
        prog.step_done, prog.step_total = done, total
        if on_progress:
            on_progress(prog)
    return corpus_steps(store, changed=changed, progress=step, again=again)


def _snapshot(store: Store, report: IngestReport) -> None:
    try:
        store.publish_snapshot()
    except OSError as exc:
        report.notes.append(f"could not publish the read snapshot ({exc.strerror or exc}); the store is intact")
