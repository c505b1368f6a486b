from django.db.models import Exists, OuterRef, Q, QuerySet

from partners.models import PartnerPlatform, ProjectShare


def projects_visible_to(partner: PartnerPlatform, queryset: QuerySet) -> QuerySet:
    """The projects a partner may see: shared with it explicitly, or referred by its organization."""
    shared = Exists(ProjectShare.objects.filter(project_id=OuterRef("pk"), partner_id=partner.pk))
    visible = Q(shared)
    if partner.organization_id:
        visible |= Q(referrer_id=partner.organization_id)
    return queryset.filter(visible)
