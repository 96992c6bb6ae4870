"""Order-level discounts as one ``discount`` line per VAT rate.

A single discount line at one rate moves VAT between rates and can push a rate's VAT below zero, which
Mollie refuses for the order total and asks to avoid per rate. Splitting the discount over
the rates in proportion to each rate's goods keeps every rate's VAT as it should be. The split is exact:
shares are rounded down and the remaining minor units go to the largest remainders, so the discount
lines add up to the discount to the cent.

A rate's share is capped where its discount line's VAT would exceed the VAT the order already has at that
rate (possible when the discount takes nearly all of it, because each line's VAT is rounded on its own);
what a cap cuts off moves to the other rates. Only when no rate has room left (a 100 % coupon on lines
whose VATs all rounded down, say) does a rate's discount span several lines, mirroring its goods lines so
that its VAT cannot exceed theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from ._build import amount_object, format_rate, minor_of, rate_of
from ._money import currency_decimals, decimal_to_minor, pow10, to_decimal
from ._vat import Rate, round_half_away, vat_minor

if TYPE_CHECKING:
    from ._money import DecimalLike

#: The line types an order discount applies to by default: goods, not fees or other reductions.
DISCOUNTABLE: Final = ("physical", "digital")
#: The cap of a 0 % rate, where a discount moves no VAT: larger than any amount (at most 15 integer digits).
_UNLIMITED: Final = pow10(30)


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
    line's VAT follows Mollie's formula. No rate's VAT total becomes negative: see the module docstring for
    the rare near-total discount where a rate needs more than one line. ``ValueError`` when the discount
    exceeds the discountable total, or when a rate's VAT is already too low to take any discount.
    """
    if (discount is None) == (percent is None):
        raise TypeError("give exactly one of discount or percent")
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports")
    kinds = frozenset(apply_to)
    shares: dict[tuple[int, int], _RateShare] = {}
    budgets: dict[tuple[int, int], int] = {}
    for index, line in enumerate(lines):
        rate = rate_of(str(line.get("vatRate", "")))
        key = rate.key
        vat = minor_of(line.get("vatAmount"), currency, decimals, f"line {index} vatAmount")
        budgets[key] = budgets.get(key, 0) + vat
        if line.get("type", "physical") not in kinds:
            continue
        total = minor_of(line.get("totalAmount"), currency, decimals, f"line {index} totalAmount")
        if total > 0:  # a free item takes no part of a discount
            shares.setdefault(key, _RateShare(rate)).goods.append(total)
    for key, share in shares.items():
        share.budget = budgets[key]
    whole = sum(share.base for share in shares.values())
    if percent is not None:
        fraction = to_decimal(percent, "percent")
        if not 0 <= fraction <= 100:
            raise ValueError(f"percent must be between 0 and 100, got {percent}")
        numerator, denominator = decimal_to_minor(fraction, 6, "percent") * whole, 100_000_000
        amount = round_half_away(numerator, denominator)
    else:
        amount = decimal_to_minor(to_decimal(discount, "discount"), decimals, "discount")
    if amount < 0:
        raise ValueError("the discount is the positive amount taken off the order")
    if amount > whole:
        raise ValueError(f"the discount ({amount} minor units) exceeds the discountable total ({whole})")
    if amount == 0:
        return []
    rates = list(shares.values())
    _allocate(rates, amount)
    _place_rest_over_several_lines(rates, amount - sum(share.share for share in rates))
    placed = sum(share.share for share in rates)
    if placed != amount:
        raise ValueError(
            f"a discount of {amount} minor units would make some rate's VAT negative (at most {placed} can be "
            "placed); give the affected lines a discountAmount instead"
        )
    return [
        {
            "type": "discount",
            "name": f"{name} ({format_rate(share.rate)}% VAT)" if len(rates) > 1 else name,
            "quantity": 1,
            "unitPrice": amount_object(-part, currency),
            "totalAmount": amount_object(-part, currency),
            "vatRate": format_rate(share.rate),
            "vatAmount": amount_object(vat_minor(-part, share.rate), currency),
        }
        for share in rates
        if share.share
        for part in share.parts(share.share) or ()
    ]


@dataclass(slots=True)
class _RateShare:
    """One VAT rate's part of the discount, and how much of it one discount line can take."""

    rate: Rate
    goods: list[int] = field(default_factory=list)  #: the discountable line totals at this rate
    budget: int = 0  #: the VAT all lines at this rate add up to; the discount's VAT may not exceed it
    share: int = 0

    @property
    def base(self) -> int:
        return sum(self.goods)

    @property
    def cap(self) -> int:
        """The most one discount line at this rate may take before its VAT exceeds the budget."""
        return min(self.base, _largest_with_vat_at_most(self.budget, self.rate))

    def parts(self, share: int) -> list[int] | None:
        """``share`` as the totals of as few discount lines as keep the VAT within the budget, or ``None``.

        One line when its VAT fits. Otherwise (a discount of nearly everything at this rate, where one
        line's rounded VAT exceeds the sum of the goods' rounded VATs) the discount mirrors the goods
        lines: a part per goods line, the last one partial, so each part's VAT is at most that goods
        line's; adjacent parts are then merged wherever merging does not raise the VAT.
        """
        if vat_minor(share, self.rate) <= self.budget:
            return [share]
        parts: list[int] = []
        rest = share
        for total in self.goods:
            if rest <= 0:
                break
            parts.append(min(total, rest))
            rest -= parts[-1]
        merged = [parts[0]]
        for part in parts[1:]:
            joined = merged[-1] + part
            if vat_minor(joined, self.rate) <= vat_minor(merged[-1], self.rate) + vat_minor(part, self.rate):
                merged[-1] = joined
            else:
                merged.append(part)
        return merged if sum(vat_minor(part, self.rate) for part in merged) <= self.budget else None


def _largest_with_vat_at_most(vat: int, rate: Rate) -> int:
    """The largest discount whose (rounded) VAT is at most ``vat``: beyond it the rate's VAT turns negative."""
    if rate.is_zero:
        return _UNLIMITED
    if vat < 0:
        return 0
    denominator = rate.vat_denominator
    # VAT(s) = round_half_away(s × units / denominator) ≤ vat  ⇔  2 × s × units < (2 × vat + 1) × denominator.
    return ((2 * vat + 1) * denominator - 1) // (2 * rate.units)


def _allocate(shares: list[_RateShare], amount: int) -> None:
    """Split ``amount`` over ``shares`` in proportion to their bases, capped; largest remainder for the rest.

    Each pass hands out what is still unplaced to the rates with room left, in proportion to their bases;
    a pass either places everything or fills at least one rate to its cap, so there are at most as many
    passes as rates. What no rate has room for stays unplaced.
    """
    remaining = amount
    for _ in range(len(shares) + 1):
        open_shares = [s for s in shares if s.share < s.cap]
        if remaining <= 0 or not open_shares:
            return
        parts = _largest_remainder(remaining, [s.base for s in open_shares])
        for s, part in zip(open_shares, parts, strict=True):
            take = min(part, s.cap - s.share)
            s.share += take
            remaining -= take


def _place_rest_over_several_lines(shares: list[_RateShare], rest: int) -> None:
    """What one line per rate cannot take, taken by rates whose discount can span several lines."""
    for s in shares:
        if rest <= 0:
            return
        more = min(s.base - s.share, rest)
        if more > 0 and s.parts(s.share + more) is not None:
            s.share += more
            rest -= more


def _largest_remainder(amount: int, weights: list[int]) -> list[int]:
    """Split ``amount`` in proportion to ``weights`` into integers that sum to ``amount`` exactly."""
    whole = sum(weights)
    floors = [amount * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % whole), i))
    for i in remainders[: amount - sum(floors)]:
        floors[i] += 1
    return floors
