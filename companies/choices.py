from django.db import models
from django.utils.translation import gettext_lazy as _


class CompanyKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INVESTOR = "investor", _("Investor / fund")
    UNIVERSITY = "university", _("University / research institute")
    HOSPITAL = "hospital", _("Hospital")
    ASSOCIATION = "association", _("Association")
    GOVERNMENT = "government", _("Government body")
    SERVICE_PROVIDER = "service_provider", _("Service provider")


class Sector(models.TextChoices):
    CELL_GENE_THERAPY = "cgt", _("Cell and gene therapy")
    BIOLOGICS = "biologics", _("Biologics")
    INNOVATIVE_DRUGS = "innovative_drugs", _("Innovative drugs")
    VACCINES = "vaccines", _("Vaccines")
    MEDICAL_DEVICES = "medical_devices", _("Medical devices")
    IVD = "ivd", _("In-vitro diagnostics")
    CRO_CDMO = "cro_cdmo", _("CRO / CDMO")
    AI_DIGITAL_HEALTH = "ai_digital_health", _("AI and digital health")
    BRAIN_COMPUTER = "bci", _("Brain-computer interfaces")
    ORGANOIDS = "organoids", _("Organoids")
    MEDICAL_SERVICES = "medical_services", _("Medical services")
    TRADE_LOGISTICS = "trade_logistics", _("Trade and bonded logistics")
    OTHER = "other", _("Other")


class Ownership(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic")
    FOREIGN = "foreign", _("Foreign-invested")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    HMT = "hmt", _("Hong Kong / Macao / Taiwan")
