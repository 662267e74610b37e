import pytest


@pytest.fixture(scope="session")
def act_nlp():
    from storyline.understand.nlp import get_nlp, is_fallback
    nlp = get_nlp()
    if is_fallback(nlp):
        pytest.skip("spaCy model missing")
    return nlp
