"""What `storyline ingest` and `storyline link` show while they run, from ``storyline.run.ingest.Progress``.

On a terminal, a Rich display with a row per stage as it happens (find files, learn furniture, read, clean +
understand, link), each with its counts, rate and its own elapsed time, frozen when the stage ends. Elsewhere
(output piped to a file or a CI log), one plain line per stage when it ends, and a line every ``every`` seconds
(``STORYLINE_PROGRESS_EVERY``, default 10) while a stage runs, all on standard error.

Clean and understand run together in the workers, a batch of pages at a time, so they share one row: an article
is counted once it is cleaned, understood and stored.
"""
from __future__ import annotations

import os
import threading
import time
from typing import Optional

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from storyline.run.ingest import Progress

LABELS = {"scan": "find files", "furniture": "learn furniture", "read": "read", "process": "clean+understand",
          "link": "link"}


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:.1f}/s" if seconds >= 0.5 else "-/s"


def describe(stage: str, p: Progress, seconds: float, final: bool = False) -> str:
    """The counts of ``stage`` in words (the same words on a terminal and in a log)."""
    if stage == "scan":
        return f"{p.files} file(s), {_size(p.total_bytes)}"
    if stage == "furniture":
        return f"{p.text_pages} scraped page(s) read for lines repeated across pages"
    if stage == "read":
        pct = f"{100 * p.done_bytes / p.total_bytes:.0f}% of {_size(p.total_bytes)}" if p.total_bytes else ""
        eta = ""
        if not final and p.total_bytes and 0 < p.done_bytes < p.total_bytes and seconds > 2:
            eta = f" · ETA {_clock((p.total_bytes - p.done_bytes) / (p.done_bytes / seconds))}"
        return f"{p.pages} page(s) · {p.files_done}/{p.files} file(s) · {pct}{eta}"
    if stage == "process":
        waiting = "" if final or p.processed or not p.queued else " · first batch under way (models load first)"
        return (f"{p.articles} new article(s) · {_rate(p.articles, seconds)} · {p.refused} refused · "
                f"{p.skipped} already stored{waiting}")
    if stage == "link":
        if final:
            return "stories, merged events and the search index rebuilt"
        if p.step == "stories":
            return (f"{p.step_done}/{p.step_total} article(s) filed into stories" if p.step_total
                    else "filing articles into stories (loading them and the story index)")
        return f"{p.step}"
    return ""


class PlainStages:
    """Not a terminal: a line per stage when it ends, and every ``every`` seconds while it runs."""

    def __init__(self, console: Console, every: float = 10.0) -> None:
        self.console, self.every = console, every
        self.p: Optional[Progress] = None
        self.stage: Optional[str] = None
        self.started = self.last_line = time.monotonic()
        self.read_started: Optional[float] = None
        self.read_reported = False
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._tick, name="storyline-progress", daemon=True)

    def __enter__(self) -> PlainStages:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        with self._lock:
            if exc[0] is None and self.stage not in (None, "done"):
                self._end(self.stage)

    def _line(self, stage: str, text: str, seconds: float, running: bool = False) -> None:
        state = f"{_clock(seconds)} so far" if running else f"done in {seconds:.1f}s"
        self.console.print(escape(f"storyline: {LABELS.get(stage, stage)}: {text} ({state})"))
        self.last_line = time.monotonic()

    def _end(self, stage: str) -> None:
        if self.p is None or (stage == "furniture" and not self.p.text_pages):
            return
        now = time.monotonic()
        if stage == "process" and not self.read_reported and self.read_started is not None:
            self._line("read", describe("read", self.p, now - self.read_started, final=True), now - self.read_started)
        self._line(stage, describe(stage, self.p, now - self.started, final=True), now - self.started)

    def __call__(self, p: Progress) -> None:
        with self._lock:
            self.p = p
            now = time.monotonic()
            if p.stage != self.stage:
                if self.stage is not None:
                    self._end(self.stage)
                self.stage, self.started, self.last_line = p.stage, now, now
                if p.stage == "process":
                    self.read_started, self.read_reported = now, False
            if p.stage == "process" and p.reading_done and not self.read_reported:
                self._line("read", describe("read", p, now - self.read_started, final=True), now - self.read_started)
                self.read_reported = True

    def _tick(self) -> None:
        while not self._stop.wait(min(1.0, self.every)):
            with self._lock:
                now = time.monotonic()
                if self.p is None or self.stage in (None, "done") or now - self.last_line < self.every:
                    continue
                text = describe(self.stage, self.p, now - self.started)
                if self.stage == "process" and not self.p.reading_done:
                    text += " · read " + describe("read", self.p, now - (self.read_started or now))
                self._line(self.stage, text, now - self.started, running=True)


class RichStages:
    """A terminal: one row per stage, added when the stage starts; a row's clock stops when its stage ends."""

    def __init__(self, console: Console) -> None:
        self.progress = RichProgress(TextColumn("[bold]{task.description:<16}"), BarColumn(bar_width=24),
                                     TextColumn("{task.fields[info]}"), TimeElapsedColumn(), console=console,
                                     refresh_per_second=4)
        self.tasks: dict[str, int] = {}
        self.started: dict[str, float] = {}
        self.ended: set[str] = set()
        self.stage: Optional[str] = None
        self.p: Optional[Progress] = None

    def __enter__(self) -> RichStages:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None and self.stage not in (None, "done") and self.p is not None:
            self._end(self.stage, self.p)
        self.progress.__exit__(*exc)

    def _start(self, name: str) -> None:
        if name not in self.tasks:
            self.tasks[name] = self.progress.add_task(LABELS[name], total=None, info="")
            self.started[name] = time.monotonic()

    def _show(self, name: str, p: Progress, final: bool = False) -> None:
        if name in self.ended:
            return
        info = escape(describe(name, p, time.monotonic() - self.started[name], final=final))
        task = self.tasks[name]
        if final:   # a full bar, and the clock stops at the stage's own duration
            self.progress.update(task, total=1, completed=1, info=info)
            self.progress.stop_task(task)
            self.ended.add(name)
        elif name == "read":
            self.progress.update(task, total=p.total_bytes or None,
                                 completed=min(p.done_bytes, max(0, p.total_bytes - 1)), info=info)
        elif name == "process" and p.reading_done and p.queued:
            self.progress.update(task, total=p.queued, completed=min(p.processed, p.queued - 1), info=info)
        elif name == "link" and p.step == "stories" and p.step_total:
            self.progress.update(task, total=p.step_total, completed=min(p.step_done, p.step_total - 1), info=info)
        else:
            self.progress.update(task, info=info)

    def _end(self, stage: str, p: Progress) -> None:
        if stage == "done":
            return
        if stage == "process" and "read" in self.tasks:
            self._show("read", p, final=True)
        if stage in self.tasks:
            self._show(stage, p, final=True)

    def __call__(self, p: Progress) -> None:
        self.p = p
        if p.stage != self.stage:
            if self.stage is not None:
                self._end(self.stage, p)
            self.stage = p.stage
            if p.stage == "process":
                self._start("read")
            if p.stage in LABELS:
                self._start(p.stage)
        if p.stage == "process":
            self._show("read", p, final=p.reading_done)
        if p.stage in LABELS:
            self._show(p.stage, p)


class NoStages:
    def __enter__(self) -> NoStages:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def __call__(self, p: Progress) -> None:
        pass


def stage_view(console: Console, quiet: bool = False):
    """The display for this console: Rich on a terminal, plain lines elsewhere, nothing when quiet."""
    if quiet:
        return NoStages()
    if console.is_terminal:
        return RichStages(console)
    try:
        every = float(os.environ.get("STORYLINE_PROGRESS_EVERY", "10"))
    except ValueError:
        every = 10.0
    return PlainStages(console, every=max(0.05, every))
