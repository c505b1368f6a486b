"""Exports: the same filters as the pages and the API, Chinese that Excel reads, large files in the
background, and a round trip: export, import, same data."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from companies.models import Company
from projects.models import InvestmentProject
from spreadsheets import jobs
from spreadsheets.models import ExportJob
from spreadsheets.reader import read_table
from spreadsheets.services import import_table
from tests.factories import CompanyFactory, EventFactory, FollowUpFactory, InteractionFactory, lead_project


def test_export_then_import_gives_the_same_data(world, as_user):
    event = EventFactory(name="Tongji Healthcare Forum")
    company = CompanyFactory(
        name_zh="上海远生细胞治疗有限公司", name_en="Yuansheng Cell Therapy", credit_code="91310000MA1FL0001R"
    )
    lead_project(owner=world.owner, company=company, title="γδ-T 中试基地", source_event=event,
                 planned_investment=123456789, expected_jobs=80)  # fmt: skip
    lead_project(owner=world.colleague, title="Organoid platform", sector="organoids")
    client = as_user(world.owner, language="zh-hans")
    fields = ["code", "company_id", "title", "sector", "project_type", "planned_investment", "expected_jobs",
              "source", "source_event_id", "owner_id", "stage", "expected_signing_date"]  # fmt: skip
    before = list(InvestmentProject.objects.order_by("code").values(*fields))
    companies_before = list(Company.objects.order_by("pk").values())
    for extension in ("xlsx", "csv"):
        response = client.get(reverse("exports:export", args=["projects", extension]))
        data = response.content if extension == "xlsx" else b"".join(response.streaming_content)
        table = read_table(data, f"projects.{extension}", "projects")
        result = import_table(kind="projects", table=table, actor=world.owner, dry_run=False)
        assert result.summary() == {"created": 0, "updated": 0, "unchanged": 2, "refused": 0}, result.outcomes
        assert list(InvestmentProject.objects.order_by("code").values(*fields)) == before
    response = client.get(reverse("exports:export", args=["companies", "xlsx"]))
    result = import_table(kind="companies", table=read_table(response.content, "c.xlsx", "companies"),
                          actor=world.owner, dry_run=False)  # fmt: skip
    assert result.count("refused") == 0
    assert result.count("unchanged") == Company.objects.count()
    assert list(Company.objects.order_by("pk").values()) == companies_before


def test_exports_use_the_filters_and_csv_opens_in_excel(world, as_user):
    mine = lead_project(owner=world.owner, title="Mine")
    lead_project(owner=world.colleague, title="Theirs")
    InteractionFactory(project=mine, summary="会谈：租金")
    FollowUpFactory(project=mine, title="寄送租赁条款")
    client = as_user(world.owner)
    body = b"".join(client.get(reverse("exports:export", args=["projects", "csv"]), {"owner": world.owner.pk})
                    .streaming_content).decode("utf-8")  # fmt: skip
    assert body.startswith("\ufeff")  # Excel reads UTF-8 with its byte-order mark
    assert "Mine" in body
    assert "Theirs" not in body
    for kind, text in (
        ("interactions", "会谈：租金"),
        ("follow-ups", "寄送租赁条款"),
        ("companies", mine.company.name_zh),
    ):
        response = client.get(reverse("exports:export", args=[kind, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert text in [cell.value for row in sheet.iter_rows() for cell in row], kind
    nothing = b"".join(client.get(reverse("exports:export", args=["follow-ups", "csv"]), {"due_after": "soon"})
                       .streaming_content).decode("utf-8")  # fmt: skip
    assert nothing.count("\n") == 1  # bad filters: the header only, never everything
    assert client.get("/exports/secrets.xlsx").status_code == 404


def test_a_large_xlsx_export_is_built_in_the_background_with_progress(world, as_user, on_commit, settings):
    for index in range(4):
        lead_project(owner=world.owner, title=f"Project {index}")
    client = as_user(world.owner)
    original = jobs.BACKGROUND_EXPORT_ROWS
    jobs.BACKGROUND_EXPORT_ROWS = 2
    from spreadsheets import export_views

    export_views.BACKGROUND_EXPORT_ROWS = 2
    try:
        response = on_commit(client.get, reverse("exports:export", args=["projects", "xlsx"]))
    finally:
        jobs.BACKGROUND_EXPORT_ROWS = original
        export_views.BACKGROUND_EXPORT_ROWS = original
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:job", args=[job.pk])
    assert (job.status, job.total_rows) == ("done", 4)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert "Ready: 4 rows" in page
    download = client.get(reverse("exports:download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 5
    assert as_user(world.colleague).get(reverse("exports:job", args=[job.pk])).status_code == 403


def test_text_a_spreadsheet_would_run_as_a_formula_stays_text(world, as_user):
    from spreadsheets.reader import read_table as read

    company = CompanyFactory(name_en='=HYPERLINK("http://evil.example","Click")', name_zh="")
    lead_project(owner=world.owner, company=company, title="+SUM(A1:A9)")
    client = as_user(world.owner)
    xlsx_file = client.get(reverse("exports:export", args=["projects", "xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx_file)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value and str(cell.value)[:1] in "=+"]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)
    csv_file = b"".join(client.get(reverse("exports:export", args=["projects", "csv"])).streaming_content)
    assert "'+SUM(A1:A9)" in csv_file.decode()
    table = read(csv_file, "p.csv", "projects")  # and the apostrophe is dropped again on import
    result = import_table(kind="projects", table=table, actor=world.owner, dry_run=True)
    assert result.summary()["unchanged"] == 1
