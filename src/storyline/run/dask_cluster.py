"""A Dask cluster on this machine whose scheduler and workers each run in processes of their own.

The Dask executor starts one when it is given no scheduler address. Why not ``distributed.LocalCluster``: it runs
the scheduler and the workers' nannies inside the calling process, which also reads the pages and writes the store;
moved out, the same 100k run without understand went 46.3 -> 60.7 articles/s (one GIL less to share), and what the
scheduler holds no longer weighs on the ingest process (it grew 427 -> 757 MB with the scheduler inside it;
docs/performance.md). Why not ``distributed.deploy.subprocess.SubprocessCluster`` (experimental): it
pipes the scheduler's stderr and never reads it, so a long run that logs (each worker restart does) fills the pipe
and stalls the scheduler, and its children outlive a parent that was killed.

So this is the two documented commands, ``dask scheduler`` and ``dask worker --nworkers N`` (nannies, so
``Client.restart`` works), started as child processes:
- they see the modules this process sees (``PYTHONPATH`` from ``sys.path``, as multiprocessing's spawn does);
- they log errors only (as ``LocalCluster(silence_logs=ERROR)``), to a file in their temporary folder whose tail is
  quoted when they fail to start;
- on Linux they get SIGTERM when this process dies, even by SIGKILL (``PR_SET_PDEATHSIG``), and the workers also
  stop once the scheduler has been gone for a minute (``--death-timeout``): a killed ingest leaves nothing running;
- their temporary folder is named after this process's pid; a killed ingest cannot remove it, so the next cluster
  started on the machine removes the folders whose process is gone;
- their nannies do not set ``MALLOC_TRIM_THRESHOLD_`` in the workers (``worker_config``).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

START_SECONDS = 120.0
PREFIX = "storyline-dask-"

# Dask's nannies start each worker with MALLOC_TRIM_THRESHOLD_=65536 (``distributed.nanny.pre-spawn-environ``), to
# hand freed memory back to the OS sooner. Any explicit threshold also switches off glibc's dynamic mmap threshold, so
# every array above 128 KiB that spaCy allocates is a fresh mmap, page-faulted in and unmapped again. Measured on 320
# news-length pages with one worker: the task's compute time 33.0 s with it, 29.5 s without (28.2-28.7 s running
# the same batches in one plain process), the worker's system time 3.2 s -> 0.6 s; end to end +7% with one worker
# and with two (interleaved 1k runs), for 15-65 MB more peak memory, still bounded by the executor's scheduled worker
# restarts. A ``None`` here is what the nanny reads as "do not set" (``distributed.nanny._get_env_variables``).
WORKER_CONFIG = {"distributed": {"nanny": {"pre-spawn-environ": {"MALLOC_TRIM_THRESHOLD_": None}}}}


def worker_config(env: dict[str, str]) -> str:
    """``DASK_INTERNAL_INHERIT_CONFIG`` for our scheduler and workers: what the caller already passes that way (as
    ``SSHCluster`` passes its config), with ``WORKER_CONFIG`` over it."""
    import dask.config
    inherited = env.get("DASK_INTERNAL_INHERIT_CONFIG")
    base = dask.config.deserialize(inherited) if inherited else {}
    return dask.config.serialize(dask.config.merge(base, WORKER_CONFIG))


def _die_with_parent() -> None:   # pragma: no cover - runs in the child between fork and exec
    """Ask Linux to send this child SIGTERM when the process that started it dies."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # 1 = PR_SET_PDEATHSIG
    except Exception:
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process: alive
        return True
    return True


def remove_orphaned_folders(parent: str | None = None) -> list[str]:
    """Remove the temporary folders of clusters whose process is gone (killed before it could close them).

    Only folders named ``storyline-dask-<pid>-...`` are touched, and only when no process has that pid; a folder
    whose pid a new process has taken is left for a later sweep. Returns the folders removed."""
    parent = parent or tempfile.gettempdir()
    removed = []
    try:
        names = os.listdir(parent)
    except OSError:
        return removed
    for name in names:
        pid = name[len(PREFIX):].split("-", 1)[0]
        if not name.startswith(PREFIX) or not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        path = os.path.join(parent, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


class ProcessCluster:
    """``dask scheduler`` + ``dask worker --nworkers workers --nthreads 1`` on 127.0.0.1, closed with ``close()``.

    ``address`` is the scheduler's, for ``distributed.Client``."""

    def __init__(self, workers: int, memory_limit: str | float | None = "auto", timeout: float = START_SECONDS):
        self.workers = max(1, int(workers))
        remove_orphaned_folders()
        self.folder = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
        self.scheduler_file = os.path.join(self.folder, "scheduler.json")
        self._log = open(os.path.join(self.folder, "cluster.log"), "ab")
        self._procs: list[subprocess.Popen] = []
        self.address: str | None = None
        try:
            self._start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                        "--scheduler-file", self.scheduler_file)
            self.address = self._wait_for_address(timeout)
            self._start("worker", self.address, "--host", "127.0.0.1", "--nworkers", str(self.workers),
                        "--nthreads", "1", "--memory-limit", str(memory_limit or 0), "--no-dashboard",
                        "--death-timeout", "60", "--local-directory", self.folder)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ start
    def _start(self, *args: str) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        env["DASK_LOGGING__DISTRIBUTED"] = "error"
        env["DASK_INTERNAL_INHERIT_CONFIG"] = worker_config(env)
        self._procs.append(subprocess.Popen(
            [sys.executable, "-m", "dask", *args], stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
            env=env, start_new_session=True, preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None))

    def _wait_for_address(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check()
            try:
                with open(self.scheduler_file) as f:
                    return json.load(f)["address"]
            except (OSError, ValueError, KeyError):   # not written yet, or half written
                time.sleep(0.1)
        raise RuntimeError(f"the Dask scheduler did not start within {timeout:.0f}s{self._tail()}")

    def wait_for_workers(self, client, timeout: float = START_SECONDS) -> None:
        """Return once all the workers have joined; raise with the cluster's log if a process died first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check()
            try:
                client.wait_for_workers(self.workers, timeout=1)
                return
            except Exception:   # distributed's TimeoutError: not all there yet
                pass
        raise RuntimeError(f"the Dask workers did not all start within {timeout:.0f}s{self._tail()}")

    def check(self) -> None:
        """Raise if the scheduler or the worker process has exited."""
        for p, what in zip(self._procs, ("scheduler", "workers")):
            if p.poll() is not None:
                raise RuntimeError(f"the Dask {what} process exited with code {p.returncode}{self._tail()}")

    def _tail(self) -> str:
        try:
            self._log.flush()
            with open(self._log.name, "rb") as f:
                f.seek(max(0, os.path.getsize(self._log.name) - 600))
                lines = [x for x in f.read().decode("utf-8", "replace").splitlines() if x.strip()]
        except (OSError, ValueError):
            return ""
        return f" (its log ends: {lines[-1].strip()})" if lines else ""

    # ------------------------------------------------------------------ stop
    def close(self) -> None:
        """Stop the workers, then the scheduler: SIGTERM (they close cleanly), SIGKILL to the process group after
        10 s. Then remove the temporary folder."""
        for p in reversed(self._procs):
            if p.poll() is None:
                try:
                    p.terminate()
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            try:   # the worker processes the nannies started are in the same group
                os.killpg(p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, OSError):
                pass
            p.wait()
        self._procs.clear()
        if not self._log.closed:
            self._log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __repr__(self) -> str:
        return f"ProcessCluster({self.address!r}, workers={self.workers})"
