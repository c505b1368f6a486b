"""Imports from real .xlsx and .csv files, written here with openpyxl and csv."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from companies.models import Company, Contact
from projects.choices import Stage
from projects.models import InvestmentProject
from spreadsheets.models import ImportJob
from spreadsheets.reader import read_table
from spreadsheets.services import import_table
from tests.factories import EventFactory

HEADERS_ZH = ["企业", "统一社会信用代码", "项目名称", "领域", "项目类型", "计划投资额（万元）", "来源", "来源活动",
              "负责人", "阶段", "预计签约日期"]  # fmt: skip
GOOD = ["上海甲生物科技有限公司", "91310000MA1FL0001R", "细胞治疗研发中心", "细胞与基因治疗", "研发中心", "15000",
        "活动", "同济医疗创业论坛", "owner", "线索", "2026-06-30"]  # fmt: skip


def xlsx(rows, headers=HEADERS_ZH) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(data: bytes, *, kind="projects", actor=None, dry_run=False, name="projects.xlsx", override_reason=""):
    return import_table(kind=kind, table=read_table(data, name, kind), actor=actor, dry_run=dry_run,
                        override_reason=override_reason)  # fmt: skip


@pytest.fixture
def event(db):
    return EventFactory(name="同济医疗创业论坛")


def test_the_dry_run_reports_every_problem_and_the_real_run_is_all_or_nothing(world, event):
    duplicate = ["上海甲生物科技有限公司 ", "91310000MA1FL0001R", *GOOD[2:]]  # same company, same project again
    bad_code = ["上海乙医疗器械有限公司", "91310000MA1FL0001X", "内镜摄像模组产线", "医疗器械", "生产基地", "8000",
                "活动", "", "owner", "线索", ""]  # fmt: skip
    bad_date = ["上海丙诊断有限公司", "", "IVD 试剂产线", "体外诊断", "生产基地", "3000", "活动", "", "owner", "线索",
                "2026-13-45"]  # fmt: skip
    impossible_stage = ["上海丁药业有限公司", "", "新药研发中心", "创新药", "研发中心", "5000", "活动", "", "owner",
                        "签约", ""]  # fmt: skip
    data = xlsx([GOOD, duplicate, bad_code, bad_date, impossible_stage])
    before = (Company.objects.count(), InvestmentProject.objects.count())

    preview = run(data, actor=world.owner, dry_run=True)
    assert preview.summary() == {"created": 1, "updated": 0, "unchanged": 1, "refused": 3}
    refused = {outcome.line: " ".join(outcome.messages) for outcome in preview.outcomes if outcome.action == "refused"}
    assert set(refused) == {4, 5, 6}  # line numbers as Excel shows them (the header is line 1)
    assert "credit code" in refused[4].lower()
    assert "not a date" in refused[5]
    assert "cannot move to Signed yet" in refused[6]
    assert (Company.objects.count(), InvestmentProject.objects.count()) == before  # a dry run saves nothing

    real = run(data, actor=world.owner)
    assert not real.saved
    assert (Company.objects.count(), InvestmentProject.objects.count()) == before  # all or nothing

    fixed = xlsx([GOOD, duplicate])
    first = run(fixed, actor=world.owner)
    assert first.saved
    assert first.summary() == {"created": 1, "updated": 0, "unchanged": 1, "refused": 0}
    project = InvestmentProject.objects.get(title="细胞治疗研发中心")
    assert project.planned_investment == Decimal("150000000.00")  # 15000 万元
    assert project.company.credit_code == "91310000MA1FL0001R"
    assert (project.source_event, project.owner, project.stage) == (event, world.owner, Stage.LEAD)
    again = run(fixed, actor=world.owner)
    assert again.summary() == {"created": 0, "updated": 0, "unchanged": 2, "refused": 0}


def test_stages_set_by_import_pass_the_gates_or_a_managers_override(world, event):
    row = [*GOOD[:9], "洽谈", ""]
    refused = run(xlsx([row]), actor=world.owner)
    assert not refused.saved
    assert run(xlsx([row]), actor=world.owner, override_reason="Board decision").outcomes[0].action == "refused"
    accepted = run(xlsx([row]), actor=world.manager, override_reason="Board decision 2026-11")
    assert accepted.saved
    change = InvestmentProject.objects.get().stage_changes.get(to_stage=Stage.NEGOTIATION)
    assert change.override_reason == "Board decision 2026-11"


def test_english_headers_csv_yi_yuan_and_companies_and_contacts(world):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Chinese name", "English name", "Unified social credit code", "Kind", "Sector", "Park tenant"])
    writer.writerow(["百济神州（上海）生物科技有限公司", "BeiGene (Shanghai)", "91310115MA1K3YJ750", "Enterprise",
                     "Innovative drugs", "yes"])  # fmt: skip
    writer.writerow(["", "Smith & Nephew Medical", "", "enterprise", "medical_devices", "否"])
    companies = run(text.getvalue().encode("utf-8-sig"), kind="companies", actor=world.owner, name="c.csv")
    assert companies.summary()["created"] == 2
    assert Company.objects.get(credit_code="91310115MA1K3YJ750").is_park_tenant
    contact_headers = ["Company", "Unified social credit code", "Name", "Job title", "Phone", "E-mail"]
    contacts = xlsx([["BeiGene (Shanghai)", "", "王芳", "投资总监", "+86 21 5000 0000", "wang.fang@example.com"]],
                    headers=contact_headers)  # fmt: skip
    assert run(contacts, kind="contacts", actor=world.owner).saved
    assert Contact.objects.get(name="王芳").company.credit_code == "91310115MA1K3YJ750"
    row = ["BeiGene (Shanghai)", "", "Second research centre", "创新药", "研发中心", "15", "inbound", "", "owner"]
    yi = xlsx([row],
              headers=["Company", "Credit code", "Project", "Sector", "Project type", "Planned investment (100m CNY)",
                       "Source", "Source event", "Owner"])  # fmt: skip
    result = run(yi, actor=world.owner)
    assert result.saved, result.outcomes
    assert InvestmentProject.objects.get(title="Second research centre").planned_investment == Decimal("1500000000")


def test_a_file_without_the_needed_columns_or_not_a_spreadsheet_is_refused_at_once(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Columns missing"):
        read_table(xlsx([["x"]], headers=["Something else"]), "p.xlsx", "projects")
    with pytest.raises(ValidationError, match="not an Excel"):
        read_table(b"PK\x03\x04 broken", "p.xlsx", "projects")
    with pytest.raises(ValidationError, match=r"\.xlsx or a \.csv"):
        read_table(b"hello", "p.pdf", "projects")


def test_leadership_may_not_import(world, event):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(xlsx([GOOD]), actor=world.leader, dry_run=True)


def test_the_pages_dry_run_then_import_for_real_with_the_refused_rows_downloadable(world, event, as_user):
    client = as_user(world.owner)
    upload = io.BytesIO(xlsx([GOOD, [*GOOD[:5], "lots", *GOOD[6:]]]))
    upload.name = "projects.xlsx"
    response = client.post(reverse("spreadsheets:import"), {"kind": "projects", "file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("spreadsheets:job", args=[job.pk])).content.decode()
    assert "is not an amount" in page
    refused = client.get(reverse("spreadsheets:errors", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(refused.content)).active
    assert sheet.cell(row=2, column=1).value == 3
    assert client.post(reverse("spreadsheets:run", args=[job.pk])).status_code == 302  # refused: not run
    assert ImportJob.objects.count() == 1
    good = io.BytesIO(xlsx([GOOD]))
    good.name = "projects.xlsx"
    client.post(reverse("spreadsheets:import"), {"kind": "projects", "file": good})
    dry = ImportJob.objects.latest("pk")
    assert (dry.dry_run, dry.created) == (True, 1)
    assert not InvestmentProject.objects.exists()
    client.post(reverse("spreadsheets:run", args=[dry.pk]))
    real = ImportJob.objects.latest("pk")
    assert real.saved
    assert InvestmentProject.objects.filter(title=GOOD[2]).exists()
    assert as_user(world.colleague).get(reverse("spreadsheets:job", args=[real.pk])).status_code == 403
    assert as_user(world.leader).get(reverse("spreadsheets:import")).status_code == 403


def test_templates_have_bilingual_headers_the_importer_understands(world, as_user):
    client = as_user(world.owner)
    for kind in ("companies", "contacts", "projects"):
        response = client.get(reverse("spreadsheets:template", args=[kind]))
        data = response.content
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        assert all(" / " in header for header in headers)
        table = read_table(data, f"{kind}.xlsx", kind)
        assert all(column is not None for column in table.columns)


def test_the_command_imports_and_says_what_it_refused(world, event, tmp_path, capsys):
    from django.core.management.base import CommandError

    path = tmp_path / "projects.xlsx"
    path.write_bytes(xlsx([GOOD]))
    call_command("import_data", "projects", str(path), "--dry-run", "--user", "owner")
    assert "1 created" in capsys.readouterr().out
    assert not InvestmentProject.objects.exists()
    call_command("import_data", "projects", str(path), "--user", "owner")
    assert InvestmentProject.objects.count() == 1
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([[*GOOD[:9], "完成", ""]]))
    with pytest.raises(CommandError, match="1 rows refused"):
        call_command("import_data", "projects", str(bad), "--user", "owner")
    assert "is not one of" in capsys.readouterr().out


def test_the_admin_imports_too(world, event, client):
    client.force_login(world.owner)
    upload = io.BytesIO(xlsx([GOOD]))
    upload.name = "projects.xlsx"
    response = client.post(reverse("admin:spreadsheets_importjob_add"),
                           {"kind": "projects", "file": upload, "dry_run": ""})  # fmt: skip
    assert response.status_code == 302, response.content
    job = ImportJob.objects.get()
    assert (job.dry_run, job.saved, job.created) == (False, True, 1)
    assert InvestmentProject.objects.filter(title=GOOD[2]).exists()
    wrong = io.BytesIO(b"not a spreadsheet")
    wrong.name = "projects.pdf"
    refused = client.post(reverse("admin:spreadsheets_importjob_add"), {"kind": "projects", "file": wrong})
    assert refused.status_code == 200
    assert "Upload an .xlsx or a .csv file" in refused.content.decode()


def test_numbers_no_one_means_and_repeated_columns_are_refused_clearly(world, event):
    rows = [[*GOOD[:5], value, *GOOD[6:]] for value in ("NaN", "Infinity", "1e30", "1e999999")]
    result = run(xlsx(rows), actor=world.owner, dry_run=True)
    assert [outcome.action for outcome in result.outcomes] == ["refused"] * 4
    assert "too large an amount" in " ".join(result.outcomes[2].messages)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="say the same thing"):
        read_table(xlsx([[*GOOD, "1"]], headers=[*HEADERS_ZH, "计划投资额（元）"]), "p.xlsx", "projects")


def test_an_unexpected_error_fails_the_job_instead_of_leaving_it_running(world, event, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from spreadsheets import jobs

    job = jobs.job_create(kind="projects", upload=SimpleUploadedFile("p.xlsx", xlsx([GOOD])), actor=world.owner,
                          dry_run=False)  # fmt: skip

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "import_table", broken)
    job = jobs.job_run(job.pk)
    assert job.status == "failed"
    assert "nothing was saved" in job.error
    assert job.finished_at is not None


def test_a_double_click_imports_a_dry_run_once(world, event, as_user):
    client = as_user(world.owner)
    upload = io.BytesIO(xlsx([GOOD]))
    upload.name = "projects.xlsx"
    client.post(reverse("spreadsheets:import"), {"kind": "projects", "file": upload})
    dry = ImportJob.objects.get()
    first = client.post(reverse("spreadsheets:run", args=[dry.pk]))
    second = client.post(reverse("spreadsheets:run", args=[dry.pk]))
    assert first["Location"] == second["Location"]
    assert ImportJob.objects.filter(dry_run=False).count() == 1
    assert InvestmentProject.objects.count() == 1
