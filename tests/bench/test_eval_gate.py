"""The evaluation gate (bench/_common.py) is honest: under CI=true missing data fails, a figure it could not
measure fails, and the data the floors were calibrated on is pinned by digest (a changed data set fails).
Everything here runs on tmp folders: no ../shared needed."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def common(tmp_path, monkeypatch):
    """A fresh bench/_common module whose floors and ../shared live in tmp_path."""
    spec = importlib.util.spec_from_file_location("bench_common_under_test", BENCH / "_common.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    floors = tmp_path / "floors"
    floors.mkdir()
    monkeypatch.setattr(mod, "FLOORS", floors)
    monkeypatch.setattr(mod, "REPO", tmp_path / "repo")          # no ../shared beside it
    monkeypatch.delenv("STORYLINE_SHARED", raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "argv", ["bench/eval_toy.py", "--gate"])
    return mod


def _shared(tmp_path: Path) -> Path:
    sd = tmp_path / "shared"
    (sd / "data" / "toy" / "sub").mkdir(parents=True)
    (sd / "data" / "toy" / "a.txt").write_text("gold one\n")
    (sd / "data" / "toy" / "sub" / "b.txt").write_text("gold two\n")
    return sd


def _floors(common, **floors):
    (common.FLOORS / "eval_toy.json").write_text(json.dumps(floors))


# ------------------------------------------------------------------ data missing
def test_missing_shared_is_a_skip_on_a_developer_machine(common, capsys):
    assert common.data_dir("toy") is None
    assert "[skip]" in capsys.readouterr().out


def test_missing_shared_fails_under_ci(common, monkeypatch, capsys):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(SystemExit) as e:
        common.data_dir("toy")
    assert e.value.code == 1
    out = capsys.readouterr().out
    assert re.search(r"\[gate\] FAIL eval_toy: \.\./shared is not here .*CI=true", out), out


def test_missing_data_set_fails_under_ci(common, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("STORYLINE_SHARED", str(_shared(tmp_path)))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(SystemExit) as e:
        common.data_dir("other")
    assert e.value.code == 1
    assert "FAIL eval_toy" in capsys.readouterr().out


def test_a_real_script_fails_under_ci_without_its_data(tmp_path):
    env = {"CI": "true", "STORYLINE_SHARED": str(tmp_path / "absent"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, str(BENCH / "eval_text.py"), "--gate"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "[gate] FAIL eval_text: ../shared is not here" in proc.stdout


# ------------------------------------------------------------------ figures not measured
def test_figures_at_or_over_their_floors_pass(common, capsys):
    _floors(common, f1=0.9, title=0.8)
    assert common.gate("eval_toy", {"f1": 0.95, "title": 0.8}) == 0
    assert "all 2 floors held" in capsys.readouterr().out


def test_a_figure_under_its_floor_fails(common, capsys):
    _floors(common, f1=0.9)
    assert common.gate("eval_toy", {"f1": 0.89}) == 1
    assert "f1 = 0.8900 < floor 0.9000" in capsys.readouterr().out


@pytest.mark.parametrize("value", [None, float("nan"), "n/a"])
def test_a_figure_that_could_not_be_measured_fails(common, capsys, value):
    _floors(common, f1=0.9)
    assert common.gate("eval_toy", {"f1": value}) == 1
    assert "f1 could not be measured" in capsys.readouterr().out


def test_a_floor_without_a_figure_fails_under_ci_and_is_noted_otherwise(common, monkeypatch, capsys):
    _floors(common, f1=0.9, title=0.8)
    assert common.gate("eval_toy", {"f1": 0.95}) == 0
    assert "'title' was not measured" in capsys.readouterr().out
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("STORYLINE_SHARED", str(common.REPO))   # no pinned data for eval_toy: nothing to check
    assert common.gate("eval_toy", {"f1": 0.95}) == 1
    assert "FAIL eval_toy: title was not measured" in capsys.readouterr().out


def test_without_the_gate_flag_nothing_is_judged(common):
    _floors(common, f1=0.9)
    assert common.gate("eval_toy", {"f1": 0.1}, argv=[]) == 0


# ------------------------------------------------------------------ the calibrated data, pinned
def test_pinned_data_that_matches_passes_and_changed_data_fails_with_recalibrate(common, monkeypatch, tmp_path,
                                                                                  capsys):
    sd = _shared(tmp_path)
    monkeypatch.setenv("STORYLINE_SHARED", str(sd))
    _floors(common, f1=0.9)
    common.pin("eval_toy", ["data/toy"], sd)
    assert common.gate("eval_toy", {"f1": 0.95}) == 0
    (sd / "data" / "toy" / "sub" / "b.txt").write_text("gold two, corrected\n")
    common._checked.clear()
    assert common.gate("eval_toy", {"f1": 0.95}) == 1
    out = capsys.readouterr().out
    assert "data data/toy changed since the floors were calibrated on it: re-calibrate" in out, out


def test_changed_data_fails_under_ci_before_any_figure_is_computed(common, monkeypatch, tmp_path, capsys):
    sd = _shared(tmp_path)
    common.pin("eval_toy", ["data/toy"], sd)
    (sd / "data" / "toy" / "c.txt").write_text("a file added\n")
    monkeypatch.setenv("STORYLINE_SHARED", str(sd))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(SystemExit):
        common.data_dir("toy")
    assert "re-calibrate" in capsys.readouterr().out


def test_pinned_data_that_is_gone_fails_the_gate(common, monkeypatch, tmp_path, capsys):
    sd = _shared(tmp_path)
    common.pin("eval_toy", ["data/toy", "data/toy/a.txt"], sd)
    (sd / "data" / "toy" / "a.txt").unlink()
    monkeypatch.setenv("STORYLINE_SHARED", str(sd))
    _floors(common, f1=0.9)
    assert common.gate("eval_toy", {"f1": 0.95}) == 1
    out = capsys.readouterr().out
    assert "data data/toy/a.txt is missing" in out and "data data/toy changed" in out, out


def test_a_folder_digest_sees_renames_and_contents_but_not_dot_files(common, tmp_path):
    sd = _shared(tmp_path)
    toy = sd / "data" / "toy"
    first = common.digest(toy)
    (toy / ".cache").write_text("editor noise")
    assert common.digest(toy) == first
    (toy / "a.txt").rename(toy / "a2.txt")
    assert common.digest(toy) != first


def test_every_eval_script_reading_shared_data_has_its_data_pinned():
    table = json.loads((BENCH / "floors" / "data_digests.json").read_text())
    for script in sorted(BENCH.glob("eval_*.py")):
        text = script.read_text(encoding="utf-8")
        if "data_dir(" in text or "shared_dir(" in text:
            assert table.get(script.stem), f"{script.name} reads ../shared but bench/floors/data_digests.json " \
                                           f"pins no data for it"
            assert all(v.startswith("sha256:") and len(v) == 71 for v in table[script.stem].values())
