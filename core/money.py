"""CNY amounts as park staff read them: separators in English, 万元/亿元 in Chinese, USD beside."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import get_language

WAN = Decimal(10) ** 4
YI = Decimal(10) ** 8
MILLION = Decimal(10) ** 6
BILLION = Decimal(10) ** 9


def _trim(value: Decimal, places: int = 2) -> str:
    """'15.00' -> '15', '2.50' -> '2.5', with thousands separators."""
    quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{quantized:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_usd(amount: Decimal) -> Decimal:
    return amount / settings.CNY_PER_USD


def _is_chinese(language: str | None) -> bool:
    return (language or get_language() or "en").lower().startswith("zh")


def format_cny(amount: Decimal | int | None, *, language: str | None = None) -> str:
    """The amount alone: '¥1,500,000,000' or '15亿元'."""
    if amount is None:
        return "—"
    amount = Decimal(amount)
    if not _is_chinese(language):
        return f"¥{_trim(amount)}"
    if abs(amount) >= YI:
        return f"{_trim(amount / YI)}亿元"
    if abs(amount) >= WAN:
        return f"{_trim(amount / WAN)}万元"
    return f"{_trim(amount)}元"


def format_usd(amount_cny: Decimal | int, *, language: str | None = None) -> str:
    """The USD equivalent of a CNY amount, compact: 'US$208.3 million' or '2.08亿美元'."""
    usd = to_usd(Decimal(amount_cny))
    if _is_chinese(language):
        if abs(usd) >= YI:
            return f"{_trim(usd / YI)}亿美元"
        if abs(usd) >= WAN:
            return f"{_trim(usd / WAN)}万美元"
        return f"{_trim(usd, 0)}美元"
    if abs(usd) >= BILLION:
        return f"US${_trim(usd / BILLION)} billion"
    if abs(usd) >= MILLION:
        return f"US${_trim(usd / MILLION, 1)} million"
    return f"US${_trim(usd, 0)}"


def format_cny_with_usd(amount: Decimal | int | None, *, language: str | None = None) -> str:
    """'¥1,500,000,000 (≈ US$208.3 million)' or '15亿元（约2.08亿美元）'."""
    if amount is None:
        return "—"
    cny = format_cny(amount, language=language)
    usd = format_usd(amount, language=language)
    if _is_chinese(language):
        return f"{cny}（约{usd}）"
    return f"{cny} (≈ {usd})"
