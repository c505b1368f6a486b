"""Deleted records leave a tombstone, whichever path deleted them (admin, cascade, API)."""

from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone

from companies.models import Company, Contact
from partners.models import PartnerPlatform, Tombstone
from projects.models import (
    FollowUp,
    Interaction,
    InvestmentProject,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
)

TRACKED = (InvestmentProject, Company, Contact, RoadshowEvent, Presentation, OnSiteEvaluation, SigningCeremony,
           Signing, Milestone, Interaction, FollowUp)  # fmt: skip


def _remember_partners(sender, instance, **kwargs):
    # Before the shares go with the project: which partners had it in their copy.
    partners = PartnerPlatform.objects.filter(shares__project=instance)
    if instance.referrer_id:
        partners = partners | PartnerPlatform.objects.filter(organization_id=instance.referrer_id)
    instance._partners_who_saw_it = list(partners.values_list("pk", flat=True).distinct())


def _bury(sender, instance, **kwargs):
    tombstone = Tombstone.objects.create(model=sender._meta.label_lower, object_id=instance.pk,
                                         deleted_at=timezone.now())  # fmt: skip
    partner_ids = getattr(instance, "_partners_who_saw_it", [])
    if partner_ids:
        tombstone.visible_to.set(partner_ids)


def connect():
    pre_delete.connect(_remember_partners, sender=InvestmentProject, dispatch_uid="partners.remember")
    for model in TRACKED:
        post_delete.connect(_bury, sender=model, dispatch_uid=f"partners.bury.{model._meta.label_lower}")
