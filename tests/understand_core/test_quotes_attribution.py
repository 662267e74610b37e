"""Attribution: learned cue frames, relative-pronoun sources, signatures, transcript tags, '' marks."""
from storyline.understand.quotes import find_quotes, frame_table, quote_segments  # noqa: F401
from tests.understand_core.attribution_helpers import art  # noqa: F401
from tests.understand_core.attribution_helpers import attributions_and_quotes as attributions


def test_quotes_frame_table_is_learned_and_shipped():
    table = frame_table()
    hits, total = table[("say/V", "ccomp")]
    assert 0 < hits <= total
    assert ("criticize/V", "dobj+for") in table


def test_quotes_verb_object_attribution_criticized_for(nlp):
    text = "The mayor criticized the council for the budget cuts at a meeting."
    atts, _ = attributions(nlp, text)
    got = [(text[a.start:a.end], a.speaker) for a in atts]
    assert any(c.startswith("the council for the budget cuts") and s == "The mayor" for c, s in got), got


def test_quotes_verb_preposition_attribution_called_for(nlp):
    text = "The union called for a new vote on the contract."
    atts, _ = attributions(nlp, text)
    got = [(text[a.start:a.end], a.speaker, a.cue) for a in atts]
    assert ("a new vote on the contract", "The union", "called") in got, got


def test_quotes_relative_pronoun_source_stands_for_its_antecedent(nlp):
    text = "The plan was opposed by Jane Doe, who said the costs would double within a year."
    atts, quotes = attributions(nlp, text)
    rep = [a for a in atts if text[a.start:a.end] == "the costs would double within a year"]
    assert rep, [(text[a.start:a.end], a.speaker) for a in atts]
    assert text[rep[0].source_start:rep[0].source_end] == "who"     # the source as written (PolNeAR's span)
    assert rep[0].speaker == "Jane Doe"                               # the speaker it stands for
    assert any(q.speaker == "Jane Doe" and q.text == "the costs would double within a year" for q in quotes)


def test_quotes_dash_signature_after_quote(nlp):
    text = "\u201cWe will rebuild the town, whatever it takes.\u201d \u2015\u00a0Jane Roe.\n\nOther news followed."
    _, quotes = attributions(nlp, text)
    assert [(q.text, q.speaker) for q in quotes if q.kind == "direct"] == [
        ("We will rebuild the town, whatever it takes.", "Jane Roe")]


def test_quotes_transcript_tag_inside_marks(nlp):
    text = 'Partial transcript:\n\n"SMITH: We are ready to vote today, and we will.\n\n"JONES: Not so fast.'
    _, quotes = attributions(nlp, text)
    got = {(q.speaker, q.text) for q in quotes}
    assert ("SMITH", "We are ready to vote today, and we will.") in got, got
    assert ("JONES", "Not so fast.") in got, got


def test_quotes_two_apostrophes_are_a_quote_mark(nlp):
    text = "''The deal is done and the money is gone,'' John Roe said on Tuesday."
    segs = quote_segments(text)
    assert [text[s.start:s.end] for s in segs] == ["The deal is done and the money is gone"]
    _, quotes = attributions(nlp, text)
    assert [(q.text, q.speaker) for q in quotes if q.kind == "direct"] == [
        ("The deal is done and the money is gone", "John Roe")]


def test_quotes_split_quote_records_share_their_cue(nlp):
    text = '"The bridge is safe," she said on Monday. "We checked every bolt twice."'
    atts, _ = attributions(nlp, text)
    direct = [a for a in atts if a.kind == "direct"]
    assert len(direct) == 2
    assert direct[0].cue_start is not None and direct[0].cue_start == direct[1].cue_start
    assert text[direct[0].cue_start:direct[0].cue_end] == "said"


def test_quotes_long_apposition_before_the_cue(nlp):
    text = ('"Taxes will rise next year," Jane Doe, the director of the Center for Budget Studies at a large '
            'public university in the capital city of the state, said on Monday.')
    _, quotes = attributions(nlp, text)
    assert [(q.text, q.speaker) for q in quotes if q.kind == "direct"] == [("Taxes will rise next year", "Jane Doe")]


def test_quotes_follow_up_quote_inherits_reported_source(nlp):
    text = ('The cuts are "not nearly enough," says Jane Roe, the head of a local charity. '
            '"We need a real plan for the winter months."')
    _, quotes = attributions(nlp, text)
    follow = [q for q in quotes if q.text == "We need a real plan for the winter months."]
    assert follow and follow[0].speaker == "Jane Roe", [(q.text, q.speaker) for q in quotes]
