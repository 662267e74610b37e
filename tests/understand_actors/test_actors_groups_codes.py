"""International bodies, NGOs and armed groups get their code from the Phoenix dictionaries (no country for an IGO,
the home country only when the dictionary gives one) and never the article's only country; states match exactly.
Sentences and dictionary lines written here (general English, made-up entries)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from storyline.model import Article
from storyline.understand import actor_dictionary as D
from storyline.understand.actors import resolve_actors
from storyline.understand.events import find_events

REPO = Path(__file__).resolve().parents[2]
RES = REPO.parent / "shared" / "resources" / "petrarch2"


def _tool():
    spec = importlib.util.spec_from_file_location("build_phoenix_actors", REPO / "tools" / "build_phoenix_actors.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(nlp, text, published="2015-05-01"):
    art = Article(id="t", source="t", text=text, content_hash="h", published=published)
    doc = nlp(text)
    mentions, actors = resolve_actors(doc, art)
    return doc, art, mentions, {a.id: a for a in actors}


def actor_named(mentions, actors, text):
    m = next(m for m in mentions if m.text == text and m.actor_id)
    return actors[m.actor_id]


# ------------------------------------------------------------------------------------------ the build tool
def test_one_word_names_of_a_body_whose_code_comes_on_its_own_line(tmp_path):
    f = tmp_path / "intl.txt"
    f.write_text("ZORBA_\n+NORTHERN_ZORBA_TREATY_COUNCIL_\n\t[IGOWST]\n\nACME_WIDGETS_ [MNCUSA]\n", encoding="utf-8")
    out = _tool().parse(f, titled=False)
    assert out["zorba"] == ["IGO WST@@"]                          # the acronym, though its code comes later
    assert out["northern zorba treaty council"] == ["IGO WST@@"]  # a body's own name keeps "council"
    assert out["acme widgets"] == ["MNC USA@@"] and "acme" not in out


def test_armed_groups_keep_their_own_one_word_names_not_plain_english_aliases(tmp_path):
    f = tmp_path / "armed.txt"
    f.write_text("KRALOVA_ [XYZREB]\n+KRALOVAH\n+THUNDER_\n+KRF\n+PEOPLES_REVOLUTIONARY_ARMY\n\n"
                 "FRONT_FOR_ZEMBLA_ [IMGMUS]\n+ZEMBLAN_FRONT\n", encoding="utf-8")
    out = _tool().parse(f, titled=False, armed=True)
    assert out["kralova"] == ["XYZ REB@@"] and out["kralovah"] == ["XYZ REB@@"]   # headword and its spelling
    assert "thunder" not in out and "THUNDER" not in out       # a nickname in plain English stays out
    assert out["KRF"] == ["XYZ REB@@"]                         # a short alias: an acronym, keyed in capitals
    assert out["zemblan front"] == ["IMG MUS@@"]
    assert "peoples revolutionary army" not in out               # a name of generic words may be a state's army


def test_the_countries_file_still_drops_generic_names(tmp_path):
    f = tmp_path / "countries.txt"
    f.write_text("RURITANIA_SECURITY_COUNCIL_ [RUTGOV]\nPRESIDENT_JANE_ROWLEY_ [RUTGOV]\n", encoding="utf-8")
    out = _tool().parse(f, titled=True)
    assert "ruritania security council" not in out and out["jane rowley"] == ["RUT GOV@@"]


@pytest.mark.skipif(not (RES / "Phoenix.International.actors.txt").is_file(), reason="../shared/resources is not here")
def test_the_build_tool_reproduces_the_package_data(tmp_path, capsys):
    tool = _tool()
    tool.OUT, tool.PLACES_OUT = tmp_path / "phoenix.tsv.gz", tmp_path / "phoenix_places.tsv.gz"
    assert tool.main([str(RES)]) == 0
    for name in ("phoenix.tsv.gz", "phoenix_places.tsv.gz"):
        assert (tmp_path / name).read_bytes() == (D.DATA_DIR / name).read_bytes(), name


# ------------------------------------------------------------------------------------------ the shipped data
def test_phoenix_codes_of_bodies_and_groups():
    assert D.phoenix_role("NATO") == (None, "international")
    assert D.phoenix_role("Amit") is None                             # a body's one-word name: in capitals only
    assert D.phoenix_role("Amnesty International") == (None, "civil society")
    assert D.phoenix_role("the UN Security Council") == (None, "international")
    assert D.phoenix_role("Hamas") == ("PSE", "rebels")              # the home country the dictionary gives
    assert D.phoenix_role("Taliban") == ("AFG", "rebels")
    assert D.phoenix_role("Hezbollah") == ("LBN", "rebels")
    assert D.phoenix_role("al-Qaeda") == (None, "rebels")            # IMG MUS: a creed, not Mauritius
    assert D.phoenix_role("FARC") == ("COL", "rebels")               # an acronym written in capitals
    assert D.phoenix_role("hamas") is None                            # a one-word name only as a proper name
    assert D.phoenix_role("Tigers") is None                           # a plural in title case names a team
    assert D.phoenix_role("People's Liberation Army") is None          # China's army, not a Turkish group


# ------------------------------------------------------------------------------------------ the resolver
def test_an_ngo_does_not_inherit_the_articles_only_country(act_nlp):
    _, _, ms, actors = run(act_nlp, "Amnesty International criticised the police in Nairobi for the killings.")
    a = actor_named(ms, actors, "Amnesty International")
    assert (a.country, a.sector) == (None, "civil society")


def test_an_international_body_has_no_country(act_nlp):
    _, _, ms, actors = run(act_nlp, "NATO said its aircraft struck targets near Tripoli on Sunday.")
    assert (actor_named(ms, actors, "NATO").country, actor_named(ms, actors, "NATO").sector) == \
        (None, "international")


def test_an_armed_group_gets_its_home_country_not_the_articles(act_nlp):
    text = "Hamas fired rockets into southern Israel overnight, the Israeli army said."
    doc, art, ms, actors = run(act_nlp, text)
    hamas = actor_named(ms, actors, "Hamas")
    assert (hamas.country, hamas.sector) == ("PSE", "rebels")
    events = find_events(doc, art, ms, list(actors.values()), [])
    assert any(e.actor_id == hamas.id for e in events)


def test_a_group_named_with_its_fighters_gets_the_groups_code(act_nlp):
    _, _, ms, actors = run(act_nlp, "Taliban fighters attacked an American convoy, a US military spokesman said.")
    taliban = next(a for a in actors.values() if a.name.startswith("Taliban"))
    assert (taliban.country, taliban.sector) == ("AFG", "rebels")


def test_a_transnational_group_has_no_country(act_nlp):
    _, _, ms, actors = run(act_nlp, "Al-Qaeda claimed responsibility for the bombing in Baghdad.")
    a = actor_named(ms, actors, "Al-Qaeda")
    assert (a.country, a.sector) == (None, "rebels")


def test_a_team_is_not_an_armed_group(act_nlp):
    _, _, ms, actors = run(act_nlp, "The Tigers beat the Lions 3-1 in Detroit on Saturday.")
    assert all(a.sector != "rebels" for a in actors.values())


def test_state_names_match_exactly():
    assert D.countries().lookup("Sudan") == ("SDN", "name")
    assert D.countries().lookup("South Sudan") == ("SSD", "name")
    assert D.countries().lookup("Sudanese") == ("SDN", "demonym")
    assert D.place_country("Sudan") == "SDN" and D.place_country("South Sudan") == "SSD"


def test_sudan_and_south_sudan_stay_apart_in_one_article(act_nlp):
    _, _, ms, actors = run(act_nlp, "Fighting in South Sudan has displaced thousands, and Sudan closed its border.")
    assert actor_named(ms, actors, "Sudan").country == "SDN"
    assert actor_named(ms, actors, "South Sudan").country == "SSD"


def test_a_transnational_group_keeps_the_country_the_article_places_it_in(act_nlp):
    _, _, ms, actors = run(act_nlp, "Islamic State militants seized the town of Ramadi in Iraq.")
    group = next(a for a in actors.values() if a.name.startswith("Islamic State"))
    assert (group.country, group.sector) == ("IRQ", "rebels")
