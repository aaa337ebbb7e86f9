import os

import pytest
from hypothesis import settings

# Playwright's sync API runs an event loop in the test thread; the ORM calls the browser tests make
# around it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def world(db):
    from tests.world import build_world

    return build_world()


@pytest.fixture
def login(client):
    """Sign a test client in as a user of the world (force_login: the login page has its own tests)."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


# Property tests check what holds, not how fast: a busy CI machine must not fail them on Hypothesis's time limit.
settings.register_profile("sqjz", deadline=None)
settings.load_profile("sqjz")
