"""build_line / build_order: Mollie's own numbers from the docs, and valid orders from any cart."""

from __future__ import annotations

from decimal import Context, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import given

from cart_strategies import Cart, carts
from mollie_preflight import (
    Options,
    build_line,
    build_order,
    reconcile,
    split_discount,
    validate_order,
    vat_per_rate,
)
from mollie_preflight.money import format_minor, minor_to_decimal, parse_value
from payloads import example_order

CORE = Options(select=("MP0", "MP1", "MP2", "MP3"))
ORDER_FIELDS: dict[str, Any] = {"orderNumber": "2026-0042", "locale": "nl_NL"}


def _figures(line: dict[str, Any]) -> tuple[str, str]:
    return line["totalAmount"]["value"], line["vatAmount"]["value"]


@pytest.mark.parametrize(
    ("arguments", "total", "vat"),
    [
        ({"quantity": 2, "unit_price": "399.00", "discount": "100.00", "vat_rate": "21.00"}, "698.00", "121.14"),
        ({"quantity": 1, "unit_price": "329.99", "vat_rate": "21.00"}, "329.99", "57.27"),
        ({"quantity": 1, "unit_price": "19.99", "vat_rate": "21"}, "19.99", "3.47"),
        ({"quantity": 2, "unit_price": "19.99", "vat_rate": 21}, "39.98", "6.94"),
        ({"quantity": 1, "unit_price": "-3.90", "vat_rate": "21", "type": "discount"}, "-3.90", "-0.68"),
        ({"quantity": 2, "unit_price": "299.00", "vat_rate": "21"}, "598.00", "103.79"),
        ({"quantity": 1, "unit_price": Decimal("299.00"), "vat_rate": "21"}, "299.00", "51.89"),
        ({"quantity": 1, "unit_price": "100.00", "vat_rate": "25", "currency": "SEK"}, "100.00", "20.00"),
        ({"quantity": 1, "unit_price": "38.97", "vat_rate": "20"}, "38.97", "6.50"),  # the exact tie 6.495
        ({"quantity": 2, "unit_price": "19.99", "discount": "19.99", "vat_rate": "21"}, "19.99", "3.47"),  # 2-for-1
        ({"quantity": 3, "unit_price": 1000, "vat_rate": "10", "currency": "JPY"}, "3000", "273"),
    ],
)
def test_docs_examples_round_trip(arguments: dict[str, Any], total: str, vat: str) -> None:
    line = build_line(name="Item", currency=arguments.pop("currency", "EUR"), **arguments)
    assert _figures(line) == (total, vat)


def test_the_docs_example_order_is_rebuilt_exactly() -> None:
    expected = example_order()
    bike, lock = expected["lines"]
    lines = [
        build_line(
            name="City bike",
            quantity=2,
            unit_price="399.00",
            discount="100.00",
            vat_rate="21.00",
            currency="EUR",
            sku="BIKE-42",
            productUrl="https://shop.example.org/products/bike-42",
            metadata={"warehouse": "AMS-1"},
        ),
        build_line(name="Bike lock", quantity=1, unit_price="329.99", vat_rate="21.00", currency="EUR"),
    ]
    order = build_order(lines, currency="EUR", orderNumber="2026-0042", locale="nl_NL")
    assert order["amount"] == expected["amount"]
    assert order["lines"][0] == bike
    assert order["lines"][1] == {"type": "physical", **lock}


def test_net_prices_are_grossed_up_before_anything_else() -> None:
    # 8.2645 net @ 21 % is 9.999... gross: the price tag says 10.00, and the VAT comes from 3 × 10.00.
    line = build_line(
        name="Mug", quantity=3, unit_price="8.2645", vat_rate="21", currency="EUR", prices_include_vat=False
    )
    assert line["unitPrice"]["value"] == "10.00"
    assert _figures(line) == ("30.00", "5.21")  # not 3 × 8.2645 × 0.21 = 5.21 by luck: 30.00 × 21 / 121


def test_net_prices_give_mollies_vat_not_the_vat_of_the_net_figures() -> None:
    # 7 × 1.02 net @ 21 %: VAT on the net figures is 7.14 × 0.21 = 1.4994 → 1.50, but Mollie computes it
    # from the gross line total 7 × 1.23 = 8.61 → 1.49, and refuses 1.50.
    line = build_line(
        name="Pen", quantity=7, unit_price="1.02", vat_rate="21", currency="EUR", prices_include_vat=False
    )
    assert line["unitPrice"]["value"] == "1.23"
    assert _figures(line) == ("8.61", "1.49")


def test_a_whole_net_discount_stays_a_whole_discount() -> None:
    line = build_line(
        name="Free",
        quantity=3,
        unit_price="0.0041",
        discount="0.0123",
        vat_rate="21",
        currency="EUR",
        prices_include_vat=False,
    )
    assert line["unitPrice"]["value"] == "0.00"
    assert "discountAmount" not in line
    # 8.2603 × 1.21 = 9.99 (rounded down), but 3 × 8.2603 × 1.21 = 29.98 (rounded up) > 3 × 9.99.
    line = build_line(
        name="Free",
        quantity=3,
        unit_price="8.2603",
        discount="24.7809",
        vat_rate="21",
        currency="EUR",
        prices_include_vat=False,
    )
    assert line["discountAmount"]["value"] == "29.97"
    assert _figures(line) == ("0.00", "0.00")


def test_builders_do_not_depend_on_the_callers_decimal_context() -> None:
    with localcontext(Context(prec=3)):
        line = build_line(
            name="Bike",
            quantity=7,
            unit_price="1234.5678",
            discount="100.0001",
            vat_rate="21",
            currency="EUR",
            prices_include_vat=False,
        )
    assert line["unitPrice"]["value"] == "1493.83"
    assert _figures(line)[0] == format_minor(149383 * 7 - 12100, 2)


@pytest.mark.parametrize(
    ("arguments", "error", "words"),
    [
        ({"unit_price": 1.5}, TypeError, "not float"),
        ({"unit_price": "1.50", "vat_rate": 21.0}, TypeError, "not float"),
        ({"unit_price": "1.50", "discount": 0.5}, TypeError, "not float"),
        ({"unit_price": "1.50", "size": "L"}, TypeError, "'size'"),
        ({"unit_price": "1.50", "image_url": "https://x.test/a.png"}, TypeError, "'image_url'"),
        ({"unit_price": "1.50", "prices_include_vat": "no"}, TypeError, "prices_include_vat"),
        ({"unit_price": "1.50", "quantity": True}, TypeError, "quantity"),
        ({"unit_price": "1.50", "quantity": 0}, ValueError, "quantity"),
        ({"unit_price": "1.50", "name": " "}, ValueError, "name"),
        ({"unit_price": "1.505"}, ValueError, "more than 2 decimals"),
        ({"unit_price": "15", "currency": "JPY", "discount": "0.5"}, ValueError, "more than 0 decimals"),
        ({"unit_price": "1.50", "currency": "XXX"}, ValueError, "not a currency"),
        ({"unit_price": "1.50", "vat_rate": "-1"}, ValueError, "negative"),
        ({"unit_price": "1.50", "vat_rate": "21.005"}, ValueError, "more than 2 decimals"),
        ({"unit_price": "1.50", "type": "voucher"}, ValueError, "type must be one of"),
        ({"unit_price": "-1.50"}, ValueError, "negative unit price"),
        ({"unit_price": "1.50", "type": "gift_card", "vat_rate": "0"}, ValueError, "gift_card"),
        ({"unit_price": "-1.50", "type": "gift_card"}, ValueError, "untaxed"),
        ({"unit_price": "1.50", "type": "discount"}, ValueError, "negative"),
        ({"unit_price": "1.50", "discount": "-0.10"}, ValueError, "positive"),
        ({"unit_price": "1.50", "discount": "1.51"}, ValueError, "larger"),
        ({"unit_price": "1.50", "sku": "x" * 65}, ValueError, "sku"),
        ({"unit_price": "1.50", "category": "food"}, ValueError, "category"),
        ({"unit_price": "1.50", "imageUrl": "/img.png"}, ValueError, "imageUrl"),
    ],
)
def test_bad_arguments_are_refused(arguments: dict[str, Any], error: type[Exception], words: str) -> None:
    defaults: dict[str, Any] = {"name": "Item", "quantity": 1, "vat_rate": "21", "currency": "EUR"}
    with pytest.raises(error, match=words):
        build_line(**{**defaults, **arguments})


def test_optional_fields_are_passed_through_and_copied() -> None:
    metadata = {"a": [1, 2]}
    line = build_line(
        name="Meal", quantity=1, unit_price="9.50", vat_rate="9", currency="EUR", category="meal", metadata=metadata
    )
    assert line["category"] == "meal"
    assert "sku" not in build_line(name="A", quantity=1, unit_price="1.00", vat_rate="0", currency="EUR", sku=None)
    assert line["metadata"] == metadata
    metadata["a"].append(3)
    assert line["metadata"] == {"a": [1, 2]}


def test_build_order_refuses_computed_fields_and_mixed_currencies() -> None:
    line = build_line(name="A", quantity=1, unit_price="1.00", vat_rate="21", currency="EUR")
    with pytest.raises(TypeError, match="amount"):
        build_order([line], currency="EUR", amount={"currency": "EUR", "value": "1.00"})
    with pytest.raises(TypeError, match="'order_number'; Mollie's fields are camelCase"):
        build_order([line], currency="EUR", order_number="1")
    with pytest.raises(ValueError, match="'EUR', the order in 'USD'"):
        build_order([line], currency="USD")
    with pytest.raises(ValueError, match="at least one line"):
        build_order([], currency="EUR")
    with pytest.raises(TypeError, match="line 0 must be a dict"):
        build_order(["x"], currency="EUR")  # type: ignore[list-item]
    gift = build_line(name="Card", quantity=1, unit_price="-2.00", vat_rate="0", currency="EUR", type="gift_card")
    with pytest.raises(ValueError, match="cannot be negative"):
        build_order([line, gift], currency="EUR")


def _minor(line: dict[str, Any], decimals: int) -> int:
    value = parse_value(line["totalAmount"]["value"], decimals)
    assert isinstance(value, int)
    return value


def _build_cart(cart: Cart) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The lines of a cart, and the discount lines split from its order-level discount."""
    lines = [
        build_line(currency=cart.currency, prices_include_vat=cart.prices_include_vat, **item) for item in cart.items
    ]
    goods = sum(_minor(line, cart.decimals) for line in lines if line["type"] in ("physical", "digital"))
    discount = cart.discount(goods)
    discounts = split_discount(lines, discount, currency=cart.currency) if discount is not None else []
    if cart.gift_card is not None:
        left = sum(_minor(line, cart.decimals) for line in lines + discounts)
        card = int(left * cart.gift_card)
        if card > 0:
            unit = minor_to_decimal(-card, cart.decimals)
            discounts.append(
                build_line(
                    name="Gift card",
                    quantity=1,
                    unit_price=unit,
                    vat_rate="0",
                    currency=cart.currency,
                    type="gift_card",
                )
            )
    return lines, discounts


@given(carts())
def test_any_built_cart_is_a_valid_order(cart: Cart) -> None:
    lines, extra = _build_cart(cart)
    order = build_order(lines + extra, currency=cart.currency, **ORDER_FIELDS)
    report = validate_order(order, options=CORE)
    assert report.errors == ()
    assert all(v.code != "MP306" for v in report), list(report)
    assert all(vat >= 0 for vat in vat_per_rate(order["lines"]).values())


@given(carts(max_items=20))
def test_reconciled_orders_hit_the_shops_total(cart: Cart) -> None:
    lines, _ = _build_cart(cart)
    total = sum(_minor(line, cart.decimals) for line in lines)
    for gap in (-1, 0, 1):
        if total + gap < 0:
            continue
        target = minor_to_decimal(total + gap, cart.decimals)
        order = build_order(reconcile(lines, target, currency=cart.currency), currency=cart.currency, **ORDER_FIELDS)
        assert Decimal(order["amount"]["value"]) == target
        assert validate_order(order, options=CORE).errors == ()
