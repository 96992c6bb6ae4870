"""Mollie's formulas on integers: the VAT rate as units over a power of ten, amounts in minor units.

- line total: ``unitPrice × quantity − discountAmount``, exact (every operand already has the currency's
  precision, so there is nothing to round);
- line VAT: ``totalAmount × vatRate / (100 + vatRate)``, rounded half away from zero to the currency's
  decimals, once, at the end.

What every check of a line runs, so it is compiled in the compiled build (setup.py); the public ``Decimal``
functions built on it (``_calc``) stay Python, where a caller's wrongly typed argument is seen as it is.
"""

from __future__ import annotations

import re

from ._money import minor_to_decimal, pow10

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Final

_RATE = re.compile(r"(-?)(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?", re.ASCII)
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
