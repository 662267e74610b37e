"""Understand core: sentences, actors, quotes, annotate — on sentences written for these tests."""
from storyline.model import Article, content_hash
from storyline.understand import annotate, annotate_many
from storyline.understand.actors import resolve_actors, strip_org_suffixes
from storyline.understand.nlp import FALLBACK_NOTE, blank_pipeline, sentences
from storyline.understand.quotes import quote_segments


def art(text: str) -> Article:
    return Article(id=content_hash(text)[:16], source="t.txt", text=text, content_hash=content_hash(text))


def test_nlp_sentences_keep_closing_quote_and_abbreviations(nlp):
    text = 'Officials in the U.S. met on Feb. 21 at 3 p.m. "It is over." Mr. Smith left.\n\nA new paragraph'
    got = [s.text for s in sentences(nlp(text))]
    assert got[0] == 'Officials in the U.S. met on Feb. 21 at 3 p.m. "It is over."' or got[:2] == [
        "Officials in the U.S. met on Feb. 21 at 3 p.m.", '"It is over."']
    assert "Mr. Smith left." in got
    assert got[-1] == "A new paragraph"
    for s in sentences(nlp(text)):
        assert text[s.start:s.end] == s.text


def test_nlp_fallback_pipeline_splits_sentences():
    doc = blank_pipeline()("First one here. “Second one.” she said. Third.")
    got = [s.text for s in sentences(doc)]
    assert got == ["First one here.", "“Second one.” she said.", "Third."]


def test_actors_states_from_names_capitals_and_government(nlp):
    text = ("The United States warned Canada on Monday. Washington said the US government would act. "
            "American officials and the Chinese government met in Beijing.")
    a = art(text)
    mentions, actors = resolve_actors(nlp(text), a)
    ids = {m.text: m.actor_id for m in mentions}
    assert ids.get("United States") == "gpe:USA"
    assert ids.get("Washington") == "gpe:USA"
    assert any(m.actor_id == "gpe:USA" and m.text.startswith("US") for m in mentions)
    assert any(m.actor_id == "gpe:CHN" for m in mentions)
    usa = next(x for x in actors if x.id == "gpe:USA")
    assert usa.country == "USA" and usa.sector == "government" and usa.name == "United States"


def test_actors_org_suffix_merge_and_descriptors(nlp):
    text = ("Globex Technologies Co Ltd said on Monday it would appeal. Globex has denied wrongdoing. "
            "The company said the ruling was unfair, and the firm will keep selling phones.")
    mentions, actors = resolve_actors(nlp(text), art(text))
    orgs = [x for x in actors if x.type == "ORG"]
    assert [o.id for o in orgs] == ["org:globex"]
    assert "Globex Technologies Co Ltd" in orgs[0].aliases
    desc = [m for m in mentions if m.label == "DESC"]
    assert desc and all(m.actor_id == "org:globex" for m in desc)


def test_actors_strip_org_suffixes_keeps_real_names():
    assert strip_org_suffixes("Acme Technologies Co Ltd") == "Acme"
    assert strip_org_suffixes("Initech Corp") == "Initech"
    assert strip_org_suffixes("General Electric") == "General Electric"


def test_actors_person_title_gives_country_and_sector_and_surname_links(nlp):
    text = ("British Foreign Secretary Jane Doe on Monday visited Paris. "
            "Doe said the talks went well. Acme founder John Roe disagreed.")
    mentions, actors = resolve_actors(nlp(text), art(text))
    doe = next(x for x in actors if x.id == "person:jane-doe")
    assert doe.country == "GBR" and doe.sector == "government"
    assert sum(1 for m in mentions if m.actor_id == "person:jane-doe") == 2
    roe = next(x for x in actors if x.id == "person:john-roe")
    assert roe.sector == "business"


def test_actors_possessive_ministry_is_the_state(nlp):
    text = "Japan's Foreign Ministry said on Friday it had protested."
    mentions, _ = resolve_actors(nlp(text), art(text))
    m = mentions[0]
    assert m.actor_id == "gpe:JPN" and m.text.startswith("Japan")


def test_quotes_split_by_attribution_are_two_records_same_speaker(nlp):
    text = ('Jane Doe spoke on Monday.\n\n"We will not give up," she said. "The fight goes on."')
    a = annotate(art(text), nlp)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["We will not give up", "The fight goes on."]
    assert {q.speaker_id for q in direct} == {"person:jane-doe"}
    assert direct[0].speaker == "she" and direct[0].speaker_name == "Jane Doe"
    for q in direct:
        assert text[q.start:q.end] == q.text


def test_quotes_attribution_before_with_colon_and_curly_marks(nlp):
    text = "Prime Minister John Roe said: \u201cThe deal is done.\u201d"
    quotes = annotate(art(text), nlp).quotes
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct" and q.text == "The deal is done." and q.speaker_name == "John Roe"


def test_quotes_partial_inside_reported_speech(nlp):
    text = 'A Globex official said the rules should "not be allowed to stand in any market" next year.'
    quotes = annotate(art(text), nlp).quotes
    partial = [q for q in quotes if q.kind == "partial"]
    assert len(partial) == 1
    assert partial[0].text == "not be allowed to stand in any market"
    assert partial[0].speaker == "A Globex official"


def test_quotes_reported_speech_said_that_and_according_to(nlp):
    text = ("Jane Doe said that the factory would close in March. "
            "According to Reuters, the plant employs 500 workers.")
    quotes = annotate(art(text), nlp).quotes
    rep = {q.speaker: q.text for q in quotes if q.kind == "reported"}
    assert rep.get("Jane Doe") == "the factory would close in March"
    assert rep.get("Reuters") == "the plant employs 500 workers"


def test_quotes_scare_quotes_are_not_quotes(nlp):
    text = 'The firm called it a "national security" issue in its filing.'
    assert [q for q in annotate(art(text), nlp).quotes if q.kind == "direct"] == []


def test_quotes_segments_span_paragraphs():
    text = '"First part goes on\n\n"and ends here," he said.'
    segs = quote_segments(text)
    assert [text[s.start:s.end] for s in segs] == ["First part goes on", "and ends here"]


def test_annotate_many_equals_annotate(nlp):
    arts = [art("Jane Doe said the US would act."), art('"Fine," John Roe said.')]
    assert list(annotate_many(arts, nlp)) == [annotate(a, nlp) for a in arts]


def test_annotate_fallback_notes_missing_model():
    a = annotate(art('"We will win," Jane said. It rained.'), blank_pipeline())
    assert FALLBACK_NOTE in a.notes
    assert len(a.sentences) == 2


def test_annotate_many_forgets_the_words_it_learned(nlp):
    """A worker's vocabulary does not grow with the corpus: the batch's new words are dropped after it."""
    text = ("Zorblaxian Quuxifer of Vendrith Brafton said the Plemsworth accord was dead. "
            '"We will not sign the Trevalian protocol," Quuxifer told the Blorvish council.')
    before = len(nlp.vocab.strings)
    first = list(annotate_many([art(text)], nlp))
    assert len(nlp.vocab.strings) == before
    assert "Quuxifer" not in nlp.vocab.strings
    assert first[0].quotes and first[0].mentions                # the records were made inside the zone
    assert first == [annotate(art(text), nlp)]                   # and equal what a plain call gives


def test_annotate_many_in_the_fallback_pipeline():
    nlp = blank_pipeline()
    before = len(nlp.vocab.strings)
    got = list(annotate_many([art('"We will win," Jane said. It rained.')], nlp))
    assert FALLBACK_NOTE in got[0].notes and len(nlp.vocab.strings) == before
