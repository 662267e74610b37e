import pytest

from tests.follow.followserver import FollowServer


@pytest.fixture
def server():
    s = FollowServer()
    yield s
    s.close()
