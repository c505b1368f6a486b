from django.db import connection
from django.http import JsonResponse

from core.models import WorkerHeartbeat


def health(request):
    """For load balancers and people: is the database reachable, when did a worker last run."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    beat = WorkerHeartbeat.objects.filter(name="celery").first()
    return JsonResponse({"database": "ok", "worker_last_seen": beat.seen_at.isoformat() if beat else None})


def set_language(request):
    """Django's language switch, remembered on the user too so it holds on every device."""
    from django.views.i18n import set_language as django_set_language

    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = getattr(request, "user", None)
    if request.method == "POST" and user is not None and user.is_authenticated:
        from django.conf import settings

        if language in dict(settings.LANGUAGES) and user.language != language:
            from accounts.services import user_language_set

            user_language_set(user=user, language=language)
    return response
