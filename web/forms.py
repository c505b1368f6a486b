"""Forms of the staff pages. They only read input; the services decide and save."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
from projects.choices import (
    AgreementType,
    InteractionKind,
    MilestoneKind,
    Recommendation,
    SigningCounts,
    Stage,
    Status,
)


def add_service_errors(form: forms.Form, error) -> None:
    """A service's ValidationError shown on the form: beside its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SnoozeForm(forms.Form):
    until = forms.DateField(label=_("Until"), widget=DATE)
    reason = forms.CharField(label=_("Why it can wait"), max_length=200)


class RescheduleForm(forms.Form):
    due_on = forms.DateField(label=_("New due date"), widget=DATE)


class MoveStageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        label=_("Override reason (managers)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    revisit_on = forms.DateField(label=_("Look at it again on"), required=False, widget=DATE)
    lost_to = forms.CharField(label=_("Lost to (competing location)"), required=False, max_length=120)


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InteractionKind.choices)
    occurred_at = forms.DateTimeField(label=_("When"), widget=DATETIME, initial=timezone.now)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    assignee = SafeModelChoiceField(label=_("For whom"), queryset=None)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people


class EvaluationScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(label=_("Scheduled for"), widget=DATETIME)
    evaluators = SafeModelMultipleChoiceField(label=_("Evaluators"), queryset=None, required=False)
    sites_shown = forms.CharField(label=_("Sites to show"), required=False, max_length=500)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = people


SCORE_CHOICES = [("", "—")] + [(str(score), str(score)) for score in range(1, 6)]


class EvaluationRecordForm(forms.Form):
    """The scoring rubric: five criteria scored 1–5, a recommendation, the report."""

    evaluation = SafeModelChoiceField(label=_("Evaluation"), queryset=None)
    score_technology = forms.TypedChoiceField(label=_("Technology"), choices=SCORE_CHOICES, coerce=int)
    score_team = forms.TypedChoiceField(label=_("Team"), choices=SCORE_CHOICES, coerce=int)
    score_market = forms.TypedChoiceField(label=_("Market"), choices=SCORE_CHOICES, coerce=int)
    score_cluster_fit = forms.TypedChoiceField(label=_("Fit with the cluster"), choices=SCORE_CHOICES, coerce=int)
    score_regulatory = forms.TypedChoiceField(label=_("Regulatory readiness"), choices=SCORE_CHOICES, coerce=int)
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
    report = forms.CharField(label=_("Report"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, evaluations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].queryset = evaluations


class SigningForm(forms.Form):
    agreement_type = forms.ChoiceField(label=_("Agreement"), choices=AgreementType.choices)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    committed_amount = forms.DecimalField(
        label=_("Committed amount (CNY)"), max_digits=18, decimal_places=2, min_value=0
    )
    counts_as = forms.ChoiceField(label=_("Counts as"), choices=SigningCounts.choices)
    signatories = forms.CharField(label=_("Signatories"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Milestone"), choices=MilestoneKind.choices)
    planned_date = forms.DateField(label=_("Planned date"), required=False, widget=DATE)
    actual_date = forms.DateField(label=_("Done on"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
