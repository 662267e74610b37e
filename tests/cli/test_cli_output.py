"""What the CLI prints: values shown as they are (no Rich markup, no emoji codes), stories counted and their ids
whole, stats as counts, an empty folder named, serve's URL and a port in use in one line."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from storyline.run.ingest import ingest

CLI = [sys.executable, "-m", "storyline.cli"]
ENV = {**os.environ, "COLUMNS": "250"}

HOSTILE_TITLE = "[bold]x[/bold] :smile: [/] [link=http://evil.example]click[/link]"
CITED = "a1b2c3d4e5f60718"      # an id that starts with a letter: "[a1b2...]" reads as a Rich style tag


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), capture_output=True, text=True, env=ENV, timeout=300, **kw)


@pytest.fixture
def hostile_db(pages_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "hostile.duckdb"
    ingest([str(pages_dir)], db, engine="inline")
    con = duckdb.connect(str(db))
    sid = con.execute("SELECT id FROM stories ORDER BY len(article_ids) DESC, id LIMIT 1").fetchone()[0]
    aid = con.execute("SELECT article_ids[1] FROM stories WHERE id = ?", [sid]).fetchone()[0]
    con.execute("UPDATE articles SET id = ?, title = ? WHERE id = ?", [CITED, HOSTILE_TITLE, aid])
    summary = [{"text": "Officials said [a1b2] was [bold]not[/bold] final.", "article_id": CITED}]
    con.execute("UPDATE stories SET title = ?, summary = ?, article_ids = list_transform(article_ids, "
                "x -> CASE WHEN x = ? THEN ? ELSE x END), outlets = ['[i]Outlet[/i]'] WHERE id = ?",
                [HOSTILE_TITLE, json.dumps(summary), aid, CITED, sid])
    con.execute("UPDATE merged_events SET actor = '[red]Actor[/red]' WHERE story_id = ?", [sid])
    con.close()
    return db, sid


def test_cli_story_shows_citations_and_markup_as_written(hostile_db) -> None:
    db, sid = hostile_db
    r = run("story", sid, "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert f"[{CITED}]" in r.stdout                        # the brief's citation
    assert "Officials said [a1b2] was [bold]not[/bold] final." in r.stdout
    assert HOSTILE_TITLE in r.stdout                        # story title and the article's title
    assert r.stdout.count(HOSTILE_TITLE) >= 2
    assert CITED in r.stdout.split("Articles", 1)[1]        # the article id in the articles table
    assert "😄" not in r.stdout


def test_cli_stories_and_stats_show_markup_as_written(hostile_db) -> None:
    db, sid = hostile_db
    r = run("stories", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert HOSTILE_TITLE in r.stdout and "[i]Outlet[/i]" in r.stdout and sid in r.stdout
    r = run("stats", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert HOSTILE_TITLE in r.stdout


def _many_stories(tmp_path: Path, n: int) -> Path:
    db = tmp_path / "many.duckdb"
    ingest([], db, engine="inline", link=False)
    con = duckdb.connect(str(db))
    for i in range(n):
        con.execute("INSERT INTO stories (id, title, first_date, last_date, outlets, article_ids, summary, extra) "
                    "VALUES (?, ?, '2020-01-01', '2020-01-02', ['Outlet'], ?, '[]', '{}')",
                    [f"s{i:04d}{'f' * 12}", f"Story number {i} about a long and winding road to the harbour",
                     [f"a{i}-{j}" for j in range(1 + i % 5)]])
    con.close()
    return db


def test_cli_stories_says_how_many_there_are_and_keeps_ids_whole(tmp_path: Path) -> None:
    db = _many_stories(tmp_path, 64)
    for cols in ("60", "100"):
        r = subprocess.run(CLI + ["stories", "--db", str(db)], capture_output=True, text=True,
                           env={**os.environ, "COLUMNS": cols})
        assert r.returncode == 0, r.stderr
        assert "Stories (20 of 64)" in r.stdout
        assert "44 more" in r.stdout
        ids = [line.split("│")[1].strip() for line in r.stdout.splitlines() if line.startswith("│ s")]
        assert len(ids) == 20 and all(len(i) == 17 for i in ids), ids     # whole, one line each
    r = run("stories", "--db", str(db), "--limit", "100")
    assert "Stories (64)" in r.stdout and "more" not in r.stdout


def test_cli_stats_counts_rather_than_lists(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(12):
        (pages / f"p{i:02d}.txt").write_text(f"Harbour notice number {i}\n\nThe harbour of Northfield reopened on "
                                             f"Friday after {i + 2} days of repairs, the council said.\n")
    db = tmp_path / "s.duckdb"
    ingest([str(pages)], db, engine="inline")
    r = run("stats", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "12 articles" in r.stdout
    assert "p03.txt" not in r.stdout and len(r.stdout.splitlines()) < 12


def test_cli_ingest_folder_without_supported_file(tmp_path: Path) -> None:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "report.pdf").write_bytes(b"%PDF-1.4")
    (d / "notes.docx").write_bytes(b"PK")
    r = run("ingest", str(d), "--db", str(tmp_path / "s.duckdb"))
    assert r.returncode == 1, (r.stdout, r.stderr)
    refused = [ln for ln in r.stderr.splitlines() if ln.startswith("storyline: refused")]
    assert len(refused) == 1 and str(d) in refused[0] and "no supported file" in refused[0], r.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_serve_port_in_use_is_one_line(hostile_db) -> None:
    db, _ = hostile_db
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = run("serve", "--db", str(db), "--port", str(port))
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "in use" in lines[0], r.stderr


def test_cli_serve_prints_its_url_and_store(hostile_db) -> None:
    db, _ = hostile_db
    port = _free_port()
    proc = subprocess.Popen(CLI + ["serve", "--db", str(db), "--port", str(port)], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, env=ENV)
    try:
        import selectors
        sel = selectors.DefaultSelector()
        sel.register(proc.stderr, selectors.EVENT_READ)
        assert sel.select(timeout=60), "serve printed nothing"
        line = proc.stderr.readline()
        url = f"http://127.0.0.1:{port}/"
        assert url in line and str(db.resolve()) in line, line
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "api/stories", timeout=5) as resp:
                    assert resp.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server never answered at the URL it printed")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
