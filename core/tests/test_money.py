from decimal import Decimal

import pytest

from core.money import format_cny, format_cny_with_usd


@pytest.fixture(autouse=True)
def _rate(settings):
    settings.CNY_PER_USD = Decimal("7.218")


@pytest.mark.parametrize(
    ("amount", "english", "chinese"),
    [
        (Decimal(1_500_000_000), "¥1,500,000,000", "15亿元"),
        (Decimal(31_200_000_000), "¥31,200,000,000", "312亿元"),
        (Decimal(80_000_000), "¥80,000,000", "8,000万元"),
        (Decimal(125_000), "¥125,000", "12.5万元"),
        (Decimal("9999.50"), "¥9,999.5", "9,999.5元"),
        (Decimal(0), "¥0", "0元"),
    ],
)
def test_cny_in_each_language(amount, english, chinese):
    assert format_cny(amount, language="en") == english
    assert format_cny(amount, language="zh-hans") == chinese


def test_usd_beside_cny_at_the_configured_rate():
    # The seed article: 1.5 billion yuan ≈ US$207.8 million.
    assert format_cny_with_usd(Decimal(1_500_000_000), language="en") == "¥1,500,000,000 (≈ US$207.8 million)"
    assert format_cny_with_usd(Decimal(1_500_000_000), language="zh-hans") == "15亿元（约2.08亿美元）"


def test_no_amount():
    assert format_cny(None) == "—"
