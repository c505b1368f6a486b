"""Trigram indexes for searching names, titles and codes (`icontains`) on PostgreSQL.

Django's `icontains` on PostgreSQL is `UPPER(col::text) LIKE UPPER('%…%')`; a GIN index over the
same expression with pg_trgm's operator class answers it without reading every row. pg_trgm is a
trusted extension: the database's owner may create it. SQLite has no such index and needs none at
a laptop's scale."""

from django.db import migrations

INDEXES = [
    ("company_name_zh_trgm", "companies_company", "name_zh"),
    ("company_name_en_trgm", "companies_company", "name_en"),
    ("project_title_trgm", "projects_investmentproject", "title"),
    ("project_code_trgm", "projects_investmentproject", "code"),
    ("contact_name_trgm", "companies_contact", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_next_follow_up"),
        ("companies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
