"""The formulas Mollie applies to an order, as public functions on ``Decimal`` (integers inside: ``_vat``).

- line total: ``unitPrice × quantity − discountAmount``, exact (every operand already has the
  currency's precision, so there is nothing to round);
- line VAT: ``totalAmount × vatRate / (100 + vatRate)``, rounded half away from zero to the currency's
  decimals;
- order amount: ``Σ totalAmount``.

Everything is computed on integers (minor units, and the VAT rate as an integer over a power of ten), so
the results are exact for any input size and cannot be changed by the caller's ``decimal`` context: no
``Decimal`` arithmetic happens here at all. The functions take and return ``Decimal``; the validators use
``_vat``'s integer forms directly. This module stays Python in the compiled build: a caller's argument of
the wrong type (a ``bool`` quantity, a ``float`` price) is refused here as it is, where compiled code would
have converted it to its declared type first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ._money import (
    InvalidValue,
    currency_decimals,
    minor_to_decimal,
    parse_value,
    pow10,
    to_decimal,
)
from ._vat import parse_rate, round_half_away

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Any, Final

    from ._money import DecimalLike

_MAX_EXPONENT: Final = 40


# --- public Decimal API -------------------------------------------------------------------------------


def line_total(unit_price: DecimalLike, quantity: int, discount: DecimalLike | None = None) -> Decimal:
    """``unit_price × quantity − discount``, exact: ``line_total("399.00", 2, "100.00") == Decimal("698.00")``."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise TypeError(f"quantity must be an int, not {type(quantity).__name__}")
    price = scaled_integer(to_decimal(unit_price, "unit_price"), "unit_price")
    off = scaled_integer(to_decimal(discount, "discount"), "discount") if discount is not None else (0, price[1])
    exponent = min(price[1], off[1])
    price_units = price[0] * pow10(price[1] - exponent)
    off_units = off[0] * pow10(off[1] - exponent)
    return minor_to_decimal(price_units * quantity - off_units, -exponent)


def vat_amount(total: DecimalLike, rate: DecimalLike, currency: str) -> Decimal:
    """VAT contained in a VAT-inclusive ``total`` at ``rate`` percent, as Mollie computes it.

    ``vat_amount("698.00", "21.00", "EUR") == Decimal("121.14")``. Rounded half away from zero to the
    currency's decimals; exact for any input. ``ValueError`` for an unsupported currency or a negative
    rate, both of which Mollie refuses.
    """
    decimals = _decimals(currency)
    rate_units, rate_exp = scaled_integer(to_decimal(rate, "rate"), "rate")
    if rate_units < 0:
        raise ValueError(f"rate must not be negative, got {rate}")
    total_units, total_exp = scaled_integer(to_decimal(total, "total"), "total")
    scale = max(0, -rate_exp)
    rate_units *= pow10(rate_exp + scale)
    numerator = total_units * rate_units
    denominator = 100 * pow10(scale) + rate_units
    shift = total_exp + decimals
    if shift >= 0:
        numerator *= pow10(shift)
    else:
        denominator *= pow10(-shift)
    return minor_to_decimal(round_half_away(numerator, denominator), decimals)


def order_amount(lines: Iterable[Mapping[str, Any]]) -> Decimal:
    """``Σ lines[i].totalAmount.value`` for order lines as they appear in a payload.

    ``ValueError`` when a line has no valid ``totalAmount`` or the lines mix currencies; use
    ``validate_order`` to learn everything that is wrong with a payload.
    """
    return _sum_amounts(lines, "totalAmount")


def vat_per_rate(lines: Iterable[Mapping[str, Any]]) -> dict[Decimal, Decimal]:
    """``Σ vatAmount`` grouped by VAT rate, for the per-rate VAT check (rates normalized)."""
    sums: dict[tuple[int, int], int] = {}
    currency: str | None = None
    decimals = 2
    for index, line in enumerate(lines):
        rate = parse_rate(str(line.get("vatRate", "")))
        if rate is None:
            raise ValueError(f"line {index} has no valid vatRate")
        currency, decimals, minor = _read_amount(line, "vatAmount", index, currency)
        key = rate.key
        sums[key] = sums.get(key, 0) + minor
    return {minor_to_decimal(*key): minor_to_decimal(value, decimals) for key, value in sums.items()}


def _sum_amounts(lines: Iterable[Mapping[str, Any]], field: str) -> Decimal:
    total = 0
    currency: str | None = None
    decimals = 2
    for index, line in enumerate(lines):
        currency, decimals, minor = _read_amount(line, field, index, currency)
        total += minor
    return minor_to_decimal(total, decimals)


def _read_amount(line: Mapping[str, Any], field: str, index: int, currency: str | None) -> tuple[str, int, int]:
    amount = line.get(field) if isinstance(line, Mapping) else None
    if not isinstance(amount, Mapping):
        raise ValueError(f"line {index} has no {field} object")
    line_currency, value = amount.get("currency"), amount.get("value")
    if not isinstance(line_currency, str) or not isinstance(value, str):
        raise ValueError(f"line {index} {field} needs string currency and value")
    if currency is not None and line_currency != currency:
        raise ValueError(f"line {index} {field} is in {line_currency}, earlier lines in {currency}")
    decimals = _decimals(line_currency)
    minor = parse_value(value, decimals)
    if isinstance(minor, InvalidValue):
        raise ValueError(f"line {index} {field} value {value!r} {minor.reason}")
    return line_currency, decimals, minor


def _decimals(currency: str) -> int:
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports")
    return decimals


def scaled_integer(value: Decimal, what: str) -> tuple[int, int]:
    """``value`` as ``(integer, exponent)`` with bounded exponent, so no power of ten can explode."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if abs(exponent) > _MAX_EXPONENT or len(digits) > _MAX_EXPONENT:
        raise ValueError(f"{what} {value} is out of range")
    units = int("".join(map(str, digits)) or "0")
    return (-units if sign else units), exponent


__all__ = ["line_total", "order_amount", "scaled_integer", "vat_amount", "vat_per_rate"]
