"""Order-level discounts as one ``discount`` line per VAT rate (SPEC §4, R070–R072).

A single discount line at one rate moves VAT between rates and can push a rate's VAT below zero, which
Mollie refuses for the order total (R070) and asks to avoid per rate (R071). Splitting the discount over
the rates in proportion to each rate's goods keeps every rate's VAT as it should be. The split is exact:
shares are rounded down and the remaining minor units go to the largest remainders, so the discount
lines add up to the discount to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from .build import amount_object, format_rate, minor_of, rate_of
from .calc import Rate, round_half_away, vat_minor
from .money import DecimalLike, currency_decimals, decimal_to_minor, to_decimal

#: The line types an order discount applies to by default: goods, not fees or other reductions.
DISCOUNTABLE: Final = ("physical", "digital")


def split_discount(
    lines: Iterable[Mapping[str, Any]],
    discount: DecimalLike | None = None,
    *,
    currency: str,
    percent: DecimalLike | None = None,
    name: str = "Discount",
    apply_to: Iterable[str] = DISCOUNTABLE,
) -> list[dict[str, Any]]:
    """Discount lines, one per VAT rate of the discounted lines, that together take off ``discount``.

    Give either ``discount`` (an amount, e.g. ``"10.00"``) or ``percent`` (of the discounted lines' total,
    rounded half away from zero to the currency). Each share is proportional to that rate's total; each
    line's VAT follows Mollie's formula. ``ValueError`` when the discount exceeds the discountable total or
    when it would make a rate's VAT negative (possible only for near-total discounts of many tiny lines).
    """
    if (discount is None) == (percent is None):
        raise TypeError("give exactly one of discount or percent")
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports")
    kinds = frozenset(apply_to)
    bases: dict[tuple[int, int], tuple[Rate, int, int]] = {}
    for index, line in enumerate(lines):
        if line.get("type", "physical") not in kinds:
            continue
        rate = rate_of(str(line.get("vatRate", "")))
        total = minor_of(line.get("totalAmount"), currency, decimals, f"line {index} totalAmount")
        vat = minor_of(line.get("vatAmount"), currency, decimals, f"line {index} vatAmount")
        _, base, base_vat = bases.get(rate.normalized(), (rate, 0, 0))
        bases[rate.normalized()] = (rate, base + total, base_vat + vat)
    whole = sum(base for _, base, _ in bases.values())
    if percent is not None:
        share = to_decimal(percent, "percent")
        if not 0 <= share <= 100:
            raise ValueError(f"percent must be between 0 and 100, got {percent}")
        numerator, denominator = decimal_to_minor(share, 6, "percent") * whole, 100_000_000
        amount = round_half_away(numerator, denominator)
    else:
        amount = decimal_to_minor(to_decimal(discount, "discount"), decimals, "discount")  # type: ignore[arg-type]
    if amount < 0:
        raise ValueError("the discount is the positive amount taken off the order")
    if amount > whole:
        raise ValueError(f"the discount ({amount} minor units) exceeds the discountable total ({whole})")
    if amount == 0:
        return []
    shares = _largest_remainder(amount, [base for _, base, _ in bases.values()])
    result = []
    for (rate, _, base_vat), part in zip(bases.values(), shares, strict=True):
        if part == 0:
            continue
        vat = vat_minor(-part, rate)
        if base_vat + vat < 0:
            raise ValueError(f"a discount of {part} minor units would make the VAT at {format_rate(rate)}% negative")
        result.append(
            {
                "type": "discount",
                "name": f"{name} ({format_rate(rate)}% VAT)" if len(bases) > 1 else name,
                "quantity": 1,
                "unitPrice": amount_object(-part, currency),
                "totalAmount": amount_object(-part, currency),
                "vatRate": format_rate(rate),
                "vatAmount": amount_object(vat, currency),
            }
        )
    return result


def _largest_remainder(amount: int, weights: list[int]) -> list[int]:
    """Split ``amount`` in proportion to ``weights`` into integers that sum to ``amount`` exactly."""
    whole = sum(weights)
    floors = [amount * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % whole), i))
    for i in remainders[: amount - sum(floors)]:
        floors[i] += 1
    return floors
