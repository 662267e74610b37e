import pytest

from tests.hostile.make_hostile import Manifest, fix_permissions, make_hostile


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Manifest:
    """The hostile corpus (make_hostile.py), written once; its permissions given back at the end."""
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    man = make_hostile(root)
    yield man
    fix_permissions(root)
