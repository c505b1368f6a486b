"""A deleted follow-up (admin, cascade) changes its project's next follow-up date too."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from projects.models import FollowUp


@receiver(post_delete, sender=FollowUp, dispatch_uid="follow_up_deleted_refresh_project")
def follow_up_deleted(sender, instance: FollowUp, **kwargs) -> None:
    from projects.services.records import refresh_next_follow_up

    refresh_next_follow_up([instance.project_id])
