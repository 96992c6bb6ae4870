"""The formulas Mollie applies to an order, as pure functions.

- line total: ``unitPrice × quantity − discountAmount``, exact (every operand already has the
  currency's precision, so there is nothing to round);
- line VAT: ``totalAmount × vatRate / (100 + vatRate)``, rounded half away from zero to the currency's
  decimals;
- order amount: ``Σ totalAmount``.

Everything is computed on integers (minor units, and the VAT rate as an integer over a power of ten), so
the results are exact for any input size and cannot be changed by the caller's ``decimal`` context: no
``Decimal`` arithmetic happens here at all. The public functions take and return ``Decimal``; the
``*_minor`` functions are what the validators use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ._money import (
    InvalidValue,
    currency_decimals,
    minor_to_decimal,
    parse_value,
    pow10,
    to_decimal,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Any, Final

    from ._money import DecimalLike

_RATE = re.compile(r"(-?)(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?", re.ASCII)
_MAX_EXPONENT: Final = 40
#: 10**0 … 10**4: the scales a rate has in practice, without a function call.
_POW10: Final = (1, 10, 100, 1000, 10000)


class Rate:
    """A VAT percentage as ``units / 10**scale``: ``"21.00"`` is ``Rate(2100, 2)``.

    Immutable by convention. A plain slotted class rather than a frozen dataclass: one is built per
    distinct rate text of every order, and a frozen dataclass's ``__init__`` costs four times as much.
    """

    __slots__ = ("key", "scale", "units", "vat_denominator")

    def __init__(self, units: int, scale: int) -> None:
        self.units = units
        self.scale = scale
        #: ``(100 + rate)`` in the rate's own units: VAT = total × units / vat_denominator.
        self.vat_denominator = 100 * (_POW10[scale] if 0 <= scale < len(_POW10) else pow10(scale)) + units
        while scale and units % 10 == 0:
            units //= 10
            scale -= 1
        #: The same rate without trailing zeros, under which equal rates written differently (``"21"``,
        #: ``"21.00"``) compare equal: an attribute, as the order-level rules read it for every line.
        self.key = (units, scale)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        return self.units == other.units and self.scale == other.scale

    def __hash__(self) -> int:
        return hash((self.units, self.scale))

    def __repr__(self) -> str:
        return f"Rate(units={self.units}, scale={self.scale})"

    @property
    def is_zero(self) -> bool:
        return self.units == 0

    def to_decimal(self) -> Decimal:
        return minor_to_decimal(self.units, self.scale)


def parse_rate(text: str) -> Rate | None:
    """Read a ``vatRate`` string in Mollie's form (``"21.00"``, ``"9"``, ``"5.5"``); ``None`` otherwise.

    A negative rate parses (so that the message can say it is negative); callers check the sign.
    """
    if len(text) > 12:
        return None
    match = _RATE.fullmatch(text)
    if match is None:
        return None
    sign, integer, fraction = match.groups()
    fraction = fraction or ""
    units = int(integer + fraction)
    return Rate(-units if sign else units, len(fraction))


def round_half_away(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to an integer, exact ties away from zero (``denominator > 0``)."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


def vat_minor(total_minor: int, rate: Rate) -> int:
    """VAT in minor units for a line total in minor units (the rounding happens once, at the end)."""
    return round_half_away(total_minor * rate.units, rate.vat_denominator)


def vat_minor_is_tie(total_minor: int, rate: Rate) -> bool:
    """Whether the exact VAT lies exactly halfway between two minor units."""
    numerator = abs(total_minor * rate.units)
    denominator = rate.vat_denominator
    return 2 * (numerator % denominator) == denominator


def line_total_minor(unit_price_minor: int, quantity: int, discount_minor: int = 0) -> int:
    return unit_price_minor * quantity - discount_minor


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


__all__ = [
    "Rate",
    "line_total",
    "line_total_minor",
    "order_amount",
    "parse_rate",
    "round_half_away",
    "vat_amount",
    "vat_minor",
    "vat_minor_is_tie",
    "vat_per_rate",
]
