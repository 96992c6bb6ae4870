"""The formulas against Mollie's worked examples and an independent oracle."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._vat import parse_rate, vat_minor, vat_minor_is_tie

from .strategies import reference_vat


@pytest.mark.parametrize(
    ("total", "rate", "currency", "vat"),
    [
        ("698.00", "21.00", "EUR", "121.14"),
        ("329.99", "21.00", "EUR", "57.27"),
        ("19.99", "21.00", "EUR", "3.47"),
        ("39.98", "21.00", "EUR", "6.94"),
        ("-3.90", "21.00", "EUR", "-0.68"),
        ("598.00", "21.00", "EUR", "103.79"),
        ("299.00", "21.00", "EUR", "51.89"),
        ("100.00", "25.00", "SEK", "20.00"),
        ("38.97", "20.00", "EUR", "6.50"),  # the exact tie seen live: 6.495 → 6.50
        ("3.95", "9.00", "EUR", "0.33"),
        ("-3.95", "16.00", "EUR", "-0.54"),
        ("-36.50", "20.00", "EUR", "-6.08"),
        ("174.50", "21.00", "EUR", "30.29"),
        ("1000", "10", "JPY", "91"),
    ],
)
def test_vat_amount_reproduces_mollies_own_numbers(total: str, rate: str, currency: str, vat: str) -> None:
    assert mp.vat_amount(total, rate, currency) == Decimal(vat)


def test_line_total_examples() -> None:
    assert mp.line_total("399.00", 2, "100.00") == Decimal("698.00")
    assert mp.line_total("9.00", 2, "1.80") == Decimal("16.20")
    assert mp.line_total(Decimal("19.99"), 2, Decimal("19.99")) == Decimal("19.99")
    assert mp.line_total(100, 3) == Decimal(300)


def test_order_amount_and_vat_per_rate_read_payload_lines() -> None:
    lines = [
        {
            "totalAmount": {"currency": "EUR", "value": "698.00"},
            "vatRate": "21.00",
            "vatAmount": {"currency": "EUR", "value": "121.14"},
        },
        {
            "totalAmount": {"currency": "EUR", "value": "329.99"},
            "vatRate": "21",
            "vatAmount": {"currency": "EUR", "value": "57.27"},
        },
        {
            "totalAmount": {"currency": "EUR", "value": "-10.00"},
            "vatRate": "9.00",
            "vatAmount": {"currency": "EUR", "value": "-0.83"},
        },
    ]
    assert mp.order_amount(lines) == Decimal("1017.99")
    assert mp.vat_per_rate(lines) == {Decimal("21"): Decimal("178.41"), Decimal("9"): Decimal("-0.83")}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([{"totalAmount": {"currency": "EUR", "value": "1.0"}}], "line 0 totalAmount value '1.0' has 1 decimal"),
        (
            [
                {"totalAmount": {"currency": "EUR", "value": "1.00"}},
                {"totalAmount": {"currency": "USD", "value": "1.00"}},
            ],
            "is in USD",
        ),
        ([{"name": "x"}], "line 0 has no totalAmount object"),
        ([{"totalAmount": {"currency": "XXX", "value": "1.00"}}], "not a currency Mollie supports"),
    ],
)
def test_order_amount_refuses_malformed_lines(lines: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mp.order_amount(lines)


def test_calc_refuses_floats_negative_rates_and_unknown_currencies() -> None:
    with pytest.raises(TypeError, match="not float"):
        mp.vat_amount(19.99, "21", "EUR")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="negative"):
        mp.vat_amount("19.99", "-1", "EUR")
    with pytest.raises(ValueError, match="not a currency"):
        mp.vat_amount("19.99", "21", "HRK")
    with pytest.raises(TypeError, match="quantity"):
        mp.line_total("1.00", True)


@given(
    total=st.integers(min_value=-(10**12), max_value=10**12),
    rate=st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
)
def test_vat_matches_exact_rational_arithmetic(total: int, rate: Decimal) -> None:
    rate_text = f"{rate:.2f}"
    parsed = parse_rate(rate_text)
    assert parsed is not None
    assert vat_minor(total, parsed) == reference_vat(total, rate_text)
    exact = Fraction(total) * Fraction(rate_text) / (100 + Fraction(rate_text))
    assert vat_minor_is_tie(total, parsed) == (exact.denominator == 2)


@given(
    unit=st.integers(min_value=-(10**9), max_value=10**9),
    quantity=st.integers(min_value=1, max_value=10**6),
    discount=st.integers(min_value=0, max_value=10**9),
)
def test_line_total_is_exact_whatever_the_callers_decimal_context(unit: int, quantity: int, discount: int) -> None:
    price, off = Decimal(unit).scaleb(-2), Decimal(discount).scaleb(-2)
    with decimal.localcontext(decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded])):
        result = mp.line_total(price, quantity, off)
    assert result == Decimal(unit * quantity - discount).scaleb(-2)
