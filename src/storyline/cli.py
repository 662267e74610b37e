"""The storyline command line: thin wrappers over the Python API, printing with Rich.

Exit codes: 0 done; 1 some inputs refused (each named on stderr with its reason); 2 bad usage
or a store that cannot be opened.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from storyline import __version__

if TYPE_CHECKING:
    from storyline.run.ingest import IngestOptions

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="storyline: raw news pages in; clean articles, actors, quotes, PLOVER events and stories out.")
# article text is untrusted: every value printed goes through escape() or a Text cell (no markup), and no
# ":name:" is turned into an emoji
out = Console(emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

DB_HELP = "The DuckDB store file."


class Engine(str, Enum):  # noqa: UP042 (StrEnum would change str() of a member)
    local = "local"
    inline = "inline"
    dask = "dask"


class Fmt(str, Enum):  # noqa: UP042 (StrEnum would change str() of a member)
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Kind(str, Enum):  # noqa: UP042 (StrEnum would change str() of a member)
    articles = "articles"
    quotes = "quotes"
    events = "events"
    entities = "entities"
    stories = "stories"
    mentions = "mentions"


def _cell(value: object) -> Text:
    """A table cell shown as it is: Rich reads no markup in a Text (a title may hold "[bold]", an id "[a1b2]")."""
    return Text("" if value is None else str(value))


def _fail(msg: str, code: int = 2) -> None:
    err.print(f"storyline: error: {escape(msg)}")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"storyline {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")) -> None:
    """storyline: raw news pages in; clean articles, actors, quotes, PLOVER events and stories out."""


def _run_ingest(paths: list[str], db: str, options: IngestOptions, quiet: bool):
    """``ingest`` with the CLI's progress display and messages (the ingest and demo commands)."""
    from storyline.read.names import printable
    from storyline.run.ingest import ingest
    from storyline.store import StoreError

    def on_error(e):
        err.print(f"storyline: refused {escape(printable(e.source))}: {escape(printable(e.reason))}")

    from storyline.cli_progress import stage_view
    t0 = time.monotonic()
    try:
        with stage_view(err, quiet) as view:
            report = ingest(paths, db, options, on_progress=view, on_error=on_error)
    except StoreError as exc:
        _fail(str(exc))
    dt = time.monotonic() - t0
    if not quiet:
        err.print(f"storyline: {report.new} new article(s) from {report.pages} page(s) in {report.files} file(s); "
                  f"{report.skipped} already stored; {len(report.refused)} refused; {dt:.1f}s "
                  f"({report.new / max(dt, 1e-6):.1f} articles/s, engine {report.engine}) -> {escape(db)}")
        for n in report.notes:
            err.print(f"storyline: {escape(n)}")
    return report


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursive): .txt, .html/.htm, .warc/.warc.gz, "
                                      ".jsonl (one page a line: html or text, also news-please / trafilatura JSON "
                                      "fields; a stated title, date, authors and site are kept)."),
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    engine: Engine = typer.Option(Engine.local, "--engine",
                                  help="local (process pool), inline (this process) or dask."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Worker processes (default: the cores)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a scheduler "
                                            "and --workers workers started as child processes of this one, the workers "
                                            "restarted every 100 batches each to keep memory flat; on your own cluster "
                                            "give the workers --lifetime / --lifetime-restart)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Pages per batch sent to a worker."),
    max_page_bytes: int = typer.Option(10 * 1024 * 1024, "--max-page-bytes", min=1,
                                       help="Refuse a page (file, WARC record, JSONL line) larger than this."),
    max_expanded_bytes: int = typer.Option(4 * 1024 ** 3, "--max-expanded-bytes", min=1,
                                           help="Stop reading a compressed file once it expands past this."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="Follow symbolic links inside folders."),
    page_timeout: float = typer.Option(300.0, "--page-timeout", min=1.0,
                                       help="Give up a page still being cleaned/annotated after this many seconds "
                                            "(local and dask engines, not inline; the page is refused, the batch goes "
                                            "on; on Dask the workers are restarted to stop it)."),
    no_link: bool = typer.Option(False, "--no-link",
                                 help="Skip the corpus steps (stories, merged events, search index)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print refused files only."),
) -> None:
    """Read pages, clean them, find actors, quotes and events, and store them. Re-running adds nothing new."""
    from storyline.read import Limits
    from storyline.run.ingest import IngestOptions

    options = IngestOptions(limits=Limits(max_page_bytes=max_page_bytes, max_expanded_bytes=max_expanded_bytes,
                                          follow_symlinks=follow_symlinks),
                            engine=engine.value, workers=workers, scheduler=scheduler, batch_size=batch_size,
                            link=not no_link, page_timeout=page_timeout)
    report = _run_ingest(paths, db, options, quiet)
    if report.new and not no_link:   # watches set with `storyline watch add` see the new articles at once
        from storyline.follow.cli import check_after_ingest
        check_after_ingest(db, quiet)
    raise typer.Exit(report.exit_code)


@app.command()
def link(
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    again: bool = typer.Option(False, "--again", help="Forget the stories and link every article from scratch "
                                                       "(after changing the embedding model or thresholds)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """File stored articles into stories, merge each event reported by several outlets, rebuild the search
    index: what ingest does after its pages. Run it after `ingest --no-link` (a large corpus ingested in
    parts, linked once). Without --again only articles in no story yet are added."""
    from storyline.store import Store, StoreError

    if not Path(db).is_file():
        _fail(f"{db}: no such store (run `storyline ingest` first)")
    from storyline.cli_progress import stage_view
    from storyline.run.ingest import run_corpus_steps
    t0 = time.monotonic()
    try:
        with stage_view(err, quiet) as view, Store(db) as store:
            notes = run_corpus_steps(store, on_progress=view, changed=True, again=again)
            store.publish_snapshot()
            n_stories = store.count("stories")
    except (StoreError, OSError) as exc:
        _fail(str(exc))
    if not quiet:
        for n in notes or ["no article waits for a story"]:
            err.print(f"storyline: {escape(n)}")
        err.print(escape(f"storyline: {n_stories} stories in {db} ({time.monotonic() - t0:.1f}s)"))


EXPORT_HELP = ("Export stored records as JSON lines, CSV or Parquet. The fields of each kind are listed in "
               "docs/export.md (in the storyline repository; the README's \"Export\" section points there). In CSV "
               "and Parquet, nested values (a story's summary and framing, an event's evidence) are JSON text.")


@app.command(help=EXPORT_HELP)
def export(
    kind: Kind = typer.Argument(..., help="What to export: articles, quotes, events, entities, stories or mentions."),
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    fmt: Fmt = typer.Option(Fmt.jsonl, "--format", "-f", help="jsonl, csv or parquet."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Output file; '-' or nothing: standard output "
                                         "(written under a temporary name and renamed when complete)."),
    merged: Optional[bool] = typer.Option(None, "--merged/--per-article",
                                          help="events: one record per event merged across outlets, its evidence "
                                               "from each (the default on a linked store), or the events of each "
                                               "article as found."),
) -> None:
    from storyline.store import Store, StoreError
    from storyline.store.export import write_export
    options = {"merged": merged} if kind is Kind.events else {}
    if merged is not None and kind is not Kind.events:
        _fail("--merged/--per-article apply to events only")
    try:
        with Store(db, read_only=True) as store:
            n = write_export(store, kind.value, fmt.value, None, output, **options)
    except BrokenPipeError:     # the reader went away (`| head`): stop quietly, as other tools do
        raise
    except (StoreError, ValueError, OSError) as exc:
        _fail(str(exc))
    if output not in (None, "-"):
        err.print(f"storyline: wrote {n} {kind.value} to {escape(output)}")


def _articles_table(con) -> Table:
    from storyline.store.queries.overview import article_rows
    t = Table(title="Articles", show_lines=False)
    for c in ("source", "title", "outlet", "published"):
        t.add_column(c, overflow="fold")
    for a in article_rows(con):
        pub = a["published"] or (f"{a['published_lo']} .. {a['published_hi']}" if a["published_lo"] else "-")
        t.add_row(_cell(Path(a["source"]).name), _cell(a["title"] or "-"), _cell(a["outlet"] or "-"), _cell(pub))
    return t


def _summary(db: str, list_articles: bool = True) -> None:
    """What the store holds: counts, the biggest stories; every article too when asked (the demo's three)."""
    from storyline.store import Store
    from storyline.store.queries.overview import overview
    with Store(db, read_only=True) as store:
        if list_articles:
            out.print(_articles_table(store.con))
        seen = overview(store.con)
    c, langs, top = seen["counts"], seen["languages"], seen["top"]
    span = f", {c['first']} .. {c['last']}" if c["first"] else ""
    lang = ", ".join(f"{r['l']} {r['n']}" for r in langs)
    out.print(escape(f"{c['articles']} articles from {c['outlets']} outlet(s){span}" + (f" (languages: {lang})"
                                                                                          if lang else "")))
    out.print(escape(f"{c['quotes']} quotes · {c['events']} events ({c['merged']} after merging) · "
                     f"{c['actors']} actors · {c['stories']} stories · {c['refused']} page(s) refused"))
    for s in top:
        out.print(escape(f"story: {s['title'] or ''} — {s['n']} article(s), "
                         f"{', '.join(o for o in (s['outlets'] or []) if o)} "
                         f"{s['first_date'] or ''}..{s['last_date'] or ''}"))


def _sample_dir() -> Path:
    """The bundled sample: sample/seeds at the top of the checkout (kept out of src/ so that no rule can lean on it)."""
    import os as _os
    env = _os.environ.get("STORYLINE_SAMPLE")
    cand = [Path(env)] if env else []
    cand.append(Path(__file__).resolve().parents[2] / "sample" / "seeds")
    for c in cand:
        if c.is_dir():
            return c
    _fail("the bundled sample is not here (install from a checkout with `pip install -e .`, or set STORYLINE_SAMPLE)")
    raise AssertionError


@app.command()
def demo(
    db: Optional[str] = typer.Option(None, "--db", help="Store file (default: a fresh one in a temporary folder)."),
) -> None:
    """Ingest the bundled sample pages (three captures of one storyline) and print what was found."""
    sample = _sample_dir()
    db = db or str(Path(tempfile.mkdtemp(prefix="storyline-demo-")) / "demo.duckdb")
    out.print(escape(f"storyline demo: ingesting the bundled sample ({sample}) into {db}"))
    from storyline.run.ingest import IngestOptions
    _run_ingest([str(sample)], db, IngestOptions(page_timeout=300.0), quiet=False)   # the default limits and engine
    _summary(db)
    _highlights(db)
    out.print(escape(f"Explore: storyline stories --db {db} · storyline export events --db {db} · "
                     f"storyline serve --db {db}"))


def _highlights(db: str, n_quotes: int = 6, n_events: int = 10) -> None:
    """A few direct quotes with their speakers and the merged events in date order, each with its sources."""
    import json as _json

    from storyline.store import Store
    from storyline.store.queries.overview import highlights
    with Store(db, read_only=True) as store:
        quotes, events = highlights(store.con, n_quotes, n_events)
    if quotes:
        t = Table(title="Direct quotes (first few)", show_lines=False)
        t.add_column("speaker")
        t.add_column("quote", overflow="fold")
        for q in quotes:
            text = q["text"] if len(q["text"]) <= 140 else q["text"][:137] + "…"
            t.add_row(_cell(q["who"] or "?"), _cell(text))
        out.print(t)
    if events:
        t = Table(title="Events (merged across outlets, by date)")
        for c in ("date", "type", "actor", "target", "flags", "sources"):
            t.add_column(c, overflow="fold")
        for e in events:
            flags = ", ".join(f for f, on in (("hedged", e["hedged"]), ("negated", e["negated"])) if on)
            date = e["d"] or "?"
            if e["date_hi"] and e["date_hi"] != e["d"]:
                date = f"{date}..{e['date_hi']}"
            n = len(_json.loads(e["evidence"] or "[]"))
            t.add_row(_cell(date), _cell(e["type"]), _cell(e["actor"] or "?"), _cell(e["target"] or "-"), _cell(flags),
                      _cell(n))
        out.print(t)


@app.command()
def stats(db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP)) -> None:
    """Print what the store holds: counts of articles, quotes, events, actors and stories, and the biggest stories
    (`storyline stories` lists them all, `storyline export articles` the articles)."""
    from storyline.store import StoreError
    try:
        _summary(db, list_articles=False)
    except StoreError as exc:
        _fail(str(exc))


def _port_free(host: str, port: int) -> Optional[str]:
    """None when ``host:port`` can be listened on, else why not (the address in use, a host that is not here)."""
    import socket
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"cannot serve on {host}: {exc.strerror or exc}"
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        # as uvicorn does: a closed port's TIME_WAIT is fine
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as exc:
            if exc.errno in (98, 48, 10048):   # EADDRINUSE on Linux, macOS, Windows
                return f"port {port} on {host} is already in use (another `storyline serve`?): pick another with --port"
            return f"cannot serve on {host}:{port}: {exc.strerror or exc}"
    return None


@app.command()
def serve(
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another name the server may be reached by (the "
                                         "Host header; repeatable). Requests naming any other host get 400: bound to "
                                         "127.0.0.1 only its loopback names are answered (DNS rebinding). Bound to "
                                         "0.0.0.0 without --allow-host, every name is answered."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes sharing the port (each reads "
                                "the store read-only; more answer more requests at once on more cores)."),
) -> None:
    """Serve the store read-only: web pages and a JSON API (OpenAPI at /openapi.json, docs at /docs)."""
    if not Path(db).exists():
        _fail(f"{db}: no such store (run `storyline ingest` first)")
    problem = _port_free(host, port)
    if problem:
        _fail(problem)
    from storyline.web.server import serve as run_server
    shown = f"[{host}]" if ":" in host else host
    err.print(escape(f"storyline: serving {Path(db).resolve()} at http://{shown}:{port}/ (read-only"
                     + (f", {workers} worker processes" if workers > 1 else "") + "; Ctrl-C stops)"))
    run_server(db, host=host, port=port, allow_hosts=allow_host, workers=workers)


@app.command("stories")
def stories_cmd(
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only stories with this actor (name, part of it)."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many stories to list."),
) -> None:
    """List stories, the biggest first: id, title, articles, outlets and date span."""
    from storyline.store import Store, StoreError
    from storyline.store.queries.overview import story_table
    try:
        with Store(db, read_only=True) as store:
            total, rows = story_table(store.con, actor=actor, limit=limit)
    except StoreError as exc:
        _fail(str(exc))
    shown = f"{len(rows)} of {total}" if len(rows) < total else str(total)
    t = Table(title=f"Stories ({shown})")
    # an id is what one copies into `storyline story ID`: kept whole on one line (never folded nor cut); the
    # title wraps, outlets under it, the dates stacked, so that the table fits a narrow terminal
    t.add_column("id", no_wrap=True, min_width=max([len(r["id"]) for r in rows] + [2]))
    t.add_column("n", no_wrap=True, justify="right")
    t.add_column("dates", no_wrap=True)
    t.add_column("title · outlets", overflow="fold", min_width=12)
    for r in rows:
        story = _cell(r["title"] or "")
        outlets = ", ".join(o for o in (r["outlets"] or []) if o)
        if outlets:
            story.append("\n" + outlets, style="dim")
        dates = "\n".join(d for d in (r["first_date"], r["last_date"] if r["last_date"] != r["first_date"] else None)
                          if d)
        t.add_row(_cell(r["id"]), _cell(r["n"]), _cell(dates), story)
    out.print(t)
    if len(rows) < total:
        out.print(escape(f"{total - len(rows)} more: --limit {total} lists them all"))


@app.command("story")
def story_cmd(
    story_id: str = typer.Argument(..., help="A story id (see `storyline stories`)."),
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
) -> None:
    """Show one story: its timeline of merged events, its outlets, and its brief with citations."""
    from storyline.store import Store, StoreError
    from storyline.store.queries.overview import story_outline
    try:
        with Store(db, read_only=True) as store:
            found = story_outline(store.con, story_id)
    except StoreError as exc:
        _fail(str(exc))
    if found is None:
        _fail(f"no story {story_id!r} in {db}")
    s, events, arts = found["story"], found["events"], found["articles"]
    out.print(f"[bold]{escape(s['title'] or '')}[/bold]  " + escape(
        f"({len(s['article_ids'])} articles, {s['first_date'] or '?'} .. {s['last_date'] or '?'})"))
    t = Table(title="Timeline")
    for c in ("date", "type", "actor", "target", "sources", "notes"):
        t.add_column(c, overflow="fold")
    for e in events:
        when = e["date"] or (f"{e['date_lo']}..{e['date_hi']}" if e["date_lo"] else "undated")
        notes = ", ".join(n for n, on in (("hedged", e["hedged"]), ("negated", e["negated"]),
                                          ("article date", e["date_inferred"])) if on)
        t.add_row(_cell(when), _cell(e["type"]), _cell(e["actor"]), _cell(e["target"]), _cell(e["sources"]),
                  _cell(notes))
    out.print(t)
    t = Table(title="Articles")
    t.add_column("id", no_wrap=True, min_width=max([len(a["id"]) for a in arts] + [2]))
    for c in ("outlet", "published", "title"):
        t.add_column(c, overflow="fold")
    for a in arts:
        t.add_row(_cell(a["id"]), _cell(a["outlet"] or "-"), _cell(a["published"] or "-"), _cell(a["title"] or "-"))
    out.print(t)
    if found["brief"]:
        out.print("[bold]Brief[/bold]")
        for item in found["brief"]:
            if not isinstance(item, dict):
                item = {"text": item}
            # the citation is escaped whole: "[a1b2]" alone would be read as a style tag and vanish
            cite = escape(f"[{item.get('article_id')}]")
            out.print(f"  • {escape(str(item.get('text', '')))} [dim]{cite}[/dim]")


from storyline.follow.cli import register as _register_follow  # noqa: E402  (follow, watch, alerts)

# an assignment, not a bare call: a module whose top level only imports, defines and assigns may be imported again
# by the fork server that starts the ingest's workers (run/executors.py, _main_reimport_safe); a bare call here sent
# `storyline ingest` back to plain fork workers (copies of the ingest process)
app = _register_follow(app)


class Interrupted(BaseException):
    """A signal asked the command to stop. A BaseException, so that neither Click (which turns a
    KeyboardInterrupt into a bare "Aborted!") nor a stage's ``except Exception`` swallows it; the clean-ups on the
    way out (workers, the store) run as for any exception."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> None:
    """Ctrl-C (SIGINT), SIGTERM and SIGHUP end a command the same way: the work under way is dropped, what was
    stored stays stored, one line says so, and the exit code is 128 + the signal's number."""
    import signal

    def stop(signum, _frame) -> None:
        raise Interrupted(signum)

    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            try:
                signal.signal(sig, stop)
            except (ValueError, OSError):   # not the main thread, or a signal this platform lacks
                pass


def _interrupted(signum: int) -> None:
    import signal
    name = signal.Signals(signum).name
    err.print(f"storyline: interrupted ({name}); what was stored stays stored — run the same command again to "
              f"resume")
    sys.exit(128 + signum)


def main() -> None:
    import duckdb
    _stop_on_signals()
    try:
        app()
    except Interrupted as stop:
        _interrupted(stop.signum)
    except (KeyboardInterrupt, duckdb.InterruptException):   # DuckDB stops its query on SIGINT and says so
        _interrupted(2)
    except Exception as exc:  # one readable line; the traceback on request
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        err.print(f"storyline: error: {escape(exc.__class__.__name__)}: {escape(str(exc))} "
                  f"(set STORYLINE_DEBUG=1 for the traceback)")
        sys.exit(2)


if __name__ == "__main__":
    main()
