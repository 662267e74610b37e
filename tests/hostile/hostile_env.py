"""Helpers shared by the hostile tests and the corpus fixture
(not a conftest.py: tests/conftest.py is imported by name elsewhere, a second one would shadow it)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_hostile import Manifest, fix_permissions, make_hostile  # noqa: E402

PY = sys.executable
CLI = [PY, "-m", "storyline.cli"]
# peak resident memory allowed for one `storyline ingest` process over the hostile corpus (see SECURITY.md)
MEMORY_CAP_MB = 1536


def drop_dac() -> list[str] | None:
    """A command prefix under which file permissions apply even to root, or None if there is none.

    As root, chmod 000 does not stop reads (CAP_DAC_OVERRIDE). setpriv can drop that capability
    (and CAP_DAC_READ_SEARCH) from the bounding set of the child, which then meets permissions as
    any owner would. Not root: no prefix needed.
    """
    if os.geteuid() != 0:
        return []
    exe = shutil.which("setpriv")
    if not exe:
        return None
    probe = subprocess.run([exe, "--bounding-set=-dac_override,-dac_read_search", "--", "true"],
                           capture_output=True)
    return [exe, "--bounding-set=-dac_override,-dac_read_search", "--"] if probe.returncode == 0 else None




@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Manifest:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    man = make_hostile(root)
    yield man
    fix_permissions(root)
