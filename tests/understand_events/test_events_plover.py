import pytest

from storyline.model import PLOVER_TYPES, Article
from storyline.understand.events import find_events
from tests.understand_events.coding import run, types


@pytest.mark.parametrize("sentence, want", [
    ("The European Union urged Turkey to reject the proposal.", "REQUEST"),
    ("France lobbied Germany not to sign the deal.", "REQUEST"),
    ("Canada banned imports of Brazilian beef.", "SANCTION"),
    ("The Treasury put limits on the bank's purchases of American bonds.", "SANCTION"),
    ("Moscow denied the allegations.", "REJECT"),
    ("The union took issue with the ministry's report.", "REJECT"),
    ("Norway accused Sweden of violating the treaty.", "ACCUSE"),
    ("Kenya and Ethiopia held talks on the border.", "CONSULT"),
    ("Police arrested the opposition leader in Lagos.", "COERCE"),
    ("Spain allowed the ship to dock.", "AGREE"),
    ("Rebels attacked a convoy near the capital.", "ASSAULT"),
    ("Thousands of workers protested against the pension reform.", "PROTEST"),
    ("Japan provided food aid to Nepal.", "AID"),
    ("The army withdrew its troops from the region.", "RETREAT"),
    ("The ministry praised Chile for its efforts.", "SUPPORT"),
    ("The company promised to sue the agency.", "THREATEN"),
    ("Dock workers stopped work on the first day of a strike over pay.", "PROTEST"),
    ("The government forced the aid agency out of the country.", "SANCTION"),
    ("Norway announced a suspension of trade links with Chile.", "SANCTION"),
    ("Germany halted aid to Uganda.", "SANCTION"),
    ("The union may halt mediation efforts if the ministry does not cooperate.", "THREATEN"),
])
def test_events_dictionary_types(ev_nlp, sentence, want):
    assert want in types(run(ev_nlp, sentence))


@pytest.mark.parametrize("sentence, threat", [
    ("The rebels vowed to retaliate against the army.", True),
    ("Rebel leaders have sworn to fight until they win control of the valley.", True),   # 'to fight' hung as advcl
    ("The minister promised to build new schools.", False),      # a promise of nothing hostile
    ("The governor vowed to support the farmers.", False),        # a promise to cooperate: AGREE
])
def test_events_vow_to_fight_is_a_threat_a_vow_to_build_is_not(ev_nlp, sentence, threat):
    assert ("THREATEN" in types(run(ev_nlp, sentence))) is threat


def test_events_a_promise_to_cooperate_is_agreement(ev_nlp):
    assert "AGREE" in types(run(ev_nlp, "The governor vowed to support the farmers."))
    assert types(run(ev_nlp, "The company promised to sue the agency.")) == ["THREATEN"]


def test_events_no_political_action_no_event(ev_nlp):
    assert run(ev_nlp, "Shares of the carmaker rose 3 percent in morning trade.") == []
    assert "PROTEST" not in types(run(ev_nlp, "The builder stopped work on the bridge after the flood."))
    assert run(ev_nlp, "The carmaker halted production at the plant for a week.") == []
    assert run(ev_nlp, "The weather was mild and the stadium was full.") == []


def test_events_fold_requested_action_is_not_its_own_event(ev_nlp):
    ev = run(ev_nlp, "Britain urged Iran to reject the offer.")
    assert types(ev) == ["REQUEST"]


def test_events_future_negated_cooperation_is_a_threat(ev_nlp):
    ev = run(ev_nlp, "The minister said Australia won't partner with countries that buy the jets.")
    assert "THREATEN" in types(ev)


def test_events_conditional_future_is_a_threat(ev_nlp):
    ev = run(ev_nlp, "Iran will launch a new offensive unless Iraq accepts the conditions.")
    assert types(ev)[0] == "THREATEN"


def test_events_actor_and_target_from_mentions(ev_nlp):
    ev = [e for e in run(ev_nlp, "Norway accused Sweden of violating the treaty.") if e.type == "ACCUSE"][0]
    assert ev.actor == "Norway" and ev.target == "Sweden"
    assert ev.actor_id and ev.target_id and ev.actor_id != ev.target_id


def test_events_passive_agent_is_actor(ev_nlp):
    ev = [e for e in run(ev_nlp, "Sweden was accused by Norway of violating the treaty.") if e.type == "ACCUSE"][0]
    assert ev.actor == "Norway" and ev.target == "Sweden"


def test_events_hedged_and_negated(ev_nlp):
    ev = run(ev_nlp, "Canada reportedly banned the imports, a newspaper reported.")
    assert ev and all(e.hedged for e in ev)
    ev = run(ev_nlp, "Canada did not ban the imports.")
    assert ev and ev[0].negated and not ev[0].hedged


def test_events_date_from_sentence_else_article(ev_nlp):
    ev = run(ev_nlp, "Canada banned the imports last week.", published="2019-05-23")
    assert ev[0].date_range == ("2019-05-13", "2019-05-19") and not ev[0].date_inferred
    ev = run(ev_nlp, "Canada banned the imports.", published="2019-05-23")
    assert ev[0].date == "2019-05-23" and ev[0].date_inferred


def test_events_evidence_offsets_and_id(ev_nlp):
    text = "Markets were calm.\n\nPolice arrested two activists in Minsk."
    ev = run(ev_nlp, text)
    assert len(ev) == 1
    e = ev[0]
    ed = e.evidence[0]
    assert text[ed.start:ed.end] == ed.sentence == "Police arrested two activists in Minsk."
    assert e.type in PLOVER_TYPES and e.mode == "arrest" and e.location == "Minsk"
    assert len(e.id) == 16


def test_events_several_in_one_sentence(ev_nlp):
    ev = run(ev_nlp, "Both governments denied the allegations and condemned the attack on the embassy.")
    assert {"REJECT", "ACCUSE"} <= set(types(ev))


def test_events_blank_pipeline_crude_path():
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = "The United States urged Japan to act. Police arrested three men."
    a = Article(id="a2", source="t", text=text, content_hash="h", published="2020-01-01")
    ev = find_events(nlp(text), a, [], [], [])
    assert {"REQUEST", "COERCE"} <= set(types(ev))
    assert "REJECT" not in types(find_events(nlp("Officials declined to comment."), Article(
        id="a3", source="t", text="Officials declined to comment.", content_hash="h"), [], [], []))
