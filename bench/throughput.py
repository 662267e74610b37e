"""Throughput benchmark: how fast storyline ingests, stage by stage and end to end. Prints; never asserts.

    python bench/throughput.py [--sizes 1000,10000] [--big] [--engines local:2,dask:1,dask:2]
                               [--stage-sample 400] [--profile] [--work DIR] [--gate]

1. Corpora: bench/make_corpus.py builds (or reuses, under --work) an N-article .warc.gz corpus from the real
   pages in ../shared/data (or synthetic pages when ../shared is absent) for each size.
2. Stages, one core, in this process, on the first --stage-sample pages: read (the whole corpus), clean,
   understand (spaCy with nlp.pipe + actors, quotes, times, events), store (DuckDB batches of 16), and plain
   trafilatura on the same pages, the reference for the clean stage: ``trafilatura.extract`` (text alone)
   and ``extract(with_metadata=True)`` (title, author, site, date: the fields clean gives too).
3. End to end: ``storyline.run.ingest.ingest`` (no link step) in a child process per engine and size; the
   parent polls the RSS of the whole process tree (child + workers) every 1 s. Reports articles/s, time to
   first stored result, steady rate after it, and peak RSS (also up to a tenth and each quarter of the run, to
   see it flat), and the rows the store holds at the end.
4. --profile: pyinstrument over clean + understand on 40 pages; the call tree goes to WORK/profile.txt.

100k articles only with --big (the script prints how long that should take before starting).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import gate  # noqa: E402

DEFAULT_WORK = Path(tempfile.gettempdir()) / "storyline-bench"


# ------------------------------------------------------------------ process-tree memory
def _pss(pid: int) -> int:
    """Proportional set size (bytes): pages shared between processes (a forked worker and the process it was
    forked from) counted once across them, not once per process as RSS does. 0 where the kernel does not say."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_parts(pid: int) -> tuple[int, int, int, int]:
    """(whole tree RSS, the process itself, its largest descendant, whole tree PSS) in bytes; psutil needed for
    the parts."""
    try:
        import psutil
    except ImportError:
        return tree_rss(pid), 0, 0, 0
    try:
        p = psutil.Process(pid)
        own = p.memory_info().rss
        kids, pss = [], _pss(pid)
        for q in p.children(recursive=True):
            try:
                kids.append(q.memory_info().rss)
                pss += _pss(q.pid)
            except psutil.Error:
                pass
    except psutil.Error:
        return 0, 0, 0, 0
    return own + sum(kids), own, max(kids, default=0), pss


def tree_rss(pid: int) -> int:
    """RSS (bytes) of a process and all its descendants: psutil when installed, else /proc."""
    try:
        import psutil
        try:
            p = psutil.Process(pid)
            procs = [p] + p.children(recursive=True)
        except psutil.Error:
            return 0
        total = 0
        for q in procs:
            try:
                total += q.memory_info().rss
            except psutil.Error:
                pass
        return total
    except ImportError:
        pass
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        q = todo.pop()
        try:
            total += int(Path(f"/proc/{q}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(kids.get(q, []))
    return total


# ------------------------------------------------------------------ corpora
def corpus(n: int, work: Path, synthetic: bool = False, max_words: int | None = None) -> tuple[Path, str]:
    """The n-article corpus folder (built once, reused) and where its pages came from."""
    from make_corpus import GENERATOR, make_corpus
    d = work / f"corpus-{n}{'-synthetic' if synthetic else ''}{f'-w{max_words}' if max_words else ''}"
    info = d / "corpus.json"
    if info.is_file():
        built = json.loads(info.read_text())
        if built.get("generator") == GENERATOR:
            return d, built["source"]
        print(f"[corpus] {d} was built by an older make_corpus: rebuilding it")
        shutil.rmtree(d)
    t0 = time.monotonic()
    s = make_corpus(n, d / "warc", ("warc",), per_file=10_000, compress=True, quiet=True, synthetic=synthetic,
                    max_words=max_words)
    info.write_text(json.dumps(s))
    print(f"[corpus] {n} articles built in {time.monotonic() - t0:.0f}s: {s['source']}")
    return d, s["source"]


# ------------------------------------------------------------------ stage figures (one core, this process)
def _clear_htmldate_caches() -> None:
    """Empty htmldate's lru caches (keyed on date strings and URLs seen before)."""
    import htmldate
    for mod in ("core", "extractors", "validators", "utils"):
        m = getattr(htmldate, mod, None)
        for obj in vars(m).values() if m is not None else ():
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", "").startswith("htmldate"):
                obj.cache_clear()


def stage_figures(corpus_dir: Path, sample: int) -> dict[str, float]:
    import trafilatura

    from storyline.clean import clean
    from storyline.model import Page
    from storyline.read import read_paths
    from storyline.store import Store
    from storyline.understand import annotate_many, get_nlp

    figs: dict[str, float] = {}
    t0 = time.process_time()
    n_read, pages = 0, []
    for p in read_paths([str(corpus_dir / "warc")]):
        if isinstance(p, Page):
            n_read += 1
            if len(pages) < sample:
                pages.append(p)
    figs["read"] = n_read / (time.process_time() - t0)

    # CPU seconds of this process (process_time), not wall time: other work on a shared machine does not
    # count against a stage. A warm-up pass first: imports, and caches filled on first use (dateparser's
    # per-locale regexes inside htmldate cost ~5 s per process), are set-up, reported apart.
    # The warm-up pages are not measured: every measured page is seen for the first time by each contender,
    # and htmldate's per-string caches are emptied between contenders (no one profits from another's pass).
    warm, pages = pages[:min(len(pages) // 5, 50)], pages[min(len(pages) // 5, 50):]
    t0 = time.process_time()
    for p in warm:
        clean(p)
    figs["clean_warmup_s"] = time.process_time() - t0
    for p in warm[:10]:
        trafilatura.extract(p.content, url=p.url, with_metadata=True)

    def contender(fn) -> tuple[float, list, list[float]]:
        _clear_htmldate_caches()
        out, each = [], []
        for p in pages:
            t0 = time.process_time()
            out.append(fn(p))
            each.append(time.process_time() - t0)
        return sum(each), out, each

    t_clean, arts, each_clean = contender(clean)
    figs["clean"] = len(pages) / t_clean
    # the reference: trafilatura's text alone, and trafilatura with the metadata clean also gives (title,
    # author, site name, date through htmldate's extensive search): the same fields, the like-for-like ratio
    t_traf, _, each_traf = contender(lambda p: trafilatura.extract(p.content, url=p.url))
    t_meta, _, _ = contender(lambda p: trafilatura.extract(p.content, url=p.url, with_metadata=True))
    figs["trafilatura"] = len(pages) / t_traf
    figs["trafilatura_meta"] = len(pages) / t_meta
    figs["clean_vs_trafilatura"] = t_clean / t_traf
    figs["clean_vs_trafilatura_meta"] = t_clean / t_meta
    # apart: pages that state their date (JSON-LD, meta, microdata, <time>, URL path) and pages where clean
    # had to ask htmldate for a guess (its answer, or no date at all); a news crawl is mostly the first kind
    guessed = [a.published_evidence in (None, "htmldate original") for a in arts]
    for key, sel in (("stated", [not g for g in guessed]), ("guessed", guessed)):
        tc = sum(t for t, s in zip(each_clean, sel) if s)
        tt = sum(t for t, s in zip(each_traf, sel) if s)
        figs[f"clean_vs_trafilatura_{key}"] = tc / tt if tt else 0.0
    figs["stated_share"] = 1 - sum(guessed) / max(1, len(guessed))

    arts = [a for a in arts if a.text.strip()]
    # the understand stage runs on the articles in a language it understands (the others get a note, no parse):
    # its figure is of those, and the share of them is printed (real pages are ~60% German and others)
    from storyline.understand.nlp import not_analysed
    figs["analysed_share"] = sum(not_analysed(a.language) is None for a in arts) / max(1, len(arts))
    arts = [a for a in arts if not_analysed(a.language) is None]
    t0 = time.perf_counter()
    nlp = get_nlp()
    figs["model_load_s"] = time.perf_counter() - t0
    list(annotate_many(arts[:5]))
    # one BLAS thread, as in the executors' workers (run/executors.py: one_native_thread), for a one-core figure
    from threadpoolctl import threadpool_limits
    with threadpool_limits(1):
        t0 = time.process_time()
        annotated = list(annotate_many(arts))
        t_und = time.process_time() - t0
        figs["understand"] = len(arts) / t_und
        figs["chars_per_article"] = sum(len(a.text) for a in arts) / max(1, len(arts))
        # how much of understand is the spaCy pipeline itself (tagger, parser, NER) and how much our components
        t0 = time.process_time()
        for _ in nlp.pipe((a.text for a in arts), batch_size=16):
            pass
        figs["understand_spacy_share"] = (time.process_time() - t0) / t_und

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "s.duckdb")
        store.write_batch(annotated[:1])
        t0 = time.process_time()
        for i in range(1, len(annotated), 16):
            store.write_batch(annotated[i:i + 16])
        figs["store"] = max(1, len(annotated) - 1) / max(1e-6, time.process_time() - t0)
        store.close()
    figs["one_core"] = 1 / (1 / figs["clean"] + 1 / figs["understand"] + 1 / figs["store"])
    figs["sample"] = len(pages)
    return figs


# ------------------------------------------------------------------ end to end (child process)
def child(engine: str, workers: int, corpus_dir: str, db: str, understand: bool = True) -> None:
    """Runs in the child: one ingest, progress timed; prints one JSON line."""
    from storyline.run.ingest import ingest
    t0 = time.monotonic()
    marks: list[tuple[float, int]] = []

    def on_progress(p) -> None:
        if p.articles and (not marks or marks[-1][1] != p.articles):
            marks.append((time.monotonic() - t0, p.articles))
    rep = ingest([corpus_dir], db, engine=engine, workers=workers, link=False, on_progress=on_progress,
                 understand=understand)
    total = time.monotonic() - t0
    from storyline.store import Store
    with Store(db, read_only=True) as st:   # how much the store holds: memory is about rows, not only articles
        rows = {t: st.count(t) for t in ("articles", "sentences", "quotes", "events")}
    print("RESULT " + json.dumps({"seconds": total, "new": rep.new, "refused": len(rep.refused),
                                  "engine": rep.engine, "marks": marks, "rows": rows}), flush=True)


def end_to_end(engine: str, workers: int, corpus_dir: Path, work: Path, understand: bool = True) -> dict:
    db = work / f"e2e-{engine}{workers}-{corpus_dir.name}.duckdb"
    for f in (db, Path(f"{db}.wal"), Path(f"{db}.snapshot"), Path(f"{db}.writer")):
        f.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_child", engine, str(workers),
           str(corpus_dir / "warc"), str(db), "1" if understand else "0"]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int]] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            samples.append((time.monotonic() - t0, *tree_parts(proc.pid)))
            done.wait(1.0)   # psutil walks /proc: at 0.25 s the poll itself took 13% of a core
    th = threading.Thread(target=poll, daemon=True)
    th.start()
    out, errs = proc.communicate()
    done.set()
    th.join()
    line = next((ln for ln in out.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        return {"error": (errs or out).strip().splitlines()[-3:]}
    r = json.loads(line[7:])
    marks = r.pop("marks")
    r["first_s"] = marks[0][0] if marks else None
    if len(marks) >= 2:
        r["steady"] = (marks[-1][1] - marks[0][1]) / max(1e-6, marks[-1][0] - marks[0][0])
    r["rate"] = r["new"] / max(1e-6, r["seconds"])
    r["peak_rss"] = max((s[1] for s in samples), default=0)
    r["peak_pss"] = max((s[4] for s in samples), default=0)
    quarters, parts = [], []   # peak RSS up to a tenth and each quarter of the articles (flat memory: alike)
    for q in (0.1, 0.25, 0.5, 0.75, 1.0):
        t_q = next((t for t, n in marks if n >= q * r["new"]), None)
        if t_q is not None:
            quarters.append(max((s[1] for s in samples if s[0] <= t_q + 1.0), default=0))
            # and apart: the ingest process (reader + DuckDB writer), and its largest worker
            parts.append((max((s[2] for s in samples if s[0] <= t_q + 1.0), default=0),
                          max((s[3] for s in samples if s[0] <= t_q + 1.0), default=0)))
    r["rss_quarters"] = quarters
    r["rss_parts"] = parts
    for f in (db, Path(f"{db}.wal"), Path(f"{db}.snapshot"), Path(f"{db}.writer")):
        f.unlink(missing_ok=True)
    return r


# ------------------------------------------------------------------ profile
def profile(corpus_dir: Path, work: Path, n: int = 40) -> Path | None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("[profile] pyinstrument is not installed (.venv/bin/pip install pyinstrument): skipped")
        return None
    from storyline.model import Page
    from storyline.read import read_paths
    from storyline.run.stages import process_batch
    from storyline.understand import get_nlp
    get_nlp()
    pages = []
    for p in read_paths([str(corpus_dir / "warc")]):
        if isinstance(p, Page):
            pages.append(p)
            if len(pages) >= n:
                break
    prof = Profiler(interval=0.002)
    prof.start()
    for i in range(0, len(pages), 16):
        process_batch(pages[i:i + 16])
    prof.stop()
    out = work / "profile.txt"
    out.write_text(prof.output_text(unicode=False, color=False, show_all=False))
    print(f"[profile] clean + understand of {len(pages)} pages: call tree in {out}")
    return out


# ------------------------------------------------------------------ main
def _mb(b: float) -> str:
    return f"{b / 2**20:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_child"]:
        child(argv[1], int(argv[2]), argv[3], argv[4], argv[5:6] != ["0"])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    ap.add_argument("--big", action="store_true", help="also 100000 articles (long: the time is estimated first)")
    ap.add_argument("--engines", default="local:2,dask:1,dask:2", help="engine:workers, comma-separated")
    ap.add_argument("--stage-sample", type=int, default=400,
                    help="pages for the one-core stage figures (the first 50 warm up)")
    ap.add_argument("--no-stages", action="store_true")
    ap.add_argument("--synthetic", action="store_true", help="short synthetic pages instead of ../shared's")
    ap.add_argument("--max-words", type=int, default=None, metavar="W",
                    help="only ../shared pages with at most W words of clean text (news-article length; the "
                         "understand stage's cost grows with the words)")
    ap.add_argument("--no-e2e", action="store_true")
    ap.add_argument("--no-understand", action="store_true",
                    help="end to end without the understand stage (read -> clean -> store): memory and I/O at "
                         "sizes the full pipeline would take hours for on this machine")
    ap.add_argument("--profile", action="store_true", help="pyinstrument call tree of clean + understand")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where corpora and stores go")
    ap.add_argument("--gate", action="store_true", help="check bench/floors/throughput.json (figures only)")
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in a.sizes.split(",") if s] + ([100_000] if a.big else [])
    engines = [(e.split(":")[0], int(e.split(":")[1]) if ":" in e else (os.cpu_count() or 1))
               for e in a.engines.split(",") if e]
    print(f"throughput: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
          f"(other work on the machine slows every figure)")
    figures: dict[str, float] = {}

    corpora = {}
    for n in sizes:
        corpora[n], source = corpus(n, a.work, a.synthetic, a.max_words)
    print(f"pages: {source}")

    if not a.no_stages:
        s = stage_figures(corpora[sizes[0]], a.stage_sample)
        figures.update({f"stage_{k}": v for k, v in s.items()})
        print(f"\nstages, one core, CPU time, {s['sample']:.0f} pages ({s['chars_per_article']:.0f} chars of clean "
              f"text each); set-up apart: model load {s['model_load_s']:.1f}s, "
              f"clean warm-up {s['clean_warmup_s']:.1f}s")
        print(f"  {'stage':<28}{'articles/s':>12}")
        for k, label in (("read", "read (whole corpus)"), ("clean", "clean"),
                         ("trafilatura", "plain trafilatura.extract"),
                         ("trafilatura_meta", "  same, with_metadata=True"), ("understand", "understand"),
                         ("store", "store (DuckDB)"), ("one_core", "clean+understand+store")):
            print(f"  {label:<28}{s[k]:>12.1f}")
        print(f"  clean / trafilatura time: {s['clean_vs_trafilatura']:.2f}x text alone, "
              f"{s['clean_vs_trafilatura_meta']:.2f}x with the same metadata (target <= 1.1x); "
              f"spaCy pipeline = {s['understand_spacy_share']:.0%} of understand")
        print(f"  understand: on the {s['analysed_share']:.0%} of pages in a language understood (English); the "
              f"others are stored with a note and skip it (end to end counts them too)")
        print(f"  clean / trafilatura text alone, apart: {s['clean_vs_trafilatura_stated']:.2f}x on the "
              f"{s['stated_share']:.0%} of pages that state their date, {s['clean_vs_trafilatura_guessed']:.2f}x "
              f"on those where htmldate guesses it")

    if not a.no_e2e:
        chain = "read -> clean -> store, understand OFF" if a.no_understand else "read -> clean -> understand -> store"
        print(f"\nend to end ({chain}, no link step), 2 cores")
        print(f"  {'articles':>8} {'engine':<8} {'art/s':>7} {'steady':>7} {'first':>7} {'total':>8} "
              f"{'peak RSS':>9}  RSS at 10/25/50/75/100%")
        for n in sizes:
            if n >= 100_000 and "e2e_local2_1000" in figures:
                est = n / figures["e2e_local2_1000"]
                print(f"  [{n} articles: about {est / 3600:.1f} h per engine at the 1k rate]", flush=True)
            for engine, w in engines:
                r = end_to_end(engine, w, corpora[n], a.work, understand=not a.no_understand)
                if "error" in r:
                    print(f"  {n:>8} {engine}:{w:<6} failed: {' | '.join(r['error'])}")
                    continue
                key = f"e2e_{engine}{w}_{n}" + ("_nounderstand" if a.no_understand else "")
                figures[key] = r["rate"]
                figures[f"stored_{engine}{w}_{n}"] = (r["new"] + r["refused"]) / n   # every page accounted for
                figures[f"rss_{engine}{w}_{n}_mb"] = r["peak_rss"] / 2**20
                first = f"{r['first_s']:.1f}s" if r["first_s"] is not None else "-"
                print(f"  {n:>8} {engine + ':' + str(w):<8} {r['rate']:>7.1f} {r.get('steady', 0):>7.1f} "
                      f"{first:>7} {r['seconds']:>7.0f}s {_mb(r['peak_rss']):>9}  "
                      f"{' / '.join(_mb(q) for q in r['rss_quarters'])}", flush=True)
                if any(w for _, w in r.get("rss_parts", [])):
                    print(f"  {'':>8} {'':<8} {'':>7} {'':>7} {'':>7} {'':>8} {'':>9}  ingest process "
                          f"{' / '.join(_mb(o) for o, _ in r['rss_parts'])}; largest worker "
                          f"{' / '.join(_mb(w) for _, w in r['rss_parts'])}; tree PSS peak {_mb(r['peak_pss'])}",
                          flush=True)
                if r.get("rows"):
                    print(f"  {'':>8} {'':<8} {'':>7} {'':>7} {'':>7} {'':>8} {'':>9}  store: "
                          + ", ".join(f"{v:,} {k}" for k, v in r["rows"].items()), flush=True)
                figures[f"rss_{engine}{w}_{n}_ingest_mb"] = (
                    max((o for o, _ in r.get("rss_parts", [])), default=0) / 2**20)
        print("  target: >= 60 articles/s end to end on 2 cores; peak RSS <= 2 GB and flat in the corpus size")

    if a.profile:
        profile(corpora[sizes[0]], a.work)
    return gate("throughput", figures, argv)


if __name__ == "__main__":
    sys.exit(main())
