from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from companies.models import Company
from projects.choices import PolicyNeed, SpaceType, Stage, Status
from projects.models import InvestmentProject, StageChange


class CompanyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name_zh", "name_en"]


class ProjectSerializer(serializers.ModelSerializer):
    """A project as park staff see it. Stage and status change through their own actions."""

    company_detail = CompanyRefSerializer(source="company", read_only=True)
    space_types = serializers.ListField(child=serializers.ChoiceField(choices=SpaceType.choices), required=False)
    policy_needs = serializers.ListField(child=serializers.ChoiceField(choices=PolicyNeed.choices), required=False)
    weighted_investment = serializers.DecimalField(max_digits=18, decimal_places=2, read_only=True, allow_null=True)

    class Meta:
        model = InvestmentProject
        fields = [
            "id", "code", "title", "company", "company_detail", "sector", "project_type", "description",
            "planned_investment", "registered_capital", "expected_jobs", "space_needed_m2", "space_types",
            "policy_needs", "source", "source_event", "referrer", "owner", "team_members", "stage",
            "stage_entered_at", "status", "status_reason", "revisit_on", "lost_to", "likelihood",
            "likelihood_is_manual", "weighted_investment", "expected_signing_date", "expected_landing_date",
            "last_activity_at", "internal_notes", "created_at", "modified_at",
        ]  # fmt: skip
        read_only_fields = [
            "code", "stage", "stage_entered_at", "status", "status_reason", "revisit_on", "lost_to",
            "last_activity_at", "created_at", "modified_at",
        ]  # fmt: skip


class PartnerProjectSerializer(serializers.ModelSerializer):
    """What a partner platform sees of a project shared with it. `likelihood` and `internal_notes`
    appear only for partners the park granted them."""

    company = CompanyRefSerializer(read_only=True)
    # Optional in the schema: present only for partners who see internal fields.
    likelihood = serializers.IntegerField(required=False)
    internal_notes = serializers.CharField(required=False)

    INTERNAL = ("likelihood", "internal_notes")

    class Meta:
        model = InvestmentProject
        fields = [
            "id", "code", "title", "company", "sector", "project_type", "planned_investment", "source", "stage",
            "status", "expected_signing_date", "expected_landing_date", "created_at", "modified_at", "likelihood",
            "internal_notes",
        ]  # fmt: skip
        read_only_fields = [name for name in fields if name not in ("likelihood", "internal_notes")]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("sees_internal_fields"):
            for name in self.INTERNAL:
                data.pop(name, None)
        return data


ProjectForCaller = PolymorphicProxySerializer(
    component_name="ProjectForCaller",
    serializers=[ProjectSerializer, PartnerProjectSerializer],
    resource_type_field_name=None,
    many=False,
)


class MoveStageSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class SetStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    revisit_on = serializers.DateField(required=False, allow_null=True, default=None)
    lost_to = serializers.CharField(required=False, allow_blank=True, default="")


class StageChangeSerializer(serializers.ModelSerializer):
    from_stage = serializers.ChoiceField(
        choices=Stage.choices, allow_blank=True, read_only=True, help_text="Empty for the entry made at creation."
    )

    class Meta:
        model = StageChange
        fields = ["id", "project", "from_stage", "to_stage", "changed_by", "changed_at", "note", "override_reason",
                  "overridden"]  # fmt: skip
        read_only_fields = fields


class MissingRequirementSerializer(serializers.Serializer):
    key = serializers.CharField()
    message = serializers.CharField()


class PipelineRowSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    count = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=20, decimal_places=2)
    weighted = serializers.DecimalField(max_digits=20, decimal_places=2)
