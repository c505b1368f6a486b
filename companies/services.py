"""Writes for companies and contacts. The admin, the pages, the API and the importer call these."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from companies.credit_code import normalize_credit_code
from companies.models import Company, Contact
from companies.selectors import companies_with_similar_name, company_by_credit_code

# What people may set on a company, in the order forms show it.
COMPANY_FIELDS = (
    "name_zh",
    "name_en",
    "credit_code",
    "kind",
    "sector",
    "ownership",
    "country",
    "city",
    "website",
    "is_park_tenant",
    "description",
)


def company_duplicate_errors(
    *, name_zh: str, name_en: str, credit_code: str | None, exclude_pk: int | None, allow_similar_name: bool
) -> dict[str, list[str]]:
    """Why these values would duplicate an existing company, by field (empty when they would not).

    The same credit code is always refused; a similar name is refused until the person confirms
    that it is a different company.
    """
    errors: dict[str, list[str]] = {}
    existing = company_by_credit_code(credit_code or "", exclude_pk=exclude_pk)
    if existing:
        errors["credit_code"] = [_("%(company)s already has this unified social credit code.") % {"company": existing}]
    if not allow_similar_name:
        similar = list(companies_with_similar_name(name_zh=name_zh, name_en=name_en, exclude_pk=exclude_pk)[:3])
        if similar:
            errors["name_zh" if name_zh else "name_en"] = [
                _(
                    "A company with a very similar name already exists: %(companies)s. "
                    "Use it, or confirm that this is a different company."
                )
                % {"companies": "; ".join(str(company) for company in similar)}
            ]
    return errors


@transaction.atomic
def company_save(*, company: Company, allow_similar_name: bool = False) -> Company:
    """Validate and save a new or changed company, refusing duplicates.

    A similar name is only questioned when the name is new or changed: it was accepted before.
    """
    company.credit_code = normalize_credit_code(company.credit_code) or None
    if company.pk is not None:
        before = Company.objects.filter(pk=company.pk).values("name_zh", "name_en").first() or {}
        renamed = before.get("name_zh") != company.name_zh or before.get("name_en") != company.name_en
        allow_similar_name = allow_similar_name or not renamed
    errors = company_duplicate_errors(
        name_zh=company.name_zh,
        name_en=company.name_en,
        credit_code=company.credit_code,
        exclude_pk=company.pk,
        allow_similar_name=allow_similar_name,
    )
    if errors:
        raise ValidationError(errors)
    company.full_clean()
    company.save()
    return company


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(COMPANY_FIELDS)
    if unknown:
        raise TypeError(f"unknown company fields: {sorted(unknown)}")


def company_create(*, created_by=None, allow_similar_name: bool = False, **fields: Any) -> Company:
    _check_fields(fields)
    return company_save(company=Company(created_by=created_by, **fields), allow_similar_name=allow_similar_name)


def company_update(*, company: Company, allow_similar_name: bool = False, **fields: Any) -> Company:
    _check_fields(fields)
    for name, value in fields.items():
        setattr(company, name, value)
    return company_save(company=company, allow_similar_name=allow_similar_name)


@transaction.atomic
def contact_create(*, company: Company, name: str, **fields: Any) -> Contact:
    contact = Contact(company=company, name=name, **fields)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_save(*, contact: Contact, actor) -> Contact:
    """Companies and their contacts belong to the whole park: staff and managers edit them."""
    from projects.services.access import ensure_can_change_shared

    ensure_can_change_shared(actor)
    contact.full_clean()
    contact.save()
    return contact
