"""Reconcile a shop's own order total with Σ correct line totals, which Mollie requires to match (R029).

Shops that compute VAT on net prices, or round per unit, or on the order as a whole, end up with a grand
total a few minor units away from the sum of the lines Mollie accepts. Integrations handle that gap in one
of two ways, and ``reconcile`` offers both, each bounded by a tolerance the caller sets:

- ``"rounding-line"`` (what the WooCommerce and Shopware integrations do): add one line for the gap, a
  ``surcharge`` when the shop's total is higher and a ``discount`` when it is lower, so the customer pays
  exactly the total the shop showed.
- ``"strict"`` (what the Magento integration does): never add a line. A gap within the tolerance is
  accepted and the order is charged Σ lines (the shop's figure was off by rounding only); a larger gap is
  a ``ReconcileError``, because it means a missing line (shipping, a fee, a discount), not rounding.

In both strategies a gap beyond the tolerance raises: a rounding line must never hide a missing product.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, Literal

from .build import build_line, format_rate, parse_vat_rate
from .calc import Rate, order_amount, parse_rate
from .findings import PreflightError
from .jsoncopy import copy_lines
from .money import DecimalLike, currency_decimals, decimal_to_minor, format_minor, minor_to_decimal, to_decimal
from .rules.lines import GOODS_TYPES

Strategy = Literal["rounding-line", "strict"]
STRATEGIES: Final = ("rounding-line", "strict")
ROUNDING_LINE_NAME: Final = "Rounding difference"


class ReconcileError(PreflightError, ValueError):
    """The shop's total differs from Σ line totals by more than the tolerance allows."""

    def __init__(self, message: str, *, gap: Decimal, tolerance: Decimal) -> None:
        super().__init__(message)
        #: ``target_total − Σ line totals``.
        self.gap = gap
        self.tolerance = tolerance


def reconcile(
    lines: Iterable[Mapping[str, Any]],
    target_total: DecimalLike,
    *,
    currency: str,
    strategy: Strategy = "rounding-line",
    tolerance: DecimalLike | None = None,
    name: str = ROUNDING_LINE_NAME,
    vat_rate: DecimalLike | None = None,
) -> list[dict[str, Any]]:
    """The lines to send so that the order is consistent, given the total the shop computed itself.

    Returns a new list: the lines (copied), plus a rounding line under ``"rounding-line"`` when there is a
    gap. Pass it to ``build_order``, whose ``amount`` is then ``target_total`` (``"rounding-line"``) or
    Σ lines (``"strict"``).

    ``tolerance`` is the largest gap accepted, as an amount (``"0.05"``). By default it is one minor unit
    per line: each line's own rounding can move the shop's total by up to half a unit, so a larger gap is
    not rounding.

    The rounding line carries the VAT rate of the largest goods line (or ``vat_rate`` when given): the gap
    comes mostly from rounding that rate's VAT, Mollie asks a discount line to carry a rate of the goods
    (R072), and a gap of a few minor units moves at most a unit or so of VAT. Pass ``vat_rate="0"`` to
    keep every rate's VAT exactly as the lines have it.
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {', '.join(STRATEGIES)}, not {strategy!r}")
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports")
    copied = copy_lines(lines)
    if not copied:
        raise ValueError("an order needs at least one line")
    target = decimal_to_minor(to_decimal(target_total, "target_total"), decimals, "target_total")
    current = decimal_to_minor(order_amount(copied), decimals, "sum of line totals")
    gap = target - current
    limit = len(copied) if tolerance is None else decimal_to_minor(to_decimal(tolerance, "tolerance"), decimals)
    if limit < 0:
        raise ValueError("tolerance must not be negative")
    if abs(gap) > limit:
        raise ReconcileError(
            f"the shop's total {format_minor(target, decimals)} differs from the sum of the lines "
            f"{format_minor(current, decimals)} by {format_minor(gap, decimals)}, more than the tolerance "
            f"{format_minor(limit, decimals)}; a line is missing or wrong, this is not rounding",
            gap=minor_to_decimal(gap, decimals),
            tolerance=minor_to_decimal(limit, decimals),
        )
    if gap == 0 or strategy == "strict":
        return copied
    rate = parse_vat_rate(vat_rate) if vat_rate is not None else _largest_goods_rate(copied)
    rounding = build_line(
        name=name,
        quantity=1,
        unit_price=format_minor(gap, decimals),
        vat_rate=format_rate(rate),
        currency=currency,
        type="surcharge" if gap > 0 else "discount",
    )
    return [*copied, rounding]


def _largest_goods_rate(lines: list[dict[str, Any]]) -> Rate:
    """The VAT rate of the goods line with the largest total (the first on a tie); 0 % without goods."""
    best: tuple[Decimal, Rate] | None = None
    for line in lines:
        rate = parse_rate(line["vatRate"]) if isinstance(line.get("vatRate"), str) else None
        total = line.get("totalAmount")
        value = total.get("value") if isinstance(total, dict) else None
        goods = line.get("type", "physical") in GOODS_TYPES
        if rate is None or rate.units < 0 or not isinstance(value, str) or not goods:
            continue
        amount = to_decimal(value, "totalAmount")
        if best is None or amount > best[0]:
            best = (amount, rate)
    return parse_vat_rate(format_minor(best[1].units, best[1].scale)) if best else parse_vat_rate(0)


__all__ = ["ReconcileError", "Strategy", "reconcile"]
