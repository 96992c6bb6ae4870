"""Builders: lines, orders, discount splits and rounding reconciliation produce payloads that pass."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS

from .helpers import CORE, TODAY


def values(line: dict[str, Any]) -> tuple[str, ...]:
    return (line["totalAmount"]["value"], line["vatAmount"]["value"])


@pytest.mark.parametrize(
    ("unit", "quantity", "discount", "rate", "currency", "total", "vat"),
    [
        ("399.00", 2, "100.00", "21.00", "EUR", "698.00", "121.14"),
        ("329.99", 1, None, "21.00", "EUR", "329.99", "57.27"),
        ("19.99", 1, None, "21.00", "EUR", "19.99", "3.47"),
        ("19.99", 2, None, "21", "EUR", "39.98", "6.94"),
        ("19.99", 2, "19.99", "21", "EUR", "19.99", "3.47"),  # the docs' 2-for-1
        ("-3.90", 1, None, "21.00", "EUR", "-3.90", "-0.68"),
        ("299.00", 2, None, "21.00", "EUR", "598.00", "103.79"),
        ("399.00", 1, "100.00", "21.00", "EUR", "299.00", "51.89"),
        ("100.00", 1, None, "25.00", "SEK", "100.00", "20.00"),
        ("38.97", 1, None, "20.00", "EUR", "38.97", "6.50"),  # the tie seen live
        ("1000", 3, None, "10", "JPY", "3000", "273"),
    ],
)
def test_build_line_reproduces_mollies_numbers(
    unit: str, quantity: int, discount: str | None, rate: str, currency: str, total: str, vat: str
) -> None:
    kind = "discount" if unit.startswith("-") else "physical"
    line = mp.build_line(
        name="Item", quantity=quantity, unit_price=unit, discount=discount, vat_rate=rate, currency=currency, type=kind
    )
    assert values(line) == (total, vat)
    assert line["vatRate"] == f"{Decimal(rate):.2f}"


def test_net_prices_become_gross_first_then_everything_follows_from_gross() -> None:
    line = mp.build_line(
        name="Socks",
        quantity=3,
        unit_price="8.26",
        discount="1.00",
        vat_rate="21",
        currency="EUR",
        prices_include_vat=False,
    )
    # 8.26 × 1.21 = 9.9946 → 9.99 gross; 1.00 × 1.21 = 1.21 gross; total 3 × 9.99 − 1.21 = 28.76
    assert line["unitPrice"]["value"] == "9.99"
    assert line["discountAmount"]["value"] == "1.21"
    assert values(line) == ("28.76", "4.99")


def test_build_line_passes_optional_fields_and_refuses_unknown_ones() -> None:
    line = mp.build_line(
        name="Tea", quantity=1, unit_price=Decimal("3.95"), vat_rate=9, currency="EUR", sku="T-1", category="meal"
    )
    assert (line["sku"], line["category"], line["vatRate"]) == ("T-1", "meal", "9.00")
    with pytest.raises(TypeError, match="unknown line fields: vatrate"):
        mp.build_line(name="Tea", quantity=1, unit_price="3.95", vat_rate="9", currency="EUR", vatrate="9")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"unit_price": 3.95}, TypeError, "not float"),
        ({"vat_rate": 9.0}, TypeError, "not float"),
        ({"quantity": 1.0}, TypeError, "quantity must be an int"),
        ({"quantity": 0}, ValueError, "at least 1"),
        ({"unit_price": "3.951"}, ValueError, "more than 2 decimals"),
        ({"currency": "HRK"}, ValueError, "not a currency"),
        ({"type": "product"}, ValueError, "type must be one of"),
        ({"vat_rate": "-9"}, ValueError, "cannot be negative"),
        ({"vat_rate": "9.125"}, ValueError, "more than 2 decimals"),
        ({"discount": "-1.00"}, ValueError, "positive amount"),
        ({"name": " "}, ValueError, "name"),
        ({"category": "food"}, ValueError, "category"),
    ],
)
def test_build_line_refuses_caller_bugs_loudly(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    arguments: dict[str, Any] = {"name": "Tea", "quantity": 1, "unit_price": "3.95", "vat_rate": "9", "currency": "EUR"}
    with pytest.raises(error, match=message):
        mp.build_line(**(arguments | kwargs))


def test_build_order_sums_the_lines_and_keeps_the_fields() -> None:
    lines = [
        mp.build_line(name="Bike", quantity=2, unit_price="399.00", discount="100.00", vat_rate="21", currency="EUR"),
        mp.build_line(name="Lock", quantity=1, unit_price="329.99", vat_rate="21", currency="EUR"),
    ]
    order = mp.build_order(lines, currency="EUR", orderNumber="1337", locale="nl_NL")
    assert order["amount"] == {"currency": "EUR", "value": "1027.99"}
    assert (order["orderNumber"], order["locale"]) == ("1337", "nl_NL")
    assert order["lines"] == lines
    assert order["lines"][0] is not lines[0]
    assert list(mp.validate_order(order, today=TODAY, options=CORE)) == []
    with pytest.raises(TypeError, match="computed by build_order"):
        mp.build_order(lines, currency="EUR", amount={})
    with pytest.raises(ValueError, match="amount object in USD"):
        mp.build_order(lines, currency="USD")


def _vat_per_rate(lines: list[dict[str, Any]]) -> dict[Decimal, Decimal]:
    return mp.vat_per_rate(lines)


def test_split_discount_over_two_rates_is_proportional_and_exact() -> None:
    lines = [
        mp.build_line(name="Wine", quantity=1, unit_price="60.00", vat_rate="21", currency="EUR"),
        mp.build_line(name="Cheese", quantity=1, unit_price="40.00", vat_rate="9", currency="EUR"),
        mp.build_line(
            name="Delivery", quantity=1, unit_price="5.00", vat_rate="21", currency="EUR", type="shipping_fee"
        ),
    ]
    discount = mp.split_discount(lines, "10.00", currency="EUR")
    assert [(d["name"], d["totalAmount"]["value"], d["vatRate"], d["vatAmount"]["value"]) for d in discount] == [
        ("Discount (21.00% VAT)", "-6.00", "21.00", "-1.04"),
        ("Discount (9.00% VAT)", "-4.00", "9.00", "-0.33"),
    ]
    by_percent = mp.split_discount(lines, currency="EUR", percent="10")
    assert by_percent == discount
    order = mp.build_order(lines + discount, currency="EUR", orderNumber="1", locale="en_US")
    assert list(mp.validate_order(order, today=TODAY, options=CORE)) == []


def test_split_discount_gives_the_last_cent_by_largest_remainder() -> None:
    lines = [
        mp.build_line(name=f"Item {rate}", quantity=1, unit_price="10.00", vat_rate=rate, currency="EUR")
        for rate in ("21", "9", "0")
    ]
    discount = mp.split_discount(lines, "10.00", currency="EUR")
    assert [d["totalAmount"]["value"] for d in discount] == ["-3.34", "-3.33", "-3.33"]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (("20.01",), {}, ValueError, "exceeds the discountable total"),
        (("-1.00",), {}, ValueError, "positive amount"),
        ((), {}, TypeError, "exactly one"),
        (("1.00",), {"percent": "5"}, TypeError, "exactly one"),
        ((), {"percent": "101"}, ValueError, "between 0 and 100"),
        (("1.00",), {"currency": "XXX"}, ValueError, "not a currency"),
    ],
)
def test_split_discount_refuses_impossible_discounts(
    args: tuple[str, ...], kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    lines = [mp.build_line(name="A", quantity=2, unit_price="10.00", vat_rate="21", currency="EUR")]
    with pytest.raises(error, match=message):
        mp.split_discount(lines, *args, **({"currency": "EUR"} | kwargs))


def test_reconcile_adds_a_rounding_line_at_the_main_rate() -> None:
    lines = [
        mp.build_line(name="Wine", quantity=3, unit_price="3.33", vat_rate="21", currency="EUR"),
        mp.build_line(name="Bread", quantity=1, unit_price="2.00", vat_rate="9", currency="EUR"),
    ]
    result = mp.reconcile(lines, "12.00", currency="EUR")  # the shop rounded 9.99 + 2.00 to 12.00
    assert result.gap == 1
    assert result.amount == {"currency": "EUR", "value": "12.00"}
    assert result.rounding_line is not None
    line = result.rounding_line
    assert (line["type"], line["totalAmount"]["value"], line["vatRate"], line["vatAmount"]["value"]) == (
        "surcharge",
        "0.01",
        "21.00",
        "0.00",
    )
    order = {"amount": result.amount, "orderNumber": "1", "locale": "en_US", "lines": result.lines}
    assert list(mp.validate_order(order, today=TODAY, options=CORE)) == []
    lower = mp.reconcile(lines, "11.98", currency="EUR")
    assert lower.rounding_line is not None
    assert (lower.rounding_line["type"], lower.rounding_line["unitPrice"]["value"]) == ("discount", "-0.01")


def test_reconcile_lines_total_strategy_and_tolerance() -> None:
    lines = [mp.build_line(name="Wine", quantity=3, unit_price="3.33", vat_rate="21", currency="EUR")]
    result = mp.reconcile(lines, "10.00", currency="EUR", strategy="lines-total")
    assert (result.gap, result.amount["value"], result.rounding_line, result.lines) == (1, "9.99", None, lines)
    with pytest.raises(mp.ReconcileError, match="differs from the lines by 3 minor units"):
        mp.reconcile(lines, "10.02", currency="EUR")
    assert mp.reconcile(lines, "10.02", currency="EUR", tolerance=5).gap == 3
    with pytest.raises(ValueError, match="strategy"):
        mp.reconcile(lines, "10.00", currency="EUR", strategy="magic")  # type: ignore[arg-type]


@st.composite
def carts(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]], int]:
    """Any cart: 1–100 items in any supported currency, gross or net prices, line discounts, an order-level
    discount split over the rates, and a gift card.
    """
    currency = draw(st.sampled_from(sorted(CURRENCY_DECIMALS)))
    decimals = CURRENCY_DECIMALS[currency]
    lines = []
    for index in range(draw(st.integers(min_value=1, max_value=100))):
        unit = Decimal(draw(st.integers(min_value=0, max_value=10**6))).scaleb(-decimals)
        quantity = draw(st.integers(min_value=1, max_value=10))
        gross = unit * quantity
        discount = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=int(gross.scaleb(decimals)))))
        net = draw(st.booleans())
        lines.append(
            mp.build_line(
                name=f"Item {index}",
                quantity=quantity,
                unit_price=unit,
                discount=None if discount is None or net else Decimal(discount).scaleb(-decimals),
                vat_rate=draw(st.sampled_from(("0", "9", "21", "25.5", "5.5"))),
                currency=currency,
                type=draw(st.sampled_from(("physical", "digital"))),
                prices_include_vat=not net,
            )
        )
    whole = sum(int(Decimal(line["totalAmount"]["value"]).scaleb(decimals)) for line in lines)
    off = 0
    if whole and draw(st.booleans()):
        off = draw(st.integers(min_value=0, max_value=whole // 2))
        lines += mp.split_discount(lines, Decimal(off).scaleb(-decimals), currency=currency)
    remaining = sum(int(Decimal(line["totalAmount"]["value"]).scaleb(decimals)) for line in lines)
    if remaining and draw(st.booleans()):
        card = Decimal(-draw(st.integers(min_value=1, max_value=remaining))).scaleb(-decimals)
        lines.append(
            mp.build_line(
                name="Gift card", quantity=1, unit_price=card, vat_rate="0", currency=currency, type="gift_card"
            )
        )
    return currency, lines, off


@given(carts())
def test_any_built_cart_is_accepted(cart: tuple[str, list[dict[str, Any]], int]) -> None:
    currency, lines, off = cart
    order = mp.build_order(lines, currency=currency, orderNumber="1", locale="en_US")
    report = mp.validate_order(order, today=TODAY, options=CORE)
    # A cart of nothing (free items, or a gift card paying for all) builds an order Mollie refuses (MP309).
    free = Decimal(order["amount"]["value"]) == 0
    assert [v.code for v in report.errors] == (["MP309"] if free else [])
    assert all(vat >= 0 for rate, vat in _vat_per_rate(order["lines"]).items())
    discounts = [line for line in lines if line["type"] == "discount"]
    assert len({d["vatRate"] for d in discounts}) == len(discounts)
    taken = -sum(int(Decimal(d["totalAmount"]["value"]).scaleb(CURRENCY_DECIMALS[currency])) for d in discounts)
    assert taken == off


def test_a_whole_net_discount_stays_a_whole_discount() -> None:
    # 8.2603 × 1.21 = 9.99 (rounded down), but the whole net line 3 × 8.2603 × 1.21 = 29.98 (rounded up).
    line = mp.build_line(
        name="Free",
        quantity=3,
        unit_price="8.2603",
        discount="24.7809",
        vat_rate="21",
        currency="EUR",
        prices_include_vat=False,
    )
    assert line["discountAmount"]["value"] == "29.97"
    assert values(line) == ("0.00", "0.00")
    # A net discount larger than the net line is not capped: it is refused.
    with pytest.raises(ValueError, match="larger than unit_price × quantity"):
        mp.build_line(
            name="Free",
            quantity=3,
            unit_price="8.2603",
            discount="24.7810",
            vat_rate="21",
            currency="EUR",
            prices_include_vat=False,
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"unit_price": "-1.50"}, "negative unit price"),
        ({"unit_price": "1.50", "type": "gift_card", "vat_rate": "0"}, "gift_card line needs a negative"),
        ({"unit_price": "-1.50", "type": "gift_card"}, "untaxed"),
        ({"unit_price": "1.50", "type": "discount"}, "negative \\(or zero\\)"),
        ({"unit_price": "1.50", "discount": "1.51"}, "larger than unit_price"),
        ({"unit_price": "1.50", "sku": "x" * 65}, "sku: .*65 characters"),
        ({"unit_price": "1.50", "imageUrl": "/img.png"}, "imageUrl: "),
        ({"unit_price": "1.50", "metadata": {"x": "y" * 2000}}, "metadata: "),
    ],
)
def test_build_line_refuses_what_mollie_refuses(kwargs: dict[str, Any], message: str) -> None:
    defaults: dict[str, Any] = {"name": "Item", "quantity": 1, "vat_rate": "21", "currency": "EUR"}
    with pytest.raises(ValueError, match=message):
        mp.build_line(**(defaults | kwargs))


def test_builders_copy_what_they_are_given() -> None:
    metadata = {"tags": ["a"]}
    line = mp.build_line(name="A", quantity=1, unit_price="1.00", vat_rate="21", currency="EUR", metadata=metadata)
    metadata["tags"].append("b")
    assert line["metadata"] == {"tags": ["a"]}
    address = {"city": "Amsterdam"}
    order = mp.build_order([line], currency="EUR", billingAddress=address)
    address["city"] = "Utrecht"
    line["totalAmount"]["value"] = "9.99"
    assert order["billingAddress"] == {"city": "Amsterdam"}
    assert order["lines"][0]["totalAmount"]["value"] == "1.00"
    with pytest.raises(TypeError, match="line 0 must be a dict"):
        mp.build_order(["x"], currency="EUR")  # type: ignore[list-item]


# --- Payments lines: the same arithmetic, the Payments API's spelling -------------------------------------


def test_a_payments_line_has_the_orders_figures_and_the_payments_names() -> None:
    common: dict[str, Any] = {"quantity": 2, "unit_price": "399.00", "discount": "100.00", "vat_rate": "21"}
    order_line = mp.build_line(name="Bike", currency="EUR", sku="B-1", **common)
    payment_line = mp.build_line(
        name="Bike", currency="EUR", api="payments", sku="B-1", categories=["gift"], quantityUnit="pcs", **common
    )
    assert payment_line == {
        "type": "physical",
        "description": "Bike",
        "quantity": 2,
        "unitPrice": {"currency": "EUR", "value": "399.00"},
        "discountAmount": {"currency": "EUR", "value": "100.00"},
        "totalAmount": {"currency": "EUR", "value": "698.00"},
        "vatRate": "21.00",
        "vatAmount": {"currency": "EUR", "value": "121.14"},
        "sku": "B-1",
        "categories": ["gift"],
        "quantityUnit": "pcs",
    }
    assert {k: v for k, v in order_line.items() if k != "name"} == {
        k: v for k, v in payment_line.items() if k not in ("description", "categories", "quantityUnit")
    }


@pytest.mark.parametrize(
    ("fields", "error", "match"),
    [
        ({"category": "meal"}, TypeError, "unknown line fields: category"),
        ({"metadata": {}}, TypeError, "unknown line fields: metadata"),
        ({"categories": "meal"}, ValueError, "categories must be a list"),
        ({"categories": ["meal", "meal"]}, ValueError, "categories must be a list"),
        ({"categories": ["food"]}, ValueError, "categories must be a list"),
        ({"categories": []}, ValueError, "categories must be a list"),
        ({"api": "order"}, ValueError, "api must be"),
        ({"sku": "x" * 65}, ValueError, "Mollie would refuse this line: sku"),
    ],
)
def test_a_payments_line_refuses_what_the_payments_api_refuses(
    fields: dict[str, Any], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        mp.build_line(
            name="Bike", quantity=1, unit_price="10.00", vat_rate="21", currency="EUR", **{"api": "payments", **fields}
        )


def test_a_free_gift_card_is_a_payments_line_only() -> None:
    """Mollie's Payments reference allows a unit price of 0 on gift cards (free items); the Orders API not."""
    free: dict[str, Any] = {"name": "Card", "quantity": 1, "unit_price": "0", "vat_rate": "0", "type": "gift_card"}
    assert mp.build_line(currency="EUR", api="payments", **free)["totalAmount"]["value"] == "0.00"
    with pytest.raises(ValueError, match="negative unit price"):
        mp.build_line(currency="EUR", **free)


def test_build_payment_sums_the_lines_and_keeps_the_fields() -> None:
    line = mp.build_line(name="Bike", quantity=2, unit_price="10.00", vat_rate="21", currency="EUR", api="payments")
    payment = mp.build_payment([line], currency="EUR", description="Order 7", redirectUrl="https://shop.example/r")
    assert payment == {
        "amount": {"currency": "EUR", "value": "20.00"},
        "description": "Order 7",
        "redirectUrl": "https://shop.example/r",
        "lines": [line],
    }
    assert payment["lines"][0] is not line
    with pytest.raises(TypeError, match="computed by build_payment"):
        mp.build_payment([line], currency="EUR", description="Order 7", amount={})


def _minor(amount: dict[str, str], decimals: int) -> int:
    return int(Decimal(amount["value"]).scaleb(decimals))


@st.composite
def payment_carts(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """Any Payments cart: 1–50 items in any supported currency, gross or net prices, line discounts,
    categories, a discount line, store credit and a gift card (of 0 too), all built with ``api="payments"``."""
    currency = draw(st.sampled_from(sorted(CURRENCY_DECIMALS)))
    decimals = CURRENCY_DECIMALS[currency]
    lines = []
    for index in range(draw(st.integers(min_value=1, max_value=50))):
        unit = Decimal(draw(st.integers(min_value=0, max_value=10**6))).scaleb(-decimals)
        quantity = draw(st.integers(min_value=1, max_value=10))
        discount = draw(
            st.one_of(st.none(), st.integers(min_value=0, max_value=int((unit * quantity).scaleb(decimals))))
        )
        net = draw(st.booleans())
        categories = draw(
            st.one_of(st.none(), st.lists(st.sampled_from(("eco", "gift", "meal")), min_size=1, unique=True))
        )
        lines.append(
            mp.build_line(
                name=f"Item {index}",
                quantity=quantity,
                unit_price=unit,
                discount=None if discount is None or net else Decimal(discount).scaleb(-decimals),
                vat_rate=draw(st.sampled_from(("0", "9", "21", "25.5", "5.5"))),
                currency=currency,
                type=draw(st.sampled_from(("physical", "digital", "shipping_fee"))),
                prices_include_vat=not net,
                api="payments",
                **({} if categories is None else {"categories": categories}),
            )
        )
    remaining = sum(int(Decimal(line["totalAmount"]["value"]).scaleb(decimals)) for line in lines)
    for kind in ("discount", "store_credit", "gift_card"):
        if not draw(st.booleans()):
            continue
        off = draw(st.integers(min_value=0 if kind == "gift_card" else 1, max_value=max(remaining, 1)))
        if off > remaining:
            continue
        # a discount carries the rate of the goods it discounts (MP307); credit and gift cards are untaxed
        rate = lines[0]["vatRate"] if kind == "discount" else "0"
        reduction = mp.build_line(
            name=kind.replace("_", " "),
            quantity=1,
            unit_price=Decimal(-off).scaleb(-decimals),
            vat_rate=rate,
            currency=currency,
            type=kind,
            api="payments",
        )
        vat_left = sum(_minor(line["vatAmount"], decimals) for line in [*lines, reduction] if line["vatRate"] == rate)
        if vat_left < 0:
            continue  # more discount than the rate's VAT: a cart the rules rightly warn about (MP306)
        remaining -= off
        lines.append(reduction)
    return currency, lines


@given(payment_carts())
def test_any_cart_built_for_payments_validates_clean(cart: tuple[str, list[dict[str, Any]]]) -> None:
    currency, lines = cart
    payment = mp.build_payment(lines, currency=currency, description="Order 1", redirectUrl="https://shop.example/r")
    assert [str(v) for v in mp.validate_payment(payment, today=TODAY)] == []
