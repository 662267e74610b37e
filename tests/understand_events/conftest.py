import pytest

from tests.declared_model import declared_nlp


@pytest.fixture(scope="session")
def ev_nlp():
    return declared_nlp()
