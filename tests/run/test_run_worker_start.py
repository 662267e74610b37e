"""Worker processes start from a fork server, except where that would run the caller's script again."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from storyline.run.executors import _worker_context
TOP = _worker_context().get_start_method()
def main():
    print("top", TOP)
    print("guarded", _worker_context().get_start_method())
if __name__ == "__main__":
    main()
"""

UNGUARDED = """
import sys
from storyline.run.ingest import ingest
report = ingest([sys.argv[1]], sys.argv[2], understand=False, link=False)
print("stored", report.new, "engine", report.engine)
"""


def _run(tmp_path: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    script = tmp_path / "script.py"
    script.write_text(code)
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)


def test_fork_server_only_from_inside_the_main_guard(tmp_path):
    r = _run(tmp_path, PROBE)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == ["top fork", "guarded forkserver"], r.stdout


SIDE_EFFECT = """
import os, sys
from storyline.run.executors import _worker_context
os.makedirs("work-done-at-the-top-level", exist_ok=True)
if __name__ == "__main__":
    print(_worker_context().get_start_method())
"""

DECLARATIVE = """
'''a docstring'''
import sys
sys.path.insert(0, ".")
try:
    import json
except ImportError:
    json = None
from storyline.run.executors import _worker_context
LIMIT = int("3")
if __name__ == "__main__":
    print(_worker_context().get_start_method())
"""


def test_fork_server_only_when_the_top_level_just_defines_things(tmp_path):
    r = _run(tmp_path, SIDE_EFFECT)
    assert (r.returncode, r.stdout.strip()) == (0, "fork"), r.stderr
    r = _run(tmp_path, DECLARATIVE)
    assert (r.returncode, r.stdout.strip()) == (0, "forkserver"), r.stderr


def test_an_unguarded_script_can_ingest_with_worker_processes(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(12):     # more than a handful: the local process pool, not inline
        (pages / f"p{i}.txt").write_text(f"Title {i}\n\nThe council met on Tuesday to discuss item {i} of the plan.\n")
    r = _run(tmp_path, UNGUARDED, str(pages), str(tmp_path / "s.duckdb"))
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "stored 12 engine local", r.stdout


def test_the_cli_module_lets_its_workers_start_from_a_fork_server() -> None:
    """`python -m storyline.cli ingest` runs storyline/cli.py as the main module: its top level must stay made of
    imports, definitions and assignments, or the workers fall back to plain fork (copies of the ingest process)."""
    import ast

    import storyline.cli
    from storyline.run.executors import _declarative
    tree = ast.parse(Path(storyline.cli.__file__).read_text(encoding="utf-8"))
    odd = [ast.unparse(n)[:80] for n in tree.body if not _declarative([n])]
    assert not odd, f"top-level statements of storyline/cli.py that are not declarative: {odd}"
