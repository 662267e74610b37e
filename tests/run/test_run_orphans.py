"""A killed ingest leaves nothing behind (issue 27, item 1): its workers, the fork server and the resource tracker
end within seconds of SIGKILL, SIGTERM, SIGHUP or SIGINT of the ingest process, and a caller reading the ingest's
stderr through a pipe sees it close. Real processes: the CLI in a child process, killed while its workers work."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.run.test_run_dask import article

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "storyline.cli"]


def _corpus(d: Path, n: int = 400) -> Path:
    p = d / "docs.jsonl"      # a JSON-lines file: always the process pool, never the inline shortcut
    with p.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"url": f"http://example.org/{i}", "text": article(i) * 6}) + "\n")
    return p


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_killed_ingest_leaves_no_process_and_closes_stderr(tmp_path: Path, sig: signal.Signals) -> None:
    corpus = _corpus(tmp_path)
    proc = subprocess.Popen(CLI + ["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    kids: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:        # wait for the pool: fork server + 2 workers at least
            kids = _descendants(proc.pid)
            if len(kids) >= 3 and proc.poll() is None:
                break
            time.sleep(0.5)
        assert proc.poll() is None and len(kids) >= 3, "the ingest should still be running with its workers"
        time.sleep(3)                              # the workers are loading or working
        kids = _descendants(proc.pid)
        os.kill(proc.pid, sig)
        try:
            _, stderr = proc.communicate(timeout=30)           # EOF on stderr: nothing holds it open any more
        except subprocess.TimeoutExpired:
            pytest.fail(f"stderr still open 30 s after {sig.name}: {[k.pid for k in _descendants(proc.pid)]}")
        gone, alive = psutil.wait_procs(kids, timeout=10)
        assert not alive, f"left running after {sig.name}: {[(p.pid, p.name()) for p in alive]}"
        if sig != signal.SIGKILL:                  # a signal it can catch: one line, the signal's exit code
            text = stderr.decode("utf-8", "replace")
            assert proc.returncode == 128 + sig, (proc.returncode, text[-2000:])
            assert f"interrupted ({sig.name})" in text and "Traceback" not in text, text[-2000:]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for k in kids:                             # what the old code left behind, so that a failure costs no memory
            try:
                k.kill()
            except psutil.NoSuchProcess:
                pass
