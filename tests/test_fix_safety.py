"""Fixes never change what the customer pays without saying so: safe fixes by default, unsafe ones on request.

The coupon case of issue 16 (a discount whose unit price lost its sign), the bound on how far the order
amount may move, and the unambiguous spelling fixes the linter knows.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import mollie_preflight as mp
from mollie_preflight import fix_order

from .helpers import TODAY, amount
from .payloads import example_order

ALL = mp.Options()


def _coupon() -> dict[str, Any]:
    """100.00 of shoes and a 10.00 coupon sent with unitPrice "10.00" but totals -10.00 / -1.74; amount 90.00."""
    order = example_order()
    order["lines"] = [
        {
            "name": "Shoes",
            "quantity": 1,
            "unitPrice": amount("100.00"),
            "totalAmount": amount("100.00"),
            "vatRate": "21.00",
            "vatAmount": amount("17.36"),
        },
        {
            "type": "discount",
            "name": "Coupon",
            "quantity": 1,
            "unitPrice": amount("10.00"),
            "totalAmount": amount("-10.00"),
            "vatRate": "21.00",
            "vatAmount": amount("-1.74"),
        },
    ]
    order["amount"] = amount("90.00")
    return order


def _changes(result: mp.FixResult) -> list[tuple[str, object, object, str, bool, bool]]:
    return [(c.field, c.old, c.new, c.code, c.unsafe, c.money) for c in result.changes]


def test_the_coupon_is_never_turned_into_a_charge() -> None:
    order = _coupon()
    result = fix_order(order, today=TODAY)
    assert result.changes == ()  # the default changes nothing of money
    assert result.payload == order
    assert [(c.field, c.old, c.new, c.code, c.unsafe) for c in result.skipped] == [
        ("lines.1.unitPrice.value", "10.00", "-10.00", "MP210", True)
    ]
    assert [(v.code, v.field, v.expected) for v in result.report] == [("MP210", "lines.1.unitPrice", "-10.00")]


def test_the_coupon_with_unsafe_fixes_turns_only_the_price() -> None:
    order = _coupon()
    result = fix_order(order, today=TODAY, unsafe=True)
    assert _changes(result) == [("lines.1.unitPrice.value", "10.00", "-10.00", "MP210", True, True)]
    assert result.payload["amount"] == amount("90.00")
    assert result.payload["lines"][1]["totalAmount"] == amount("-10.00")
    assert list(result.report) == []
    assert result.skipped == ()
    assert order == _coupon()  # the input is untouched


def test_the_amount_never_moves_beyond_the_tolerance_unless_unsafe() -> None:
    order = example_order()
    order["amount"] = amount("1500.00")
    safe = fix_order(order, today=TODAY)
    assert safe.payload["amount"] == amount("1500.00")
    assert safe.changes == ()
    assert [(c.field, c.old, c.new, c.unsafe, c.money) for c in safe.skipped] == [
        ("amount.value", "1500.00", "1027.99", True, True)
    ]
    assert [v.code for v in safe.report] == ["MP304"]
    unsafe = fix_order(order, today=TODAY, unsafe=True)
    assert _changes(unsafe) == [("amount.value", "1500.00", "1027.99", "MP304", True, True)]
    assert unsafe.report.ok


@pytest.mark.parametrize(("sent", "moved"), [("1028.01", True), ("1027.97", True), ("1028.02", False)])
def test_a_rounding_gap_within_the_tolerance_is_a_safe_fix(sent: str, moved: bool) -> None:
    order = example_order()
    order["amount"] = amount(sent)
    result = fix_order(order, today=TODAY)
    assert (result.payload["amount"]["value"] == "1027.99") is moved
    if moved:
        assert _changes(result) == [("amount.value", sent, "1027.99", "MP304", False, True)]
    else:
        assert [c.field for c in result.skipped] == ["amount.value"]


def test_the_tolerance_is_the_callers_to_choose_and_checked() -> None:
    order = example_order()
    order["amount"] = amount("1028.09")
    assert fix_order(order, today=TODAY, tolerance=10).payload["amount"] == amount("1027.99")
    assert fix_order(order, today=TODAY, tolerance=0).payload["amount"] == amount("1028.09")
    for bad in (-1, True, "2"):
        with pytest.raises(ValueError, match="tolerance"):
            fix_order(order, tolerance=bad)  # type: ignore[arg-type]


def test_a_rebuilt_amount_is_unsafe_a_rebuilt_line_figure_is_safe() -> None:
    order = example_order()
    del order["amount"]
    del order["lines"][1]["vatAmount"]
    result = fix_order(order, today=TODAY)
    assert [(c.field, c.new, c.unsafe) for c in result.changes] == [
        ("lines.1.vatAmount", {"currency": "EUR", "value": "57.27"}, False)
    ]
    assert [(c.field, c.unsafe) for c in result.skipped] == [("amount", True)]


def test_a_line_figure_that_follows_a_turned_price_is_unsafe_too() -> None:
    order = _coupon()
    order["lines"][1]["vatAmount"] = amount("-1.70")  # wrong VAT on the line whose price lost its sign
    safe = fix_order(order, today=TODAY)
    assert safe.changes == ()
    assert {c.field for c in safe.skipped} == {"lines.1.unitPrice.value", "lines.1.vatAmount.value"}
    unsafe = fix_order(order, today=TODAY, unsafe=True)
    assert {(c.field, c.new, c.unsafe) for c in unsafe.changes} == {
        ("lines.1.unitPrice.value", "-10.00", True),
        ("lines.1.vatAmount.value", "-1.74", True),
    }
    assert list(unsafe.report) == []


def test_a_price_whose_evidence_is_missing_is_left_to_a_person() -> None:
    order = _coupon()
    order["lines"][1]["totalAmount"] = amount("10.00")
    order["lines"][1]["vatAmount"] = amount("1.74")  # every figure positive: discount or charge?
    for unsafe in (False, True):
        result = fix_order(order, today=TODAY, unsafe=unsafe)
        assert result.changes == ()
        assert result.skipped == ()
        assert [(v.code, v.expected) for v in result.report] == [("MP210", None), ("MP304", None)]


@pytest.mark.parametrize(
    ("where", "sent", "fixed", "code"),
    [
        (("lines", 0, "vatRate"), 21, "21.00", "MP214"),
        (("lines", 1, "quantity"), "1", 1, "MP215"),
        (("lines", 1, "quantity"), 1.0, 1, "MP207"),
        (("billingAddress", "country"), "nl", "NL", "MP406"),
        (("billingAddress", "country"), " nl ", "NL", "MP405"),
        (("locale",), "nl-NL", "nl_NL", "MP603"),
        (("billingAddress", "phone"), "+31 20 820 2070", "+31208202070", "MP420"),
        (("billingAddress", "email"), " anna@example.org", "anna@example.org", "MP421"),
        (("orderNumber",), 2026, "2026", "MP302"),
        (("lines", 0, "type"), "Physical", "physical", "MP204"),
        (("testmode",), "true", True, "MP608"),
    ],
)
def test_unambiguous_spelling_is_fixed_safely(
    where: tuple[str | int, ...], sent: object, fixed: object, code: str
) -> None:
    order = example_order()
    node: Any = order
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = sent
    before = copy.deepcopy(order)
    result = fix_order(order, options=ALL, today=TODAY)
    assert order == before
    field = ".".join(map(str, where))
    assert _changes(result) == [(field, sent, fixed, code, False, False)]
    assert list(result.report) == []


@pytest.mark.parametrize(
    ("where", "sent", "code"),
    [
        (("billingAddress", "phone"), "06-12345678", "MP420"),  # no country code: which country?
        (("billingAddress", "country"), "Netherlands", "MP405"),  # a name, not the code's spelling
        (("locale",), "nl", "MP603"),  # a language: nl_NL or nl_BE?
    ],
)
def test_guesses_are_not_fixed(where: tuple[str | int, ...], sent: object, code: str) -> None:
    order = example_order()
    node: Any = order
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = sent
    result = fix_order(order, options=ALL, today=TODAY)
    assert result.changes == ()
    assert [v.code for v in result.report] == [code]


def _wild(name: str) -> dict[str, Any]:
    """A body from public code, verbatim (``tests/data/wild``)."""
    path = Path(__file__).parent / "data" / "wild" / "create-order" / f"{name}.json"
    body: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["body"]
    return body


def test_a_total_far_off_its_price_is_the_merchants_call_not_a_safe_fix() -> None:
    """mollie-api-python's create-order fixture sends quantity 1 with the totals of quantity 2 (399.00 × 2 −
    100.00 = 698.00, as mollie-api-node's copy of the same order has it). Rewriting the total to 299.00 would
    change what the line charges; the quantity is what is wrong, and only the merchant knows that."""
    order = _wild("mollie-api-python-test-orders-l144")
    result = fix_order(order, today=TODAY)
    assert result.payload["lines"][0]["totalAmount"] == order["lines"][0]["totalAmount"]
    assert result.payload["lines"][0]["vatAmount"] == order["lines"][0]["vatAmount"]
    assert result.money_changes == ()
    skipped = [(c.field, c.old, c.new, c.code, c.unsafe) for c in result.skipped]
    assert ("lines.0.totalAmount.value", "698.00", "299.00", "MP202", True) in skipped
    assert ("lines.0.vatAmount.value", "121.14", "51.89", "MP203", True) in skipped
    assert {(v.code, v.field) for v in result.report.errors} >= {("MP202", "lines.0.totalAmount")}
    unsafe = fix_order(order, today=TODAY, unsafe=True)
    assert unsafe.payload["lines"][0]["totalAmount"]["value"] == "299.00"


def test_a_total_a_cent_off_is_still_fixed_safely() -> None:
    order = example_order()
    line = order["lines"][0]
    right = line["totalAmount"]["value"]
    cents = int(right.replace(".", "")) + 1
    line["totalAmount"] = amount(f"{cents // 100}.{cents % 100:02d}")
    result = fix_order(order, today=TODAY)
    assert [(c.field, c.new, c.unsafe) for c in result.changes if c.field == "lines.0.totalAmount.value"] == [
        ("lines.0.totalAmount.value", right, False)
    ]
