"""Hypothesis strategies for valid create-order bodies, with figures computed independently of the code
under test (``fractions.Fraction``), so that the properties compare two implementations of the formulas.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from mollie_preflight._reference.currencies import CURRENCY_DECIMALS

RATES = ("0.00", "9.00", "21.00", "25.50", "6", "19", "5.5")
CURRENCIES = tuple(sorted(CURRENCY_DECIMALS))


def money_string(minor: int, decimals: int) -> str:
    sign = "-" if minor < 0 else ""
    digits = str(abs(minor)).rjust(decimals + 1, "0")
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}" if decimals else sign + digits


def reference_vat(total_minor: int, rate: str) -> int:
    """VAT by exact rational arithmetic, rounded half away from zero: an independent oracle."""
    exact = Fraction(total_minor) * Fraction(rate) / (100 + Fraction(rate))
    magnitude = abs(exact)
    whole = int(magnitude)
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    return whole if exact >= 0 else -whole


def amount(currency: str, minor: int) -> dict[str, str]:
    return {"currency": currency, "value": money_string(minor, CURRENCY_DECIMALS[currency])}


@st.composite
def order_lines(draw: st.DrawFn, currency: str, *, min_size: int = 1, max_size: int = 100) -> list[dict[str, Any]]:
    """Valid lines: goods with optional line discounts, plus discount and gift card lines that never push
    the total or any rate's VAT below zero.
    """
    goods_count = draw(st.integers(min_value=min_size, max_value=max_size))
    lines: list[dict[str, Any]] = []
    for _ in range(goods_count):
        kind = draw(st.sampled_from(("physical", "digital", "shipping_fee", "surcharge")))
        unit = draw(st.integers(min_value=0, max_value=500_000))
        quantity = draw(st.integers(min_value=1, max_value=20))
        gross = unit * quantity
        discount = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=gross)))
        total = gross - (discount or 0)
        rate = draw(st.sampled_from(RATES))
        line: dict[str, Any] = {
            "type": kind,
            "name": draw(st.text(min_size=1, max_size=20).filter(str.strip)),
            "quantity": quantity,
            "unitPrice": amount(currency, unit),
            "totalAmount": amount(currency, total),
            "vatRate": rate,
            "vatAmount": amount(currency, reference_vat(total, rate)),
        }
        if discount is not None:
            line["discountAmount"] = amount(currency, discount)
        lines.append(line)
    # A discount line per rate, each at most half of that rate's goods, keeps per-rate VAT non-negative.
    per_rate: dict[str, int] = {}
    for line in lines:
        per_rate[line["vatRate"]] = per_rate.get(line["vatRate"], 0) + _minor(line["totalAmount"], currency)
    for rate, total in sorted(per_rate.items()):
        if total >= 2 and draw(st.booleans()):
            off = draw(st.integers(min_value=1, max_value=total // 2))
            reduction = _reduction("discount", currency, off, rate, draw(st.integers(1, 2)))
            goods_vat = sum(_minor(line["vatAmount"], currency) for line in lines if line["vatRate"] == rate)
            if goods_vat + _minor(reduction["vatAmount"], currency) >= 0:
                lines.append(reduction)
    remaining = sum(_minor(line["totalAmount"], currency) for line in lines)
    if remaining >= 1 and draw(st.booleans()):
        lines.append(_reduction("gift_card", currency, draw(st.integers(1, remaining)), "0.00", 1))
    return lines


def _reduction(kind: str, currency: str, off: int, rate: str, quantity: int) -> dict[str, Any]:
    unit = -(off // quantity)
    total = unit * quantity
    return {
        "type": kind,
        "name": f"{kind} {rate}",
        "quantity": quantity,
        "unitPrice": amount(currency, unit),
        "totalAmount": amount(currency, total),
        "vatRate": rate,
        "vatAmount": amount(currency, reference_vat(total, rate)),
    }


def _minor(amount_object: dict[str, str], currency: str) -> int:
    value = amount_object["value"]
    negative = value.startswith("-")
    digits = value.lstrip("-").replace(".", "")
    return -int(digits) if negative else int(digits)


@st.composite
def valid_orders(draw: st.DrawFn, *, max_lines: int = 100) -> dict[str, Any]:
    currency = draw(st.sampled_from(CURRENCIES))
    # An order of nothing is refused (MP309): a valid order's lines add up to more than zero.
    lines = draw(
        order_lines(currency, max_size=max_lines).filter(
            lambda drawn: sum(_minor(line["totalAmount"], currency) for line in drawn) > 0
        )
    )
    total = sum(_minor(line["totalAmount"], currency) for line in lines)
    return {
        "amount": amount(currency, total),
        "orderNumber": str(draw(st.integers(min_value=1, max_value=10**9))),
        "locale": "en_US",
        "lines": lines,
    }


def minor_of(amount_object: dict[str, str], currency: str) -> int:
    return _minor(amount_object, currency)
