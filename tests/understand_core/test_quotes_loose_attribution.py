"""Loose attributions after and before a quote (any verb, parser splits, a verb taken for a
noun), dateline sources, 'Asked about …' participles, a second speech verb inside a content, content extents
offered to the cue model, and the cue model itself (learned, shipped)."""
from storyline.understand.quotes import cue_frames, frame_features
from tests.understand_core.attribution_helpers import attributions, src


def test_quotes_any_verb_after_a_comma_quote_is_its_attribution(nlp):
    text = ("\u201cWe will not back down from this fight, not now and not ever,\u201d Oliver barked. "
            "He then left the stage.")
    atts = [a for a in attributions(nlp, text) if a.kind == "direct"]
    assert atts and src(text, atts[0]) == "Oliver" and atts[0].cue == "barked", [(a, src(text, a)) for a in atts]


def test_quotes_attribution_after_a_sentence_split_at_the_mark(nlp):
    text = "''If she thinks she can win this state, she is wrong!'' Mr. Trump wrote on Twitter on Monday."
    atts = [a for a in attributions(nlp, text) if a.kind == "direct"]
    assert atts and "Trump" in (src(text, atts[0]) or ""), [(a, src(text, a)) for a in atts]


def test_quotes_lead_in_comma_after_any_verb_gives_the_speaker(nlp):
    text = "As Jeff Weiner put it in his memo, \u201cWe are building the future of work for everyone.\u201d"
    atts = [a for a in attributions(nlp, text) if a.kind == "direct"]
    assert atts and "Weiner" in (src(text, atts[0]) or ""), [(a, src(text, a)) for a in atts]


def test_quotes_dateline_is_not_the_source(nlp):
    text = ("CLEVELAND, July 19 (UPI) \u2014 Former Attorney General Michael Mukasey told delegates that the "
            "candidate should be disqualified from the race.")
    atts = [a for a in attributions(nlp, text) if a.cue == "told"]
    assert atts and "Mukasey" in (src(text, atts[0]) or ""), [(text[a.start:a.end], src(text, a)) for a in atts]


def test_quotes_asked_participle_has_no_source(nlp):
    text = "Asked about his paid speeches, the campaign said he had not accepted any new speaking fees this year."
    asked = [a for a in attributions(nlp, text) if a.cue == "Asked"]
    assert all(a.source_start is None for a in asked), [(text[a.start:a.end], src(text, a)) for a in asked]


def test_quotes_second_speech_verb_is_not_part_of_the_content(nlp):
    doc = nlp("She said the move was made by the police commissioner and said that she would review it.")
    said = [t for t in doc if t.lower_ == "said"][0]
    for name, toks in cue_frames(said):
        if name.startswith("ccomp"):
            assert "review" not in [t.text for t in toks], (name, [t.text for t in toks])


def test_quotes_frames_come_in_extents_the_model_tells_apart(nlp):
    doc = nlp("The mayor criticized the governor during a debate on Tuesday night.")
    backed = [t for t in doc if t.lower_ == "criticized"][0]
    frames = dict(cue_frames(backed))
    assert "dobj" in frames and any(n.startswith("dobj~r") for n in frames), list(frames)
    ext = next(t for n, t in frames.items() if n.startswith("dobj~r"))
    assert ext[-1].text == "night", [t.text for t in ext]
    feats = frame_features(backed, next(n for n in frames if n.startswith("dobj~r")), ext, None)
    assert "v=r" in feats and any(f.startswith("va=r:prep") for f in feats), feats


def test_quotes_cue_model_is_learned_and_shipped():
    from storyline.understand.quotes import cue_model
    model = cue_model()
    assert "" in model and len(model) > 1000
    assert model.get("l=criticize/V", 0) > 0
