"""Cell values as staff type them, turned into field values, or a message saying what is wrong."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from projects.models import RoadshowEvent
from spreadsheets.columns import Column, normalize_header

_CHINESE_DATE = re.compile(r"^(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?$")


MAX_AMOUNT = Decimal(10) ** 16  # the amount fields hold 18 digits, 2 of them after the point
MAX_WHOLE = 2_147_483_647
FORMULA_STARTS = ("=", "+", "-", "@")


class CellError(ValueError):
    pass


def _number(text: str, message: str) -> Decimal:
    """A finite decimal number, with thousands separators allowed; huge exponents refused."""
    cleaned = text.replace(",", "").replace("，", "").strip()
    try:
        number = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        raise CellError(message % {"value": text}) from None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        raise CellError(message % {"value": text})
    return number


def _choice_lookup(choices) -> dict[str, str]:
    """Every way a choice may be written: its code, its English and its Chinese label."""
    lookup = {}
    for value, label in choices.choices:
        lookup[normalize_header(value)] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                lookup[normalize_header(str(label))] = value
    return lookup


_CHOICES_CACHE: dict[type, dict[str, str]] = {}


def parse_cell(column: Column, raw, context: dict):
    """The field value of one cell; None for an empty cell."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).replace("\x00", "").strip()
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        text = text[1:]  # our exports escape text that a spreadsheet would take for a formula
    match column.parse:
        case "text":
            return text
        case "choice":
            lookup = _CHOICES_CACHE.setdefault(column.choices, _choice_lookup(column.choices))
            value = lookup.get(normalize_header(text))
            if value is None:
                allowed = "、".join(str(label) for _value, label in column.choices.choices)
                raise CellError(_("“%(value)s” is not one of: %(allowed)s") % {"value": text, "allowed": allowed})
            return value
        case "money":
            amount = _number(text.replace("¥", "").replace("￥", ""), _("“%(value)s” is not an amount"))
            if amount < 0:
                raise CellError(_("an amount cannot be negative"))
            amount *= column.scale
            if amount >= MAX_AMOUNT:
                raise CellError(_("“%(value)s” is too large an amount") % {"value": text})
            return amount.quantize(Decimal("0.01"))
        case "int":
            number = _number(text, _("“%(value)s” is not a whole number"))
            if number != number.to_integral_value() or not 0 <= number <= MAX_WHOLE:
                raise CellError(_("“%(value)s” is not a whole number") % {"value": text})
            return int(number)
        case "bool":
            truthy = {"1", "yes", "y", "true", "x", "是", "√", "✓"}
            falsy = {"0", "no", "n", "false", "否", ""}
            key = normalize_header(text)
            if key in truthy:
                return True
            if key in falsy:
                return False
            raise CellError(_("write yes or no (是/否)"))
        case "date":
            return _date(raw, text)
        case "user":
            return _user(text, context)
        case "event":
            return _event(text, context)
    raise AssertionError(column.parse)


def _date(raw, text: str) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    match = _CHINESE_DATE.match(text)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise CellError(_("“%(value)s” is not a date (write 2026-03-26)") % {"value": text})


def _user(text: str, context: dict):
    users = context.setdefault("users", {})
    if text not in users:
        model = get_user_model()
        found = list(
            model.objects.filter(is_active=True)
            .filter(Q(username__iexact=text) | Q(email__iexact=text))
            .order_by("pk")[:2]
        )
        if not found:
            everyone = model.objects.filter(is_active=True)
            found = [user for user in everyone if text in {user.get_full_name(), f"{user.first_name} {user.last_name}"}]
        users[text] = found[0] if len(found) == 1 else None
    if users[text] is None:
        raise CellError(_("no active user is called “%(value)s” (use the user name)") % {"value": text})
    return users[text]


def _event(text: str, context: dict):
    events = context.setdefault("events", {})
    if text not in events:
        found = list(RoadshowEvent.objects.filter(name=text).order_by("-date")[:1])
        events[text] = found[0] if found else None
    if events[text] is None:
        raise CellError(_("no event is called “%(value)s”") % {"value": text})
    return events[text]
