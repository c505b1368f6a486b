"""Model choice fields that refuse an id no database could hold, before asking the database.

Django's fields pass any integer to the query; SQLite raises OverflowError past 2**63 (a 500).
These say "Select a valid choice" instead, like for any other unknown id."""

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1


def _fits(value) -> bool:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return True  # not a number: the field's own validation says so
    return -MAX_ID <= number <= MAX_ID


class OneIdFitsMixin:
    def to_python(self, value):
        if value not in self.empty_values and not _fits(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdsFitMixin:
    def _check_values(self, value):
        for item in value if isinstance(value, list | tuple) else [value]:
            if not _fits(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)


class SafeModelChoiceField(OneIdFitsMixin, forms.ModelChoiceField):
    pass


class SafeModelMultipleChoiceField(IdsFitMixin, forms.ModelMultipleChoiceField):
    pass
