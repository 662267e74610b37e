"""The local executor gives up a stuck page and survives a dead worker: only the page at fault is refused."""
from __future__ import annotations

import pytest

from storyline.model import Annotated, Page, ReadError, content_hash
from storyline.run.executors import LocalExecutor
from tests.run.supervised_stage import stage

pytestmark = pytest.mark.slow   # worker pools restarted several times, deadlines of seconds



def _page(i: int, marker: str = "") -> Page:
    text = (f"Harbour news {i}\n\nThe council of Port {i} approved a new quay on Monday after a long debate. "
            f"{marker}\n\nResidents said they would follow the work closely.")
    return Page(source=f"p{i}.txt", kind="text", content=text, content_hash=content_hash(text))


def _run(pages, batch=3):
    ex = LocalExecutor(workers=2, page_seconds=6.0, fn=stage)
    try:
        out = [r for res in ex.map_batches([pages[i:i + batch] for i in range(0, len(pages), batch)],
                                           frozenset(), understand=False) for r in res]
        return out, ex.restarts
    finally:
        ex.close()


def test_local_executor_gives_up_a_stuck_page_and_keeps_the_rest():
    pages = [_page(i, "HANG-HERE" if i == 4 else "") for i in range(9)]
    out, restarts = _run(pages)
    assert [getattr(r, "source", None) or r.article.source for r in out] == [p.source for p in pages]
    bad = [r for r in out if isinstance(r, ReadError)]
    assert [b.source for b in bad] == ["p4.txt"] and "gave up after 6s" in bad[0].reason
    assert sum(isinstance(r, Annotated) for r in out) == 8 and restarts >= 1


def test_local_executor_survives_a_killed_worker():
    pages = [_page(i, "DIE-HERE" if i == 1 else "") for i in range(7)]
    out, _ = _run(pages)
    bad = [r for r in out if isinstance(r, ReadError)]
    assert [b.source for b in bad] == ["p1.txt"] and "worker processing it died" in bad[0].reason
    assert sum(isinstance(r, Annotated) for r in out) == 6


@pytest.mark.dask
def test_dask_executor_gives_up_a_stuck_page_and_keeps_the_rest():
    from storyline.run.dask_executor import DaskExecutor
    pages = [_page(i, "HANG-HERE" if i == 2 else "") for i in range(6)]
    ex = DaskExecutor(workers=2, page_seconds=8.0, fn=stage, warm=False)
    try:
        out = [r for res in ex.map_batches([pages[i:i + 3] for i in range(0, 6, 3)], frozenset(), understand=False)
               for r in res]
    finally:
        ex.close()
    assert [getattr(r, "source", None) or r.article.source for r in out] == [p.source for p in pages]
    bad = [r for r in out if isinstance(r, ReadError)]
    assert [b.source for b in bad] == ["p2.txt"] and "gave up after 8s" in bad[0].reason
