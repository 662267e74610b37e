"""tools/build_plover_lexicon.py rebuilds the shipped package data from ../shared/resources, byte for byte."""
import importlib.util
from importlib import resources
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RES = REPO.parent / "shared" / "resources"


def _tool():
    spec = importlib.util.spec_from_file_location("build_plover_lexicon", REPO / "tools" / "build_plover_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not (RES / "petrarch2" / "CAMEO.2.0.txt").is_file(), reason="../shared/resources is not here")
def test_build_plover_lexicon_reproduces_the_package_data(tmp_path):
    assert _tool().main(["--resources", str(RES), "--out", str(tmp_path)]) == 0
    pkg = resources.files("storyline").joinpath("data/plover")
    for name in ("cameo_verbs.json", "phoenix_agents.json"):
        assert (tmp_path / name).read_bytes() == pkg.joinpath(name).read_bytes(), name


def test_build_plover_lexicon_missing_resources_is_a_one_line_error(tmp_path, capsys):
    assert _tool().main(["--resources", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "CAMEO.2.0.txt is missing" in err and "\n" not in err


def test_build_plover_lexicon_patterns_parse():
    tool = _tool()
    pat = tool.parse_pattern("* (TO {BANNED PARTIES}) $", {})
    assert pat["obj"] == ["parties", "party"] and pat["prep"] == ["to"] and pat["needs"] == ["banned"]
    pat = tool.parse_pattern("* STATE (OF EMERGENCY)", {})   # the object's of-phrase names it
    assert pat["obj"] == ["emergency"] and pat["needs"] == ["state"] and "prep" not in pat
    assert tool.parse_pattern("* OFF &WEAPON", {"&WEAPON": ["bomb"]}) == {"obj": ["bomb"], "prt": ["off"]}
    assert tool.parse_pattern("* (TO)", {}) == {"prep": ["to"], "actor_obj": True}
    assert tool.plover("0231", {"103": ("REQUEST", "assist"), "10": ("REQUEST", None)}) == ("REQUEST", "assist")
    assert tool.plover("010", {"01": ("X", None)}) is None   # CAMEO 01 (statements) is dropped
