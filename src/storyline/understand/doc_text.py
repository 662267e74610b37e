"""A parsed document's text, built once.

spaCy's ``Doc.text`` joins every token's text on each read (a few milliseconds for a news article); the
understand stage reads it in every component, so the first read is kept in the doc's ``user_data``. A doc's text
never changes once made (retokenizing keeps it), so the kept copy stays true.
"""
from __future__ import annotations

KEY = "storyline.text"


def doc_text(doc) -> str:
    """``doc.text``, joined once per Doc (a Span or anything without ``user_data`` is read as it is)."""
    data = getattr(doc, "user_data", None)
    if not isinstance(data, dict):
        return doc.text
    text = data.get(KEY)
    if text is None:
        text = data[KEY] = doc.text
    return text
