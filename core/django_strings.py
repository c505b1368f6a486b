"""Strings new in Django 6.1 that Django's own Simplified Chinese catalogue does not have yet.

Listed here so that `make messages` extracts them; our catalogue (LOCALE_PATHS) translates them and
takes precedence over Django's.
"""

from django.utils.translation import gettext_noop

DJANGO_GAPS = [
    gettext_noop("- Select an option -"),
    gettext_noop("Filter by %(field_name)s"),
]
