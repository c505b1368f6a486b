"""My day: what needs me today, and how the team is doing."""

from datetime import datetime, timedelta

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from projects.choices import EvaluationStatus, Status
from projects.models import InvestmentProject, OnSiteEvaluation
from projects.selectors import idle_filter, idle_thresholds, open_follow_ups, pipeline_summary, year_progress
from reminders.calendar import WorkingDays
from reminders.models import Notification
from web.access import staff_page

LIST_LIMIT = 30


def _evaluations_next_working_day(user, today):
    """Evaluations up to the next working day (as the reminder counts "tomorrow"), mine or my projects'."""
    tz = timezone.get_current_timezone()
    until = WorkingDays().next_working_day(today + timedelta(days=1))
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    end = datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return (
        OnSiteEvaluation.objects.filter(
            status=EvaluationStatus.SCHEDULED, scheduled_at__gte=start, scheduled_at__lt=end
        )
        .filter(Q(evaluators=user) | Q(project__owner=user))
        .distinct()
        .select_related("project__company")
        .order_by("scheduled_at")[:LIST_LIMIT]
    )


@staff_page
def home(request):
    user, now = request.user, timezone.now()
    today = timezone.localdate(now)
    mine = open_follow_ups().filter(assignee=user, effective_on__lte=today).select_related("project__company")
    follow_ups = list(mine.order_by("effective_on", "pk")[:LIST_LIMIT])
    team_projects = InvestmentProject.objects.all()
    if user.team_id:
        team_projects = team_projects.filter(owner__team_id=user.team_id)
    pipeline = pipeline_summary(team_projects)
    idle = (
        InvestmentProject.objects.filter(idle_filter(now, idle_thresholds()), owner=user, status=Status.ACTIVE)
        .select_related("company")
        .order_by("last_activity_at")[:LIST_LIMIT]
    )
    context = {
        "today": today,
        "follow_up_count": len(follow_ups),
        "overdue": [item for item in follow_ups if item.effective_on < today],
        "due_today": [item for item in follow_ups if item.effective_on == today],
        "idle_projects": idle,
        "evaluations": _evaluations_next_working_day(user, today),
        "notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).order_by("-created_at")[:5],
        "pipeline": pipeline,
        "pipeline_max": max((row["total"] for row in pipeline), default=0),
        "team": user.team,
        "progress": year_progress(today.year),
    }
    return render(request, "web/home.html", context)
