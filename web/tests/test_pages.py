"""Every staff page: who may open it, what it shows, and that its query count does not grow."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.choices import Stage
from projects.models import AnnualTarget, InvestmentProject
from reminders.calendar import WorkingDays
from reminders.models import Notification, ReminderKind
from tests.factories import (
    EvaluationFactory,
    EventFactory,
    FollowUpFactory,
    InteractionFactory,
    PresentationFactory,
    SigningFactory,
    UserFactory,
    lead_project,
    signed_project,
)


def page_urls(world):
    project = lead_project(owner=world.owner)
    event = EventFactory()
    return [
        reverse("web:home"),
        reverse("web:board"),
        reverse("web:project_list"),
        reverse("web:project", args=[project.pk]),
        reverse("web:company", args=[project.company_id]),
        reverse("web:event_list"),
        reverse("web:event", args=[event.pk]),
        reverse("web:search") + "?q=R%26D",
        reverse("web:notifications"),
        reverse("web:settings"),
        reverse("exports:export", args=["projects", "csv"]),
        reverse("exports:export", args=["projects", "xlsx"]),
    ]


def test_every_page_opens_for_every_role_and_no_one_else(world, as_user, client):
    urls = page_urls(world)
    for person in (world.owner, world.manager, world.leader, world.admin):
        for url in urls:
            assert as_user(person).get(url).status_code == 200, (person, url)
    nobody = UserFactory(username="visitor")  # signed in, but no role in the park
    for url in urls:
        assert as_user(nobody).get(url).status_code == 403, url
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("web:login")), url


def test_log_in_and_out(world, client):
    world.owner.set_password("pw-123456")
    world.owner.save()
    wrong = client.post(reverse("web:login"), {"username": "owner", "password": "nope"})
    assert wrong.status_code == 200
    assert b'value="owner"' in wrong.content
    response = client.post(reverse("web:login"), {"username": "owner", "password": "pw-123456"})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert client.post(reverse("web:logout")).status_code == 302


def test_my_day_shows_my_follow_ups_idle_projects_evaluations_and_target(world, as_user):
    today = timezone.localdate()
    mine = lead_project(owner=world.owner, title="Gene therapy pilot plant")
    FollowUpFactory(project=mine, title="Send the lease terms", due_on=today - timedelta(days=2))
    FollowUpFactory(project=mine, title="Call the CFO", due_on=today)
    FollowUpFactory(project=mine, title="Later thing", due_on=today + timedelta(days=5))
    FollowUpFactory(project=lead_project(owner=world.colleague), title="Not mine", due_on=today)
    AnnualTarget.objects.create(year=today.year, signed_cny=10**10, landed_cny=5 * 10**9)
    quiet = lead_project(owner=world.owner, title="Quiet organoid lab")
    InvestmentProject.objects.filter(pk=quiet.pk).update(last_activity_at=timezone.now() - timedelta(days=60))
    visit_day = WorkingDays().next_working_day(today + timedelta(days=1))
    visited = lead_project(owner=world.owner, title="Vaccine pilot plant")
    EvaluationFactory(
        project=visited, scheduled_at=datetime.combine(visit_day, time(10), tzinfo=timezone.get_current_timezone())
    )
    EvaluationFactory(project=visited, scheduled_at=timezone.now() + timedelta(days=20))  # not tomorrow
    SigningFactory(project=mine, signed_on=today, committed_amount=Decimal("2000000000"))
    response = as_user(world.owner).get(reverse("web:home"))
    page = response.content.decode()
    assert "Send the lease terms" in page
    assert "Call the CFO" in page
    assert "Later thing" not in page
    assert "Not mine" not in page
    assert "overdue" in page
    assert [p.title for p in response.context["idle_projects"]] == ["Quiet organoid lab"]
    assert [e.project_id for e in response.context["evaluations"]] == [visited.pk]
    progress = response.context["progress"]
    assert (progress["signed"], progress["signed_target"]) == (Decimal("2000000000"), Decimal(10**10))
    assert "against target" in page


def test_notifications_are_marked_read_one_by_one_or_all(world, as_user):
    for index in range(3):
        Notification.objects.create(recipient=world.owner, kind=ReminderKind.IDLE, title=f"Quiet {index}")
    Notification.objects.create(recipient=world.colleague, kind=ReminderKind.IDLE, title="Someone else's")
    client = as_user(world.owner)
    assert client.get(reverse("web:home")).context["unread_count"] == 3
    client.post(reverse("web:notifications_read"))
    assert not Notification.objects.filter(recipient=world.owner, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=world.colleague, read_at__isnull=True).count() == 1


PAGES = ["web:home", "web:board", "web:project_list", "web:project", "web:company", "web:event", "web:search",
         "web:notifications", "web:event_list", "exports:projects.csv", "exports:projects.xlsx",
         "exports:companies.xlsx", "exports:interactions.csv", "exports:follow-ups.xlsx", "calendar"]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_query_counts_do_not_grow_with_the_rows_shown(world, as_user, client, page):
    from web.models import CalendarFeed

    browser = as_user(world.owner)
    event = EventFactory()
    first = lead_project(owner=world.owner, title="R&D hub")

    def add_rows(copies):
        for _ in range(copies):
            project = signed_project(owner=world.owner, company=first.company, title="R&D lab")
            PresentationFactory(project=project, event=event)
            InteractionFactory(project=first)
            FollowUpFactory(project=first, due_on=timezone.localdate())
            FollowUpFactory(project=project, due_on=timezone.localdate() - timedelta(days=1))
            EvaluationFactory(project=first).evaluators.add(world.owner)
            Notification.objects.create(recipient=world.owner, kind=ReminderKind.IDLE, project=project, title="Quiet")

    if page == "calendar":
        url, browser = reverse("web:calendar_feed", args=[CalendarFeed.objects.create(user=world.owner).token]), client
    elif page.startswith("exports:"):
        kind, extension = page.removeprefix("exports:").split(".")
        url = reverse("exports:export", args=[kind, extension])
    else:
        args = {"web:project": [first.pk], "web:company": [first.company_id], "web:event": [event.pk]}.get(page, [])
        url = reverse(page, args=args) + ("?q=R%26D" if page == "web:search" else "")

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(url)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
        return len(queries)

    add_rows(1)
    count()  # session and caches warm
    small = count()
    add_rows(3)
    assert count() == small


def test_board_columns_cards_and_their_follow_up_state(world, as_user):
    today = timezone.localdate()
    overdue = lead_project(owner=world.owner, title="Overdue card")
    FollowUpFactory(project=overdue, due_on=today - timedelta(days=1))
    due_today = lead_project(owner=world.owner, title="Today card")
    FollowUpFactory(project=due_today, due_on=today)
    lead_project(owner=world.owner, title="Nothing planned card")
    later = lead_project(owner=world.owner, title="Later card")
    FollowUpFactory(project=later, due_on=today + timedelta(days=9))
    response = as_user(world.owner).get(reverse("web:board"))
    cards = [card for column in response.context["columns"] if column["stage"] == Stage.LEAD
             for card in column["cards"]]  # fmt: skip
    assert [card.title for card in cards] == ["Overdue card", "Today card", "Nothing planned card", "Later card"]
    assert [card.follow_up_state for card in cards] == ["overdue", "today", "none", "later"]
    assert all(card.movable for card in cards)
    # Leadership sees the same cards and may move none of them; the page offers no move.
    leader_page = as_user(world.leader).get(reverse("web:board"))
    assert b"data-move-url" not in leader_page.content
    # Filters: another owner's board is empty here.
    filtered = as_user(world.owner).get(reverse("web:board"), {"owner": world.colleague.pk, "sector": "nonsense"})
    assert sum(column["count"] for column in filtered.context["columns"]) == 0


def test_project_list_filters_sorts_pages_and_exports_the_same_rows(world, as_user):
    for index in range(3):
        lead_project(owner=world.owner, title=f"Biologics plant {index}", planned_investment=10**8 * (index + 1))
    lead_project(owner=world.owner, title="Vaccine centre")
    client = as_user(world.owner)
    page = client.get(reverse("web:project_list"), {"q": "Biologics", "sort": "amount"})
    assert [p.title for p in page.context["projects"]] == [
        "Biologics plant 2",
        "Biologics plant 1",
        "Biologics plant 0",
    ]
    bad = client.get(reverse("web:project_list"), {"planned_investment_min": "lots"})
    assert bad.status_code == 200
    assert b"Enter a number" in bad.content
    export = client.get(reverse("exports:export", args=["projects", "csv"]), {"q": "Biologics"})
    body = b"".join(export.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff项目编号 / Project code,企业 / Company,")
    assert body.count("Biologics plant") == 3
    assert "Vaccine" not in body
    chinese = as_user(world.owner, language="zh-hans")
    world.owner.language = "zh-hans"
    world.owner.save()
    body_zh = b"".join(chinese.get(reverse("exports:export", args=["projects", "csv"])).streaming_content).decode()
    assert ",线索," in body_zh  # values in the reader's language (the importer reads both)


def test_the_next_follow_up_date_the_board_orders_by_stays_true(world, as_user):
    from projects import services

    today = timezone.localdate()
    project = lead_project(owner=world.owner)
    assert project.next_follow_up_on is None
    later = FollowUpFactory(project=project, due_on=today + timedelta(days=9))
    sooner = FollowUpFactory(project=project, due_on=today + timedelta(days=2))
    project.refresh_from_db()
    assert project.next_follow_up_on == today + timedelta(days=2)
    services.follow_up_snooze(follow_up=sooner, until=today + timedelta(days=20), reason="Board meets", actor=None)
    project.refresh_from_db()
    assert project.next_follow_up_on == today + timedelta(days=9)  # the snoozed one now waits longer
    services.follow_up_complete(follow_up=later, actor=None)
    project.refresh_from_db()
    assert project.next_follow_up_on == today + timedelta(days=20)
    sooner.delete()
    project.refresh_from_db()
    assert project.next_follow_up_on is None


def test_search_finds_companies_contacts_and_projects_by_either_name_code_or_credit_code(world, as_user):
    from django.db import connection

    from tests.factories import CompanyFactory, ContactFactory

    company = CompanyFactory(
        name_zh="上海微创医疗机器人有限公司", name_en="MicroPort MedBot", credit_code="91310000MA1FL0001R"
    )
    project = lead_project(owner=world.owner, company=company, title="Surgical robot production base")
    ContactFactory(company=company, name="何超", email="he.chao@medbot.example")
    lead_project(owner=world.owner, title="Unrelated")
    client = as_user(world.owner)
    for query in ("微创医疗", "medbot", project.code.lower(), "91310000MA1FL0001R", "robot production"):
        page = client.get(reverse("web:search"), {"q": query}).context
        assert [p.pk for p in page["projects"]] == [project.pk], query
    assert [c.pk for c in client.get(reverse("web:search"), {"q": "MEDBOT"}).context["companies"]] == [company.pk]
    assert len(client.get(reverse("web:search"), {"q": "he.chao"}).context["contacts"]) == 1
    listed = client.get(reverse("web:project_list"), {"q": "微创"}).context["projects"]
    assert [p.pk for p in listed] == [project.pk]
    if connection.vendor == "postgresql":  # the trigram indexes that keep this fast at 100,000 projects
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
            assert {row[0] for row in cursor.fetchall()} >= {"company_name_zh_trgm", "project_title_trgm"}


def test_company_page_shows_its_contacts_projects_and_interactions(world, as_user):
    from tests.factories import CompanyFactory, ContactFactory

    company = CompanyFactory(name_zh="上海联影医疗科技股份有限公司", name_en="United Imaging")
    project = lead_project(owner=world.owner, company=company, title="MRI coil production")
    ContactFactory(company=company, name="Zhang Wei", phone="+86 21 6000 0000")
    InteractionFactory(project=project, summary="Walked the GMP plant")
    lead_project(owner=world.owner, title="Someone else's project")
    page = as_user(world.leader).get(reverse("web:company", args=[company.pk])).content.decode()
    for text in ("United Imaging", "MRI coil production", "Zhang Wei", "tel:+86 21 6000 0000", "Walked the GMP plant"):
        assert text in page
    assert "Someone else's project" not in page


def test_the_project_list_pages_through_fifty_at_a_time(world, as_user):
    for index in range(53):
        lead_project(owner=world.owner, title=f"Project {index:02d}")
    client = as_user(world.owner)
    first = client.get(reverse("web:project_list"), {"sort": "newest"})
    second = client.get(reverse("web:project_list"), {"sort": "newest", "page": 2})
    assert len(first.context["projects"]) == 50
    assert len(second.context["projects"]) == 3
    titles = {p.title for p in first.context["projects"]} | {p.title for p in second.context["projects"]}
    assert len(titles) == 53
    assert "page=2" in first.content.decode()
    assert client.get(reverse("web:project_list"), {"page": 999}).status_code == 200  # the last page, not an error


@pytest.mark.parametrize(
    "url_name", ["web:home", "web:board", "web:project_list", "reports:funnel", "reports:money", "reports:velocity",
                 "reports:sources", "reports:people", "spreadsheets:import"],
)  # fmt: skip
def test_pages_load_nothing_from_another_site(world, as_user, url_name):
    """Offices and test machines may have no internet: every script, style and chart is served here."""
    import re

    lead_project(owner=world.owner)
    page = as_user(world.manager).get(reverse(url_name)).content.decode()
    assert re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', page) == []
    assert "/static/" in page
    if url_name == "reports:funnel":
        assert "funnel-step" in page
    if url_name == "reports:money":
        assert page.count("<svg") >= 2  # the quarter and year lines, drawn here
