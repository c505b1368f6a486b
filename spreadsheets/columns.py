"""The columns of each kind of import, with their headers in both languages.

A header is understood in English, in Chinese, or as the template writes it ("中文 / English"),
whatever the case, spacing or width of its characters. Amounts come in 元, 万元 or 亿元 columns."""

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from companies.choices import CompanyKind, Ownership, Sector
from projects.choices import ProjectType, Source, Stage


@dataclass(frozen=True)
class Column:
    field: str
    en: str
    zh: str
    parse: str = "text"  # text, choice, date, money, int, bool, user, event
    choices: type | None = None
    scale: Decimal = Decimal(1)
    required: bool = False
    in_template: bool = True

    @property
    def header(self) -> str:
        return f"{self.zh} / {self.en}"

    def aliases(self) -> set[str]:
        return {
            normalize_header(text) for text in (self.field, self.en, self.zh, self.header, f"{self.en} / {self.zh}")
        }


def normalize_header(text) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return "".join(text.split())


WAN, YI = Decimal(10) ** 4, Decimal(10) ** 8


def money(field: str, en: str, zh: str, *, template_scale: Decimal = WAN) -> list[Column]:
    units = [(Decimal(1), "CNY", "元"), (WAN, "10k CNY", "万元"), (YI, "100m CNY", "亿元")]
    return [
        Column(
            field, f"{en} ({unit_en})", f"{zh}（{unit_zh}）", "money", scale=scale, in_template=scale == template_scale
        )
        for scale, unit_en, unit_zh in units
    ]


COMPANY_COLUMNS = [
    Column("name_zh", "Chinese name", "中文名称"),
    Column("name_en", "English name", "英文名称"),
    Column("credit_code", "Unified social credit code", "统一社会信用代码"),
    Column("kind", "Kind", "类型", "choice", CompanyKind),
    Column("sector", "Sector", "领域", "choice", Sector),
    Column("ownership", "Ownership", "所有制", "choice", Ownership),
    Column("country", "Country of origin", "国别"),
    Column("city", "City", "城市"),
    Column("website", "Website", "网站"),
    Column("is_park_tenant", "Park tenant", "园区企业", "bool"),
]

CONTACT_COLUMNS = [
    Column("company", "Company", "企业", required=True),
    Column("credit_code", "Unified social credit code", "统一社会信用代码"),
    Column("name", "Name", "姓名", required=True),
    Column("title", "Job title", "职务"),
    Column("phone", "Phone", "电话"),
    Column("email", "E-mail", "邮箱"),
    Column("wechat_id", "WeChat ID", "微信号"),
]

PROJECT_COLUMNS = [
    Column("code", "Project code", "项目编号"),
    Column("company", "Company", "企业", required=True),
    Column("credit_code", "Unified social credit code", "统一社会信用代码"),
    Column("title", "Project", "项目名称", required=True),
    Column("sector", "Sector", "领域", "choice", Sector, required=True),
    Column("project_type", "Project type", "项目类型", "choice", ProjectType, required=True),
    *money("planned_investment", "Planned investment", "计划投资额"),
    *money("registered_capital", "Registered capital", "注册资本"),
    Column("expected_jobs", "Expected jobs", "就业岗位", "int"),
    Column("source", "Source", "来源", "choice", Source, required=True),
    Column("source_event", "Source event", "来源活动", "event"),
    Column("owner", "Owner", "负责人", "user", required=True),
    Column("stage", "Stage", "阶段", "choice", Stage),
    Column("expected_signing_date", "Expected signing date", "预计签约日期", "date"),
    Column("expected_landing_date", "Expected landing date", "预计落地日期", "date"),
]

KINDS = {"companies": COMPANY_COLUMNS, "contacts": CONTACT_COLUMNS, "projects": PROJECT_COLUMNS}
