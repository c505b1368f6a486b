from api.records import RecordViewSet, documented, model_serializer
from companies.models import Contact
from projects.models import (
    EVALUATION_CRITERIA,
    FollowUp,
    Interaction,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
)

ContactSerializer = model_serializer(Contact, ["company", "name", "title", "phone", "email", "wechat_id", "notes"])
EventSerializer = model_serializer(RoadshowEvent, ["name", "kind", "organizer", "date", "venue", "city", "description"])
PresentationSerializer = model_serializer(Presentation, ["event", "project", "pitch_summary", "rating", "interested"])
EvaluationSerializer = model_serializer(
    OnSiteEvaluation,
    ["project", "scheduled_at", "status", "evaluators", "visitors", "sites_shown",
     *[field for field, _label in EVALUATION_CRITERIA], "recommendation", "report"],
)  # fmt: skip
CeremonySerializer = model_serializer(SigningCeremony, ["name", "date", "venue", "organizer", "description"])
SigningSerializer = model_serializer(
    Signing,
    ["project", "ceremony", "agreement_type", "signed_on", "committed_amount", "counts_as", "counted_amount",
     "signatories"],
    read_only=["counted_amount"],
)  # fmt: skip
MilestoneSerializer = model_serializer(Milestone, ["project", "kind", "planned_date", "actual_date", "note"])
InteractionSerializer = model_serializer(
    Interaction, ["company", "project", "kind", "occurred_at", "staff", "contacts", "summary"]
)
FollowUpSerializer = model_serializer(
    FollowUp,
    ["project", "title", "notes", "assignee", "created_by", "due_on", "state", "completed_at", "snoozed_until",
     "snooze_reason"],
    read_only=["created_by", "completed_at"],
)  # fmt: skip


@documented(ContactSerializer)
class ContactViewSet(RecordViewSet):
    """People at companies."""

    serializer_class = ContactSerializer
    filterset_fields = ["company"]
    search_fields = ["name", "email", "phone", "wechat_id"]


@documented(EventSerializer)
class EventViewSet(RecordViewSet):
    """Roadshows, forums and summits."""

    serializer_class = EventSerializer
    filterset_fields = ["kind", "date", "city"]
    search_fields = ["name", "organizer", "venue"]


@documented(PresentationSerializer)
class PresentationViewSet(RecordViewSet):
    """Projects' pitches at roadshow events."""

    serializer_class = PresentationSerializer
    filterset_fields = ["event", "project", "interested"]


@documented(EvaluationSerializer)
class EvaluationViewSet(RecordViewSet):
    """On-site evaluations: a done one needs every score and a recommendation."""

    serializer_class = EvaluationSerializer
    prefetch_related = ("evaluators", "visitors")
    filterset_fields = ["project", "status", "recommendation"]


@documented(CeremonySerializer)
class CeremonyViewSet(RecordViewSet):
    """Signing ceremonies."""

    serializer_class = CeremonySerializer
    filterset_fields = ["date"]
    search_fields = ["name", "venue"]


@documented(SigningSerializer)
class SigningViewSet(RecordViewSet):
    """Signings; `counted_amount` follows the counting rules (first signing, added capital)."""

    serializer_class = SigningSerializer
    filterset_fields = ["project", "ceremony", "agreement_type", "counts_as"]


@documented(MilestoneSerializer)
class MilestoneViewSet(RecordViewSet):
    """Commercialization milestones."""

    serializer_class = MilestoneSerializer
    filterset_fields = ["project", "kind"]


@documented(InteractionSerializer)
class InteractionViewSet(RecordViewSet):
    """Meetings, calls, visits and messages; each resets its project's idle clock."""

    serializer_class = InteractionSerializer
    prefetch_related = ("contacts",)
    filterset_fields = ["company", "project", "kind", "staff"]
    search_fields = ["summary"]


@documented(FollowUpSerializer)
class FollowUpViewSet(RecordViewSet):
    """Follow-ups; whoever gets one from someone else is told at once."""

    serializer_class = FollowUpSerializer
    filterset_fields = ["project", "assignee", "state", "due_on"]
    search_fields = ["title"]
