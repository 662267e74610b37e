"""The indexed attribute rules give the same tags, POS, lemmas, morphology and labels as spaCy's ruler."""
from __future__ import annotations

import pytest
import spacy

from storyline.understand.attribute_rules import compile_rules
from storyline.understand.nlp import MODEL_NAME
from tests.declared_model import MISSING

TEXTS = [
    "I ain't gonna sign it, y'all. You don't know nothin' about the deal, she said.",
    "But the minister said no. Is it 'cause they're here? We've got 'em, he'd have said.",
    "The ministry's spokesman, who declined to be named, said the talks would resume on Monday.\n\n"
    "Officials   had   not  responded  by  late  evening.",
    "Whether or not the council approves, the plan's backers will push on; it isn't over till it's over.",
    "“We won't share information,” the envoy warned, adding that the firm's equipment was 'a risk'.",
    "A   \n  B.  Those who've read it say it's the U.S.-led coalition's weakest point since 2019.",
]


@pytest.fixture(scope="module")
def plain():
    try:
        return spacy.load(MODEL_NAME)
    except OSError:
        pytest.fail(MISSING, pytrace=False)


def attrs(doc):
    return [(t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i) for t in doc]


def test_indexed_rules_match_the_ruler_token_for_token(plain):
    fast = compile_rules(plain.get_pipe("attribute_ruler"))
    assert fast is not None
    ruler = plain.get_pipe("attribute_ruler")
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        before = list(plain.pipe(TEXTS))
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        before_fast = list(plain.pipe(TEXTS))
    lemmatizer = plain.get_pipe("lemmatizer")
    for a, b in zip(before, before_fast):
        assert attrs(lemmatizer(ruler(a))) == attrs(lemmatizer(fast(b)))


def test_shared_pipeline_uses_the_indexed_rules(nlp):
    assert "storyline_attribute_rules" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    doc = nlp("They ain't gonna win.")
    assert [t.lemma_ for t in doc][:4] == ["they", "be", "not", "go"]


def test_a_pattern_it_cannot_index_leaves_the_ruler_alone(plain):
    other = spacy.blank("en")
    ruler = other.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    assert compile_rules(ruler) is None
