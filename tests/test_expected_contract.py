"""The ``expected`` contract over orders corrupted in their *inputs* as well as their derived figures.

Signs flipped, types swapped, discounts larger than the line, quantities changed, derived figures moved:
either applying every ``expected`` value yields an order without error, or an error that blocks it carries
no ``expected`` (a person must decide). No two findings expect different values at one place, and a
finding never expects a figure derived from an input that contradicts its line's type.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from hypothesis import event, given, settings
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS

from .helpers import CORE, TODAY
from .strategies import minor_of, money_string, valid_orders

AMOUNTS = frozenset({"amount", "unitPrice", "discountAmount", "totalAmount", "vatAmount"})
KINDS = ("physical", "discount", "digital", "shipping_fee", "store_credit", "gift_card", "surcharge")

#: The profile's examples (tests/conftest.py): these contracts search five (or 10/3) times as far, in a soak
#: (``long``) as in CI, and less where the suite only re-runs (``rerun``).
PROFILE_EXAMPLES: Final = settings().max_examples


def _set_minor(amount: dict[str, Any], minor: int, currency: str) -> None:
    amount["value"] = money_string(minor, CURRENCY_DECIMALS[currency])


@st.composite
def corrupted_orders(draw: st.DrawFn) -> dict[str, Any]:
    """A valid order with some of its inputs and derived figures corrupted the ways shops get them wrong."""
    order = draw(valid_orders(max_lines=6))
    currency = order["amount"]["currency"]
    for line in order["lines"]:
        corruption = draw(
            st.sampled_from(("none", "none", "price-sign", "all-signs", "type", "discount-over", "quantity", "derived"))
        )
        unit = minor_of(line["unitPrice"], currency)
        if corruption == "price-sign":  # the sign of the price lost, the totals right
            _set_minor(line["unitPrice"], -unit, currency)
        elif corruption == "all-signs":  # every figure of the line turned
            for field in ("unitPrice", "totalAmount", "vatAmount"):
                _set_minor(line[field], -minor_of(line[field], currency), currency)
        elif corruption == "type":
            line["type"] = draw(st.sampled_from(KINDS))
        elif corruption == "discount-over" and unit > 0:
            gross = unit * line["quantity"]
            line["discountAmount"] = {"currency": currency, "value": "0"}
            _set_minor(line["discountAmount"], gross + draw(st.integers(1, 10_000)), currency)
        elif corruption == "quantity":
            line["quantity"] = draw(
                st.sampled_from((line["quantity"] + 1, 2 * line["quantity"], str(line["quantity"])))
            )
        elif corruption == "derived":
            field = draw(st.sampled_from(("totalAmount", "vatAmount")))
            moved = minor_of(line[field], currency) + draw(st.integers(-1000, 1000).filter(bool))
            _set_minor(line[field], moved, currency)
    if draw(st.booleans()):
        moved = minor_of(order["amount"], currency) + draw(st.integers(-1000, 1000))
        _set_minor(order["amount"], max(moved, 0), currency)
    return order


def _apply(order: dict[str, Any], finding: mp.Violation) -> None:
    """Write ``finding.expected`` where it belongs: an amount's value, a quantity's integer, or the field."""
    assert finding.expected is not None
    *parents, last = finding.path
    node: Any = order
    for key in parents:
        node = node[key]
    if last in AMOUNTS:
        node[last]["value"] = finding.expected
    elif last == "quantity":
        node[last] = int(finding.expected)
    else:
        node[last] = finding.expected


@settings(max_examples=5 * PROFILE_EXAMPLES)
@given(corrupted_orders())
def test_applying_every_expected_passes_unless_a_person_must_decide(order: dict[str, Any]) -> None:
    report = mp.validate_order(order, today=TODAY, options=CORE)
    expected_at: dict[tuple[Any, ...], str] = {}
    for finding in report:
        if finding.expected is not None:
            # No two findings expect different values at one place.
            assert expected_at.setdefault(finding.path, finding.expected) == finding.expected, list(report)
    fixed = copy.deepcopy(order)
    for finding in report:
        if finding.expected is not None:
            _apply(fixed, finding)
    after = mp.validate_order(fixed, today=TODAY, options=CORE)
    undecided = [finding for finding in report.errors if finding.expected is None]
    event("a person decides" if undecided else "every error has its expected value" if report.errors else "clean")
    assert after.ok or undecided, (list(report), list(after))


@settings(max_examples=5 * PROFILE_EXAMPLES)
@given(corrupted_orders())
def test_nothing_is_expected_from_an_input_that_contradicts_the_lines_type(order: dict[str, Any]) -> None:
    """A derived figure's ``expected`` never has the wrong sign for its line's type, and an order amount is
    never expected below zero: those would come from the contradictory input."""
    report = mp.validate_order(order, today=TODAY, options=CORE)
    for finding in report:
        if finding.expected is None or finding.code not in ("MP202", "MP203"):
            continue
        kind = order["lines"][finding.path[1]].get("type", "physical")
        negative = finding.expected.startswith("-")
        positive = not negative and any(digit in "123456789" for digit in finding.expected)
        assert not (positive if kind in ("discount", "store_credit", "gift_card") else negative), finding


@settings(max_examples=10 * PROFILE_EXAMPLES // 3)
@given(corrupted_orders())
def test_fix_order_never_moves_the_amount_beyond_the_tolerance_unless_unsafe(order: dict[str, Any]) -> None:
    currency = order["amount"]["currency"]
    before = minor_of(order["amount"], currency)
    result = mp.fix_order(order, today=TODAY, options=CORE)
    after = result.payload["amount"]
    assert abs(minor_of(after, currency) - before) <= 2
    assert all(not change.unsafe for change in result.changes)
    for change in result.changes:
        if change.money:  # a safe money change is a derived line figure or a rounding gap of the amount
            assert change.path[0] == "amount" or change.path[2] in ("totalAmount", "vatAmount"), change


@st.composite
def lost_signs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], set[int]]:
    """A valid order, and a copy in which some lines' unit prices lost (or gained) their sign, totals intact."""
    order = draw(valid_orders(max_lines=8))
    currency = order["amount"]["currency"]
    broken = copy.deepcopy(order)
    priced = [i for i, line in enumerate(broken["lines"]) if minor_of(line["unitPrice"], currency)]
    turned = set(draw(st.lists(st.sampled_from(priced), min_size=1, unique=True))) if priced else set()
    for index in turned:
        price = broken["lines"][index]["unitPrice"]
        _set_minor(price, -minor_of(price, currency), currency)
    return order, broken, turned


@settings(max_examples=10 * PROFILE_EXAMPLES // 3)
@given(lost_signs())
def test_a_lost_sign_is_found_at_the_price_and_restored_only_as_an_unsafe_fix(
    case: tuple[dict[str, Any], dict[str, Any], set[int]],
) -> None:
    order, broken, turned = case
    report = mp.validate_order(broken, today=TODAY, options=CORE)
    # One finding per turned price, at the price, expecting it back; nothing else (the totals are right).
    assert {(finding.path, finding.expected) for finding in report} == {
        (("lines", i, "unitPrice"), order["lines"][i]["unitPrice"]["value"]) for i in turned
    }
    safe = mp.fix_order(broken, today=TODAY, options=CORE)
    assert safe.payload == broken
    assert {change.path[:3] for change in safe.skipped} == {("lines", i, "unitPrice") for i in turned}
    unsafe = mp.fix_order(broken, today=TODAY, options=CORE, unsafe=True)
    assert unsafe.payload == order
    assert all(change.unsafe and change.money for change in unsafe.changes)


def test_no_amount_is_expected_when_the_lines_add_up_to_less_than_zero() -> None:
    """Found by the property above: a gift card line whose total is off made the lines add up to -0.01, and
    MP304 expected that negative amount, which MP106 then refused. No amount is right: a person decides."""
    goods: dict[str, Any] = {"name": "Card", "quantity": 1, "vatRate": "0.00"}
    goods |= {key: {"currency": "EUR", "value": "0.01"} for key in ("unitPrice", "totalAmount")}
    goods["vatAmount"] = {"currency": "EUR", "value": "0.00"}
    gift = {**goods, "type": "gift_card", "name": "Gift card", "quantity": 2}
    gift |= {key: {"currency": "EUR", "value": "-0.01"} for key in ("unitPrice", "totalAmount")}
    order: dict[str, Any] = {"amount": {"currency": "EUR", "value": "0.00"}, "orderNumber": "1", "locale": "en_US"}
    order["lines"] = [goods, gift]
    [total, amount] = [v for v in mp.validate_order(order, today=TODAY, options=CORE) if v.code in ("MP202", "MP304")]
    assert (total.field, total.expected) == ("lines.1.totalAmount", "-0.02")
    assert (amount.field, amount.expected, amount.actual) == ("amount", None, "0.00")
    assert "less than zero" in amount.message
