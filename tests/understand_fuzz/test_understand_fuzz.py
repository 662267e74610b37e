"""Fuzzing the understand stage: real news sentences with odd tokens put in (names left empty, lone punctuation,
whitespace of every kind, very long tokens) must come back annotated, never raise, with every offset inside the
text. A raise costs the whole page (it is refused: "cannot annotate: IndexError ...").

The quick test runs a fixed grid of sentences x odd tokens (deterministic, default run); the hypothesis test
(slow) draws many more combinations; STORYLINE_FUZZ_EXAMPLES=2000 for a deeper run.
"""
from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import PLOVER_TYPES, Annotated, Article, content_hash
from storyline.understand import annotate, annotate_many

# general English news sentences (written for this test); {x} is where an odd token goes
SENTENCES = [
    "The {x} Ministry of Defence said on Monday it would send troops to the border.",
    "Officials at {x} said the deal was off, according to two people familiar with the talks.",
    "{x} Inc. and the {x} Corporation signed an agreement with the city council on Tuesday.",
    "Reuters{x} reported that the {x}'s Foreign Ministry rejected the proposal.",
    "\u201c{x},\u201d said the {x} Commission, which fined the company last year.",
    "The union accused {x} of breaking the contract and threatened to strike next week.",
    "Police arrested {x} in Lisbon on Friday, the interior ministry said in a statement.",
    "Prime Minister {x} {x} told reporters: \u201cWe will not accept this {x} proposal.\u201d",
    "The {x} Department of Justice sued the firm, alleging it had misled investors.",
    "Protesters marched through {x} on Sunday demanding the release of {x}.",
]
# odd tokens: empty names, lone punctuation, whitespace of every kind, very long tokens, markup-like text
ODD = ["", " ", "\n", "\n\n\n", "\t", "\xa0", "\u3000", "\u2009", "\u200b", "\u2028", "\ufeff", "\u00ad",
       ".", ",", "'s", "\u2019s", "\u201c", "\u201d", '"', "(", ")", "\u2014", "\u2026", "/", "&", "-", "?!",
       "Mr.", "Dr. .", "U.S.", "A" * 3000, "x" * 400 + "Ministry", "https://example.com/" + "a/" * 300,
       "[bold]", "<script>", "@@@", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u56fd", "\U0001f600", "ACME" * 50]


def _article(text: str) -> Article:
    return Article(id=content_hash(text)[:16], source="fuzz.txt", text=text, content_hash=content_hash(text))


def _check(ann: Annotated, text: str) -> None:
    assert isinstance(ann, Annotated)
    n = len(text)
    for s in ann.sentences:
        assert 0 <= s.start <= s.end <= n
    for m in ann.mentions:
        assert 0 <= m.start <= m.end <= n
    for q in ann.quotes:
        assert 0 <= q.start <= q.end <= n and q.kind in ("direct", "partial", "reported")
    for e in ann.events:
        assert e.type in PLOVER_TYPES and e.evidence
        for v in e.evidence:
            assert 0 <= v.start <= v.end <= n
    for t in ann.times:
        assert 0 <= t.start <= t.end <= n


def _texts() -> list[str]:
    out = []
    for sentence, odd in itertools.product(SENTENCES, ODD):
        out.append(sentence.format(x=odd))
    # two odd tokens side by side, in a two-paragraph article
    for a, b in zip(ODD, reversed(ODD)):
        out.append(SENTENCES[0].format(x=a) + "\n\n" + SENTENCES[7].format(x=b + a))
    return out


def test_understand_fuzz_grid_never_raises() -> None:
    """Every sentence with every odd token, one article each and in batches (the path the workers take)."""
    texts = _texts()
    for text in texts:
        _check(annotate(_article(text)), text)
    for text, ann in zip(texts[::7], annotate_many([_article(t) for t in texts[::7]])):
        _check(ann, text)


def test_understand_whitespace_entity_is_annotated() -> None:
    """A "\\n" token tagged as an organisation raised IndexError in actors.py (a WARC record was refused)."""
    text = "The \n Ministry of Defence said on Monday it would act."
    _check(annotate(_article(text)), text)


_odd_token = st.one_of(
    st.sampled_from(ODD),
    st.text(alphabet=st.characters(whitelist_categories=("Zs", "Zl", "Zp", "Cc", "Cf", "Po", "Pd", "Ps", "Pe",
                                                          "Pi", "Pf", "So")), max_size=6),
    st.text(min_size=1, max_size=40),
    st.builds(lambda c, k: c * k, st.sampled_from("aZ.-_'\u00e9"), st.integers(100, 2000)),
)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), _odd_token, _odd_token), min_size=1, max_size=4))
def test_understand_fuzz_drawn_never_raises(parts) -> None:
    text = "\n\n".join(s.replace("{x}", a, 1).replace("{x}", b) for s, a, b in parts)
    _check(annotate(_article(text)), text)
