import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from followserver import FollowServer  # noqa: E402


@pytest.fixture
def server():
    s = FollowServer()
    yield s
    s.close()
