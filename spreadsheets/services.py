"""Imports: the same services as everywhere, all or nothing, a dry run first.

Every row goes through the services (company_create, project_create, project_move_stage, …) in a
savepoint of one transaction, so that every refused row is found and reported with its line. A
dry run, or a real run with any refused row, rolls the whole transaction back: nothing is half
imported. Importing the same file twice changes nothing the second time."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from companies.models import Company, Contact
from companies.selectors import company_match
from companies.services import company_create, company_update, contact_save
from projects import services as project_services
from projects.choices import Stage
from projects.models import InvestmentProject
from projects.permissions import can_change_shared_records
from spreadsheets.columns import Column
from spreadsheets.parsing import CellError, parse_cell
from spreadsheets.reader import Table

CREATED, UPDATED, UNCHANGED, REFUSED = "created", "updated", "unchanged", "refused"


@dataclass
class RowOutcome:
    line: int
    action: str
    label: str
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    outcomes: list[RowOutcome]
    dry_run: bool
    ignored_columns: list[str]

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def saved(self) -> bool:
        return not self.dry_run and self.count(REFUSED) == 0

    def summary(self) -> dict:
        return {action: self.count(action) for action in (CREATED, UPDATED, UNCHANGED, REFUSED)}


class _RollBackError(Exception):
    pass


def _values(table_columns: list[Column | None], cells: list, context: dict) -> tuple[dict, list[str]]:
    """Field values of a row (empty cells left out), and a message for each cell that is wrong."""
    values, errors = {}, []
    for column, raw in zip(table_columns, cells, strict=False):
        if column is None:
            continue
        try:
            value = parse_cell(column, raw, context)
        except CellError as error:
            errors.append(f"{column.header}: {error}")
            continue
        if value is not None:
            values[column.field] = value
    for column in table_columns:
        if (
            column
            and column.required
            and column.field not in values
            and not any(f"{column.header}:" in message for message in errors)
        ):
            errors.append(_("%(column)s: this column cannot be empty") % {"column": column.header})
    return values, errors


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [f"{name}: {message}" if name != "__all__" else message
                    for name, messages in error.message_dict.items() for message in messages]  # fmt: skip
        return list(error.messages)
    return [str(error)]


def _changed(instance, values: dict) -> dict:
    return {name: value for name, value in values.items() if getattr(instance, name) != value}


def _company_for(values: dict, actor) -> tuple[Company, bool]:
    """The row's company by credit code, then by name; a new one when the park does not know it."""
    name = values.pop("company", "")
    code = values.pop("credit_code", "")
    is_chinese = any("\u3400" <= char <= "\u9fff" for char in name)
    names = {"name_zh": name} if is_chinese else {"name_en": name}
    existing = company_match(credit_code=code, **names)
    if existing:
        return existing, False
    return company_create(created_by=actor, credit_code=code, sector=values.get("sector", ""), **names), True


def import_company(values: dict, actor, override_reason: str) -> tuple[str, str]:
    label = values.get("name_zh") or values.get("name_en") or values.get("credit_code", "")
    existing = company_match(credit_code=values.get("credit_code", ""), name_zh=values.get("name_zh", ""),
                             name_en=values.get("name_en", ""))  # fmt: skip
    if existing is None:
        company_create(created_by=actor, **values)
        return CREATED, label
    changes = _changed(existing, values)
    if not changes:
        return UNCHANGED, label
    company_update(company=existing, allow_similar_name=True, **changes)
    return UPDATED, label


def import_contact(values: dict, actor, override_reason: str) -> tuple[str, str]:
    company, _created = _company_for(values, actor)
    label = f"{values['name']} · {company}"
    contact = Contact.objects.filter(company=company, name=values["name"]).first()
    if contact is None:
        contact_save(contact=Contact(company=company, **values), actor=actor)
        return CREATED, label
    changes = _changed(contact, values)
    if not changes:
        return UNCHANGED, label
    for name, value in changes.items():
        setattr(contact, name, value)
    contact_save(contact=contact, actor=actor)
    return UPDATED, label


def import_project(values: dict, actor, override_reason: str) -> tuple[str, str]:
    stage = values.pop("stage", None)
    code = values.pop("code", "")
    company, _created = _company_for(values, actor)
    label = f"{company} · {values['title']}"
    if code:
        project = InvestmentProject.objects.filter(code=code).first()
        if project is None:
            raise ValidationError(_("Project code %(code)s: no such project.") % {"code": code})
    else:
        project = InvestmentProject.objects.filter(company=company, title=values["title"]).first()
    action = UNCHANGED
    if project is None:
        project = project_services.project_create(actor=actor, company=company, **values)
        action = CREATED
    else:
        changes = _changed(project, {**values, "company": company})
        if changes:
            project_services.project_update(project=project, actor=actor, **changes)
            action = UPDATED
    if stage and stage != project.stage:
        project_services.project_move_stage(
            project=project,
            to_stage=Stage(stage),
            actor=actor,
            note=_("Set by a spreadsheet import."),
            override_reason=override_reason,
        )
        action = UPDATED if action == UNCHANGED else action
    return action, label


IMPORTERS: dict[str, Callable] = {"companies": import_company, "contacts": import_contact, "projects": import_project}


def import_table(
    *,
    kind: str,
    table: Table,
    actor,
    dry_run: bool,
    override_reason: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import every row of `table`; save only when it is not a dry run and no row is refused."""
    if actor is not None and not can_change_shared_records(actor):
        raise PermissionDenied(_("You may not import data."))
    importer, context, outcomes = IMPORTERS[kind], {}, []
    total = len(table.rows)
    try:
        with transaction.atomic():
            for index, (line, cells) in enumerate(table.rows, start=1):
                outcomes.append(_import_row(importer, table, line, cells, context, actor, override_reason))
                if progress and (index % 100 == 0 or index == total):
                    progress(index, total)
            if dry_run or any(outcome.action == REFUSED for outcome in outcomes):
                raise _RollBackError
    except _RollBackError:
        pass
    return ImportResult(outcomes=outcomes, dry_run=dry_run, ignored_columns=table.ignored)


def _import_row(importer, table: Table, line: int, cells: list, context: dict, actor, override_reason) -> RowOutcome:
    values, errors = _values(table.columns, cells, context)
    label = str(values.get("title") or values.get("name") or values.get("name_zh") or values.get("name_en") or "")
    if errors:
        return RowOutcome(line, REFUSED, label, errors)
    try:
        with transaction.atomic():
            action, label = importer(dict(values), actor, override_reason)
    except (ValidationError, PermissionDenied) as error:
        return RowOutcome(line, REFUSED, label, _messages(error))
    return RowOutcome(line, action, label)
