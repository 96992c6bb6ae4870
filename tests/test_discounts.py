"""split_discount: one discount line per VAT rate, proportional, exact, never a negative VAT rate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cart_strategies import RATES
from mollie_preflight import (
    DiscountError,
    Options,
    Percentage,
    build_line,
    build_order,
    split_discount,
    validate_order,
    vat_per_rate,
)
from mollie_preflight.money import parse_value

CORE = Options(select=("MP0", "MP1", "MP2", "MP3"))


def _line(price: str, rate: str, quantity: int = 1, **kwargs: Any) -> dict[str, Any]:
    return build_line(name="Item", quantity=quantity, unit_price=price, vat_rate=rate, currency="EUR", **kwargs)


def _summary(lines: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [(x["name"], x["vatRate"], x["totalAmount"]["value"], x["vatAmount"]["value"]) for x in lines]


CART = [_line("10.00", "21", 2), _line("5.00", "9"), _line("4.95", "21", type="shipping_fee")]


def test_amount_is_split_in_proportion_to_each_rates_goods() -> None:
    assert _summary(split_discount(CART, "10.00", currency="EUR")) == [
        ("Discount (21% VAT)", "21.00", "-8.00", "-1.39"),
        ("Discount (9% VAT)", "9.00", "-2.00", "-0.17"),
    ]


def test_percentage_discount_and_shipping_on_request() -> None:
    lines = split_discount(CART, Percentage("10"), currency="EUR", types=("physical", "shipping_fee"))
    assert _summary(lines) == [
        ("Discount (21% VAT)", "21.00", "-2.50", "-0.43"),
        ("Discount (9% VAT)", "9.00", "-0.50", "-0.04"),
    ]


def test_the_last_cent_goes_to_the_largest_remainder() -> None:
    cart = [_line("1.00", "21"), _line("1.00", "9"), _line("1.00", "6")]
    # 0.10 over three equal totals: 3 + 3 + 3 cents, and the tenth cent to the first rate (tie on remainder
    # and total, so the first seen).
    assert [x["totalAmount"]["value"] for x in split_discount(cart, "0.10", currency="EUR")] == [
        "-0.04",
        "-0.03",
        "-0.03",
    ]


def test_single_rate_gives_one_line_with_the_plain_name_and_options() -> None:
    lines = split_discount([_line("20.00", "21")], "5.00", currency="EUR", name="Coupon SPRING", sku="SPRING")
    assert _summary(lines) == [("Coupon SPRING", "21.00", "-5.00", "-0.87")]
    assert lines[0]["type"] == "discount"
    assert lines[0]["sku"] == "SPRING"


def test_zero_discount_gives_no_lines() -> None:
    assert split_discount(CART, "0", currency="EUR") == []
    assert split_discount(CART, Percentage(0), currency="EUR") == []


def test_a_discount_larger_than_the_goods_is_refused() -> None:
    with pytest.raises(DiscountError, match=r"larger than the discountable total 25\.00"):
        split_discount(CART, "25.01", currency="EUR")
    with pytest.raises(ValueError, match="positive"):
        split_discount(CART, "-1.00", currency="EUR")
    with pytest.raises(ValueError, match="between 0 and 100"):
        split_discount(CART, Percentage("101"), currency="EUR")
    with pytest.raises(TypeError, match="float"):
        split_discount(CART, 1.5, currency="EUR")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="types must be line types"):
        split_discount(CART, "1.00", currency="EUR", types=("goods",))
    assert len(split_discount(CART, "1.00", currency="EUR", types="shipping_fee")) == 1


def test_rate_capped_where_its_vat_would_turn_negative() -> None:
    # Two 0.02 lines at 21 % have VAT 0.00 each (0.0035 rounds down). A 0.03 discount line at 21 % would
    # have VAT 0.01 (0.0052 rounds up) and turn the rate's VAT negative; 0.02 is the most that rate takes.
    cart = [_line("0.02", "21"), _line("0.02", "21"), _line("0.04", "0")]
    lines = split_discount(cart, "0.06", currency="EUR")  # proportional would be 0.03 + 0.03
    assert _summary(lines) == [
        ("Discount (21% VAT)", "21.00", "-0.02", "0.00"),
        ("Discount (0% VAT)", "0.00", "-0.04", "0.00"),
    ]
    order = build_order(cart + lines, currency="EUR", orderNumber="1", locale="en_US")
    assert all(vat >= 0 for vat in vat_per_rate(order["lines"]).values())


def test_a_full_discount_spans_several_lines_when_one_would_turn_vat_negative() -> None:
    cart = [_line("0.02", "21"), _line("0.02", "21")]
    # One line of -0.04 would have VAT -0.01 (0.0069 rounds up) against 0.00 + 0.00 of goods VAT.
    assert _summary(split_discount(cart, "0.04", currency="EUR")) == [
        ("Discount", "21.00", "-0.02", "0.00"),
        ("Discount", "21.00", "-0.02", "0.00"),
    ]


def test_impossible_split_is_refused() -> None:
    # The rate's VAT is already negative: no discount line at 21 % can be added.
    cart = [_line("0.02", "21"), _line("0.02", "21"), _line("-0.03", "21", type="discount")]
    with pytest.raises(DiscountError, match=r"negative VAT total at some rate \(at most 0\.00 can be\)"):
        split_discount(cart, "0.01", currency="EUR")


def test_bad_lines_are_refused_with_the_line_index() -> None:
    broken = {**CART[0], "vatRate": 21}
    with pytest.raises(ValueError, match="line 1 has no valid vatRate"):
        split_discount([CART[1], broken], "1.00", currency="EUR")
    with pytest.raises(ValueError, match="line 0 unitPrice must be an amount in USD"):
        split_discount(CART, "1.00", currency="USD")


@st.composite
def goods_and_discount(draw: st.DrawFn) -> tuple[list[dict[str, Any]], Decimal]:
    lines = [
        _line(str(Decimal(draw(st.integers(1, 50_000))) / 100), draw(st.sampled_from(RATES)), draw(st.integers(1, 5)))
        for _ in range(draw(st.integers(1, 12)))
    ]
    goods = sum(Decimal(line["totalAmount"]["value"]) for line in lines)
    cents = draw(st.integers(1, int(goods * 100)))
    return lines, Decimal(cents) / 100


@given(goods_and_discount())
def test_split_sums_exactly_and_keeps_every_rate_non_negative(case: tuple[list[dict[str, Any]], Decimal]) -> None:
    lines, discount = case
    parts = split_discount(lines, discount, currency="EUR")
    minor = [parse_value(x["totalAmount"]["value"], 2) for x in parts]
    assert sum(m for m in minor if isinstance(m, int)) == -int(discount * 100)
    assert {x["vatRate"] for x in parts} <= {x["vatRate"] for x in lines}
    order = build_order(lines + parts, currency="EUR", orderNumber="1", locale="en_US")
    assert all(vat >= 0 for vat in vat_per_rate(order["lines"]).values())
    assert validate_order(order, options=CORE).errors == ()
