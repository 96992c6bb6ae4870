"""When the shop's own total and Mollie's sum of line totals differ by a few minor units.

Shops compute totals their own way (per-unit rounding, net prices, tax-inclusive display rounding) and
sometimes land a cent or two away from ``Σ totalAmount``, which Mollie refuses. There are two
established ways out, and ``reconcile`` implements both:

- ``strategy="line"`` (what the WooCommerce and Shopware plugins do): keep the shop's total and add one
  rounding line for the gap, a ``surcharge`` when the shop's total is higher and a ``discount`` when it
  is lower. The line takes the VAT rate of the largest share of the order, so it never introduces a rate
  no product has and its VAT is computed by Mollie's formula like every other line.
- ``strategy="lines-total"`` (what the Magento plugin does): send the exact sum of the lines and accept
  that it differs from the shop's total by the gap; no line is added.

Either way a gap larger than ``tolerance`` (in minor units, default 2) is not a rounding difference but a
bug, and raises ``ReconcileError`` rather than papering over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from ._build import amount_object, format_rate, minor_of, rate_of
from ._findings import PreflightError
from ._money import currency_decimals, decimal_to_minor, to_decimal
from ._vat import Rate, vat_minor

if TYPE_CHECKING:
    from ._money import DecimalLike

Strategy = Literal["line", "lines-total"]
DEFAULT_TOLERANCE: Final = 2


class ReconcileError(PreflightError, ValueError):
    """The shop's total and the lines differ by more than the tolerance: a bug, not rounding."""


@dataclass(frozen=True, slots=True)
class Reconciled:
    """The lines to send, the order ``amount`` to send with them, and the gap that was bridged."""

    lines: list[dict[str, Any]]
    amount: dict[str, str]
    gap: int
    rounding_line: dict[str, Any] | None


def reconcile(
    lines: Iterable[Mapping[str, Any]],
    target_total: DecimalLike,
    *,
    currency: str,
    strategy: Strategy = "line",
    tolerance: int = DEFAULT_TOLERANCE,
    name: str = "Rounding difference",
) -> Reconciled:
    """Make the lines and the order amount agree when the shop's ``target_total`` is off by rounding.

    ``gap = target_total − Σ totalAmount`` in minor units. With ``|gap| > tolerance``, ``ReconcileError``.
    Otherwise see the module docstring for the two strategies. The input lines are copied, never changed.
    """
    if strategy not in ("line", "lines-total"):
        raise ValueError(f"strategy must be 'line' or 'lines-total', not {strategy!r}")
    if isinstance(tolerance, bool) or not isinstance(tolerance, int) or tolerance < 0:
        raise ValueError(f"tolerance must be a non-negative int of minor units, not {tolerance!r}")
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports")
    copied = [dict(line) for line in lines]
    totals = [
        minor_of(line.get("totalAmount"), currency, decimals, f"line {i} totalAmount") for i, line in enumerate(copied)
    ]
    target = decimal_to_minor(to_decimal(target_total, "target_total"), decimals, "target_total")
    gap = target - sum(totals)
    if abs(gap) > tolerance:
        raise ReconcileError(
            f"the shop's total differs from the lines by {gap} minor units, more than the tolerance of {tolerance}; "
            "that is not a rounding difference"
        )
    if gap == 0 or strategy == "lines-total":
        return Reconciled(copied, amount_object(sum(totals), currency), gap, None)
    rate = _largest_rate(copied, totals)
    line = {
        "type": "surcharge" if gap > 0 else "discount",
        "name": name,
        "quantity": 1,
        "unitPrice": amount_object(gap, currency),
        "totalAmount": amount_object(gap, currency),
        "vatRate": format_rate(rate),
        "vatAmount": amount_object(vat_minor(gap, rate), currency),
    }
    return Reconciled([*copied, line], amount_object(target, currency), gap, line)


def _largest_rate(lines: list[dict[str, Any]], totals: list[int]) -> Rate:
    """The VAT rate carrying the largest part of the order; on a tie, the one that appears first."""
    per_rate: dict[tuple[int, int], int] = {}
    rates: dict[tuple[int, int], Rate] = {}
    for line, total in zip(lines, totals, strict=True):
        rate = rate_of(str(line.get("vatRate", "0")))
        rates.setdefault(rate.key, rate)
        per_rate[rate.key] = per_rate.get(rate.key, 0) + total
    if not per_rate:
        return Rate(0, 2)
    return rates[max(per_rate, key=per_rate.__getitem__)]
