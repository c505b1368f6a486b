from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from projects.choices import Stage, Status


class MoveStageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when moving back to an earlier stage."),
    )
    override_reason = forms.CharField(
        label=_("Override reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Managers only: move even though requirements are missing, and say why. It is recorded."),
    )

    def __init__(self, *args, can_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    revisit_on = forms.DateField(
        label=_("Revisit on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a project on hold: when to look at it again."),
    )
    lost_to = forms.CharField(
        label=_("Lost to (competing location)"), required=False, help_text=_("For a lost project, if known.")
    )


class AssignOwnerForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("New owner"),
        queryset=get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.STAFF.value, Role.MANAGER.value])
        .distinct(),
    )
