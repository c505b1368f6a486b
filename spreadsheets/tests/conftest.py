import pytest
from django.test import Client

from api.tests.conftest import api, on_commit, partners  # noqa: F401


@pytest.fixture
def as_user(db):
    """A browser session as someone."""

    def client(user, language: str = "en") -> Client:
        result = Client(HTTP_ACCEPT_LANGUAGE=language)
        result.force_login(user)
        return result

    return client
