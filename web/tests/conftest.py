import pytest
from django.test import Client


@pytest.fixture
def as_user(db):
    """A browser session as someone."""

    def client(user, language: str = "en") -> Client:
        result = Client(HTTP_ACCEPT_LANGUAGE=language)
        result.force_login(user)
        return result

    return client
