"""The follow, watch and alerts commands (registered on the main CLI by ``register``).

Progress goes to standard error as plain lines (what is polled, fetched, refused and why, the next poll);
untrusted text (URLs, sentences, names) is printed through ``printable`` (no control characters).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from storyline.read.names import printable

DB_HELP = "The DuckDB store file."

follow_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, add_completion=False,
                         help="Follow RSS/Atom feeds and XML sitemaps: new pages are fetched politely, archived "
                              "(WARC beside the store) and ingested; watchlists then raise alerts.")
watch_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, add_completion=False,
                        help="Watchlists: criteria over events and quotes; new matches become alerts "
                             "(see `storyline alerts`).")


def _say(msg: str) -> None:
    print(printable(msg), file=sys.stderr, flush=True)


def _fail(msg: str, code: int = 2) -> None:
    _say(f"storyline: error: {msg}")
    raise typer.Exit(code)


def _store(db: str, read_only: bool = False):
    from storyline.store import Store, StoreError
    if read_only and not Path(db).exists():
        _fail(f"{db}: no such store")
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        _fail(str(exc))


@follow_app.command("add")
def follow_add(url: str = typer.Argument(..., help="The http(s) URL of an RSS/Atom feed or an XML sitemap "
                                                   "(news sitemaps and sitemap indexes too)."),
               db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP)) -> None:
    """Follow a feed or sitemap (polled by `storyline follow run`)."""
    from urllib.parse import urlsplit

    from storyline.follow.poll import add_source
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        _fail(f"{url}: not an http(s) URL")
    with _store(db) as store:
        sid, new = add_source(store.con, url)
    _say(f"storyline: {'following' if new else 'already following'} {url} (source {sid}) in {db}")


@follow_app.command("remove")
def follow_remove(source: str = typer.Argument(..., help="The source's URL or id (see `storyline follow list`)."),
                  db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP)) -> None:
    """Stop following a source (what it brought stays stored)."""
    from storyline.follow.poll import remove_source
    with _store(db) as store:
        if not remove_source(store.con, source):
            _fail(f"no source {source!r} in {db}", 1)
    _say(f"storyline: no longer following {source}")


@follow_app.command("list")
def follow_list(db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
                as_json: bool = typer.Option(False, "--json", help="One JSON object a line.")) -> None:
    """The sources followed: kind, last poll, items, error and next retry."""
    from storyline.follow.poll import list_sources
    with _store(db, read_only=True) as store:
        rows = list_sources(store.con)
    for r in rows:
        if as_json:
            print(json.dumps(r, default=str))
            continue
        when = lambda v: f"{v:%Y-%m-%d %H:%M:%S}" if v else "never"   # noqa: E731
        state = f"error: {r['error']} (failures {r['failures']}, next retry {when(r['next_poll'])})" if r["error"] \
            else f"ok, next poll {when(r['next_poll'])}" if r["last_poll"] else "not polled yet"
        print(printable(f"{r['id']}  {r['url']}  {r['kind'] or '?'}  last poll {when(r['last_poll'])}  "
                        f"{r['items']} item(s), {r['ingested']} ingested, {r['waiting']} waiting  {state}"))
    if not rows:
        _say(f"storyline: no source followed in {db} (add one with `storyline follow add URL`)")


@follow_app.command("run")
def follow_run(
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    once: bool = typer.Option(False, "--once", help="One round (poll, fetch, ingest, alerts), then exit."),
    interval: float = typer.Option(900.0, "--interval", min=1.0, help="Seconds between two polls of a source."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=64, help="Requests in flight at once (all hosts)."),
    host_delay: float = typer.Option(1.0, "--host-delay", min=0.0,
                                     help="Seconds between two requests to one host "
                                          "(robots.txt Crawl-delay if longer)."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds allowed for a whole response."),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", min=1024,
                                  help="Largest page accepted, in bytes (a feed or sitemap: five times this)."),
    retries: int = typer.Option(2, "--retries", min=0, max=10, help="Extra attempts on 429 and 5xx answers."),
    retry_after_cap: float = typer.Option(30.0, "--retry-after-cap", min=0.0,
                                          help="Wait inline for a Retry-After up to this many seconds; a longer "
                                               "one puts the page or source off to a later round."),
    max_pages: int = typer.Option(500, "--max-pages", min=1, help="Pages fetched per round at most."),
    engine: str = typer.Option("inline", "--engine", help="Ingest engine for the fetched pages: inline or local."),
    clean_only: bool = typer.Option(False, "--clean-only",
                                    help="Archive and store clean articles only (no actors, "
                                         "quotes, events or stories: watches find nothing new)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print errors and alerts only."),
) -> None:
    """Poll the followed sources, fetch new pages, ingest them, check the watchlists; again every --interval
    seconds (Ctrl-C stops; a run stopped or killed anywhere resumes where it was, fetching nothing twice)."""
    from storyline.follow.deliver import Deliverer
    from storyline.follow.fetch import Policy
    from storyline.follow.poll import Follower
    from storyline.follow.watch import record_deliveries
    from storyline.store import StoreError

    if engine not in ("inline", "local"):
        _fail(f"--engine {engine!r}: inline or local")
    if not Path(db).exists():
        _fail(f"{db}: no such store (follow a source first: `storyline follow add URL --db {db}`)")

    def log(msg: str) -> None:
        if not quiet or "alert" in msg or "failed" in msg:
            _say(msg)
    policy = Policy(timeout=timeout, max_bytes=max_bytes, retries=retries, retry_after_cap=retry_after_cap,
                    host_delay=host_delay, concurrency=concurrency)
    deliverer = Deliverer(log=log)
    follower = Follower(db, policy, interval=interval, log=log, engine=engine, max_pages=max_pages,
                        deliverer=deliverer, understand=not clean_only)
    try:
        follower.run(once=once)
    except StoreError as exc:
        _fail(str(exc))
    finally:
        follower.close()
        if deliverer.q.unfinished_tasks:
            _say("follow: waiting for webhook deliveries (30s at most)")
        deliverer.drain(30.0)
        try:
            from storyline.store import Store
            with Store(db) as store:
                record_deliveries(store.con, deliverer)
                store.publish_snapshot()
        except Exception as exc:   # the deliveries stay pending and are retried by the next run
            _say(f"follow: could not record webhook deliveries ({exc})")


@watch_app.command("add")
def watch_add(
    actor: Optional[str] = typer.Option(None, "--actor",
                                        help="Actor: a canonical id, a canonical name or a name seen for it."),
    target: Optional[str] = typer.Option(None, "--target", help="Target of the event (as --actor)."),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER event type (e.g. ACCUSE, THREATEN, AGREE)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166 alpha-3 country of the actor or target."),
    keyword: Optional[str] = typer.Option(None, "--keyword", help="A word or phrase in the evidence sentence."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only from this outlet (part of its name)."),
    include_negated: bool = typer.Option(False, "--include-negated/--exclude-negated",
                                         help="Also alert on negated events (default: not)."),
    include_hedged: bool = typer.Option(True, "--include-hedged/--exclude-hedged",
                                        help="Alert on hedged events (default: yes)."),
    quotes: bool = typer.Option(True, "--quotes/--no-quotes",
                                help="Quotes by the actor raise alerts too (watches without --type/--target)."),
    jsonl: Optional[str] = typer.Option(None, "--jsonl", help="Also append each alert to this JSON lines file."),
    webhook: Optional[str] = typer.Option(None, "--webhook", help="Also POST each alert as JSON to this URL "
                                                                 "(in the background, retried)."),
    new_only: bool = typer.Option(False, "--new-only", help="Only records ingested from now on (default: "
                                                            "what is stored already matches too)."),
    name: Optional[str] = typer.Option(None, "--name", help="A label for the watch."),
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
) -> None:
    """Add a watch; alerts are raised after each `follow run` round and by `storyline watch check`."""
    from storyline.follow.watch import add_watch
    if not any((actor, target, type_, country, keyword, outlet)):
        _fail("give at least one criterion (--actor, --target, --type, --country, --keyword or --outlet)")
    if webhook and not webhook.startswith(("http://", "https://")):
        _fail(f"--webhook {webhook}: not an http(s) URL")
    crit = {k: v for k, v in dict(actor=actor, target=target, type=type_, country=country, keyword=keyword,
                                  outlet=outlet, jsonl=jsonl, webhook=webhook, name=name).items() if v}
    crit.update(include_negated=include_negated, include_hedged=include_hedged, quotes=quotes, new_only=new_only)
    with _store(db) as store:
        try:
            wid = add_watch(store.con, **crit)
        except ValueError as exc:
            _fail(str(exc))
    _say(f"storyline: watch {wid} added in {db}")


@watch_app.command("list")
def watch_list(db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP)) -> None:
    """The watches: id, criteria and where alerts go."""
    from storyline.follow.watch import list_watches
    with _store(db, read_only=True) as store:
        ws = list_watches(store.con)
    for w in ws:
        to = ", ".join(x for x in (w.jsonl and f"jsonl {w.jsonl}", w.webhook and f"webhook {w.webhook}") if x)
        print(printable(f"{w.id}  {w.name + '  ' if w.name else ''}{w.describe()}  -> {to or 'store only'}"))
    if not ws:
        _say(f"storyline: no watch in {db} (add one with `storyline watch add --actor NAME`)")


@watch_app.command("remove")
def watch_remove(watch_id: int = typer.Argument(..., help="The watch's id (see `storyline watch list`)."),
                 db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP)) -> None:
    """Remove a watch (its alerts stay)."""
    from storyline.follow.watch import remove_watch
    with _store(db) as store:
        if not remove_watch(store.con, watch_id):
            _fail(f"no watch {watch_id} in {db}", 1)
    _say(f"storyline: watch {watch_id} removed")


@watch_app.command("check")
def watch_check(db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP)) -> None:
    """Evaluate every watch against what is stored now; raise and deliver the new alerts."""
    from storyline.follow.deliver import Deliverer
    from storyline.follow.watch import check_watches, record_deliveries
    if not Path(db).exists():
        _fail(f"{db}: no such store")
    deliverer = Deliverer(log=_say)
    with _store(db) as store:
        n = check_watches(store.con, deliverer, _say)
        deliverer.drain(30.0)
        record_deliveries(store.con, deliverer)
        store.publish_snapshot()
    _say(f"storyline: {n} alert(s) raised or updated")


def check_after_ingest(db: str, quiet: bool = False) -> int:
    """After a plain `storyline ingest`: when the store has watches, raise and deliver the alerts its new articles
    match (what `storyline watch check` does). A store without watches is not touched. Returns the alerts raised."""
    from storyline.follow.deliver import Deliverer
    from storyline.follow.watch import check_watches, record_deliveries
    from storyline.store.watches import count_watches
    if not Path(db).is_file():
        return 0
    say = (lambda _m: None) if quiet else _say
    with _store(db) as store:
        if not count_watches(store.con):
            return 0
        deliverer = Deliverer(log=say)
        n = check_watches(store.con, deliverer, say)
        deliverer.drain(30.0)
        record_deliveries(store.con, deliverer)
        store.publish_snapshot()
    if n:
        say(f"storyline: {n} alert(s) raised or updated (storyline alerts)")
    return n


def alerts_cmd(db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
               watch: Optional[int] = typer.Option(None, "--watch", help="Only this watch's alerts."),
               limit: int = typer.Option(100, "--limit", min=1, help="The latest N alerts."),
               as_json: bool = typer.Option(False, "--json", help="One JSON object a line (all fields).")) -> None:
    """The alerts raised, oldest first, one a line: time, watch, type, the matched actor, the evidence
    sentence and the article."""
    from storyline.follow.watch import alert_line, list_alerts
    with _store(db, read_only=True) as store:
        rows = list_alerts(store.con, limit=limit, watch_id=watch)
    for a in rows:
        print(json.dumps(a, ensure_ascii=False, default=str) if as_json else printable(alert_line(a)))
    if not rows:
        _say(f"storyline: no alert in {db}")


def register(app: typer.Typer) -> typer.Typer:
    """Add ``follow``, ``watch`` and ``alerts`` to the main CLI; returns it (``app = register(app)``: the CLI
    module's top level stays made of imports and assignments, which lets its workers start from a fork server)."""
    app.add_typer(follow_app, name="follow")
    app.add_typer(watch_app, name="watch")
    app.command("alerts")(alerts_cmd)
    return app
