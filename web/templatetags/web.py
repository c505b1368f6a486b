from decimal import Decimal

from django import template
from django.utils.translation import get_language

from core.money import WAN, YI, _trim

register = template.Library()


@register.filter
def cny_short(amount) -> str:
    """Compact CNY for cards and charts: '¥1.5 bn' / '15亿元', '¥320 m' / '3.2亿元', '¥800 k' / '80万元'."""
    if amount in (None, ""):
        return "—"
    amount = Decimal(amount)
    if (get_language() or "en").startswith("zh"):
        if abs(amount) >= YI:
            return f"{_trim(amount / YI, 1)}亿元"
        if abs(amount) >= WAN:
            return f"{_trim(amount / WAN, 0)}万元"
        return f"{_trim(amount, 0)}元"
    for size, suffix in ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k")):
        if abs(amount) >= size:
            return f"¥{_trim(amount / size, 1)} {suffix}"
    return f"¥{_trim(amount, 0)}"


@register.filter
def company_name(company) -> str:
    """The company's name in the reader's language, the other one when it has only one."""
    if company is None:
        return ""
    if (get_language() or "en").startswith("zh"):
        return company.name_zh or company.name_en
    return company.name_en or company.name_zh


@register.filter
def percent_of(value, whole) -> int:
    """0–100, for bars; 0 when there is no whole."""
    try:
        return max(0, min(100, round(Decimal(value or 0) * 100 / Decimal(whole))))
    except (ArithmeticError, TypeError, ValueError):
        return 0


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (sorting, paging), '?…'."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
