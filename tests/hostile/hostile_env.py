"""Helpers shared by the hostile tests and the corpus fixture
(a module, not a conftest.py: the tests import its helpers by name)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

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


