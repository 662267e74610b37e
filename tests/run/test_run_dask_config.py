"""The Dask configuration our own cluster hands its scheduler and workers (no cluster started here)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import dask.config

from storyline.run.dask_cluster import worker_config


def test_worker_config_unsets_the_malloc_trim_threshold() -> None:
    cfg = dask.config.deserialize(worker_config({}))
    assert cfg["distributed"]["nanny"]["pre-spawn-environ"] == {"MALLOC_TRIM_THRESHOLD_": None}


def test_worker_config_keeps_what_the_caller_passes_on() -> None:
    given = {"distributed": {"nanny": {"pre-spawn-environ": {"FOO": "1", "MALLOC_TRIM_THRESHOLD_": 65536}},
                             "scheduler": {"allowed-failures": 7}}}
    cfg = dask.config.deserialize(worker_config({"DASK_INTERNAL_INHERIT_CONFIG": dask.config.serialize(given)}))
    assert cfg["distributed"]["scheduler"] == {"allowed-failures": 7}
    assert cfg["distributed"]["nanny"]["pre-spawn-environ"] == {"FOO": "1", "MALLOC_TRIM_THRESHOLD_": None}


def test_worker_config_is_read_by_dask_as_an_unset_variable() -> None:
    """What a nanny started with it hands its worker: no MALLOC_TRIM_THRESHOLD_, Dask's other variables kept
    (and without it, Dask's default sets the threshold: the check can fail)."""
    probe = ("import json; from distributed.nanny import _get_env_variables; "
             "print(json.dumps(_get_env_variables('distributed.nanny.pre-spawn-environ')))")
    def spawned(env: dict) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_") and k != "MALLOC_TRIM_THRESHOLD_"} | env
        r = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)
    assert "MALLOC_TRIM_THRESHOLD_" in spawned({})
    ours = spawned({"DASK_INTERNAL_INHERIT_CONFIG": worker_config({})})
    assert "MALLOC_TRIM_THRESHOLD_" not in ours and ours.get("OMP_NUM_THREADS") == "1"
