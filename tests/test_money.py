"""Strict amount parsing and formatting."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import babel
import babel.numbers
import pytest
from babel.core import get_global
from babel.numbers import format_currency, get_currency_precision
from hypothesis import given
from hypothesis import strategies as st

from mollie_preflight import validate_order
from mollie_preflight._money import (
    InvalidValue,
    _decoration,
    _spaced,
    decimal_to_minor,
    format_for_message,
    format_minor,
    format_with_babel,
    parse_value,
    to_decimal,
)
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS, CURRENCY_METHODS

from .helpers import CORE

LIBRARY_DIFFERENCES: Final = Path(__file__).parent / "data" / "library_differences.json"


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
    started = time.process_time()
    for _ in range(100):
        result = parse_value(text, 2)
    elapsed = (time.process_time() - started) / 100
    assert isinstance(result, InvalidValue)
    assert elapsed < 0.001  # a pathology guard, not a benchmark: the real cost is about a microsecond


@pytest.mark.parametrize(
    ("minor", "decimals", "text"), [(12345, 2, "123.45"), (-5, 2, "-0.05"), (0, 2, "0.00"), (7, 0, "7")]
)
def test_format_minor(minor: int, decimals: int, text: str) -> None:
    assert format_minor(minor, decimals) == text


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [(102799, "EUR", "€1,027.99"), (-608, "EUR", "-€6.08"), (1000, "JPY", "¥1,000"), (2000, "SEK", "SEK 20.00")],
)
def test_messages_format_amounts_as_mollie_does(minor: int, currency: str, text: str) -> None:
    assert format_for_message(minor, currency) == text


@pytest.mark.parametrize(
    ("shown", "spaced"),
    [
        ("PLN126.78", "PLN 126.78"),  # babel 2.19
        ("PLN\xa0126.78", "PLN 126.78"),  # a babel that spaces the CLDR way, with a no-break space
        ("-PLN126.78", "-PLN 126.78"),
        ("126.78zł", "126.78 zł"),  # a locale with the currency after the digits
        ("€1,027.99", "€1,027.99"),
        ("-A$6.08", "-A$6.08"),
        ("¥1,000", "¥1,000"),
    ],
)
def test_a_currency_in_letters_is_one_plain_space_from_the_digits(shown: str, spaced: str) -> None:
    assert _spaced(shown) == spaced


#: 3001.50 (3002 where Mollie allows no decimals) as messages show it in every Mollie currency: the
#: digits are Mollie's (https://docs.mollie.com/docs/multicurrency), the symbols babel's en_US ones.
MESSAGE_AMOUNTS: Final = {
    "AED": "AED 3,001.50",
    "AUD": "A$3,001.50",
    "BGN": "BGN 3,001.50",
    "BRL": "R$3,001.50",
    "CAD": "CA$3,001.50",
    "CHF": "CHF 3,001.50",
    "CZK": "CZK 3,001.50",
    "DKK": "DKK 3,001.50",
    "EUR": "€3,001.50",
    "GBP": "£3,001.50",
    "HKD": "HK$3,001.50",
    "HUF": "HUF 3,001.50",
    "ILS": "₪3,001.50",
    "ISK": "ISK 3,002",
    "JPY": "¥3,002",
    "MXN": "MX$3,001.50",
    "MYR": "MYR 3,001.50",
    "NOK": "NOK 3,001.50",
    "NZD": "NZ$3,001.50",
    "PHP": "₱3,001.50",
    "PLN": "PLN 3,001.50",
    "RON": "RON 3,001.50",
    "RUB": "RUB 3,001.50",
    "SEK": "SEK 3,001.50",
    "SGD": "SGD 3,001.50",
    "THB": "THB 3,001.50",
    "TWD": "NT$3,001.50",
    "USD": "$3,001.50",
    "ZAR": "ZAR 3,001.50",
}


@pytest.fixture(params=[0, 2, 3], ids=lambda digits: f"babel-says-{digits}-digits")
def babel_currency_digits(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """babel told that every currency has ``request.param`` decimals, in its CLDR table and in the function
    that reads it, so that no path through babel can still find the real figure."""
    digits: int = request.param
    fractions = get_global("currency_fractions")
    for currency in [*CURRENCY_DECIMALS, "DEFAULT"]:
        monkeypatch.setitem(fractions, currency, (digits, 0, digits, 0))
    monkeypatch.setattr(babel.numbers, "get_currency_precision", lambda currency: digits)
    return digits


def test_babels_own_formatting_follows_the_patched_digits(babel_currency_digits: int) -> None:
    """The patch reaches babel: left to itself, babel shows HUF with the digits it was told. Without this
    the tests below could pass for a patch that changed nothing."""
    shown = format_currency(Decimal("3001.50"), "HUF", locale="en_US")
    assert shown == {0: "HUF3,002", 2: "HUF3,001.50", 3: "HUF3,001.500"}[babel_currency_digits]


def test_the_message_table_covers_every_mollie_currency() -> None:
    assert set(MESSAGE_AMOUNTS) == set(CURRENCY_DECIMALS)


@pytest.mark.parametrize("currency", sorted(MESSAGE_AMOUNTS))
def test_messages_show_mollies_digits_whatever_babel_says(currency: str, babel_currency_digits: int) -> None:
    minor = 300150 if CURRENCY_DECIMALS[currency] else 3002
    assert format_for_message(minor, currency) == MESSAGE_AMOUNTS[currency]
    assert format_for_message(-minor, currency) == "-" + MESSAGE_AMOUNTS[currency]


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [(1, "HUF", "HUF 0.01"), (-1, "HUF", "-HUF 0.01"), (0, "HUF", "HUF 0.00"), (1, "JPY", "¥1"), (0, "ISK", "ISK 0")],
)
def test_the_smallest_amounts_keep_every_digit(
    minor: int, currency: str, text: str, babel_currency_digits: int
) -> None:
    assert format_for_message(minor, currency) == text


def _huf(value: str) -> dict[str, str]:
    return {"currency": "HUF", "value": value}


def test_a_huf_order_one_filler_off_is_reported_with_both_figures(babel_currency_digits: int) -> None:
    """Through the rules: an order amount one fillér above its line, and a VAT amount one fillér below."""
    order = {
        "amount": _huf("3001.51"),
        "orderNumber": "1",
        "locale": "hu_HU",
        "lines": [
            {
                "name": "Kabát",
                "quantity": 1,
                "unitPrice": _huf("3001.50"),
                "totalAmount": _huf("3001.50"),
                "vatRate": "27.00",
                "vatAmount": _huf("638.10"),
            }
        ],
    }
    findings = [(v.code, v.field, v.expected, v.actual, v.message) for v in validate_order(order, options=CORE)]
    assert findings == [
        (
            "MP203",
            "lines.0.vatAmount",
            "638.11",
            "638.10",
            "Order line 0 is invalid. VAT amount is off. Expected VAT amount to be HUF 638.11 "
            "(HUF 3,001.50 × (27.00 / 127.00)), got HUF 638.10.",
        ),
        (
            "MP304",
            "amount",
            "3001.50",
            "3001.51",
            "The amount of the order does not match the total amount from the order lines. "
            "Expected order amount to be HUF 3,001.50 but got HUF 3,001.51.",
        ),
    ]


def test_babel_differs_from_mollies_decimal_table_exactly_where_recorded() -> None:
    """A report, not a guard: the messages above already ignore babel's digits. When a babel release moves
    a currency's digits, this fails so that the change is looked at and recorded, never followed."""
    recorded: dict[str, Any] = json.loads(LIBRARY_DIFFERENCES.read_text(encoding="utf-8"))["currency_digits"]
    differences = {
        currency: {"mollie": decimals, "babel": get_currency_precision(currency)}
        for currency, decimals in CURRENCY_DECIMALS.items()
        if get_currency_precision(currency) != decimals
    }
    assert differences == {
        currency: {k: entry[k] for k in ("mollie", "babel")} for currency, entry in recorded.items()
    }, (
        f"babel {babel.__version__} disagrees with Mollie's decimals differently than {LIBRARY_DIFFERENCES.name} "
        "records: check https://docs.mollie.com/docs/multicurrency, then update the file (the product needs no change)"
    )


def test_method_table_covers_exactly_the_non_euro_currencies() -> None:
    assert set(CURRENCY_METHODS) == set(CURRENCY_DECIMALS) - {"EUR"}


@pytest.mark.parametrize("value", [1.5, True, None, [1]])
def test_to_decimal_refuses_floats_and_non_numbers(value: object) -> None:
    with pytest.raises(TypeError):
        to_decimal(value)


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


@given(
    currency=st.sampled_from(sorted(CURRENCY_DECIMALS)),
    minor=st.integers(min_value=-(10**19), max_value=10**19) | st.integers(min_value=-10_000, max_value=10_000),
)
def test_message_amounts_are_babels_own(currency: str, minor: int) -> None:
    """Our digits in babel's decoration, learnt once per currency: the very text babel writes for them."""
    assert format_for_message(minor, currency) == format_with_babel(minor, currency)


@pytest.mark.parametrize("currency", sorted(CURRENCY_DECIMALS))
def test_every_mollie_currency_is_decorated_without_babel_per_amount(currency: str) -> None:
    """The decoration is learnt for each of Mollie's currencies, so no message amount goes through babel."""
    assert _decoration(currency) is not None
    assert format_for_message(-300150, currency) == "-" + format_for_message(300150, currency)


def test_an_unknown_currency_is_left_to_babel() -> None:
    assert _decoration("XYZ") is None
    assert format_for_message(-123, "XYZ") == format_with_babel(-123, "XYZ") == "-XYZ 1.23"
