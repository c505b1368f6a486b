from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The pipeline, in order. A lost project keeps the stage it reached."""

    LEAD = "lead", _("Lead")
    ROADSHOW = "roadshow", _("Roadshow")
    EVALUATION = "evaluation", _("Evaluation")
    NEGOTIATION = "negotiation", _("Negotiation")
    SIGNED = "signed", _("Signed")
    LANDED = "landed", _("Landed")
    OPERATING = "operating", _("Operating")

    @property
    def order(self) -> int:
        return STAGE_ORDER[self]


STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    LOST = "lost", _("Lost")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProjectType(models.TextChoices):
    RD_CENTRE = "rd_centre", _("R&D centre")
    HEADQUARTERS = "headquarters", _("Headquarters")
    PRODUCTION = "production", _("Production base")
    SALES = "sales", _("Sales centre")
    CDMO_CRO = "cdmo_cro", _("CDMO / CRO facility")
    CLINICAL = "clinical", _("Clinical research")
    TRADING = "trading", _("Trading / bonded logistics")


class SpaceType(models.TextChoices):
    OFFICE = "office", _("Office")
    LAB = "lab", _("Laboratory")
    GMP_PLANT = "gmp_plant", _("GMP plant")
    BONDED_WAREHOUSE = "bonded_warehouse", _("Bonded warehouse")


class PolicyNeed(models.TextChoices):
    BONDED_EQUIPMENT = "bonded_equipment", _("Bonded import of equipment")
    CGT_PILOT = "cgt_pilot", _("Foreign-investment CGT pilot scope")
    UNREGISTERED_DRUGS = "unregistered_drugs", _("Clinical use of drugs not yet registered in China")
    REGISTRATION_GUIDANCE = "registration_guidance", _("Product registration guidance")


class Source(models.TextChoices):
    EVENT = "event", _("Event")
    REFERRAL = "referral", _("Referral")
    PARTNER = "partner", _("Partner platform")
    INBOUND = "inbound", _("Inbound enquiry")
    TENANT_EXPANSION = "tenant_expansion", _("Tenant expansion")


class EventKind(models.TextChoices):
    ROADSHOW = "roadshow", _("Roadshow")
    FORUM = "forum", _("Forum")
    SUMMIT = "summit", _("Summit / conference")
    EXHIBITION = "exhibition", _("Exhibition")


class EvaluationStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Recommendation(models.TextChoices):
    PROCEED = "proceed", _("Proceed")
    REVISIT = "revisit", _("Revisit")
    DECLINE = "decline", _("Decline")


class AgreementType(models.TextChoices):
    INVESTMENT = "investment", _("Investment agreement")
    FRAMEWORK = "framework", _("Framework agreement / MoU")
    LEASE = "lease", _("Lease")
    SUPPLEMENTARY = "supplementary", _("Supplementary agreement")


class SigningCounts(models.TextChoices):
    """How a signing counts toward signed investment (Chinese investment offices' rules)."""

    NEW = "new", _("New investment")
    CAPITAL_INCREASE = "capital_increase", _("Capital increase (counts the added amount)")
    UPGRADE = "upgrade", _("Upgrade of an existing project (counts no new amount)")


class MilestoneKind(models.TextChoices):
    REGISTERED = "registered", _("Company registered")
    LEASE_OR_LAND = "lease_or_land", _("Lease or land contract")
    FACILITY_DELIVERED = "facility_delivered", _("Facility delivered")
    FIT_OUT_DONE = "fit_out_done", _("Fit-out done")
    PRODUCTION_LICENCE = "production_licence", _("Production licence")
    PRODUCT_REGISTRATION = "product_registration", _("Product registration (NMPA)")
    OPERATIONS_STARTED = "operations_started", _("Operations started")
    FIRST_REVENUE = "first_revenue", _("First revenue")
    DESIGN_CAPACITY = "design_capacity", _("Design capacity reached")


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    SITE_VISIT = "site_visit", _("Site visit")
    EMAIL = "email", _("E-mail")
    WECHAT = "wechat", _("WeChat")
    EVENT = "event", _("Event")


class FollowUpState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
