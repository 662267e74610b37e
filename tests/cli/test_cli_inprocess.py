"""The command line run in this process (Typer's CliRunner) on a real DuckDB file: ingest, stats, stories, story,
every export kind in every format, bad input and its exit codes, and a complete --help for every command.
The other tests in tests/cli run the same commands in a child process (python -m storyline.cli)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store import Store
from storyline.store.export import KINDS

PAGES = {
    "port.txt": "Ministers agree new port deal\n\nLisbon – Portugal and Morocco signed an agreement on Tuesday to "
                "expand the port of Sines, the two governments said.\n\n\"This deal opens a new route for trade "
                "between our countries,\" Prime Minister Ana Costa said at the ceremony.\n",
    "strike.html": "<html><head><title>Union calls strike at steel plant</title></head><body><article>"
                   "<h1>Union calls strike at steel plant</h1><p>Workers at the Northfield steel plant will strike "
                   "next week, the union announced on Monday, after talks with the company broke down.</p>"
                   "<p>\"We have no choice but to stop work until the company listens,\" union leader Tom Baker told "
                   "reporters outside the gates.</p></article></body></html>",
}


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("inprocess")
    pages = root / "pages"
    pages.mkdir()
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    path = root / "s.duckdb"
    r = invoke("ingest", pages, "--db", path, "--engine", "inline", "--quiet")
    assert r.exit_code == 0, (r.stdout, r.stderr)
    return path


def test_ingest_stores_the_pages_and_a_second_run_adds_nothing(db: Path) -> None:
    with Store(str(db), read_only=True) as store:
        assert store.count("articles") == 2
        assert store.count("stories") >= 1
    again = invoke("ingest", db.parent / "pages", "--db", db, "--engine", "inline")
    assert again.exit_code == 0, again.stderr
    with Store(str(db), read_only=True) as store:
        assert store.count("articles") == 2


def test_stats_counts_what_the_store_holds(db: Path) -> None:
    r = invoke("stats", "--db", db)
    assert r.exit_code == 0, r.stderr
    shown = " ".join(r.stdout.split())   # Rich wraps lines at the terminal's width
    assert "2 articles" in shown and "stories" in shown and "0 page(s) refused" in shown


def test_stories_lists_them_and_story_shows_one(db: Path) -> None:
    with Store(str(db), read_only=True) as store:
        ids = [r["id"] for r in store.query("SELECT id FROM stories ORDER BY id")]
    r = invoke("stories", "--db", db)
    assert r.exit_code == 0, r.stderr
    assert f"Stories ({len(ids)})" in r.stdout and all(i in r.stdout for i in ids)
    r = invoke("story", ids[0], "--db", db)
    assert r.exit_code == 0, r.stderr
    assert "Timeline" in r.stdout and "Articles" in r.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_export_every_kind_in_every_format_holds_the_same_records(db: Path, tmp_path: Path, kind: str) -> None:
    r = invoke("export", kind, "--db", db)          # JSON lines on standard output
    assert r.exit_code == 0, r.stderr
    records = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    if kind == "articles":
        assert len(records) == 2 and {a["title"] for a in records} >= {"Ministers agree new port deal"}
    counts = {"jsonl": len(records)}
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"{kind}.{fmt}"
        r = invoke("export", kind, "--db", db, "--format", fmt, "-o", out)
        assert r.exit_code == 0, r.stderr
        assert f"wrote {len(records)} {kind} to" in r.stderr
        if fmt == "jsonl":
            assert [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] == records
        elif fmt == "csv":
            counts[fmt] = len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))))
        else:
            counts[fmt] = pq.read_table(out).num_rows
    assert set(counts.values()) == {len(records)}, counts


@pytest.mark.parametrize("args, code, words", [
    (["stats", "--db", "{tmp}/none.duckdb"], 2, "none.duckdb"),
    (["stories", "--db", "{tmp}/none.duckdb"], 2, "none.duckdb"),
    (["story", "no-such-story", "--db", "{db}"], 2, "no story 'no-such-story'"),
    (["export", "quotes", "--merged", "--db", "{db}"], 2, "--merged/--per-article apply to events only"),
    (["export", "articles", "--db", "{db}", "-o", "{tmp}/no/such/folder/a.jsonl"], 2, "folder"),
    (["link", "--db", "{tmp}/none.duckdb"], 2, "no such store"),
    (["serve", "--db", "{tmp}/none.duckdb"], 2, "no such store"),
    (["ingest", "{tmp}/no-such-page.txt", "--db", "{tmp}/new.duckdb", "--engine", "inline"], 1, "no-such-page.txt"),
])
def test_bad_input_is_one_line_and_an_exit_code(db: Path, tmp_path: Path, args, code, words) -> None:
    r = invoke(*(a.format(tmp=tmp_path, db=db) for a in args))
    assert r.exit_code == code, (r.stdout, r.stderr)
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert lines and any(words in line for line in lines), r.stderr
    assert "Traceback" not in r.stderr + r.stdout


@pytest.mark.parametrize("args", [["export", "videos"], ["ingest"], ["stats", "--no-such-option"],
                                  ["serve", "--port", "0"]])
def test_bad_usage_exits_2(args) -> None:
    r = invoke(*args)
    assert r.exit_code == 2, (r.stdout, r.stderr)


def _is_group(cmd) -> bool:
    return hasattr(cmd, "commands")     # Typer carries its own copy of Click: no isinstance on click's classes


def _commands(group, path: tuple[str, ...] = ()):
    for name, cmd in sorted(group.commands.items()):
        yield path + (name,), cmd
        if _is_group(cmd):
            yield from _commands(cmd, path + (name,))


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_the_main_commands_are_all_there() -> None:
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"ingest", "link", "export", "stats", "stories", "story", "serve", "demo", "follow", "watch",
            "alerts"} <= names


@pytest.mark.parametrize("path, cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_of_every_command_is_complete(path, cmd) -> None:
    """--help answers 0 and names every argument and option the command takes, each with its help text."""
    r = CliRunner().invoke(app, [*path, "--help"], terminal_width=400, catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    assert "Usage:" in r.stdout
    if not _is_group(cmd):
        assert (cmd.help or "").strip(), f"`storyline {' '.join(path)}` has no description"
    for param in cmd.params:
        if param.param_type_name == "option":
            assert any(opt in r.stdout for opt in param.opts), (param.opts, r.stdout)
            assert (param.help or "").strip() or param.opts == ["--help"], \
                f"`storyline {' '.join(path)}`: {param.opts} has no help text"
        else:
            assert param.name.upper() in r.stdout.upper(), (param.name, r.stdout)
    if _is_group(cmd):
        for sub in cmd.commands:
            assert sub in r.stdout
