from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from partners.models import PartnerPlatform, Scope
from partners.services import api_key_create


class Command(BaseCommand):
    help = "Make an API key for a partner platform and print it (once: only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--partner", required=True, help="the partner platform's name (made if new)")
        parser.add_argument("--scopes", required=True, help=f"comma-separated, among: {', '.join(Scope.values)}")
        parser.add_argument("--name", default="", help="a label, e.g. the system that uses it")
        parser.add_argument("--expires", help="expiry date, e.g. 2027-12-31")

    def handle(self, *args, partner: str, scopes: str, name: str, expires: str | None, **options):
        platform, created = PartnerPlatform.objects.get_or_create(name=partner)
        expires_at = None
        if expires:
            try:
                expires_at = timezone.make_aware(datetime.fromisoformat(expires))
            except ValueError:
                raise CommandError(f"--expires {expires!r}: use a date such as 2027-12-31") from None
        try:
            api_key, key = api_key_create(partner=platform, scopes=[s.strip() for s in scopes.split(",") if s.strip()],
                                          name=name, expires_at=expires_at)  # fmt: skip
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        if created:
            self.stderr.write(f"Created partner platform {platform.name!r}.")
        self.stderr.write(f"Key {api_key.prefix}… for {platform.name}, scopes {', '.join(api_key.scopes)}. "
                          "It is shown once; store it now:")  # fmt: skip
        self.stdout.write(key)
