from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from partners.models import PartnerPlatform, Scope
from partners.services import api_key_create, project_share
from tests.factories import CompanyFactory, lead_project


@dataclass
class Partners:
    a: PartnerPlatform
    b: PartnerPlatform
    key_a: str
    key_b: str
    key_no_scope: str
    shared_with_a: object
    referred_by_a: object
    shared_with_b: object
    private: object


@pytest.fixture
def partners(world) -> Partners:
    sma = CompanyFactory(name_en="Shanghai Medical Association", name_zh="上海市医学会", kind="association")
    a = PartnerPlatform.objects.create(name="SMA service platform", organization=sma)
    b = PartnerPlatform.objects.create(name="Tongji tech transfer office")
    shared_with_a = lead_project(owner=world.owner, title="Shared with A")
    referred_by_a = lead_project(owner=world.owner, title="Referred by A", referrer=sma)
    shared_with_b = lead_project(owner=world.owner, title="Shared with B")
    private = lead_project(owner=world.owner, title="Private")
    project_share(project=shared_with_a, partner=a, actor=None)
    project_share(project=shared_with_b, partner=b, actor=None)
    return Partners(
        a=a,
        b=b,
        key_a=api_key_create(partner=a, scopes=[Scope.READ_PROJECTS])[1],
        key_b=api_key_create(partner=b, scopes=[Scope.READ_PROJECTS])[1],
        key_no_scope=api_key_create(partner=a, scopes=[Scope.SUBMIT_LEADS])[1],
        shared_with_a=shared_with_a,
        referred_by_a=referred_by_a,
        shared_with_b=shared_with_b,
        private=private,
    )


@pytest.fixture
def api():
    """An API client as someone: a user (session) or a partner key."""

    def client(who=None, *, key: str | None = None, language: str | None = None) -> APIClient:
        result = APIClient()
        if who is not None:
            result.force_authenticate(who)
        if key is not None:
            result.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        if language:
            result.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        return result

    return client


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (reminder e-mails) as a real commit would, with Celery eager."""
    from cluster_crm.celery import app

    def run(func, *args, **kwargs):
        app.conf.task_always_eager = True
        try:
            with django_capture_on_commit_callbacks(execute=True):
                return func(*args, **kwargs)
        finally:
            app.conf.task_always_eager = False

    return run
