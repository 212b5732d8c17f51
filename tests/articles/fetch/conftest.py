import pytest

from .server import serve


@pytest.fixture
def server():
    with serve() as served:
        yield served
