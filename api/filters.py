"""Filters shared by the API's lists."""

import datetime

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from core.forms import IdsFitMixin, OneIdFitsMixin


def as_utc(value: datetime.datetime) -> datetime.datetime:
    """`value` in UTC, or a clear error when it has no place on the database's time line (an
    offset beyond ±16 hours, which PostgreSQL refuses, or a year that leaves 1–9999 in UTC)."""
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise forms.ValidationError(_("Enter a date and time between the years 1 and 9999."), code="invalid") from None


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def to_python(self, value):
        parsed = super().to_python(value)
        return None if parsed is None else as_utc(parsed)


class SinceFilter(django_filters.IsoDateTimeFilter):
    """Rows changed at or after an ISO 8601 date and time (`2026-11-22T08:30:00+08:00`)."""

    field_class = UtcIsoDateTimeField

    def __init__(self, field_name: str, **kwargs):
        super().__init__(field_name=field_name, lookup_expr="gte", **kwargs)


class _FilterModelChoiceField(OneIdFitsMixin, django_filters.fields.ModelChoiceField):
    pass


class _FilterModelMultipleChoiceField(IdsFitMixin, django_filters.fields.ModelMultipleChoiceField):
    pass


class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _FilterModelChoiceField


class SafeModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _FilterModelMultipleChoiceField


class SafeFilterSet(django_filters.FilterSet):
    """Every foreign-key filter refuses ids past what a database holds with a field error."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.ForeignKey: {**django_filters.FilterSet.FILTER_DEFAULTS[models.ForeignKey],
                            "filter_class": SafeModelChoiceFilter},
        models.OneToOneField: {**django_filters.FilterSet.FILTER_DEFAULTS[models.OneToOneField],
                               "filter_class": SafeModelChoiceFilter},
        models.ManyToManyField: {**django_filters.FilterSet.FILTER_DEFAULTS[models.ManyToManyField],
                                 "filter_class": SafeModelMultipleChoiceFilter},
    }  # fmt: skip


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, with `SafeFilterSet` for the sets it makes from `filterset_fields`."""

    filterset_base = SafeFilterSet
