"""Rows out of an uploaded .xlsx or .csv, with the line number each came from."""

import csv
import io
from dataclasses import dataclass
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from spreadsheets.columns import KINDS, Column, normalize_header


@dataclass
class Table:
    columns: list[Column | None]  # per position; None: a column we do not know (ignored)
    ignored: list[str]
    rows: list[tuple[int, list]]  # (line number in the file, cell values by position)


def _cells(data: bytes, filename: str):
    if filename.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError(_("The CSV file is neither UTF-8 nor GB18030 text."))
        yield from csv.reader(io.StringIO(text))
        return
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValidationError(_("This is not an Excel (.xlsx) file we can read.")) from error
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def read_table(data: bytes, filename: str, kind: str) -> Table:
    """The header row is the first row with anything in it; empty rows below are skipped."""
    if not filename.lower().endswith((".xlsx", ".csv")):
        raise ValidationError(_("Upload an .xlsx or a .csv file."))
    known = KINDS[kind]
    lookup = {alias: column for column in known for alias in column.aliases()}
    header, rows = None, []
    for line, cells in enumerate(_cells(data, filename), start=1):
        if not any(cell not in (None, "") for cell in cells):
            continue
        if header is None:
            header = [normalize_header(cell) for cell in cells]
            columns = [lookup.get(name) for name in header]
            ignored = [
                str(cells[i]) for i, column in enumerate(columns) if column is None and cells[i] not in (None, "")
            ]
            continue
        rows.append((line, list(cells)))
    if header is None:
        raise ValidationError(_("The file is empty."))
    given: dict[str, list[str]] = {}
    for column in columns:
        if column:
            given.setdefault(column.field, []).append(column.header)
    twice = [" / ".join(headers) for headers in given.values() if len(headers) > 1]
    if twice:
        raise ValidationError(
            _("These columns say the same thing; keep one of each: %(columns)s.") % {"columns": "; ".join(twice)}
        )
    present = set(given)
    missing = [column for column in known if column.required and column.field not in present]
    if missing:
        names = ", ".join(column.header for column in missing)
        raise ValidationError(_("Columns missing: %(columns)s. Start from the template.") % {"columns": names})
    return Table(columns=columns, ignored=ignored, rows=rows)
