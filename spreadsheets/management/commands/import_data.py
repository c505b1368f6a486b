"""`manage.py import_data KIND FILE [--dry-run]`: the same import as the pages, from a shell."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spreadsheets.columns import KINDS
from spreadsheets.reader import read_table
from spreadsheets.services import REFUSED, import_table


class Command(BaseCommand):
    help = "Import companies, contacts or projects from an .xlsx or .csv file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check every row; save nothing.")
        parser.add_argument("--user", default="", help="Act as this user (default: no user, as a data load).")
        parser.add_argument("--override-reason", default="", help="Pass stage gates that are not met (a manager's).")

    def handle(self, *args, kind, file: Path, dry_run, user, override_reason, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {user!r}.")
        try:
            table = read_table(file.read_bytes(), file.name, kind)
        except (OSError, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error

        def progress(done, total):
            self.stderr.write(f"\r{done}/{total} rows", ending="")

        result = import_table(kind=kind, table=table, actor=actor, dry_run=dry_run,
                              override_reason=override_reason, progress=progress)  # fmt: skip
        self.stderr.write("")
        for outcome in result.outcomes:
            if outcome.action == REFUSED:
                self.stdout.write(f"line {outcome.line}: refused — {outcome.label}: {'; '.join(outcome.messages)}")
        summary = ", ".join(f"{count} {action}" for action, count in result.summary().items())
        verdict = "dry run, nothing saved" if dry_run else ("saved" if result.saved else "NOTHING SAVED (refused rows)")
        self.stdout.write(f"{file.name}: {summary} — {verdict}.")
        if result.count(REFUSED):
            raise CommandError(f"{result.count(REFUSED)} rows refused.")
