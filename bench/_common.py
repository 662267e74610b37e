"""Shared helpers for the bench/ scripts: where ../shared is, and the evaluation gate.

The gate (as trafilatura's eval_gate): each eval script reports named figures; with --gate it
compares them to the floors pinned in bench/floors/<script>.json and exits 1 when one drops below.
Raising a floor is a one-line change in that file; lower one only with a reason in the commit.

The gate is honest about what it did not measure:
- under CI=true, a script whose data is missing (../shared absent, a data set absent) FAILS;
- a figure that could not be measured (None, NaN) fails the gate; a floor with no figure at all fails under
  CI=true (and is noted otherwise: a local run with --only measures part of a script);
- the floors were calibrated on one copy of the data: bench/floors/data_digests.json pins a sha256 of each data
  set (file or folder) a script reads; a changed or missing data set fails the gate with a line saying to
  re-calibrate (then re-pin: ``python bench/_common.py pin SCRIPT`` after checking the floors on the new data).
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).resolve().parent / "floors"   # one JSON file per script: floors/<script>.json
DIGESTS = "data_digests.json"                         # in FLOORS: {script: {path under ../shared: "sha256:..."}}

_checked: dict[str, list[str]] = {}                   # script -> problems found with its data (checked once)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def script_name() -> str:
    """The running bench script (bench/eval_text.py -> eval_text)."""
    return Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else "bench"


def help_requested(doc: str | None, argv: list[str] | None = None) -> None:
    """-h / --help prints the script's docstring (its usage and what it measures) and exits 0 before any work."""
    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv or "--help" in argv:
        print((doc or "").strip())
        raise SystemExit(0)


def fail(script: str, problem: str) -> None:
    """One clear line, then exit 1."""
    print(f"[gate] FAIL {script}: {problem}")
    raise SystemExit(1)


def shared_dir() -> Path | None:
    """../shared beside the repo, or $STORYLINE_SHARED when set (then only it); None when absent.

    Under CI=true an absent ../shared fails the script, and the data it reads must be the data its floors were
    calibrated on (bench/floors/data_digests.json)."""
    env = os.environ.get("STORYLINE_SHARED")
    cands = [Path(env)] if env else [REPO.parent / "shared"]
    found = next((c for c in cands if c.is_dir()), None)
    if in_ci():
        script = script_name()
        if found is None:
            fail(script, f"../shared is not here ({cands[0]}) and CI=true: the evaluation cannot run "
                         "(set STORYLINE_SHARED to point at it)")
        problems = check_data(script, found)
        if problems:
            fail(script, "; ".join(problems))
    return found


def data_dir(name: str) -> Path | None:
    sd = shared_dir()
    if sd is None:
        print(f"[skip] ../shared is not here: no {name} evaluation (set STORYLINE_SHARED to point at it)")
        return None
    p = sd / "data" / name
    if not p.is_dir():
        if in_ci():
            fail(script_name(), f"{p} is missing and CI=true: the {name} evaluation cannot run")
        print(f"[skip] {p} is missing")
        return None
    return p


# ------------------------------------------------------------------ the data the floors were calibrated on
def digest(path: Path) -> str:
    """sha256 of a file's bytes, or of a folder: every file under it (sorted relative path and sha256 of its bytes;
    names starting with '.' left out)."""
    if path.is_file():
        return "sha256:" + _file_sha(path)
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        rel = f.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        h.update(f"{rel.as_posix()}\0{_file_sha(f)}\n".encode())
    return "sha256:" + h.hexdigest()


def _file_sha(f: Path) -> str:
    h = hashlib.sha256()
    with f.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pinned(script: str) -> dict[str, str]:
    f = FLOORS / DIGESTS
    table = json.loads(f.read_text()) if f.exists() else {}
    return {k: v for k, v in table.get(script, {}).items()}


def check_data(script: str, shared: Path | None) -> list[str]:
    """Problems with the data `script` reads, against the digests pinned for it ([] when all match)."""
    key = f"{script}@{shared}"
    if key in _checked:
        return _checked[key]
    problems = []
    for rel, want in pinned(script).items():
        p = (shared / rel) if shared is not None else None
        if p is None or not p.exists():
            problems.append(f"data {rel} is missing (the floors were calibrated on it)")
        elif digest(p) != want:
            problems.append(f"data {rel} changed since the floors were calibrated on it: re-calibrate the floors "
                            f"in bench/floors/{script}.json on the new data, then re-pin its digest "
                            f"(python bench/_common.py pin {script})")
    _checked[key] = problems
    return problems


def pin(script: str, rels: list[str], shared: Path) -> dict[str, str]:
    """Write the digests of `rels` (paths under ../shared; default: those already pinned) for `script`."""
    f = FLOORS / DIGESTS
    table = json.loads(f.read_text()) if f.exists() else {}
    rels = rels or list(table.get(script, {}))
    if not rels:
        raise SystemExit(f"{f}: nothing pinned for {script}: name the paths under ../shared it reads")
    table[script] = {rel: digest(shared / rel) for rel in rels}
    f.write_text(json.dumps(dict(sorted(table.items())), indent=2) + "\n")
    return table[script]


# ------------------------------------------------------------------ the gate
def gate(script: str, figures: dict[str, float], argv: list[str] | None = None) -> int:
    """Compare figures with floors/<script>.json; print the verdict; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    f = FLOORS / f"{script}.json"
    floors = json.loads(f.read_text()) if f.exists() else {}
    if "--gate" not in argv:
        return 0
    env = os.environ.get("STORYLINE_SHARED")
    bad = list(check_data(script, Path(env) if env else REPO.parent / "shared"))
    for name, floor in floors.items():
        value = figures.get(name)
        if name not in figures:
            if in_ci():
                bad.append(f"{name} was not measured (CI=true: every floor must be checked)")
            else:
                print(f"[gate] {script}: figure {name!r} was not measured (data missing?) - not checked")
            continue
        try:
            v = float(value)
        except (TypeError, ValueError):
            v = math.nan
        if math.isnan(v):
            bad.append(f"{name} could not be measured ({value!r}) against floor {floor:.4f}")
            continue
        if v + 1e-9 < floor:
            bad.append(f"{name} = {v:.4f} < floor {floor:.4f}")
    for b in bad:
        print(f"[gate] FAIL {script}: {b}")
    if not bad:
        print(f"[gate] {script}: all {len(floors)} floors held")
    return 1 if bad else 0


if __name__ == "__main__":   # python bench/_common.py pin SCRIPT [PATH under ../shared ...]
    args = sys.argv[1:]
    if len(args) < 2 or args[0] != "pin":
        raise SystemExit("usage: python bench/_common.py pin SCRIPT [PATH under ../shared ...]")
    sd = shared_dir()
    if sd is None:
        raise SystemExit("../shared is not here (set STORYLINE_SHARED)")
    for rel, d in pin(args[1], args[2:], sd).items():
        print(f"{args[1]}: {rel} {d}")
