import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.roles import Role
from demo.generator import ensure_generated_events, generate
from demo.models import DemoBatch
from demo.people import demo_password, ensure_people
from demo.seeds import load_seeds
from projects.models import AnnualTarget


class Command(BaseCommand):
    help = (
        "Load the demo park: the real events of the seed articles, a dozen staff, and generated projects. "
        "Running it again adds nothing twice; --scale N tops the generated projects up to N."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=200, help="generated projects wanted in all (default 200)")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")

    def handle(self, *args, scale: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo writes demo people and projects; with DEBUG off it needs --force.")
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        started = time.monotonic()
        password, is_new = demo_password()
        users = ensure_people()
        # This year's targets, so that My day and the money report have something to measure against.
        AnnualTarget.objects.get_or_create(
            year=timezone.localdate().year,
            defaults={"signed_cny": Decimal("15000000000"), "landed_cny": Decimal("10000000000")},
        )
        with transaction.atomic():
            if not DemoBatch.objects.filter(kind="seeds").exists():
                count = load_seeds(users)
                DemoBatch.objects.create(kind="seeds", count=count)
                self.stdout.write(f"Seed articles: {count} projects.")
        have = DemoBatch.objects.filter(kind="generated").aggregate(total=Sum("count"))["total"] or 0
        if scale > have:
            staff = [user for user in users.values() if user.groups.filter(name__in=[Role.STAFF, Role.MANAGER])]
            events, ceremonies = ensure_generated_events(timezone.localdate())
            generate(start=have, count=scale - have, users=staff, events=events, ceremonies=ceremonies)
            DemoBatch.objects.create(kind="generated", first_index=have, count=scale - have)
            self.stdout.write(f"Generated {scale - have} projects ({have} were there).")
            # Fresh planner statistics after a bulk load, as autovacuum would give them later.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            self.stdout.write(f"Generated projects: {have} already there, nothing to add.")
        self.stdout.write(f"Demo data ready in {time.monotonic() - started:.1f} s.")
        shown = password if (is_new or settings.DEMO_PASSWORD or settings.DEBUG) else "(unchanged)"
        self.stdout.write(
            f"Demo users: admin (superuser), wang.lei (manager), li.na (staff), gao.jian (leadership)"
            f" … password: {shown}"
        )
