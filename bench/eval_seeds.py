"""Seed score: ingest ../shared/corpus/seeds with the real CLI, export, and run ../shared/tools/score_seeds.py.

Usage: python bench/eval_seeds.py [--gate]   (floors in bench/floors/eval_seeds.json)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, gate, shared_dir  # noqa: E402


def cli() -> list[str]:
    exe = REPO / ".venv" / "bin" / "storyline"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "storyline.cli"]


def run_seeds(seeds: Path, scorer: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.duckdb"
        r = subprocess.run(cli() + ["ingest", str(seeds), "--db", str(db), "-q"], capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stderr)
        files = []
        for kind in ("articles", "quotes", "events", "stories"):
            out = Path(tmp) / f"{kind}.jsonl"
            subprocess.run(cli() + ["export", kind, "--db", str(db), "-o", str(out)], check=True,
                           capture_output=True)
            files.append(str(out))
        res = subprocess.run([sys.executable, str(scorer), *files, "--json"], capture_output=True, text=True,
                             check=True)
        lines = res.stdout.strip().splitlines()
        print("\n".join(ln for ln in lines if not ln.startswith("{")))
        return json.loads(next(ln for ln in lines if ln.startswith("{")))


def main() -> int:
    sd = shared_dir()
    if sd is None or not (sd / "corpus" / "seeds").is_dir():
        print("[skip] ../shared/corpus/seeds is not here: no seed score")
        return 0
    result = run_seeds(sd / "corpus" / "seeds", sd / "tools" / "score_seeds.py")
    figures = {"seed_score": float(result["score"])}
    print(f"\nseed score: {result['score']}/100")
    return gate("eval_seeds", figures)


if __name__ == "__main__":
    sys.exit(main())
