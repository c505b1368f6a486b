"""`make bench`: how long the heavy paths take at park scale (not a test: numbers to compare)."""

import statistics
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import InvestmentProject
from projects.selectors import pipeline_summary
from reminders.services import run_digest, run_sweep


class Command(BaseCommand):
    help = "Load demo data at scale into the configured database and time the heavy paths."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=100_000)

    def _time(self, label, func, repeat=1):
        best = None
        for _ in range(repeat):
            reset_queries()
            started = time.perf_counter()
            func()
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        self.stdout.write(f"{label:<48} {best * 1000:>10.1f} ms")

    def handle(self, *args, scale: int, **options):
        vendor = connection.vendor
        before = InvestmentProject.objects.count()
        started = time.perf_counter()
        call_command("load_demo", scale=scale, force=True, stdout=self.stdout)
        self.stdout.write(
            f"load_demo --scale {scale} on {vendor}: {time.perf_counter() - started:.1f} s "
            f"({before} → {InvestmentProject.objects.count()} projects)"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as a running database has them
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(User.objects.get(username="admin"))
        project = InvestmentProject.objects.order_by("-pk").first()
        self._time("pipeline summary (all projects)", lambda: pipeline_summary(), repeat=3)
        self._time(
            "admin: project list, first page",
            lambda: client.get(reverse("admin:projects_investmentproject_changelist")),
            repeat=3,
        )
        self._time(
            "admin: project list, filtered by stage",
            lambda: client.get(reverse("admin:projects_investmentproject_changelist") + "?stage__exact=signed"),
            repeat=3,
        )
        self._time(
            "admin: project search by company name",
            lambda: client.get(reverse("admin:projects_investmentproject_changelist") + "?q=Suzhou"),
            repeat=3,
        )
        self._api_list(client)
        self._pages()
        self._import()
        monday = timezone.localdate() + timedelta(days=(7 - timezone.localdate().weekday()) % 7 or 7)
        morning = timezone.make_aware(datetime.combine(monday, datetime.min.time()).replace(hour=9))
        self._time("reminder sweep, every kind (dry run)", lambda: run_sweep(at=morning, dry_run=True))
        self._time("morning digest (dry run)", lambda: run_digest(at=morning, dry_run=True))
        self._time(
            "admin: one project with its records",
            lambda: client.get(reverse("admin:projects_investmentproject_change", args=[project.pk])),
            repeat=3,
        )

    def _api_list(self, client):
        """The partner-facing list: 50 rows with filters; median of 15 runs, and its query count."""
        url = (
            reverse("api:project-list")
            + "?stage=signed&stage=negotiation&status=active&sector=cgt&planned_investment_min=10000000&page_size=50"
        )
        times = []
        for _ in range(15):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
        rows = len(response.json()["results"])
        self.stdout.write(
            f"{'API: 50-row project list with filters (median)':<48} {statistics.median(times) * 1000:>10.1f} ms"
            f"  ({rows} rows, {len(queries)} queries)"
        )

    def _pages(self):
        """The staff pages as a staff member sees them: median of 5 runs and the query count."""
        from projects.models import RoadshowEvent

        staff = User.objects.get(username="li.na")
        client = Client()
        client.force_login(staff)
        project = InvestmentProject.objects.filter(owner=staff).order_by("-pk").first()
        event = RoadshowEvent.objects.order_by("-date").first()
        pages = [
            ("page: My day", reverse("web:home")),
            ("page: pipeline board", reverse("web:board")),
            ("page: pipeline board, one sector", reverse("web:board") + "?sector=cgt"),
            ("page: project list", reverse("web:project_list")),
            ("page: project list, filtered and sorted", reverse("web:project_list") + "?stage=signed&sort=amount"),
            ("page: project list, search", reverse("web:project_list") + "?q=Suzhou"),
            ("page: one project", reverse("web:project", args=[project.pk])),
            ("page: company", reverse("web:company", args=[project.company_id])),
            ("page: event", reverse("web:event", args=[event.pk])),
            ("page: search", reverse("web:search") + "?q=Suzhou"),
            ("page: notifications", reverse("web:notifications")),
            ("report: funnel (all years)", reverse("reports:funnel")),
            ("report: velocity", reverse("reports:velocity")),
            ("report: money", reverse("reports:money")),
            ("report: sources", reverse("reports:sources")),
            ("report: people", reverse("reports:people")),
        ]
        for label, url in pages:
            times = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            self.stdout.write(
                f"{label + ' (median)':<48} {statistics.median(times) * 1000:>10.1f} ms  ({len(queries)} queries)"
            )

    def _import(self, rows: int = 10_000):
        """10,000 new projects (each with a new company) from an .xlsx, as a dry run: every row
        through the services in one transaction, then rolled back, so the database stays as it was."""
        from io import BytesIO

        from openpyxl import Workbook

        from spreadsheets.reader import read_table
        from spreadsheets.services import import_table

        book = Workbook()
        sheet = book.active
        sheet.append(["企业", "项目名称", "领域", "项目类型", "计划投资额（万元）", "来源", "负责人"])
        for index in range(rows):
            sheet.append([f"上海基准{index}号生物科技有限公司", f"研发中心 {index}", "生物制品", "研发中心",
                          1000 + index, "主动咨询", "li.na"])  # fmt: skip
        buffer = BytesIO()
        book.save(buffer)
        started = time.perf_counter()
        table = read_table(buffer.getvalue(), "bench.xlsx", "projects")
        result = import_table(kind="projects", table=table, actor=User.objects.get(username="li.na"), dry_run=True)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{'import: 10,000 project rows (dry run)':<48} {elapsed * 1000:>10.1f} ms  {result.summary()}"
        )
