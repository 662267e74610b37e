"""'I', 'me', 'my' inside a quotation are the person the sentence says spoke it (understand/actors/quoted.py)."""
from __future__ import annotations

from storyline.model import Article, content_hash
from storyline.understand import annotate_doc


def _pronouns(nlp, text):
    art = Article(id="q1", source="t", text=text, content_hash=content_hash(text))
    an = annotate_doc(nlp(text), art, nlp)
    return [(m.start, m.text, m.actor_id) for m in an.mentions if m.label == "PRON" and m.sentence >= 0]


def test_first_person_pronouns_of_a_quotation_are_its_speaker_and_a_quotation_that_goes_on_keeps_it(act_nlp):
    got = _pronouns(act_nlp, '"I did not do it," John Doe told reporters. "My lawyer will explain." Jane Roe '
                             'said: "I believe him." Later Tom Poe arrived. "I am here."')
    firsts = [(t, a) for _, t, a in got if t in {"I", "My"}]
    assert firsts[:3] == [("I", "person:john-doe"), ("My", "person:john-doe"), ("I", "person:jane-roe")]
    # someone else named before a quotation with no verb of saying: no speaker
    assert len(firsts) == 3


def test_typewriter_quotes_and_a_pronoun_speaker(act_nlp):
    text = ("Jane Roe entered rehab on Tuesday.\n`` My picture is taken only when I have a cup in my hand, '' she "
            "told a magazine.")
    got = [(t, a) for _, t, a in _pronouns(act_nlp, text)]
    assert ("My", "person:jane-roe") in got and ("I", "person:jane-roe") in got
