"""Shared helpers for the bench/ scripts: where ../shared is, and the evaluation gate.

The gate (as trafilatura's eval_gate): each eval script reports named figures; with --gate it
compares them to the floors pinned in bench/floors/<script>.json and exits 1 when one drops below.
Raising a floor is a one-line change in that file; lower one only with a reason in the commit.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).resolve().parent / "floors"   # one JSON file per script: floors/<script>.json


def shared_dir() -> Path | None:
    """../shared beside the repo (or $STORYLINE_SHARED); None when absent."""
    env = os.environ.get("STORYLINE_SHARED")
    for cand in ([Path(env)] if env else []) + [REPO.parent / "shared"]:
        if cand.is_dir():
            return cand
    return None


def data_dir(name: str) -> Path | None:
    sd = shared_dir()
    if sd is None:
        print(f"[skip] ../shared is not here: no {name} evaluation (set STORYLINE_SHARED to point at it)")
        return None
    p = sd / "data" / name
    if not p.is_dir():
        print(f"[skip] {p} is missing")
        return None
    return p


def gate(script: str, figures: dict[str, float], argv: list[str] | None = None) -> int:
    """Compare figures with floors/<script>.json; print the verdict; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    f = FLOORS / f"{script}.json"
    floors = json.loads(f.read_text()) if f.exists() else {}
    if "--gate" not in argv:
        return 0
    bad = []
    for name, floor in floors.items():
        if name not in figures:
            print(f"[gate] {script}: figure {name!r} was not measured (data missing?) - not checked")
            continue
        if figures[name] + 1e-9 < floor:
            bad.append(f"{name} = {figures[name]:.4f} < floor {floor:.4f}")
    for b in bad:
        print(f"[gate] FAIL {script}: {b}")
    if not bad:
        print(f"[gate] {script}: all {len(floors)} floors held")
    return 1 if bad else 0
