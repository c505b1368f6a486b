"""The beat schedule, as data: created by a migration, kept by `setup_schedules`, edited in the admin
(Periodic tasks). Times are in the park's time zone."""

from django.conf import settings

# name: (task, crontab (minute, hour) or interval in seconds)
SCHEDULES = {
    "Morning digest (working days)": ("reminders.tasks.run_digest", ("30", "8")),
    "Reminder sweep (working days)": ("reminders.tasks.run_sweep", ("0", "9")),
    "Deliver pending reminder e-mails": ("reminders.tasks.deliver_pending", 300),
    "Worker heartbeat": ("core.tasks.record_heartbeat", 60),
}


def ensure_schedules(apps=None) -> None:
    """Create the periodic tasks that are missing; leave alone what an admin has changed."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    periodic_task = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    interval = apps.get_model("django_celery_beat", "IntervalSchedule")
    for name, (task, when) in SCHEDULES.items():
        if periodic_task.objects.filter(name=name).exists():
            continue
        if isinstance(when, tuple):
            schedule, _ = crontab.objects.get_or_create(
                minute=when[0], hour=when[1], day_of_week="*", day_of_month="*", month_of_year="*",
                timezone=settings.TIME_ZONE,
            )  # fmt: skip
            periodic_task.objects.create(name=name, task=task, crontab=schedule)
        else:
            schedule, _ = interval.objects.get_or_create(every=when, period="seconds")
            periodic_task.objects.create(name=name, task=task, interval=schedule)
