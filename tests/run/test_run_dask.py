"""The Dask executor: same records as the local one, end to end through the CLI, and resumable after a kill.

Every test here starts a Dask cluster of local processes (seconds to start, models loaded in each worker): slow + dask.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.dask]

CLI = [sys.executable, "-m", "storyline.cli"]
KINDS = ("articles", "quotes", "events", "entities", "stories")

PEOPLE = [("Ana", "Costa", "Prime Minister"), ("Tom", "Baker", "union leader"), ("Laila", "Haddad", "Foreign Minister"),
          ("Kenji", "Tanaka", "chief executive"), ("Olga", "Novak", "mayor"), ("Samuel", "Okafor", "General")]
PLACES = [("Lisbon", "Portugal"), ("Nairobi", "Kenya"), ("Oslo", "Norway"), ("Lima", "Peru"), ("Warsaw", "Poland")]
TOPICS = ["the port", "wages", "the drought", "fuel prices", "the railway", "fishing rights", "the budget"]
ACTS = ["accused {b} of blocking talks on {t}", "signed an agreement with {b} on {t}", "met {b} to discuss {t}",
        "called on {b} to end the dispute over {t}", "rejected a proposal from {b} on {t}"]


def article(i: int) -> str:
    """A short news text of our own; every i gives different people, places, topics and wording."""
    first, last, role = PEOPLE[i % len(PEOPLE)]
    city, country = PLACES[i % len(PLACES)]
    other = PLACES[(i + 2) % len(PLACES)][1]
    topic = TOPICS[i % len(TOPICS)]
    act = ACTS[i % len(ACTS)].format(b=other, t=topic)
    return (f"{country} and {other} at odds over {topic} (report {i})\n\n"
            f"{city} - {country} {act} on Tuesday, officials said in a statement numbered {1000 + i}.\n\n"
            f"\u201cWe will not accept another delay on {topic},\u201d {role} {first} {last} told reporters "
            f"in {city} after meeting number {i}.\n\n"
            f"The talks on {topic} began {i + 2} months ago and will resume next week, "
            f"according to a spokesman for the {country} government.\n")


def html_article(i: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in article(i).split("\n\n")[1:])
    return (f"<html><head><title>Harbour report {i}</title></head><body><nav>Home | World</nav><article>"
            f"<h1>Harbour report {i}</h1>{body}</article><footer>Contact us</footer></body></html>")


def write_corpus(d: Path, n_text: int, n_html: int = 0) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n_text):
        (d / f"t{i:03d}.txt").write_text(article(i), encoding="utf-8")
    for i in range(n_html):
        (d / f"h{i:03d}.html").write_text(html_article(100 + i), encoding="utf-8")
    return d


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=timeout)


def exports(db: Path) -> dict[str, list[dict]]:
    out = {}
    for kind in KINDS:
        r = run_cli("export", kind, "--db", str(db), "--format", "jsonl")
        assert r.returncode == 0, r.stderr
        out[kind] = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    return out


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    # more than 8 files, so that --engine local really uses the process pool (not the inline shortcut)
    return write_corpus(tmp_path_factory.mktemp("corpus"), n_text=9, n_html=3)


@pytest.fixture(scope="module")
def dask_store(small_corpus: Path, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    db = tmp_path_factory.mktemp("dask") / "dask.duckdb"
    r = run_cli("ingest", str(small_corpus), "--db", str(db), "--engine", "dask", "--workers", "2",
                "--batch-size", "2")
    return db, r


def test_run_dask_cli_ingests_with_two_workers(dask_store, small_corpus: Path) -> None:
    db, r = dask_store
    assert r.returncode == 0, r.stderr
    assert "engine dask" in r.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        n, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        n_quotes = con.execute("SELECT count(*) FROM quotes").fetchone()[0]
    finally:
        con.close()
    assert n == distinct == len(list(small_corpus.iterdir())) == 12
    assert n_quotes >= 9          # every text article holds one direct quote
    again = run_cli("ingest", str(small_corpus), "--db", str(db), "--engine", "dask", "--workers", "2")
    assert again.returncode == 0, again.stderr
    assert "0 new article(s)" in again.stderr


def test_run_dask_records_identical_to_local(dask_store, small_corpus: Path, tmp_path: Path) -> None:
    db, r = dask_store
    assert r.returncode == 0, r.stderr
    local_db = tmp_path / "local.duckdb"
    rl = run_cli("ingest", str(small_corpus), "--db", str(local_db), "--engine", "local", "--workers", "2",
                 "--batch-size", "2")
    assert rl.returncode == 0, rl.stderr
    assert "engine local" in rl.stderr
    mine, theirs = exports(db), exports(local_db)
    assert mine["articles"] and mine["quotes"] and mine["entities"]
    for kind in KINDS:
        diff = [(x.get("id"), f, x[f], y.get(f)) for x, y in zip(mine[kind], theirs[kind]) for f in x
                if x[f] != y.get(f)]
        assert mine[kind] == theirs[kind], f"{kind} differ between the dask and the local executor: {diff[:3]}"


def _malloc_env() -> tuple:
    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS")


def test_run_dask_executor_loads_models_once_per_worker(small_corpus: Path) -> None:
    from storyline.model import Page
    from storyline.read import read_paths
    from storyline.run.dask_executor import DaskExecutor, worker_state
    from storyline.run.stages import process_batch

    pages = [p for p in read_paths([str(small_corpus)]) if isinstance(p, Page)]
    with DaskExecutor(workers=2, in_flight=2) as ex:
        before = ex.client.run(worker_state)
        assert len(before) == 2 and all(s["loaded"] for s in before.values())   # the plugin ran at start
        # our cluster's nannies leave glibc's malloc alone (dask_cluster.WORKER_CONFIG) and keep the other settings
        env = ex.client.run(_malloc_env)
        assert list(env.values()) == [(None, "1")] * 2, env
        batches = [pages[i:i + 3] for i in range(0, len(pages), 3)]
        results = list(ex.map_batches(batches, frozenset(), understand=False))
        after = ex.client.run(worker_state)
    assert {s["pid"] for s in before.values()} == {s["pid"] for s in after.values()}
    # in order, and the same records the stage function gives in this process
    assert results == [process_batch(b, frozenset(), False) for b in batches]


def _wal_growths(wal: Path, proc: subprocess.Popen, want: int, limit: float) -> int:
    """Wait until the store's write-ahead log has grown ``want`` times (committed batches) or the run ends."""
    last, grown, t0 = None, 0, time.monotonic()
    while grown < want and proc.poll() is None and time.monotonic() - t0 < limit:
        size = wal.stat().st_size if wal.exists() else None
        if size is not None:
            if last is not None and size > last:
                grown += 1
            last = size
        time.sleep(0.02)
    return grown


def test_run_dask_killed_run_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", n_text=60)
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(CLI + ["ingest", str(corpus), "--db", str(db), "--engine", "dask", "--workers", "2",
                                   "--batch-size", "1", "--no-link"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        grown = _wal_growths(Path(f"{db}.wal"), proc, want=3, limit=300)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)      # the CLI and its Dask workers, like a lost machine
        proc.wait()
    assert grown >= 3, "the run ended (or never wrote) before it could be killed"
    con = duckdb.connect(str(db))
    try:
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()
    assert 0 < stored < 60, f"{stored} articles stored when killed: not a run killed half-way"

    r = run_cli("ingest", str(corpus), "--db", str(db), "--engine", "dask", "--workers", "2", "--batch-size", "4")
    assert r.returncode == 0, r.stderr
    assert f"{stored} already stored" in r.stderr
    ref_db = tmp_path / "ref.duckdb"
    r2 = run_cli("ingest", str(corpus), "--db", str(ref_db), "--engine", "inline")
    assert r2.returncode == 0, r2.stderr
    resumed, reference = exports(db), exports(ref_db)
    assert len(resumed["articles"]) == 60
    for kind in ("articles", "quotes", "events"):
        ids = [x["id"] for x in resumed[kind]]
        assert len(ids) == len(set(ids)), f"{kind} doubled after the resume"
        assert resumed[kind] == reference[kind], f"{kind} differ from an uninterrupted run"


def test_run_dask_cluster_processes_end_with_a_killed_ingest(tmp_path: Path, monkeypatch) -> None:
    """The scheduler and workers the executor starts run in processes of their own (own sessions): a SIGKILL of the
    process that started them must still take them down, or every lost run would leave a cluster behind. The
    temporary folder the killed process could not remove goes when the next cluster starts; a live one stays."""
    import tempfile

    import psutil

    from storyline.run.dask_cluster import ProcessCluster
    code = ("from storyline.run.dask_executor import DaskExecutor\n"
            "ex = DaskExecutor(workers=2, warm=False)\n"
            "print(ex.cluster.address, ex.cluster.folder, flush=True)\n"
            "import time; time.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        address, _, folder = proc.stdout.readline().strip().partition(" ")
        assert address.startswith("tcp://127.0.0.1:"), proc.stderr.read() if proc.poll() is not None else address
        assert Path(folder).parent == tmp_path
        tree = psutil.Process(proc.pid).children(recursive=True)
        names = [" ".join(p.cmdline()) for p in tree]
        assert any("dask scheduler" in n for n in names) and any("dask worker" in n for n in names), names
        assert len(tree) >= 4          # scheduler, the workers' nanny process, two workers (and a resource tracker)
    finally:
        proc.kill()
        proc.wait()
    gone, alive = psutil.wait_procs(tree, timeout=30)
    for p in alive:                    # do not leave them to the next test, then fail
        p.kill()
    assert not alive, f"still running after their parent was killed: {[p.pid for p in alive]}"

    assert Path(folder).is_dir()       # the killed process could not remove it
    live = tmp_path / f"storyline-dask-{os.getppid()}-live"      # a running process's folder
    live.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    cluster = ProcessCluster(1)
    try:
        assert Path(cluster.folder).parent == tmp_path
        assert not Path(folder).exists(), "the killed run's folder was not removed by the next cluster"
        assert live.is_dir()
    finally:
        cluster.close()
    assert not Path(cluster.folder).exists()


@pytest.fixture
def environ_kept():
    """A Nanny sets its pre-spawn variables (OMP_NUM_THREADS=1, ...) in the process that runs it, here the test
    process: put the environment back, or later tests see it (the local executor's BLAS-thread test then skipped)."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_run_dask_cli_on_a_given_local_cluster(dask_store, small_corpus: Path, tmp_path: Path, environ_kept) -> None:
    """`--scheduler ADDRESS`: the CLI as a client of a cluster it did not start (here a LocalCluster of 2 workers in
    this process), which it leaves running; the records equal those of the executor's own cluster."""
    from distributed import Client, LocalCluster

    db, r = dask_store
    assert r.returncode == 0, r.stderr
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        given = tmp_path / "given.duckdb"
        rg = run_cli("ingest", str(small_corpus), "--db", str(given), "--engine", "dask", "--scheduler",
                     cluster.scheduler_address, "--batch-size", "2")
        assert rg.returncode == 0, rg.stderr
        assert "engine dask" in rg.stderr
        with Client(cluster, set_as_default=False) as client:
            assert len(client.scheduler_info()["workers"]) == 2      # still there: not ours to close
    mine, theirs = exports(given), exports(db)
    assert len(mine["articles"]) == 12
    for kind in KINDS:
        assert mine[kind] == theirs[kind], f"{kind} differ between a given cluster and the executor's own"
