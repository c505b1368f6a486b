from django.core.exceptions import ValidationError
from django.db import models
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from api.filters import as_utc


class ModifiedCursorPagination(CursorPagination):
    """Pages in the order rows last changed, oldest first, so a partner syncing with
    `modified_since` and following `next` sees every row once even while rows are added."""

    ordering = ("modified_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """A cursor whose position is not a value of the ordering field is refused like any
        other bad cursor, before it reaches the database."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            try:
                value = field.to_python(cursor.position)
                if isinstance(field, models.DateTimeField) and value is not None:
                    cursor = cursor._replace(position=as_utc(value).isoformat())
            except (ValidationError, ValueError, TypeError):
                raise NotFound(self.invalid_cursor_message) from None
        return cursor
