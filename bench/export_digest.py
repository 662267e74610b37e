"""Digest of every export on a corpus: shows that a refactor changed no output.

    python bench/export_digest.py                      # the bundled sample, digests printed
    python bench/export_digest.py --ecbplus            # and ../shared/data/ecbplus/docs.jsonl
    python bench/export_digest.py --save digests.json  # keep them
    python bench/export_digest.py --check digests.json # exit 1 when one differs (names the kind and format)

Each corpus is ingested and linked into a fresh DuckDB file with the CLI, then every kind is exported in every
format (events both merged and per article) and hashed. Parquet files are hashed by their rows (read back in
order), not their bytes, so a writer library's metadata does not count as a change.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, data_dir  # noqa: E402

KINDS = ["articles", "quotes", "events", "entities", "stories", "mentions"]
FORMATS = ["jsonl", "csv", "parquet"]


def _cli(*args: str, ok: tuple[int, ...] = (0,)) -> None:
    cmd = [sys.executable, "-m", "storyline.cli", *args]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in ok:
        raise SystemExit(f"failed: storyline {' '.join(args)}\n{r.stderr[-2000:]}")


def _hash(path: Path, fmt: str) -> str:
    if fmt != "parquet":
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    import pyarrow.parquet as pq
    table = pq.read_table(path)
    rows = json.dumps(table.to_pylist(), sort_keys=True, default=str)
    return hashlib.sha256((str(table.schema) + rows).encode()).hexdigest()[:16]


def _fixed_copy(corpus: Path, name: str) -> Path:
    """The corpus copied to one fixed place: an article's stored source is its absolute path, so two checkouts
    (or a worktree and main) reading the same files from different paths would differ there and nowhere else."""
    dest = Path(tempfile.gettempdir()) / "storyline-export-digest" / name
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if corpus.is_dir():
        shutil.copytree(corpus.resolve(), dest)
    else:
        dest.mkdir()
        shutil.copy2(corpus.resolve(), dest / corpus.name)
        return dest / corpus.name
    return dest


def _wait_for_other_runs() -> None:
    """Hold the fixed copy's place alone: two runs at once (two worktrees) would delete each other's copy midway.
    The lock is released when this process exits."""
    import fcntl
    lock = Path(tempfile.gettempdir()) / "storyline-export-digest.lock"
    f = lock.open("w")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("another export_digest run holds the fixed copy; waiting for it ...", flush=True)
        fcntl.flock(f, fcntl.LOCK_EX)
    _LOCKS.append(f)


_LOCKS: list = []


def digests(corpus: Path, work: Path) -> dict[str, str]:
    db = work / "digest.duckdb"
    _cli("ingest", str(corpus), "--db", str(db), "--workers", "2", ok=(0, 1))   # 1: some pages refused
    out: dict[str, str] = {}
    for kind in KINDS:
        variants = [["--merged"], ["--per-article"]] if kind == "events" else [[]]
        for extra in variants:
            for fmt in FORMATS:
                name = f"{kind}{extra[0].replace('--', ':') if extra else ''}.{fmt}"
                path = work / name
                _cli("export", kind, "--db", str(db), "-f", fmt, "-o", str(path), *extra)
                out[name] = _hash(path, fmt)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecbplus", action="store_true", help="also the ECB+ documents from ../shared/data")
    ap.add_argument("--save", type=Path, help="write the digests to this JSON file")
    ap.add_argument("--check", type=Path, help="compare with digests saved earlier; exit 1 on a difference")
    a = ap.parse_args(argv)
    corpora = {"sample": REPO / "sample" / "seeds"}
    if a.ecbplus:
        d = data_dir("ecbplus")
        if d is not None:
            corpora["ecbplus"] = d / "docs.jsonl"
    result: dict[str, dict[str, str]] = {}
    _wait_for_other_runs()
    for name, corpus in corpora.items():
        with tempfile.TemporaryDirectory() as tmp:
            print(f"{name}: ingesting {corpus} ...", flush=True)
            result[name] = digests(_fixed_copy(corpus, name), Path(tmp))
        for k, v in result[name].items():
            print(f"  {name:8s} {k:28s} {v}")
    if a.save:
        a.save.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
        print(f"saved to {a.save}")
    if a.check:
        want = json.loads(a.check.read_text())
        bad = [f"{c}/{k}" for c in result for k, v in result[c].items() if want.get(c, {}).get(k) != v]
        if bad:
            print("DIFFERENT: " + ", ".join(bad))
            return 1
        print(f"identical to {a.check} ({sum(len(v) for v in result.values())} exports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
