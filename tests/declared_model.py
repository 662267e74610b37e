"""The spaCy model is a declared dependency (pyproject.toml): a test that needs it fails, never skips, without it."""
from __future__ import annotations

import pytest

from storyline.understand.nlp import MODEL_NAME, get_nlp, is_fallback

MISSING = (f"the spaCy model {MODEL_NAME} is a declared dependency (pyproject.toml) and is not installed here: "
           f"pip install -e '.[test]' installs it")


def declared_nlp():
    """The shared pipeline with the declared model; fails the calling test when only the fallback loaded."""
    nlp = get_nlp()
    if is_fallback(nlp):
        pytest.fail(MISSING, pytrace=False)
    return nlp
