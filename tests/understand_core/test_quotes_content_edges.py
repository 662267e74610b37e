"""Where a quote's or a reported attribution's content ends and begins: trailing relative clauses, 'according to'
mid-sentence, signatures glued to the closing mark, quotes running over paragraphs, titles in marks."""
from storyline.understand.quotes import _is_title
from tests.understand_core.attribution_helpers import attributions, src


def test_quotes_content_ends_before_a_trailing_relative_clause(nlp):
    text = "The senator has acknowledged the reality of climate change, which makes him an outlier in his party."
    got = [text[a.start:a.end] for a in attributions(nlp, text)]
    assert "the reality of climate change" in got, got
    assert not any("outlier" in c for c in got), got


def test_quotes_according_to_in_mid_sentence_takes_the_clause_around_it(nlp):
    text = "Fundraising, according to the campaign, has surged in the same period."
    atts = [a for a in attributions(nlp, text) if a.cue == "according to"]
    contents = {text[a.start:a.end] for a in atts}
    assert contents == {"Fundraising", "has surged in the same period"}, contents
    assert {src(text, a) for a in atts} == {"the campaign"}
    assert len({a.cue_start for a in atts}) == 1   # one attribution with a discontinuous content


def test_quotes_signature_glued_to_the_closing_mark(nlp):
    text = ("\u201cTrump must stop portraying Latinos as dangerous gangsters.\u201d\u2015 Carla Sanchez.\n\n"
            "\u201cHe is ignorant of our culture and our lives.\u201d\u2015 Pamela Padilla\n")
    got = [(text[a.start:a.end][:12], src(text, a)) for a in attributions(nlp, text)]
    assert ("Trump must s", "Carla Sanchez") in got, got
    assert ("He is ignora", "Pamela Padilla") in got, got


def test_quotes_title_in_marks_is_not_a_quote():
    assert _is_title("Lost Tycoon: The Many Lives of Donald J. Trump")
    assert _is_title("Hawaii Five-0")
    assert not _is_title("We will win this state.")
    assert not _is_title("we are going to win")


def test_quotes_quote_running_over_paragraphs_is_one_attribution(nlp):
    text = ("Jane Roe, the mayor, said: \"We will fix the roads this year and the bridges next year.\n\n"
            "\"Nobody will wait for a repair longer than a month.\"\n")
    atts = [a for a in attributions(nlp, text) if a.kind == "direct"]
    assert len(atts) == 2 and atts[0].cue_start is not None, atts
    assert atts[0].cue_start == atts[1].cue_start, atts
