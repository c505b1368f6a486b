"""Writes that belong to the staff pages themselves: the personal calendar address, settings."""

from django.db import transaction
from django.utils import timezone

from reminders.models import Notification, ReminderKind, ReminderPreference
from web.models import CalendarFeed, new_token


@transaction.atomic
def calendar_feed_renew(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token"])
    return feed


def calendar_feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


@transaction.atomic
def reminder_preferences_save(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Per kind: (e-mail on, in the morning digest)."""
    for kind, (email, in_digest) in choices.items():
        ReminderKind(kind)
        ReminderPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": email, "in_digest": in_digest}
        )


def notifications_mark_read(*, user, pks: list[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=timezone.now())
