"""The world every test lives in: a team with its manager, an owner, a colleague, an outsider
from another team, read-only leadership and a superuser."""

from dataclasses import dataclass

import pytest

from accounts.models import User
from accounts.roles import Role
from tests.factories import TeamFactory, UserFactory


def pytest_configure(config):
    from django.conf import settings

    # WhiteNoise looks for collected static files; tests serve none but should not warn.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits, idempotency keys and progress from another test (or an earlier run) stay there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@dataclass
class World:
    manager: User
    owner: User
    colleague: User
    outsider: User
    outsiders_manager: User
    leader: User
    admin: User


@pytest.fixture
def world(db) -> World:
    cgt, devices = TeamFactory(name="Cell and gene therapy desk"), TeamFactory(name="Medical devices desk")
    manager = UserFactory(username="manager", team=cgt, role=Role.MANAGER)
    outsiders_manager = UserFactory(username="devices_manager", team=devices, role=Role.MANAGER)
    return World(
        manager=manager,
        owner=UserFactory(username="owner", team=cgt, manager=manager, role=Role.STAFF),
        colleague=UserFactory(username="colleague", team=cgt, manager=manager, role=Role.STAFF),
        outsider=UserFactory(username="outsider", team=devices, manager=outsiders_manager, role=Role.STAFF),
        outsiders_manager=outsiders_manager,
        leader=UserFactory(username="leader", role=Role.LEADERSHIP),
        admin=UserFactory(username="admin", is_staff=True, is_superuser=True),
    )


@pytest.fixture
def as_user(db):
    """A browser session as someone, in a language."""
    from django.test import Client

    def client(user, language: str = "en") -> Client:
        result = Client(HTTP_ACCEPT_LANGUAGE=language)
        result.force_login(user)
        return result

    return client
