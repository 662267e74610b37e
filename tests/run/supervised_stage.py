"""A stage function for the executor tests: the real ``process_batch``, except on pages whose text asks it to
hang or to kill its worker (what a pathological page or an out-of-memory kill does to a worker)."""
from __future__ import annotations

import os
import signal
import time

from storyline.run.stages import process_batch


def stage(pages, furniture, understand):
    for p in pages:
        if "HANG-HERE" in p.content:
            time.sleep(3600)
        if "DIE-HERE" in p.content:
            os.kill(os.getpid(), signal.SIGKILL)
    return process_batch(pages, furniture, understand)
