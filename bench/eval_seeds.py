"""Seed score: ingest ../shared/corpus/seeds with the real CLI, export, and run ../shared/tools/score_seeds.py; the
event figures beside it (gold events found, right type on gold sentences, targets that are actors).

Usage: python bench/eval_seeds.py [--gate]   (floors in bench/floors/eval_seeds.json)
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, gate, help_requested, shared_dir  # noqa: E402


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
        result = json.loads(next(ln for ln in lines if ln.startswith("{")))
        result["events"] = [json.loads(ln) for ln in Path(files[2]).read_text().splitlines() if ln.strip()]
        return result


def event_figures(result: dict) -> dict[str, float]:
    """Gold events found (sentence + type), the share of events on gold sentences with a right type, and the share
    of targets that are actors: resolved to an actor, or a phrase headed by an actor noun (the product's own word
    list, actor_dictionary.ACTOR_NOUNS): 'shots', 'two counts', 'the allegations' must never be a target."""
    from storyline.understand.actor_dictionary import ACTOR_NOUNS

    def total(kind: str) -> tuple[float, float]:
        rows = [f for f in result["figures"] if f[0].endswith(kind)]
        return sum(r[1] for r in rows), sum(r[2] for r in rows)
    found, n_gold = total("events found (sentence+type)")
    right, n_on = total("events on gold sentences with a right type")
    targets = [e for e in result["events"] if e.get("target")]

    def actor(e: dict) -> bool:
        head = e["target"].split()[-1]
        return bool(e.get("target_id")) or head[:1].isupper() or head.lower().rstrip("s") in ACTOR_NOUNS or \
            head.lower() in ACTOR_NOUNS or head.lower()[:-3] + "y" in ACTOR_NOUNS   # 'countries'
    bad = [e["target"] for e in targets if not actor(e)]
    if bad:
        print(f"targets that are no actors: {bad}")
    print(f"gold events found: {found:.0f}/{n_gold:.0f}; events on gold sentences with a right type: "
          f"{right:.0f}/{n_on:.0f}; targets that are actors: {len(targets) - len(bad)}/{len(targets)}")
    return {"events_found": found, "events_right_type": right / n_on if n_on else 0.0,
            "targets_are_actors": (len(targets) - len(bad)) / len(targets) if targets else 1.0}


def main() -> int:
    sd = shared_dir()
    if sd is None or not (sd / "corpus" / "seeds").is_dir():
        print("[skip] ../shared/corpus/seeds is not here: no seed score")
        return 0
    result = run_seeds(sd / "corpus" / "seeds", sd / "tools" / "score_seeds.py")
    figures = {"seed_score": float(result["score"]), **event_figures(result)}
    print(f"\nseed score: {result['score']}/100")
    return gate("eval_seeds", figures)


if __name__ == "__main__":
    help_requested(__doc__)
    sys.exit(main())
