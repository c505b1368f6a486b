"""End to end in a real browser: Debian's Chromium driven by Playwright (never a downloaded browser).

`make test` skips these, saying so, where /usr/bin/chromium is missing; `.ci/run` installs Chromium
and sets REQUIRE_BROWSER=1, which turns a missing browser into a failure. Screenshots of every page
visited land in var/screenshots/ to be looked at."""

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.roles import Role
from projects.choices import FollowUpState, Stage
from projects.models import FollowUp, InvestmentProject, Presentation
from tests.factories import (
    EvaluationFactory,
    EventFactory,
    FollowUpFactory,
    TeamFactory,
    UserFactory,
    lead_project,
    roadshow_project,
)

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PASSWORD = "browser-test-pw"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    if not shutil.which(CHROMIUM):
        message = f"Browser tests need Debian's chromium at {CHROMIUM} (apt install chromium)."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(message + " Skipped.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are
    # ordinary synchronous calls between browser steps.
    # Only for these tests: other tests start subprocesses that must not inherit it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def people(transactional_db):
    desk = TeamFactory(name="Cell and gene therapy desk")
    owner = UserFactory(username="li.na", first_name="Na", last_name="Li", team=desk, role=Role.STAFF)
    owner.set_password(PASSWORD)
    owner.save()
    return owner


@pytest.fixture
def open_page(chromium, live_server, people):
    """A logged-in page of the given size (a laptop by default)."""
    contexts = []

    def make(width=1366, height=900, *, mobile=False):
        context = chromium.new_context(viewport={"width": width, "height": height}, is_mobile=mobile,
                                       has_touch=mobile, locale="en-US")  # fmt: skip
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", people.username)
        page.fill("#id_password", PASSWORD)
        page.click("button.primary")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield make
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def column(page, stage: str):
    return page.locator(f'.column[data-stage="{stage}"]')


def test_drag_a_card_refused_by_a_gate_then_accepted(open_page, live_server, people):
    refused = lead_project(owner=people, title="Antimalarial vaccine")
    accepted = roadshow_project(owner=people, title="Allogeneic γδ-T cell therapy")
    EvaluationFactory(project=accepted)
    page = open_page()
    page.goto(f"{live_server.url}/board/")
    shot(page, "board-desktop-en")
    card = page.locator(f'.pcard[data-project="{refused.pk}"]')
    card.drag_to(column(page, "evaluation"))
    message = page.locator("#board-message .refused")
    message.wait_for()
    assert "an on-site evaluation, scheduled or done" in message.inner_text()
    assert column(page, "lead").locator(f'[data-project="{refused.pk}"]').count() == 1
    shot(page, "board-refused")
    page.locator(f'.pcard[data-project="{accepted.pk}"]').drag_to(column(page, "evaluation"))
    column(page, "evaluation").locator(f'[data-project="{accepted.pk}"]').wait_for()
    assert "moved to Evaluation" in page.locator("#board-message .moved").inner_text()
    accepted.refresh_from_db()
    refused.refresh_from_db()
    assert (accepted.stage, refused.stage) == (Stage.EVALUATION, Stage.LEAD)


def test_the_keyboard_moves_a_focused_card(open_page, live_server, people):
    project = roadshow_project(owner=people, title="CDMO + CRO for medical devices")
    EvaluationFactory(project=project)
    page = open_page()
    page.goto(f"{live_server.url}/board/")
    page.locator(f'.pcard[data-project="{project.pk}"]').focus()
    page.keyboard.press("ArrowRight")
    column(page, "evaluation").locator(f'[data-project="{project.pk}"]').wait_for()
    project.refresh_from_db()
    assert project.stage == Stage.EVALUATION


def test_event_mode_adds_three_projects_on_a_phone(open_page, live_server, people):
    event = EventFactory(name="Tongji Healthcare Entrepreneurship and Development Forum")
    page = open_page(390, 844, mobile=True)
    page.goto(f"{live_server.url}/events/{event.pk}/")
    pitches = [
        ("上海某医疗器械CDMO有限公司", "CDMO + CRO for medical devices", "medical_devices"),
        ("GD Kongming", "Allogeneic γδ-T cell therapy", "cgt"),
        ("ClinAI", "AI assistant for clinicians", "ai_digital_health"),
    ]
    for company, title, sector in pitches:
        page.fill("#id_company_name", company)
        page.fill("#id_title", title)
        page.select_option("#id_sector", sector)
        page.fill("#id_pitch_summary", f"{title}: pitch at the forum")
        page.locator(".rating label").nth(3).click()
        page.locator("input[name=interested]").check()
        page.click("text=Add and next")
        page.wait_for_load_state()
        assert f"Added: {title}" in page.locator(".messages").inner_text() or title in page.content()
    shot(page, "event-mode-phone-en")
    assert page.locator(".added li").count() == 3
    assert Presentation.objects.filter(event=event, rating=4, interested=True).count() == 3
    assert set(InvestmentProject.objects.values_list("stage", flat=True)) == {Stage.ROADSHOW}


def test_complete_a_follow_up_from_my_day(open_page, live_server, people):
    follow_up = FollowUpFactory(
        project=lead_project(owner=people, title="Bonded logistics hub"),
        title="Send the lease terms",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    page = open_page()
    shot(page, "my-day-desktop-en")
    row = page.locator(f"#follow-up-{follow_up.pk}")
    row.locator("button", has_text="Done").click()
    page.locator(f"#follow-up-{follow_up.pk}.gone").wait_for()
    assert FollowUp.objects.get(pk=follow_up.pk).state == FollowUpState.DONE


def test_switch_to_chinese_and_the_pages_are_in_chinese(open_page, live_server, people):
    project = roadshow_project(owner=people, title="Clinical translation R&D centre")
    FollowUpFactory(project=project, due_on=timezone.localdate())
    page = open_page()
    page.click("header .lang button")
    page.wait_for_load_state()
    assert "我的今天" in page.inner_text("header")
    assert "我的跟进事项" in page.inner_text("main")
    shot(page, "my-day-desktop-zh")
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    assert "快捷操作" in page.inner_text("main")
    shot(page, "project-desktop-zh")
    page.goto(f"{live_server.url}/board/")
    shot(page, "board-desktop-zh")
    people.refresh_from_db()
    assert people.language == "zh-hans"


def test_the_board_on_a_phone_moves_with_the_menu(open_page, live_server, people):
    project = roadshow_project(owner=people, title="Surgical robot production base")
    EvaluationFactory(project=project)
    lead_project(owner=people, title="Organoid platform")
    page = open_page(390, 844, mobile=True)
    page.goto(f"{live_server.url}/board/")
    shot(page, "board-phone-en")
    card = page.locator(f'.pcard[data-project="{project.pk}"]')
    card.locator("summary", has_text="Move").click()
    card.locator("select[name=to_stage]").select_option("evaluation")
    card.locator("button", has_text="Move").click()
    page.locator("#board-message .moved").wait_for()
    project.refresh_from_db()
    assert project.stage == Stage.EVALUATION
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    shot(page, "project-phone-en")


@pytest.mark.parametrize(("size", "language"), [("desktop", "en"), ("desktop", "zh-hans"), ("phone", "en"),
                                                ("phone", "zh-hans")])  # fmt: skip
def test_the_main_pages_in_both_languages_and_sizes(open_page, live_server, people, size, language):
    event = EventFactory(name="Tongji Healthcare Entrepreneurship and Development Forum")
    project = roadshow_project(owner=people, title="Allogeneic γδ-T cell therapy", source_event=event)
    Presentation.objects.filter(project=project).update(event=event, interested=True, rating=5)
    EvaluationFactory(project=project, scheduled_at=timezone.now() + timedelta(days=1))
    FollowUpFactory(project=project, title="Send the lease terms", due_on=timezone.localdate() - timedelta(days=2))
    FollowUpFactory(project=lead_project(owner=people, title="Bonded trading centre"), due_on=timezone.localdate())
    people.language = language
    people.save(update_fields=["language"])
    page = open_page(1366, 900) if size == "desktop" else open_page(390, 844, mobile=True)
    expected = {"en": ["My day", "Pipeline", "Quick actions", "Event mode"],
                "zh-hans": ["我的今天", "项目看板", "快捷操作", "活动现场模式"]}[language]  # fmt: skip
    tag = "zh" if language == "zh-hans" else "en"
    for path, name, text in [("/", "my-day", expected[0]), ("/board/", "board", expected[1]),
                             (f"/projects/{project.pk}/", "project", expected[2]),
                             (f"/events/{event.pk}/", "event-mode", expected[3])]:  # fmt: skip
        page.goto(f"{live_server.url}{path}")
        assert text in page.inner_text("body"), (path, language)
        shot(page, f"{name}-{size}-{tag}")
