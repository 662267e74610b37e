import pytest

from tests.declared_model import declared_nlp


@pytest.fixture(scope="session")
def nlp():
    return declared_nlp()
