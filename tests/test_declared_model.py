"""The spaCy model is a declared dependency: without it, the tests that need it FAIL with a clear line (before this,
they skipped, and a machine without the model passed the suite without testing understand)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storyline.understand.nlp import MODEL_NAME

REPO = Path(__file__).resolve().parents[1]

# the model made unimportable in the child (as if not installed): storyline falls back to its blank pipeline
HIDE_MODEL = (f"import sys; sys.modules[{MODEL_NAME!r}] = None; import pytest; "
              "sys.exit(pytest.main(sys.argv[1:]))")


def _run_without_model(*tests: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", HIDE_MODEL, "-q", "-p", "no:cacheprovider", "-rfs", *tests],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


def test_model_tests_fail_not_skip_when_the_model_is_missing() -> None:
    r = _run_without_model("tests/understand_actors/test_actors_roles_dictionary.py",
                           "tests/understand_core/test_attribute_rules.py",
                           "tests/understand_events/test_events_roles_resolved.py")
    assert r.returncode == 1, r.stdout[-2000:]
    assert "is a declared dependency" in r.stdout and MODEL_NAME in r.stdout, r.stdout[-2000:]
    assert " skipped" not in r.stdout.splitlines()[-1], r.stdout.splitlines()[-1]
