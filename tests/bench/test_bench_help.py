"""Every evaluation script answers -h / --help with its usage and starts no work (no data read, no figures)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCRIPTS = ["eval_events", "eval_events_case", "eval_language", "eval_seeds", "eval_understand",
           "link_incremental", "eval_link"]


@pytest.mark.parametrize(("script", "flag"), [(s, "--help") for s in SCRIPTS] + [("eval_link", "-h")])
def test_help_prints_usage_and_runs_nothing(script, flag, tmp_path):
    env = dict(os.environ, STORYLINE_SHARED=str(tmp_path / "absent"), CI="")
    out = subprocess.run([sys.executable, str(BENCH / f"{script}.py"), flag], capture_output=True, text=True,
                         env=env, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-500:]
    first = out.stdout.strip().splitlines()[0]
    assert first and not first.startswith(("ecbplus:", "plover-gsr:", "case21:", "synthetic corpus"))
    assert "--gate" in out.stdout or "--n" in out.stdout            # the options are listed
    assert "[gate]" not in out.stdout and "B3" not in out.stdout    # no figures were measured
