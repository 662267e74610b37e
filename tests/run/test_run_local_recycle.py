"""A long run renews its worker pool on schedule: same results, in order, from fresh processes."""
from __future__ import annotations

import os

import pytest

from storyline.model import Annotated, Page, content_hash
from storyline.run.executors import InlineExecutor, LocalExecutor
from tests.run.supervised_stage import stage_noting_pid

pytestmark = pytest.mark.slow   # three pools started, a model load in each worker



def _page(i: int) -> Page:
    text = (f"Harbour news {i}\n\nThe council of Port {i} approved a new quay on Monday after a long debate.\n\n"
            f"Residents said they would follow the work closely.")
    return Page(source=f"p{i}.txt", kind="text", content=text, content_hash=content_hash(text))


def test_local_executor_renews_its_pool_and_keeps_order():
    pages = [_page(i) for i in range(12)]
    batches = [pages[i:i + 2] for i in range(0, 12, 2)]
    ex = LocalExecutor(workers=2, fn=stage_noting_pid, recycle_after=2)
    try:
        out = [r for res in ex.map_batches(batches, frozenset(), understand=False) for r in res]
        renewals = ex.renewals
    finally:
        ex.close()
    assert renewals == 2
    assert all(isinstance(r, Annotated) for r in out)
    assert [r.article.source for r in out] == [p.source for p in pages]
    pids = [r.notes[-1] for r in out]
    first_pool, last_pool = set(pids[:4]), set(pids[-4:])
    assert first_pool.isdisjoint(last_pool), pids          # the last batches ran in new processes
    inline = [r for res in InlineExecutor().map_batches(batches, frozenset(), understand=False) for r in res]
    assert [r.article for r in out] == [r.article for r in inline]


@pytest.mark.parametrize("models", [False, True])
def test_local_workers_load_the_model_only_when_a_stage_needs_it(models):
    from tests.run.supervised_stage import stage_noting_models
    ex = LocalExecutor(workers=1, fn=stage_noting_models, models=models)
    try:
        out = [r for res in ex.map_batches([[_page(0)], [_page(1)]], frozenset(), understand=False) for r in res]
    finally:
        ex.close()
    assert [r.notes[-1] for r in out] == [f"model loaded {models}"] * 2


def test_local_workers_run_numpys_blas_on_one_thread():
    """A pool is sized to the cores: a worker whose OpenBLAS also started a thread per core would fight the other
    workers for them (this machine's numpy has OpenBLAS, whose default is one thread per core)."""
    import numpy  # noqa: F401  (loads numpy's BLAS here too, so the check below sees it)
    from threadpoolctl import threadpool_info

    from storyline.run.executors import NATIVE_THREAD_VARS
    from tests.run.supervised_stage import stage_noting_blas_threads
    if not threadpool_info():
        pytest.skip("no BLAS / OpenMP library that threadpoolctl can see")
    if any(v in os.environ for v in NATIVE_THREAD_VARS):
        pytest.skip("the environment sets the libraries' threads: the workers keep that")
    ex = LocalExecutor(workers=2, fn=stage_noting_blas_threads, models=False)
    try:
        out = [r for res in ex.map_batches([[_page(0)], [_page(1)]], frozenset(), understand=False) for r in res]
    finally:
        ex.close()
    assert [r.notes[-1] for r in out] == ["native threads 1"] * 2


def _page_with(i: int, line: str) -> Page:
    text = (f"Harbour news {i}\n\n{line}\n\nThe council of Port {i} approved a new quay on Monday after a long "
            f"debate.\n\nResidents said they would follow the work closely.")
    return Page(source=f"p{i}.txt", kind="text", content=text, content_hash=content_hash(text))


@pytest.mark.dask
def test_dask_executor_restarts_its_workers_on_schedule_and_keeps_order():
    from storyline.clean.furniture import line_key
    from storyline.run.dask_executor import DaskExecutor
    line = "The harbour office opens at nine on weekdays and closes at noon."
    furniture = frozenset({line_key(line)})
    pages = [_page_with(i, line) for i in range(12)]
    batches = [pages[i:i + 2] for i in range(0, 12, 2)]
    ex = DaskExecutor(workers=1, fn=stage_noting_pid, warm=False, recycle_after=2)
    try:
        out = [r for res in ex.map_batches(batches, furniture, understand=False) for r in res]
        renewals = ex.renewals
    finally:
        ex.close()
    assert renewals == 2
    assert all(isinstance(r, Annotated) for r in out), out
    assert [r.article.source for r in out] == [p.source for p in pages]
    pids = [r.notes[-1] for r in out]
    assert len(set(pids[:4])) == 1 and set(pids[:4]).isdisjoint(pids[-4:]), pids   # fresh processes at the end
    # the furniture set reached the restarted workers too: the line is set aside on every page
    assert not any(line in r.article.text for r in out)
    inline = [r for res in InlineExecutor().map_batches(batches, furniture, understand=False) for r in res]
    assert [r.article for r in out] == [r.article for r in inline]
