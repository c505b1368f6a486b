from django.db import migrations

IDLE_DAYS = {"lead": 30, "roadshow": 14, "evaluation": 14, "negotiation": 10, "signed": 30, "landed": 60}


def create_defaults(apps, schema_editor):
    from reminders.schedules import ensure_schedules

    IdleThreshold = apps.get_model("reminders", "IdleThreshold")
    for stage, days in IDLE_DAYS.items():
        IdleThreshold.objects.get_or_create(stage=stage, defaults={"days": days})
    ensure_schedules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
