"""Order-level discounts as ``discount`` lines, one per VAT rate (SPEC §4, R070–R072).

A coupon of €10 on a cart with goods at 21 % and 9 % cannot be one discount line: at either rate it moves
VAT from one rate to the other, and at the lower rate it can push that rate's VAT below zero, which Mollie
asks merchants to avoid (R071) and refuses for the order as a whole (R070). So the discount is split over
the rates in proportion to each rate's discountable total, each part carrying its rate, as the tax
authorities see it: a discount reduces the price of the goods it applies to.

The split works in integer minor units. Each rate first gets the floor of its exact share; the minor units
left over go to the rates with the largest remainders (ties to the larger total, then to the rate seen
first), so the parts add up exactly to the discount. A rate's part is capped where its discount line's
VAT would exceed the VAT the order already has at that rate (possible when the discount takes nearly all
of it, because each line's VAT is rounded on its own); what a cap cuts off moves to the other rates. Only
when no rate has room left (a 100 % coupon, say) does a rate's discount span several lines, mirroring
its goods lines so that its VAT cannot exceed theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from .build import build_line, format_rate, parse_vat_rate
from .calc import Rate, line_total_minor, parse_rate, round_half_away, vat_minor
from .findings import PreflightError
from .money import (
    DecimalLike,
    InvalidValue,
    currency_decimals,
    decimal_to_minor,
    format_minor,
    parse_value,
    pow10,
    to_decimal,
)
from .rules.lines import LINE_TYPES

#: The line types an order-level discount applies to by default: the goods, not shipping or fees.
DISCOUNTABLE_TYPES: Final = ("physical", "digital")
_PERCENT_DECIMALS: Final = 6
#: The cap of a 0 % rate, where a discount moves no VAT: larger than any amount (at most 15 integer digits).
_UNLIMITED: Final = pow10(30)


class DiscountError(PreflightError, ValueError):
    """The discount cannot be split as asked: larger than what it applies to, or it would turn VAT negative."""


@dataclass(frozen=True, slots=True)
class Percentage:
    """An order-level discount given as a percentage of the discountable total: ``Percentage("10")``.

    The amount is the percentage of the total, rounded half away from zero to the currency.
    """

    value: DecimalLike


@dataclass(slots=True)
class _RateShare:
    rate: Rate
    goods: list[int]  #: the discountable line totals at this rate
    budget: int  #: the VAT all lines at this rate add up to; the discount's VAT may not exceed it
    cap: int  #: the most one discount line at this rate may take
    share: int = 0

    @property
    def base(self) -> int:
        """The discountable total at this rate."""
        return sum(self.goods)

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


def split_discount(
    lines: Iterable[Mapping[str, Any]],
    discount: DecimalLike | Percentage,
    *,
    currency: str,
    name: str = "Discount",
    types: Sequence[str] = DISCOUNTABLE_TYPES,
    **optional_fields: Any,
) -> list[dict[str, Any]]:
    """``discount`` lines, one per VAT rate present, that take ``discount`` off the order's goods.

    ``discount`` is a positive, VAT-inclusive amount in ``currency`` or a ``Percentage``. It applies to the
    lines whose type is in ``types`` (default physical and digital goods; add ``"shipping_fee"`` for a
    coupon that covers shipping). The discount lines' totals add up exactly to minus the discount, and no
    VAT rate's VAT total becomes negative. With more than one rate each line is named
    ``"{name} (21% VAT)"``. ``optional_fields`` (``sku``, ``metadata``, ...) go on every discount line.
    Only when a discount takes (nearly) everything at a rate whose VAT one line would overshoot through
    rounding does that rate get more than one line (see the module docstring).

    ``DiscountError`` when the discount is larger than the discountable total, or cannot be placed without
    a negative VAT total at some rate. A zero discount gives no lines.
    """
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports")
    kinds = frozenset((types,) if isinstance(types, str) else types)
    if not kinds or not kinds <= set(LINE_TYPES):
        raise ValueError(f"types must be line types ({', '.join(LINE_TYPES)}), got {types!r}")
    shares = _rate_shares(list(lines), currency, decimals, kinds)
    total_base = sum(s.base for s in shares)
    amount = _discount_minor(discount, total_base, decimals)
    if amount < 0:
        raise ValueError("discount is the positive amount taken off the order")
    if amount == 0:
        return []
    if amount > total_base:
        raise DiscountError(
            f"discount {format_minor(amount, decimals)} is larger than the discountable total "
            f"{format_minor(total_base, decimals)} (lines of type {', '.join(types)})"
        )
    _allocate(shares, amount)
    _place_rest_over_several_lines(shares, amount - sum(s.share for s in shares))
    placed = sum(s.share for s in shares)
    if placed != amount:
        raise DiscountError(
            f"a discount of {format_minor(amount, decimals)} cannot be split without a negative VAT total at some "
            f"rate (at most {format_minor(placed, decimals)} can be); give the affected lines a discountAmount instead"
        )
    several = sum(1 for s in shares if s.share) > 1
    return [
        build_line(
            name=f"{name} ({_percent(s.rate)}% VAT)" if several else name,
            quantity=1,
            unit_price=format_minor(-part, decimals),
            vat_rate=format_rate(s.rate),
            currency=currency,
            type="discount",
            **optional_fields,
        )
        for s in shares
        if s.share
        for part in s.parts(s.share) or ()
    ]


def _percent(rate: Rate) -> str:
    """A rate as people write it in a line name: ``21``, ``5.5``."""
    return format_minor(*rate.normalized())


def _discount_minor(discount: DecimalLike | Percentage, base: int, decimals: int) -> int:
    if isinstance(discount, Percentage):
        percent = to_decimal(discount.value, "percentage")
        if not 0 <= percent <= 100:
            raise ValueError(f"a percentage discount must be between 0 and 100, got {percent}")
        units = decimal_to_minor(percent, _PERCENT_DECIMALS, "percentage")
        return round_half_away(base * units, 100 * pow10(_PERCENT_DECIMALS))
    return decimal_to_minor(to_decimal(discount, "discount"), decimals, "discount")


def _rate_shares(
    lines: list[Mapping[str, Any]], currency: str, decimals: int, types: frozenset[str]
) -> list[_RateShare]:
    """Per rate (in order of first appearance): the discountable total and the VAT the order has there."""
    goods: dict[tuple[int, int], list[int]] = {}
    vats: dict[tuple[int, int], int] = {}
    rates: dict[tuple[int, int], Rate] = {}
    for index, line in enumerate(lines):
        if not isinstance(line, Mapping):
            raise TypeError(f"line {index} must be a mapping (an order line), not {type(line).__name__}")
        rate = _line_rate(line, index)
        total = _line_total(line, index, currency, decimals)
        key = rate.normalized()
        rates.setdefault(key, rate)
        vats[key] = vats.get(key, 0) + vat_minor(total, rate)
        kind = line.get("type", "physical")
        if not isinstance(kind, str):
            raise ValueError(f"line {index} has no valid type, got {kind!r}")
        if kind in types and total > 0:
            goods.setdefault(key, []).append(total)
    return [
        _RateShare(rates[key], totals, vats[key], min(sum(totals), _largest_with_vat_at_most(vats[key], rates[key])))
        for key, totals in goods.items()
    ]


def _line_rate(line: Mapping[str, Any], index: int) -> Rate:
    text = line.get("vatRate")
    rate = parse_rate(text) if isinstance(text, str) else None
    if rate is None or rate.units < 0:
        raise ValueError(f"line {index} has no valid vatRate (a string such as '21.00'), got {text!r}")
    return parse_vat_rate(format_minor(rate.units, rate.scale))


def _line_total(line: Mapping[str, Any], index: int, currency: str, decimals: int) -> int:
    """The line's total as it should be (from unitPrice × quantity − discountAmount), in minor units."""
    unit = _amount(line, "unitPrice", index, currency, decimals)
    quantity = line.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValueError(f"line {index} has no valid quantity, got {quantity!r}")
    off = _amount(line, "discountAmount", index, currency, decimals) if line.get("discountAmount") else 0
    return line_total_minor(unit, quantity, off)


def _amount(line: Mapping[str, Any], field: str, index: int, currency: str, decimals: int) -> int:
    amount = line.get(field)
    value = amount.get("value") if isinstance(amount, Mapping) else None
    if not isinstance(amount, Mapping) or amount.get("currency") != currency or not isinstance(value, str):
        raise ValueError(f"line {index} {field} must be an amount in {currency}, got {amount!r}")
    minor = parse_value(value, decimals)
    if isinstance(minor, InvalidValue):
        raise ValueError(f"line {index} {field} value {value!r} {minor.reason}")
    return minor


def _largest_with_vat_at_most(vat: int, rate: Rate) -> int:
    """The largest discount whose (rounded) VAT is at most ``vat``: beyond it the rate's VAT turns negative."""
    if rate.is_zero:
        return _UNLIMITED
    if vat < 0:
        return 0
    denominator = 100 * pow10(rate.scale) + rate.units
    # VAT(s) = round_half_away(s × units / denominator) ≤ vat  ⇔  2 × s × units < (2 × vat + 1) × denominator.
    limit = (2 * vat + 1) * denominator
    return (limit - 1) // (2 * rate.units)


def _allocate(shares: list[_RateShare], amount: int) -> None:
    """Split ``amount`` over ``shares`` in proportion to their bases, capped; largest remainder for the rest.

    Each pass hands out what is still unplaced to the rates with room left, in proportion to their bases;
    a pass either places everything or fills at least one rate to its cap, so there are at most as many
    passes as rates. What no rate has room for stays unplaced (the caller reports it).
    """
    remaining = amount
    for _ in range(len(shares) + 1):
        open_shares = [s for s in shares if s.share < s.cap]
        weight = sum(s.base for s in open_shares)
        if remaining <= 0 or not open_shares or weight <= 0:
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
    """``amount`` split in proportion to ``weights`` (all ≥ 0, sum > 0), summing exactly to ``amount``."""
    weight = sum(weights)
    floors = [amount * w // weight for w in weights]
    remainders = [amount * w % weight for w in weights]
    left = amount - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], -weights[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors


__all__ = ["DiscountError", "Percentage", "split_discount"]
