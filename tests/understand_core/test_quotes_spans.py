"""Speaker spans take in the whole group that spoke; a piece of a split content that is only a function word
('that') is not a quote of its own."""
from tests.understand_core.attribution_helpers import attributions, attributions_and_quotes, src


def test_quotes_speaker_keeps_the_group_after_a_share_of_it(nlp):
    text = "A number of countries said on Monday that the new rules would slow down their networks."
    atts = [a for a in attributions(nlp, text) if a.cue == "said"]
    assert atts and src(text, atts[0]) == "A number of countries", [src(text, a) for a in atts]


def test_quotes_speaker_keeps_coordinated_noun_phrases(nlp):
    text = "The ministry and the company said on Friday that the contract had been cancelled by mutual consent."
    atts = [a for a in attributions(nlp, text) if a.cue == "said"]
    assert atts and src(text, atts[0]) == "The ministry and the company", [src(text, a) for a in atts]


def test_quotes_a_relative_pronoun_alone_is_not_a_quote(nlp):
    text = ("The regulator has been pressing banks to stop the loans over fears of fraud, a concern that the "
            "industry says is unfounded and overstated.")
    doc = nlp(text)
    says = next(t for t in doc if t.text == "says")
    assert says.head.text == "concern" and any(c.dep_ == "ccomp" for c in says.children), \
        [(t.text, t.dep_, t.head.text) for t in doc]     # the parse this test is about
    _, quotes = attributions_and_quotes(nlp, text)
    texts = [q.text for q in quotes]
    assert "that" not in texts, texts
    assert any(t.startswith("is unfounded") for t in texts), texts


def test_quotes_an_infinitive_of_purpose_stays_in_the_reported_clause(nlp):
    text = ("Government agencies held a meeting last week to discuss proposals for new curbs on exports, "
            "Reuters reported citing anonymous sources.")
    atts = [a for a in attributions(nlp, text) if a.cue == "reported"]
    contents = [text[a.start:a.end] for a in atts]
    assert any(c.startswith("Government agencies held a meeting") and c.endswith("curbs on exports")
               for c in contents), contents
    # and 'discuss', inside what Reuters reported, is not a second attribution of its own
    assert not any(a.cue == "discuss" for a in attributions(nlp, text))
