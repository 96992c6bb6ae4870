"""split_discount on any cart, and the near-total discounts where one line per rate would turn VAT negative."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._money import minor_to_decimal, parse_value

from .cart_strategies import RATES, Cart, carts
from .helpers import CORE, TODAY

ORDER_FIELDS: dict[str, Any] = {"orderNumber": "2026-0042", "locale": "nl_NL"}


def _line(price: str, rate: str, quantity: int = 1, **kwargs: Any) -> dict[str, Any]:
    return mp.build_line(name="Item", quantity=quantity, unit_price=price, vat_rate=rate, currency="EUR", **kwargs)


def _summary(lines: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(x["vatRate"], x["totalAmount"]["value"], x["vatAmount"]["value"]) for x in lines]


def _minor(line: dict[str, Any], decimals: int) -> int:
    value = parse_value(line["totalAmount"]["value"], decimals)
    assert isinstance(value, int)
    return value


def _order(lines: list[dict[str, Any]], currency: str = "EUR") -> dict[str, Any]:
    return mp.build_order(lines, currency=currency, **ORDER_FIELDS)


def _free(order: dict[str, Any]) -> list[str]:
    """The errors of a valid order built from a cart: none, or MP309 when discounts or a gift card paid it all."""
    return ["MP309"] if Decimal(order["amount"]["value"]) == 0 else []


def _rates_never_negative(order: dict[str, Any]) -> bool:
    return all(vat >= 0 for vat in mp.vat_per_rate(order["lines"]).values())


def test_a_rate_is_capped_where_its_vat_would_turn_negative() -> None:
    # Two 0.02 lines at 21 % have VAT 0.00 each (0.0035 rounds down). A 0.03 discount line at 21 % would
    # have VAT 0.01 (0.0052 rounds up) and turn the rate's VAT negative; 0.02 is the most that rate takes.
    cart = [_line("0.02", "21"), _line("0.02", "21"), _line("0.04", "0")]
    lines = mp.split_discount(cart, "0.06", currency="EUR")  # proportional would be 0.03 + 0.03
    assert _summary(lines) == [("21.00", "-0.02", "0.00"), ("0.00", "-0.04", "0.00")]
    assert _rates_never_negative(_order(cart + lines))


def test_a_full_discount_spans_several_lines_when_one_would_turn_vat_negative() -> None:
    cart = [_line("0.02", "21"), _line("0.02", "21")]
    # One line of -0.04 would have VAT -0.01 (0.0069 rounds up) against 0.00 + 0.00 of goods VAT.
    lines = mp.split_discount(cart, currency="EUR", percent="100")
    assert _summary(lines) == [("21.00", "-0.02", "0.00"), ("21.00", "-0.02", "0.00")]
    order = _order(cart + lines)
    assert order["amount"]["value"] == "0.00"
    assert _rates_never_negative(order)


def test_a_rate_whose_vat_is_already_negative_takes_no_discount() -> None:
    cart = [_line("0.02", "21"), _line("0.02", "21"), _line("-0.03", "21", type="discount")]
    with pytest.raises(ValueError, match=r"would make some rate's VAT negative \(at most 0 can be placed\)"):
        mp.split_discount(cart, "0.01", currency="EUR")


def test_vat_of_lines_that_are_not_discounted_counts_for_their_rate() -> None:
    # Shipping at 21 % is not discounted, but its VAT keeps the 21 % total positive: one line suffices.
    cart = [_line("0.02", "21"), _line("0.02", "21"), _line("4.95", "21", type="shipping_fee")]
    assert _summary(mp.split_discount(cart, "0.04", currency="EUR")) == [("21.00", "-0.04", "-0.01")]


@st.composite
def goods_and_discount(draw: st.DrawFn) -> tuple[list[dict[str, Any]], Decimal]:
    lines = [
        _line(str(Decimal(draw(st.integers(1, 50_000))) / 100), draw(st.sampled_from(RATES)), draw(st.integers(1, 5)))
        for _ in range(draw(st.integers(1, 12)))
    ]
    goods = sum(_minor(line, 2) for line in lines)
    return lines, minor_to_decimal(draw(st.integers(1, goods)), 2)


@given(goods_and_discount())
def test_split_sums_exactly_and_keeps_every_rate_non_negative(case: tuple[list[dict[str, Any]], Decimal]) -> None:
    lines, discount = case
    parts = mp.split_discount(lines, discount, currency="EUR")
    assert sum(_minor(x, 2) for x in parts) == -_minor({"totalAmount": {"value": str(discount)}}, 2)
    assert {x["vatRate"] for x in parts} <= {x["vatRate"] for x in lines}
    order = _order(lines + parts)
    assert _rates_never_negative(order)
    assert [v.code for v in mp.validate_order(order, today=TODAY, options=CORE).errors] == _free(order)


def _build_cart(cart: Cart) -> list[dict[str, Any]]:
    """The lines of a cart, its discount lines split from the order-level discount, and a gift card."""
    lines = [
        mp.build_line(currency=cart.currency, prices_include_vat=cart.prices_include_vat, **item) for item in cart.items
    ]
    goods = sum(
        _minor(line, cart.decimals) for line in lines if line.get("type", "physical") in ("physical", "digital")
    )
    discount = cart.discount(goods)
    if discount is not None:
        kind, value = discount
        if kind == "percent":
            lines += mp.split_discount(lines, currency=cart.currency, percent=value)
        else:
            lines += mp.split_discount(lines, value, currency=cart.currency)
    if cart.gift_card is not None:
        card = int(sum(_minor(line, cart.decimals) for line in lines) * cart.gift_card)
        if card > 0:
            unit = minor_to_decimal(-card, cart.decimals)
            lines.append(
                mp.build_line(
                    name="Gift card",
                    quantity=1,
                    unit_price=unit,
                    vat_rate="0",
                    currency=cart.currency,
                    type="gift_card",
                )
            )
    return lines


@given(carts())
def test_any_built_cart_is_a_valid_order(cart: Cart) -> None:
    """1–100 items, every currency, gross or net prices, line and order discounts (up to 100 %), gift cards."""
    order = _order(_build_cart(cart), cart.currency)
    report = mp.validate_order(order, today=TODAY, options=CORE)
    assert [v.code for v in report.errors] == _free(order)
    assert all(v.code != "MP306" for v in report), list(report)
    assert _rates_never_negative(order)
