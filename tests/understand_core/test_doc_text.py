"""The understand stage reads a parsed document's text through ``doc_text`` (joined once per Doc) and finds the
title's people with the entity recogniser alone: both must give what spaCy itself gives."""
from storyline.understand.doc_text import doc_text


def test_doc_text_is_the_docs_text_and_stays_so_after_merging_tokens(nlp):
    doc = nlp("The mayor of New York City spoke on Tuesday.  A second sentence follows.")
    assert doc_text(doc) == doc.text
    with doc.retokenize() as rt:
        rt.merge(doc[3:6])
    assert doc_text(doc) == doc.text
    assert doc_text(doc[0:3]) == "The mayor of"


def test_the_recogniser_alone_finds_what_the_whole_pipeline_finds(nlp):
    tok2vec = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.pipe_names else None
    if tok2vec is not None:
        assert "ner" not in getattr(tok2vec, "listening_components", [])
    for title in ("Jane Doe and John Roe sue the city of Springfield over flood damage",
                  "Former senator Maria Lopez dies at 81 in Santa Fe"):
        alone = nlp.get_pipe("ner")(nlp.make_doc(title))
        assert [(e.text, e.label_) for e in alone.ents] == [(e.text, e.label_) for e in nlp(title).ents]
