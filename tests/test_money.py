"""Strict amount parsing and formatting."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from babel.numbers import get_currency_precision

from mollie_preflight.money import (
    InvalidValue,
    decimal_to_minor,
    format_for_message,
    format_minor,
    parse_value,
    to_decimal,
)
from mollie_preflight.reference.currencies import CURRENCY_DECIMALS, CURRENCY_METHODS


@pytest.mark.parametrize(
    ("text", "decimals", "minor"),
    [("0.00", 2, 0), ("16.10", 2, 1610), ("-3.90", 2, -390), ("1027.99", 2, 102799), ("100", 0, 100), ("0", 0, 0)],
)
def test_plain_values_parse_to_minor_units(text: str, decimals: int, minor: int) -> None:
    assert parse_value(text, decimals) == minor


@pytest.mark.parametrize(
    ("text", "decimals", "reason", "suggestion"),
    [
        ("16.1", 2, "has 1 decimal; this currency needs exactly 2", "16.10"),
        ("16", 2, "has 0 decimals; this currency needs exactly 2", "16.00"),
        ("100.00", 0, "has 2 decimals; this currency has none", "100"),
        ("100.50", 0, "has 2 decimals; this currency has none", None),
        ("16.105", 2, "has 3 decimals; this currency needs exactly 2", None),
        ("16.100", 2, "has 3 decimals; this currency needs exactly 2", "16.10"),
        ("-0.00", 2, "is a negative zero; write it without the minus sign", "0.00"),
        ("+16.10", 2, "has a plus sign", "16.10"),
        (" 16.10", 2, "has leading or trailing white space", "16.10"),
        ("016.10", 2, "has leading zeros", "16.10"),
        ("1,027.99", 2, "contains a comma; use a point as the decimal mark and no thousands separator", None),
        ("16,10", 2, "contains a comma; use a point as the decimal mark and no thousands separator", None),
        ("1 027.99", 2, "contains a thousands separator", None),
        ("1e3", 2, "uses exponent notation; write the number out in full", None),
        ("1e999999999", 2, "uses exponent notation; write the number out in full", None),
        ("NaN", 2, "is not a number", None),
        ("-Infinity", 2, "is not a number", None),
        ("١٢٣.٠٠", 2, "contains non-ASCII digits; only 0-9 are accepted", None),
        ("", 2, "is empty", None),
        ("   ", 2, "is blank", None),
        ("16.", 2, "has a decimal point without digits on both sides", None),
        ("abc", 2, "is not a plain decimal number", None),
        ("1234567890123456.00", 2, "has 16 integer digits; no amount has more than 15", None),
    ],
)
def test_invalid_values_say_why_and_suggest_only_unambiguous_fixes(
    text: str, decimals: int, reason: str, suggestion: str | None
) -> None:
    result = parse_value(text, decimals)
    assert isinstance(result, InvalidValue)
    assert result.reason == reason
    assert result.suggestion == suggestion


def test_negative_zero_is_marked() -> None:
    result = parse_value("-0", 0)
    assert isinstance(result, InvalidValue)
    assert result.negative_zero
    assert result.suggestion == "0"


@pytest.mark.parametrize("text", ["1" * 100_000, "9" * 5000 + ".00", "1e999999999", "0." + "0" * 100_000])
def test_hostile_values_are_refused_in_microseconds(text: str) -> None:
    started = time.perf_counter()
    for _ in range(100):
        result = parse_value(text, 2)
    elapsed = (time.perf_counter() - started) / 100
    assert isinstance(result, InvalidValue)
    assert elapsed < 0.001  # a pathology guard, not a benchmark: the real cost is about a microsecond


@pytest.mark.parametrize(
    ("minor", "decimals", "text"), [(12345, 2, "123.45"), (-5, 2, "-0.05"), (0, 2, "0.00"), (7, 0, "7")]
)
def test_format_minor(minor: int, decimals: int, text: str) -> None:
    assert format_minor(minor, decimals) == text


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [(102799, "EUR", "€1,027.99"), (-608, "EUR", "-€6.08"), (1000, "JPY", "¥1,000"), (2000, "SEK", "SEK20.00")],
)
def test_messages_format_amounts_as_mollie_does(minor: int, currency: str, text: str) -> None:
    assert format_for_message(minor, currency).replace("\xa0", " ") == text


def test_babel_agrees_with_mollies_decimal_table() -> None:
    """CLDR (babel) and Mollie's documented table must agree, or messages would show wrong decimals."""
    disagreements = {
        c: (d, get_currency_precision(c)) for c, d in CURRENCY_DECIMALS.items() if get_currency_precision(c) != d
    }
    assert disagreements == {}


def test_method_table_covers_exactly_the_non_euro_currencies() -> None:
    assert set(CURRENCY_METHODS) == set(CURRENCY_DECIMALS) - {"EUR"}


@pytest.mark.parametrize("value", [1.5, True, None, [1]])
def test_to_decimal_refuses_floats_and_non_numbers(value: object) -> None:
    with pytest.raises(TypeError):
        to_decimal(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["1e5", "NaN", "١٢", "1,00"])
def test_to_decimal_refuses_non_plain_strings(value: str) -> None:
    with pytest.raises(ValueError, match="plain decimal string"):
        to_decimal(value)


def test_to_decimal_accepts_decimal_int_and_plain_strings() -> None:
    assert to_decimal(Decimal("1.50")) == Decimal("1.50")
    assert to_decimal(3) == Decimal(3)
    assert to_decimal("-3.90") == Decimal("-3.90")
    with pytest.raises(ValueError, match="finite"):
        to_decimal(Decimal("Infinity"))


@pytest.mark.parametrize(
    ("value", "decimals", "minor"),
    [(Decimal("1.5"), 2, 150), (Decimal("1.500"), 2, 150), (Decimal("100"), 0, 100), (Decimal("0E-10"), 2, 0)],
)
def test_decimal_to_minor(value: Decimal, decimals: int, minor: int) -> None:
    assert decimal_to_minor(value, decimals) == minor


@pytest.mark.parametrize("value", [Decimal("1.005"), Decimal("1e999999999"), Decimal("1e-999999999")])
def test_decimal_to_minor_refuses_inexact_or_huge_values_without_building_them(value: Decimal) -> None:
    with pytest.raises(ValueError, match="more than"):
        decimal_to_minor(value, 2)
