import pytest

from storyline.understand.nlp import get_nlp


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()
