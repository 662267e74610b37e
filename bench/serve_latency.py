"""Latency of `storyline serve` on a large store: p50/p95 of the story and search endpoints one request at a time,
and throughput under 16 concurrent clients (req/s, p50/p95) of the story list and a story page.

How the rows are made (all in DuckDB SQL, no pipeline run): a vocabulary of 8,000 pseudo-words (three of twenty
syllables each); each article's text is 120 words drawn from it with a Zipf-like skew (index = 8000·u³ for a
hashed uniform u), its title 8 such words; 50 outlets; dates spread over 3,000 days. Per article: 5 mentions of
2,000 actors, 3 events (PLOVER type, actor, target, date, evidence = the first 100 characters), 1 quote.
Stories group 10 consecutive articles; each story has one merged event per event type present, with the
evidence of every article's event of that type. The fts index is built as the ingest would
(``storyline.store.search.build_search_index``). Then the app runs under uvicorn on a free localhost port and
is called over HTTP (one request at a time).

Concurrent: `storyline serve --workers N` runs as its own process (for each N of ``--workers``, default 1 and 2),
and 16 clients (one asyncio loop in this process, keep-alive HTTP/1.1 connections, ~0.1 ms of client CPU a request)
call the story list (``/api/stories`` at random pages) and story pages (``/story/<id>``: random stories, each
likely read for the first time, and 50 stories read again and again, as a front page's are) for ``--seconds``
each; req/s, p50 and p95 are printed. The client shares the machine's cores with the server.
``--db`` reuses a store (e.g. one ingested from ``bench/make_corpus.py``'s pages: the real pipeline's stories, with
their framing), else the generated one is built. Prints figures; never asserts speed.

    .venv/bin/python bench/serve_latency.py [--articles 100000] [--requests 200] [--db STORE]
                                            [--clients 16] [--seconds 20] [--workers 1,2] [--no-sequential] [--gate]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import gate  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "den", "par", "gor", "lin", "sta", "bre", "mon",
             "tel", "qui", "zan", "fe", "dro"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def build(db: Path, n: int) -> dict[str, float]:
    from storyline.store import Store
    from storyline.store.search import build_search_index

    t0 = time.perf_counter()
    store = Store(db)
    con = store.con
    syl = "[" + ", ".join(f"'{s}'" for s in SYLLABLES) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    con.execute(f"""CREATE TEMP TABLE vocab AS SELECT list(w ORDER BY k) AS words FROM (
        SELECT k, s[1 + k % 20] || s[1 + (k // 20) % 20] || s[1 + (k // 400) % 20] AS w
        FROM range(8000) t(k), (SELECT {syl} AS s))""")
    # a word for (article i, position j): Zipf-like skew towards the first words of the vocabulary
    word = "words[1 + floor(8000 * pow((hash(i * 1009 + j) % 1000003) / 1000003.0, 3))::INTEGER]"
    con.execute(f"""INSERT INTO articles (id, content_hash, source, url, kind, outlet, title, published, text,
            language, pipeline_version)
        SELECT printf('%016x', i), printf('%064x', i), 'synthetic/' || i || '.txt',
            'https://news' || (i % 50) || '.example/a/' || i, 'text', 'Outlet ' || (i % 50),
            array_to_string(list_transform(range(8), j -> {word.replace('i * 1009', 'i * 7919')}), ' '),
            strftime(DATE '2015-01-01' + CAST(i % 3000 AS INTEGER), '%Y-%m-%d'),
            array_to_string(list_transform(range(120), j -> {word}), ' ') || '.',
            'en', 'bench'
        FROM range({n}) t(i), vocab""")
    con.execute("""INSERT INTO actors SELECT 'bench:' || k, 'Actor ' || k, CASE k % 3 WHEN 0 THEN 'PERSON'
        WHEN 1 THEN 'ORG' ELSE 'GPE' END, NULL, NULL, 'bench' FROM range(2000) t(k)""")
    con.execute("""INSERT INTO mentions SELECT a.id, m * 20, m * 20 + 5, substr(a.text, m * 20 + 1, 5), 'PERSON',
        'bench:' || (hash(a.id || m) % 2000), 0 FROM articles a, range(5) t(m)""")
    con.execute("""INSERT INTO article_actors SELECT article_id, actor_id, list_distinct(list(text)),
        count(*)::INTEGER FROM mentions GROUP BY article_id, actor_id""")
    con.execute(f"""INSERT INTO events (id, article_id, type, actor, actor_id, target, target_id, date, hedged,
            negated, sentence, start_char, end_char, pipeline_version)
        SELECT a.id || '-' || e, a.id, ({types})[(1 + hash(a.id || e) % 16)::INTEGER], 'Actor ' || (hash(a.id || e || 'a') % 2000),
            'bench:' || (hash(a.id || e || 'a') % 2000), 'Actor ' || (hash(a.id || e || 't') % 2000),
            'bench:' || (hash(a.id || e || 't') % 2000), a.published, hash(a.id || e) % 5 = 0, false,
            substr(a.text, 1, 100), 0, 100, 'bench'
        FROM articles a, range(3) t(e)""")  # noqa: E501 (SQL)
    con.execute("""INSERT INTO quotes SELECT a.id || '-q', a.id, 'Actor ' || (hash(a.id) % 2000),
        'Actor ' || (hash(a.id) % 2000), 'bench:' || (hash(a.id) % 2000), substr(a.text, 101, 80), 'direct',
        substr(a.text, 90, 120), 100, 180, 'bench' FROM articles a""")
    con.execute("""CREATE TEMP TABLE grp AS SELECT id AS article_id,
        printf('story-%06d', CAST(('0x' || id)::BIGINT // 10 AS INTEGER)) AS story_id FROM articles""")
    con.execute("""INSERT INTO stories SELECT g.story_id, first(a.title ORDER BY a.id), min(a.published),
        max(a.published), list_sort(list_distinct(list(a.outlet))), list(a.id ORDER BY a.id),
        to_json(list({'text': substr(a.text, 1, 60), 'article_id': a.id} ORDER BY a.id)[1:3]), '{}', 'bench'
        FROM grp g JOIN articles a ON a.id = g.article_id GROUP BY g.story_id""")
    con.execute("INSERT INTO story_articles SELECT story_id, article_id FROM grp")
    con.execute("""INSERT INTO merged_events SELECT g.story_id || '-' || e.type, g.story_id, e.type, NULL,
        first(e.actor), first(e.actor_id), first(e.target), first(e.target_id), min(e.date), NULL, NULL, false,
        NULL, bool_and(e.hedged), false, list(e.id),
        to_json(list({'article_id': e.article_id, 'sentence': e.sentence, 'start': e.start_char,
                      'end': e.end_char})), '[]'
        FROM events e JOIN grp g ON g.article_id = e.article_id GROUP BY g.story_id, e.type""")
    t1 = time.perf_counter()
    build_search_index(con)
    t2 = time.perf_counter()
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "stories", "events", "merged_events", "quotes", "mentions")}
    store.close()
    print(f"store: {db} ({db.stat().st_size / 1e6:.0f} MB) " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"generated rows in {t1 - t0:.1f}s; fts index in {t2 - t1:.1f}s")
    return {k: float(v) for k, v in counts.items()}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


def measure(db: Path, requests: int, seed: int = 7) -> dict[str, float]:
    import duckdb
    import httpx
    import uvicorn

    from storyline.web.app import create_app

    con = duckdb.connect(str(db), read_only=True)
    story_ids = [r[0] for r in con.execute("SELECT id FROM stories USING SAMPLE 500 ROWS").fetchall()]
    article_ids = [r[0] for r in con.execute("SELECT id FROM articles USING SAMPLE 500 ROWS").fetchall()]
    titles = [r[0] for r in con.execute("SELECT title FROM articles USING SAMPLE 500 ROWS").fetchall()]
    con.close()
    rnd = random.Random(seed)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    def words() -> str:
        ws = rnd.choice(titles).split()
        return " ".join(rnd.sample(ws, 2))

    cases = {
        "GET /api/stories/{id}": lambda: f"/api/stories/{rnd.choice(story_ids)}",
        "GET /story/{id} (HTML)": lambda: f"/story/{rnd.choice(story_ids)}",
        "GET /api/search?q=2 words (fts)": lambda: "/api/search?q=" + words().replace(" ", "+"),
        "GET /api/search?q=1 word (fts)": lambda: "/api/search?q=" + words().split()[0],
        "GET /api/stories (list)": lambda: f"/api/stories?offset={rnd.randrange(0, 9000)}",
        "GET /api/articles/{id}": lambda: f"/api/articles/{rnd.choice(article_ids)}",
        "GET /api/events?type=&date_from=": lambda: f"/api/events?type={rnd.choice(TYPES)}&date_from=2020-01",
    }
    figures: dict[str, float] = {}
    ok_all = 0
    total_all = 0
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        client.get("/api/stats")
        print(f"\n{'endpoint':36} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}  ok")
        for name, make in cases.items():
            times, ok = [], 0
            for _ in range(requests):
                url = make()
                t = time.perf_counter()
                r = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
                ok += r.status_code == 200
            ok_all += ok
            total_all += requests
            print(f"{name:36} {requests:5d} {pct(times, 50):9.1f} {pct(times, 95):9.1f} {max(times):9.1f}  "
                  f"{ok}/{requests}")
            key = name.split(" (")[0].replace("GET ", "").strip()
            figures[f"p50_ms {key}"] = pct(times, 50)
            figures[f"p95_ms {key}"] = pct(times, 95)
    server.should_exit = True
    thread.join(10)
    figures["ok_rate"] = ok_all / max(1, total_all)
    return figures


# ------------------------------------------------------------------ concurrent clients
async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html,application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def _load(port: int, make, clients: int, seconds: float) -> tuple[list[float], int, int, float]:
    """``clients`` connections calling ``make()``'s paths for ``seconds``: (latencies ms, ok, failed, elapsed s)."""
    times: list[float] = []
    counts = {"ok": 0, "bad": 0}
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                try:
                    status = await _get(reader, writer, make())
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    counts["bad"] += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                times.append((time.perf_counter() - t) * 1000)
                counts["ok" if status == 200 else "bad"] += 1
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return times, counts["ok"], counts["bad"], time.perf_counter() - t0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path, workers: int) -> tuple[subprocess.Popen, int]:
    import httpx
    port = _free_port()
    cmd = [sys.executable, "-c", "from storyline.cli import main; main()", "serve", "--db", str(db), "--port",
           str(port)] + (["--workers", str(workers)] if workers > 1 else [])   # (one worker: as before --workers)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"storyline serve exited: {proc.stderr.read().decode(errors='replace')[-500:]}")
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("storyline serve did not answer within 120 s")


def measure_concurrent(db: Path, workers: int, clients: int, seconds: float, seed: int = 11) -> dict[str, float]:
    """Throughput of the story list and story pages under ``clients`` concurrent clients, ``workers`` processes."""
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    story_ids = [r[0] for r in con.execute("SELECT id FROM stories ORDER BY id").fetchall()]
    con.close()
    if not story_ids:
        print("no stories in the store: concurrent figures not measured")
        return {}
    rnd = random.Random(seed)
    last_page = max(0, len(story_ids) - 20)
    cases = {
        "GET /api/stories (list, random page)": lambda: f"/api/stories?offset={rnd.randint(0, last_page)}",
        "GET /story/{id} (HTML, random story)": lambda: "/story/" + rnd.choice(story_ids),
        # most reads go to a few stories: the 50 of a front page, each rendered once per worker, then kept
        "GET /story/{id} (HTML, 50 stories)": lambda: "/story/" + rnd.choice(story_ids[:50]),
    }
    proc, port = _start_server(db, workers)
    figures: dict[str, float] = {}
    try:
        for make in cases.values():   # warm: models of the app imported, each worker's first requests
            asyncio.run(_load(port, make, clients, 2.0))
        print(f"\n{clients} concurrent clients, storyline serve --workers {workers}, {len(story_ids):,} stories")
        print(f"{'endpoint':40} {'req/s':>8} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}  ok / failed")
        for name, make in cases.items():
            times, ok, bad, elapsed = asyncio.run(_load(port, make, clients, seconds))
            rate = ok / elapsed
            print(f"{name:40} {rate:8.1f} {pct(times, 50):9.1f} {pct(times, 95):9.1f} {max(times):9.1f}  "
                  f"{ok} / {bad}")
            key = "list" if "list" in name else ("story" if "random" in name else "story50")
            figures[f"rps_{key}_w{workers}"] = rate
            figures[f"p95_ms_{key}_w{workers}"] = pct(times, 95)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return figures


def measure_ilike(db: Path, n: int = 20) -> None:
    """The fallback path (no index), called in-process on a few queries for comparison."""
    import duckdb

    from storyline.store.search import search_articles
    con = duckdb.connect(str(db), read_only=True)
    titles = [r[0] for r in con.execute("SELECT title FROM articles USING SAMPLE 50 ROWS").fetchall()]
    times = []
    import storyline.store.search as s
    real = s.has_search_index
    s.has_search_index = lambda c: False       # force the fallback for this comparison only
    try:
        for t in titles[:n]:
            q = " ".join(t.split()[:2])
            t0 = time.perf_counter()
            search_articles(con, q)
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        s.has_search_index = real
        con.close()
    print(f"{'search ILIKE fallback (in-process)':36} {n:5d} {pct(times, 50):9.1f} {pct(times, 95):9.1f} "
          f"{max(times):9.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", help="keep the generated store here (default: a temporary folder)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20.0, help="load time per endpoint and worker count")
    ap.add_argument("--workers", default="1,2", help="worker process counts to measure, comma-separated")
    ap.add_argument("--no-sequential", action="store_true", help="only the concurrent figures")
    ap.add_argument("--gate", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-serve-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.duckdb"
        if db.exists():
            print(f"using the existing store {db}")
            import duckdb
            c = duckdb.connect(str(db), read_only=True)
            counts = {"articles": float(c.execute("SELECT count(*) FROM articles").fetchone()[0])}
            c.close()
        else:
            counts = build(db, args.articles)
        figures = {"ok_rate": 1.0}
        if not args.no_sequential:
            figures = measure(db, args.requests)
            measure_ilike(db)
        for w in (int(x) for x in args.workers.split(",") if x.strip()):
            figures.update(measure_concurrent(db, w, args.clients, args.seconds))
    figures["articles_k"] = counts["articles"] / 1000
    print(f"\narticles: {counts['articles']:,.0f}; ok rate {figures['ok_rate']:.3f} (latency is printed, never gated)")
    return gate("serve_latency", {k: v for k, v in figures.items() if not k.startswith("p")}, sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
