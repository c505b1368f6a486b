from django.conf import settings


def navigation(request) -> dict:
    """What every staff page's header shows: the unread notification count, the languages."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.path.startswith(("/admin/", "/api/")):
        return {}
    from reminders.models import Notification

    return {
        "unread_count": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        "nav_languages": settings.LANGUAGES,
    }
