"""Progress that tells the truth: each stage shown as it happens, with its counts, on a terminal (Rich) and in a
log (plain lines on standard error: one as each stage ends, and one every few seconds while it runs)."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from storyline.run.ingest import Progress, ingest

CLI = [sys.executable, "-m", "storyline.cli"]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_ingest_reports_every_stage_in_order(pages_dir: Path, tmp_path: Path) -> None:
    seen: list[tuple] = []

    def on_progress(p: Progress) -> None:
        seen.append((p.stage, p.files, p.pages, p.articles, p.processed, p.queued, p.reading_done, p.step))
    ingest([str(pages_dir)], tmp_path / "s.duckdb", engine="inline", on_progress=on_progress)
    stages = [s[0] for s in seen]
    order = [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s]
    assert order == ["scan", "furniture", "process", "link", "done"], order
    process = [s for s in seen if s[0] == "process"]
    assert process[0][4] == 0 and process[-1][3] == 3 and process[-1][4] == 3
    # reading ends before the last batch is processed (the last batch is not "reading")
    first_done = next(i for i, s in enumerate(process) if s[6])
    assert process[first_done][4] < 3
    assert any(s[0] == "link" and s[7] == "search index" for s in seen)


def test_cli_ingest_piped_prints_a_line_per_stage(pages_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "STORYLINE_PROGRESS_EVERY": "0.2"}
    r = subprocess.run(CLI + ["ingest", str(pages_dir), "--db", str(tmp_path / "s.duckdb")], capture_output=True,
                       text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    assert not ANSI.search(r.stderr)
    lines = r.stderr.splitlines()
    ends = [ln for ln in lines if "(done in " in ln]
    assert [ln.split(":")[1].strip() for ln in ends] == ["find files", "learn furniture", "read", "clean+understand",
                                                       "link"], r.stderr
    assert "3 file(s)" in ends[0]
    assert "3 page(s) · 3/3 file(s) · 100%" in ends[2]
    assert "3 new article(s)" in ends[3] and "/s" in ends[3] and "0 refused" in ends[3]
    # the models load for seconds before the first article: lines while it runs, not silence
    running = [ln for ln in lines if ln.endswith("so far)")]
    assert any("clean+understand" in ln for ln in running), r.stderr
    # the run's summary line still closes it
    # the summary after the last stage (the link step's notes may follow it)
    last_stage = max(i for i, ln in enumerate(lines) if "(done in " in ln)
    assert any(ln.startswith("storyline: 3 new article(s)") for ln in lines[last_stage + 1:]), r.stderr


def test_cli_link_piped_prints_its_stage(pages_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest([str(pages_dir)], db, engine="inline", link=False)
    r = subprocess.run(CLI + ["link", "--db", str(db)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert any(ln.startswith("storyline: link:") and "(done in " in ln for ln in r.stderr.splitlines()), r.stderr


def _run_on_a_terminal(args: list[str], timeout: float = 600) -> tuple[int, str]:
    """Run the CLI with its standard error on a pseudo-terminal (what Rich sees on a real one)."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    proc = subprocess.Popen(CLI + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:     # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_cli_ingest_on_a_terminal_shows_each_stage_with_its_own_clock(pages_dir: Path, tmp_path: Path) -> None:
    code, raw = _run_on_a_terminal(["ingest", str(pages_dir), "--db", str(tmp_path / "s.duckdb")])
    assert code == 0, raw
    text = ANSI.sub("", raw).replace("\r", "\n")
    frames = [ln for ln in text.splitlines() if ln.strip()]
    rows = {}
    for line in frames:     # the last state of each row
        for label in ("find files", "learn furniture", "read", "clean+understand", "link"):
            if line.startswith(label + " ") or line.startswith(label + "\t"):
                rows[label] = line
    assert set(rows) == {"find files", "learn furniture", "read", "clean+understand", "link"}, text[-3000:]
    assert "3 new article(s)" in rows["clean+understand"]
    assert "3 page(s) · 3/3 file(s) · 100%" in rows["read"]
    assert "rebuilt" in rows["link"]
    clock = re.compile(r"(\d+):(\d\d):(\d\d)\s*$")
    secs = {k: (lambda m: int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]))(clock.search(v)) for k, v in rows.items()}
    # the stage that loads the models and annotates took time, and its clock says so (it stayed 0:00:00 before)
    assert secs["clean+understand"] >= 1, rows
    assert not any("100%" in ln and " 0 articles" in ln for ln in frames)
