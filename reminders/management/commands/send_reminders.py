from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User
from reminders.messages import message_for
from reminders.models import DeliveryState
from reminders.services import run_digest, run_sweep

CHANNELS = {
    DeliveryState.PENDING: "e-mail + in-app",
    DeliveryState.SKIPPED: "in-app only",
    DeliveryState.FOLDED: "in-app, e-mail folded",
}


class Command(BaseCommand):
    help = "Run the reminder sweep by hand (the same one beat runs each working morning) and say what it sends."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="show what would be sent; write nothing")
        parser.add_argument("--at", help="pretend it is this time, e.g. 2026-10-08T09:00 (park time zone)")
        parser.add_argument("--digest", action="store_true", help="run the morning digest instead")

    def handle(self, *args, dry_run: bool, at: str | None, digest: bool, **options):
        moment = self._moment(at)
        result = (run_digest if digest else run_sweep)(at=moment, dry_run=dry_run)
        if not result.working_day:
            self.stdout.write(f"{result.day} is not a working day: nothing is sent; the next working day covers it.")
            return
        verb = "would send" if dry_run else "sent"
        users = User.objects.in_bulk({reminder.recipient_id for reminder in result.planned})
        for reminder in result.planned:
            reminder.recipient = users[reminder.recipient_id]
            state = CHANNELS.get(reminder.email_state, reminder.email_state)
            self.stdout.write(f"{reminder.kind:<20} → {reminder.recipient.username:<14} [{state}] "
                              f"{message_for(reminder).subject}")  # fmt: skip
        self.stdout.write(
            f"{result.day}: {verb} {len(result.planned)} reminders; {result.already_sent} were sent before."
        )

    def _moment(self, at: str | None) -> datetime:
        if not at:
            return timezone.now()
        moment = parse_datetime(at)
        if moment is None:
            raise CommandError(f"--at {at!r}: use a date and time such as 2026-10-08T09:00")
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
