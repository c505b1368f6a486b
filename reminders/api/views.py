from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.pagination import ModifiedCursorPagination
from api.schema_errors import ERRORS
from reminders.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "project", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = fields


class NewestFirst(ModifiedCursorPagination):
    ordering = ("-created_at", "-id")


@extend_schema_view(
    list=extend_schema(responses={200: NotificationSerializer, **ERRORS}),
    retrieve=extend_schema(responses={200: NotificationSerializer, **ERRORS}),
)
class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's own in-app notifications, newest first."""

    serializer_class = NotificationSerializer
    pagination_class = NewestFirst
    filterset_fields = ["kind", "project"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return Notification.objects.filter(recipient_id=self.request.user.pk)

    @extend_schema(request=None, responses={200: NotificationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark the notification read."""
        notification = self.get_object()
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return Response(self.get_serializer(notification).data)
