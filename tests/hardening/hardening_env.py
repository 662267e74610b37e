"""Helpers for the crash-safety and concurrency tests: small corpora of our own pages, the CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.hostile.make_hostile import article_text

PY = sys.executable
CLI = [PY, "-m", "storyline.cli"]


def write_pages(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        p = folder / f"page{i:03d}.txt"
        p.write_text(article_text(i, f"Qzmarker{i}"), encoding="utf-8")
        out.append(p)
    return out


def ingest_cmd(paths: list[Path], db: Path, *extra: str) -> list[str]:
    return [*CLI, "ingest", *map(str, paths), "--db", str(db), "--no-link", "--engine", "inline",
            "--batch-size", "4", "--quiet", *extra]


def export_articles(db: Path, timeout: float = 120) -> list[dict]:
    r = subprocess.run([*CLI, "export", "articles", "--db", str(db)], capture_output=True, text=True,
                       timeout=timeout)
    assert r.returncode == 0, r.stderr
    return [json.loads(ln) for ln in r.stdout.splitlines() if ln.strip()]



