"""A multi-word trigger names its act by its verbs (storyline.link.triggers, storyline.link.merge): "facing charges"
and "charged", "dropped bombs" and "bombed" are one act told two ways; different acts told with those words stay
apart. Invented sentences in general English; each article reports one event."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline.link.triggers import cameo_verbs, trigger_lemmas
from tests.link.test_link_merge_identity import _ann, _groups


def test_trigger_lemmas_are_the_head_and_the_other_verbs():
    assert trigger_lemmas("facing charges") == {"face", "charge"}
    assert trigger_lemmas("dropped bombs") == {"drop", "bomb"}
    assert trigger_lemmas("fired shot") == {"fire", "shoot"}
    assert trigger_lemmas("checked into") == {"check"}        # a particle is not the act
    assert trigger_lemmas("said") == frozenset()                # verbs of saying never count
    assert trigger_lemmas("set alight") == frozenset()          # nor light verbs, nor words that are not verbs
    assert trigger_lemmas(None) == frozenset()


def test_the_shipped_verb_list_holds_act_verbs_and_no_light_verbs():
    verbs = cameo_verbs()
    assert {"charge", "bomb", "arrest", "shoot", "kill"} <= verbs
    assert not {"say", "make", "take", "go"} & verbs


def test_a_charge_told_with_a_support_verb_is_the_act_told_with_the_verb():
    """One outlet: the driver "is facing charges" (coded as disapproval); another: he "was charged" (a charge).
    Another mode and another head word, but the charge is the same act."""
    anns = [
        _ann("a", "Ellis Ward, the driver who fled the crash, is now facing manslaughter charges.", "facing charges",
             type_="ACCUSE", mode="disapprove", actor="Ellis Ward", actor_id="person:ellis-ward"),
        _ann("b", "Prosecutors said Ward was charged with vehicular homicide late on Monday.", "charged",
             type_="ACCUSE", mode="charge", target="Ward", target_id="person:ellis-ward"),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_bombs_dropped_and_a_bombing_with_other_modes_are_one_raid():
    anns = [
        _ann("a", "Warplanes dropped bombs on the Tarvo camp before dawn on Thursday.", "dropped bombs",
             mode="aerial", actor="Warplanes", target="the Tarvo camp", target_id="fac:tarvo-camp",
             date="2024-05-16"),
        _ann("b", "Aid workers said the air force bombed Tarvo, killing at least a dozen refugees.", "bombed",
             mode="explosives", actor="the air force", target="Tarvo", target_id="fac:tarvo-camp",
             date="2024-05-16"),
    ]
    assert _groups(anns) == [{"a", "b"}]


def test_other_acts_told_with_the_same_words_stay_apart():
    """Bombs dropped on one town and a bombing of another the same day; an arrest and the charge that follows."""
    anns = [
        _ann("a", "Warplanes dropped bombs on Orsk on Thursday.", "dropped bombs", actor="the air force",
             actor_id="org:air-force", target="Orsk", target_id="gpe:orsk", date="2024-05-16"),
        _ann("b", "The air force bombed Velna on Thursday.", "bombed", actor="The air force",
             actor_id="org:air-force", target="Velna", target_id="gpe:velna", date="2024-05-16"),
        _ann("c", "Police arrested Ellis Ward near the scene.", "arrested", type_="COERCE", mode="arrest",
             actor="Police", target="Ellis Ward", target_id="person:ellis-ward"),
        _ann("d", "Ellis Ward is facing manslaughter charges.", "facing charges", type_="ACCUSE",
             mode="disapprove", actor="Ellis Ward", actor_id="person:ellis-ward"),
    ]
    assert _groups(anns) == [{"a"}, {"b"}, {"c"}, {"d"}]


def test_the_shipped_verb_file_is_what_the_tool_builds(tmp_path):
    """tools/build_cameo_verbs.py rebuilds data/link/cameo_verbs.json (verbs, synonyms, outcome verbs) byte for byte
    from ../shared/resources (when there)."""
    repo = Path(__file__).resolve().parents[2]
    resources_dir = repo.parent / "shared" / "resources"
    if not (resources_dir / "petrarch2" / "CAMEO.2.0.txt").is_file():
        pytest.skip("no ../shared/resources")
    import importlib.util
    from importlib import resources
    spec = importlib.util.spec_from_file_location("build_cameo_verbs", repo / "tools" / "build_cameo_verbs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--resources", str(resources_dir), "--out", str(tmp_path)]) == 0
    shipped = resources.files("storyline").joinpath("data/link/cameo_verbs.json").read_text("utf-8")
    assert (tmp_path / "cameo_verbs.json").read_text("utf-8") == shipped
