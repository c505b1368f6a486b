"""A lead submitted by a partner platform: one service for the API (and any future importer)."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from accounts.models import User
from accounts.roles import Role
from companies.models import Company, Contact
from companies.selectors import company_match
from companies.services import company_create, contact_save
from partners.models import LeadRoutingRule, PartnerPlatform
from partners.services import project_share
from projects.choices import Source, Stage, Status
from projects.models import InvestmentProject
from projects.services import project_create


@dataclass
class LeadResult:
    project: InvestmentProject
    company_existed: bool


def lead_owner(*, partner: PartnerPlatform, sector: str) -> User:
    """The owner by the routing rules, else the active staff member with the fewest open leads."""
    rule = (
        LeadRoutingRule.objects.filter(Q(partner=partner) | Q(partner__isnull=True))
        .filter(Q(sector=sector) | Q(sector=""), owner__is_active=True)
        .select_related("owner")
        .first()
    )
    if rule:
        return rule.owner
    return (
        User.objects.filter(is_active=True, groups__name=Role.STAFF)
        .annotate(
            leads=Count(
                "owned_projects", filter=Q(owned_projects__stage=Stage.LEAD, owned_projects__status=Status.ACTIVE)
            )
        )
        .order_by("leads", "pk")
        .first()
    )


@transaction.atomic
def lead_submit(
    *, partner: PartnerPlatform, company: dict[str, Any], project: dict[str, Any], contact: dict[str, Any] | None
) -> LeadResult:
    """Land the lead as a project in stage lead, source "partner platform", shared with the partner.

    The company is matched by credit code, then by normalized name, before a new one is made; the
    owner is chosen by `lead_owner` and told at once."""
    from reminders.services import remind_new_lead

    existing: Company | None = company_match(
        credit_code=company.get("credit_code") or "", name_zh=company.get("name_zh", ""),
        name_en=company.get("name_en", ""),
    )  # fmt: skip
    target = existing or company_create(allow_similar_name=False, **company)
    if contact and contact.get("name"):
        known = target.contacts.filter(
            Q(email=contact.get("email") or "-") | Q(phone=contact.get("phone") or "-") | Q(name=contact["name"])
        ).exists()
        if not known:
            contact_save(contact=Contact(company=target, **contact), actor=None)
    owner = lead_owner(partner=partner, sector=project.get("sector") or target.sector)
    created = project_create(actor=None, company=target, source=Source.PARTNER, referrer=partner.organization,
                             owner=owner, **project)  # fmt: skip
    project_share(project=created, partner=partner, actor=None)
    remind_new_lead(project=created, partner=partner)
    return LeadResult(project=created, company_existed=existing is not None)
