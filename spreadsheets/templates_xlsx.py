"""The template a park employee fills in: bilingual headers, an example row, the allowed values."""

from django.utils import translation

from reports.xlsx import workbook
from spreadsheets.columns import KINDS

EXAMPLES = {
    "companies": {"name_zh": "百济神州（上海）生物科技有限公司", "name_en": "BeiGene (Shanghai) Co., Ltd.",
                  "credit_code": "91310115MA1K3YJ750", "kind": "企业", "sector": "创新药", "ownership": "内资",
                  "country": "China", "city": "上海", "is_park_tenant": "是"},
    "contacts": {"company": "百济神州（上海）生物科技有限公司", "name": "王芳", "title": "投资总监",
                 "phone": "+86 21 5000 0000", "email": "wang.fang@example.com"},
    "projects": {"company": "百济神州（上海）生物科技有限公司", "title": "第二研发中心", "sector": "创新药",
                 "project_type": "研发中心", "planned_investment": 150000, "source": "活动",
                 "owner": "li.na", "stage": "线索", "expected_signing_date": "2026-03-26"},
}  # fmt: skip


def template_bytes(kind: str) -> bytes:
    columns = [column for column in KINDS[kind] if column.in_template]
    example = EXAMPLES[kind]
    choices = []
    for column in columns:
        if column.choices:
            for value, label in column.choices.choices:
                with translation.override("zh-hans"):
                    zh = str(label)
                with translation.override("en"):
                    en = str(label)
                choices.append([column.header, zh, en, value])
    return workbook(
        [
            (kind, [column.header for column in columns], [[example.get(column.field) for column in columns]]),
            ("选项 Choices", ["列 / Column", "中文", "English", "code"], choices),
        ]
    )
