import pytest

from storyline.model import Annotated
from tests.link.link_corpus import build_corpus


@pytest.fixture(scope="session")
def corpus() -> dict[str, Annotated]:
    """The written corpus (link_corpus.py), annotated once for the session."""
    return build_corpus()
