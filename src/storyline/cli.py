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
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from storyline import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="storyline: raw news pages in; clean articles, actors, quotes, PLOVER events and stories out.")
out = Console()
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB_HELP = "The DuckDB store file."


class Engine(str, Enum):
    local = "local"
    inline = "inline"
    dask = "dask"


class Fmt(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Kind(str, Enum):
    articles = "articles"
    quotes = "quotes"
    events = "events"
    entities = "entities"
    stories = "stories"
    mentions = "mentions"


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


def _run_ingest(paths: list[str], db: str, engine: str, workers: Optional[int], scheduler: Optional[str],
                batch_size: int, max_page_bytes: int, max_expanded_bytes: int, follow_symlinks: bool,
                no_link: bool, quiet: bool, page_timeout: float = 300.0):
    from storyline.read import Limits
    from storyline.read.names import printable
    from storyline.run.ingest import ingest
    from storyline.store import StoreError

    limits = Limits(max_page_bytes=max_page_bytes, max_expanded_bytes=max_expanded_bytes,
                    follow_symlinks=follow_symlinks)

    def on_error(e):
        err.print(f"storyline: refused {escape(printable(e.source))}: {escape(printable(e.reason))}")

    show = not quiet and err.is_terminal
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                        TextColumn("{task.fields[articles]} articles · {task.fields[rate]}/s · "
                                   "{task.fields[refused]} refused · {task.fields[skipped]} already stored"),
                        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err,
                        disable=not show)
    t0 = time.monotonic()
    with progress:
        task = progress.add_task("ingest", total=None, articles=0, rate="0.0", refused=0, skipped=0)

        def on_progress(p):
            dt = max(1e-6, time.monotonic() - t0)
            progress.update(task, total=p.total_bytes or None, completed=p.done_bytes, articles=p.articles,
                            rate=f"{p.articles / dt:.1f}", refused=p.refused, skipped=p.skipped)
        try:
            report = ingest(paths, db, limits=limits, engine=engine, workers=workers, scheduler=scheduler,
                            batch_size=batch_size, link=not no_link, on_progress=on_progress, on_error=on_error,
                            page_timeout=page_timeout)
        except StoreError as exc:
            _fail(str(exc))
    dt = time.monotonic() - t0
    if not quiet:
        err.print(f"storyline: {report.new} new article(s) from {report.pages} page(s) in {report.files} file(s); "
                  f"{report.skipped} already stored; {len(report.refused)} refused; {dt:.1f}s "
                  f"({report.new / max(dt, 1e-6):.1f} articles/s, engine {report.engine}) -> {db}")
        for n in report.notes:
            err.print(f"storyline: {escape(n)}")
    return report


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files or folders (recursive): .txt, .html/.htm, .warc/.warc.gz, .jsonl (one page a line: html or text, also news-please / trafilatura JSON fields; a stated title, date, authors and site are kept)."),
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local (process pool), inline (this process) or dask."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Worker processes (default: the cores)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a scheduler and --workers workers started as child processes of this one, the workers restarted every 100 batches each to keep memory flat; on your own cluster give the workers --lifetime / --lifetime-restart)."),
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
    no_link: bool = typer.Option(False, "--no-link", help="Skip the corpus steps (stories, merged events, search index)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print refused files only."),
) -> None:
    """Read pages, clean them, find actors, quotes and events, and store them. Re-running adds nothing new."""
    report = _run_ingest(paths, db, engine.value, workers, scheduler, batch_size, max_page_bytes,
                         max_expanded_bytes, follow_symlinks, no_link, quiet, page_timeout)
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
    from storyline.run.corpus import corpus_steps
    from storyline.store import Store, StoreError

    if not Path(db).is_file():
        _fail(f"{db}: no such store (run `storyline ingest` first)")
    show = not quiet and err.is_terminal
    progress = Progress(TextColumn("[bold]{task.fields[step]}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                        TimeElapsedColumn(), console=err, disable=not show)
    t0 = time.monotonic()
    try:
        with progress, Store(db) as store:
            task = progress.add_task("link", total=None, step="link")

            def on_step(step: str, done: int, total: int) -> None:
                progress.update(task, step=step, completed=done, total=total)
            notes = corpus_steps(store, changed=True, progress=on_step, again=again)
            store.publish_snapshot()
            n_stories = store.count("stories")
    except (StoreError, OSError) as exc:
        _fail(str(exc))
    if not quiet:
        for n in notes or ["no article waits for a story"]:
            err.print(f"storyline: {escape(n)}")
        err.print(f"storyline: {n_stories} stories in {db} ({time.monotonic() - t0:.1f}s)")


@app.command()
def export(
    kind: Kind = typer.Argument(..., help="What to export: articles, quotes, events, entities, stories or mentions."),
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    fmt: Fmt = typer.Option(Fmt.jsonl, "--format", "-f", help="jsonl, csv or parquet."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Output file; '-' or nothing: standard output."),
) -> None:
    """Export stored records (fields as in CONTRACT.md)."""
    from storyline.store import Store, StoreError
    from storyline.store.export import write_export
    try:
        with Store(db, read_only=True) as store:
            n = write_export(store, kind.value, fmt.value, None, output)
    except (StoreError, ValueError, OSError) as exc:
        _fail(str(exc))
    if output not in (None, "-"):
        err.print(f"storyline: wrote {n} {kind.value} to {output}")


def _summary(db: str) -> None:
    from storyline.store import Store
    with Store(db, read_only=True) as store:
        arts = store.query("SELECT source, title, outlet, published, published_lo, published_hi FROM articles "
                           "ORDER BY source")
        t = Table(title="Articles", show_lines=False)
        for c in ("source", "title", "outlet", "published"):
            t.add_column(c, overflow="fold")
        for a in arts:
            pub = a["published"] or (f"{a['published_lo']} .. {a['published_hi']}" if a["published_lo"] else "-")
            t.add_row(escape(Path(a["source"]).name), escape(a["title"] or "-"), escape(a["outlet"] or "-"), pub)
        out.print(t)
        counts = {k: store.count(k) for k in ("quotes", "events", "actors", "stories", "merged_events")}
        out.print(f"{counts['quotes']} quotes · {counts['events']} events "
                  f"({counts['merged_events']} after merging) · {counts['actors']} actors · {counts['stories']} stories")
        for s in store.query("SELECT title, len(article_ids) AS n, outlets, first_date, last_date FROM stories "
                             "ORDER BY n DESC LIMIT 5"):
            out.print(f"story: {escape(s['title'] or '')} — {s['n']} article(s), "
                      f"{escape(', '.join(o for o in (s['outlets'] or []) if o))} "
                      f"{s['first_date'] or ''}..{s['last_date'] or ''}")


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
    out.print(f"storyline demo: ingesting the bundled sample ({sample}) into {db}")
    _run_ingest([str(sample)], db, "local", None, None, 16, 10 * 1024 * 1024, 4 * 1024 ** 3, False, False, False)
    _summary(db)
    _highlights(db)
    out.print(f"Explore: storyline stories --db {db} · storyline export events --db {db} · storyline serve --db {db}")


def _highlights(db: str, n_quotes: int = 6, n_events: int = 10) -> None:
    """A few direct quotes with their speakers and the merged events in date order, each with its sources."""
    import json as _json

    from storyline.store import Store
    with Store(db, read_only=True) as store:
        quotes = store.query("""SELECT coalesce(a.name, q.speaker) AS who, q.text FROM quotes q
            LEFT JOIN actors a ON a.id = q.speaker_id WHERE q.kind = 'direct'
            ORDER BY q.article_id, q.start_char LIMIT ?""", [n_quotes])
        events = store.query("""SELECT type, actor, target, coalesce(date, date_lo) AS d, date_hi, hedged, negated,
            evidence FROM merged_events ORDER BY coalesce(date, date_lo) NULLS LAST, id LIMIT ?""", [n_events])
    if quotes:
        t = Table(title="Direct quotes (first few)", show_lines=False)
        t.add_column("speaker")
        t.add_column("quote", overflow="fold")
        for q in quotes:
            text = q["text"] if len(q["text"]) <= 140 else q["text"][:137] + "…"
            t.add_row(escape(q["who"] or "?"), escape(text))
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
            t.add_row(escape(date), e["type"], escape(e["actor"] or "?"), escape(e["target"] or "-"), flags, str(n))
        out.print(t)


@app.command()
def stats(db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP)) -> None:
    """Print what the store holds."""
    from storyline.store import StoreError
    try:
        _summary(db)
    except StoreError as exc:
        _fail(str(exc))


@app.command()
def serve(
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the store read-only: web pages and a JSON API (OpenAPI at /openapi.json, docs at /docs)."""
    if not Path(db).exists():
        _fail(f"{db}: no such store (run `storyline ingest` first)")
    from storyline.web.server import serve as run_server
    run_server(db, host=host, port=port)


@app.command("stories")
def stories_cmd(
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only stories with this actor (name, part of it)."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many stories to list."),
) -> None:
    """List stories: title, articles, outlets and date span."""
    from storyline.store import Store, StoreError
    try:
        with Store(db, read_only=True) as store:
            sql = "SELECT id, title, len(article_ids) AS n, outlets, first_date, last_date FROM stories"
            params: list = []
            if actor:
                sql += (" WHERE id IN (SELECT sa.story_id FROM story_articles sa JOIN article_actors aa "
                        "ON aa.article_id = sa.article_id JOIN actors a ON a.id = aa.actor_id "
                        "WHERE a.name ILIKE ?)")
                params.append(f"%{actor}%")
            sql += " ORDER BY n DESC, id LIMIT ?"
            params.append(limit)
            rows = store.query(sql, params)
    except StoreError as exc:
        _fail(str(exc))
    t = Table(title=f"Stories ({len(rows)})")
    for c in ("id", "title", "articles", "outlets", "from", "to"):
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(r["id"], escape(r["title"] or ""), str(r["n"]),
                  escape(", ".join(o for o in (r["outlets"] or []) if o)), r["first_date"] or "", r["last_date"] or "")
    out.print(t)


@app.command("story")
def story_cmd(
    story_id: str = typer.Argument(..., help="A story id (see `storyline stories`)."),
    db: str = typer.Option("storyline.duckdb", "--db", help=DB_HELP),
) -> None:
    """Show one story: its timeline of merged events, its outlets, and its brief with citations."""
    import json as _json
    from storyline.store import Store, StoreError
    try:
        with Store(db, read_only=True) as store:
            rows = store.query("SELECT * FROM stories WHERE id = ?", [story_id])
            if not rows:
                _fail(f"no story {story_id!r} in {db}")
            s = rows[0]
            events = store.query("SELECT type, actor, target, date, date_lo, date_hi, date_inferred, hedged, negated, "
                                 "len(event_ids) AS sources FROM merged_events WHERE story_id = ? "
                                 "ORDER BY coalesce(date, date_lo), type", [story_id])
            arts = store.query("SELECT id, outlet, title, published FROM articles WHERE id IN (SELECT unnest(?)) "
                               "ORDER BY published", [s["article_ids"]])
    except StoreError as exc:
        _fail(str(exc))
    out.print(f"[bold]{escape(s['title'] or '')}[/bold]  ({len(s['article_ids'])} articles, "
              f"{s['first_date'] or '?'} .. {s['last_date'] or '?'})")
    t = Table(title="Timeline")
    for c in ("date", "type", "actor", "target", "sources", "notes"):
        t.add_column(c, overflow="fold")
    for e in events:
        when = e["date"] or (f"{e['date_lo']}..{e['date_hi']}" if e["date_lo"] else "undated")
        notes = ", ".join(n for n, on in (("hedged", e["hedged"]), ("negated", e["negated"]),
                                          ("article date", e["date_inferred"])) if on)
        t.add_row(when, e["type"], escape(e["actor"] or ""), escape(e["target"] or ""), str(e["sources"]), notes)
    out.print(t)
    t = Table(title="Articles")
    for c in ("id", "outlet", "published", "title"):
        t.add_column(c, overflow="fold")
    for a in arts:
        t.add_row(a["id"], escape(a["outlet"] or "-"), a["published"] or "-", escape(a["title"] or "-"))
    out.print(t)
    summary = _json.loads(s["summary"]) if s.get("summary") else []
    if summary:
        out.print("[bold]Brief[/bold]")
        for item in summary:
            out.print(f"  • {escape(item.get('text', ''))} [dim][{escape(str(item.get('article_id')))}][/dim]")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("storyline: interrupted; what was stored stays stored — run the same command again to resume")
        sys.exit(130)
    except Exception as exc:  # one readable line; the traceback on request
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        err.print(f"storyline: error: {escape(exc.__class__.__name__)}: {escape(str(exc))} "
                  f"(set STORYLINE_DEBUG=1 for the traceback)")
        sys.exit(2)


if __name__ == "__main__":
    main()
