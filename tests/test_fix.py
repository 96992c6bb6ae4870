"""``fix_order`` recomputes derived figures and re-spells amounts, and touches nothing else."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight.reference.currencies import CURRENCY_DECIMALS

from .helpers import CORE, TODAY
from .payloads import example_order
from .strategies import minor_of, money_string, valid_orders

DERIVED = {"totalAmount", "vatAmount"}


def fix(payload: Any) -> mp.FixResult:
    return mp.fix_order(payload, options=CORE, today=TODAY)


def test_a_clean_order_is_returned_unchanged_as_a_copy() -> None:
    order = example_order()
    result = fix(order)
    assert result.payload == order
    assert result.payload is not order
    assert result.payload["lines"] is not order["lines"]
    assert result.changes == ()
    assert result.report.ok


def test_derived_figures_are_recomputed_and_reported_as_changes() -> None:
    order = example_order()
    order["lines"][0]["totalAmount"]["value"] = "798.00"
    order["lines"][1]["vatAmount"]["value"] = "57.28"
    order["amount"]["value"] = "1127.99"
    snapshot = copy.deepcopy(order)
    result = fix(order)
    assert order == snapshot
    assert result.payload == example_order()
    assert [(c.field, c.old, c.new, c.code) for c in result.changes] == [
        ("lines.0.totalAmount.value", "798.00", "698.00", "MP202"),
        ("lines.1.vatAmount.value", "57.28", "57.27", "MP203"),
        ("amount.value", "1127.99", "1027.99", "MP304"),
    ]
    assert result.changes[0].pointer == "/lines/0/totalAmount/value"
    assert list(result.report) == []


def test_amounts_are_re_spelled_without_changing_their_value() -> None:
    order = example_order()
    order["amount"]["value"] = "1027.9900"
    order["lines"][0]["unitPrice"]["value"] = 399
    order["lines"][1]["totalAmount"]["currency"] = "eur"
    result = fix(order)
    assert result.payload == example_order()
    assert {(c.field, c.code) for c in result.changes} == {
        ("amount.value", "MP103"),
        ("lines.0.unitPrice.value", "MP102"),
        ("lines.1.totalAmount.currency", "MP105"),
    }


def test_a_re_spelled_amount_unlocks_the_formula_check_in_the_next_round() -> None:
    order = example_order()
    order["lines"][0]["unitPrice"]["value"] = "399.0"  # the total cannot be checked until this is read
    order["lines"][0]["totalAmount"]["value"] = "698.1"  # and this one is wrong once it can be
    result = fix(order)
    assert result.payload == example_order()
    assert [c.code for c in result.changes] == ["MP103", "MP103", "MP202"]


def test_merchant_decisions_are_left_alone_and_still_reported() -> None:
    order = example_order()
    order["lines"][1]["quantity"] = 1.5
    order["lines"][0]["vatRate"] = "-21.00"
    order["lines"][0]["unitPrice"]["value"] = "16,10"
    result = fix(order)
    assert result.changes == ()
    assert result.payload == order
    assert [(v.code, v.field) for v in result.report] == [
        ("MP103", "lines.0.unitPrice.value"),
        ("MP212", "lines.0.vatRate"),
        ("MP207", "lines.1.quantity"),
    ]


def test_hostile_input_is_copied_without_recursion_and_not_mutated() -> None:
    deep: Any = "x"
    for _ in range(50_000):
        deep = {"k": deep}
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    for value in (deep, cyclic, [deep, cyclic], None, "order", 12):
        result = mp.fix_order(value, today=TODAY)
        assert not result.report.ok
        assert result.changes == ()
    copied = mp.fix_order(cyclic, today=TODAY).payload
    assert copied is not cyclic
    assert copied["self"] is copied


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A valid order and a copy with any number of its derived figures changed."""
    order = draw(valid_orders(max_lines=15))
    currency = order["amount"]["currency"]
    broken = copy.deepcopy(order)
    targets = [broken["amount"]] + [line[f] for line in broken["lines"] for f in sorted(DERIVED)]
    for target in draw(st.lists(st.sampled_from(targets), min_size=1, unique_by=id)):
        changed = minor_of(target, currency) + draw(st.integers(min_value=1, max_value=10**6))
        target["value"] = money_string(changed, CURRENCY_DECIMALS[currency])
    return order, broken


@given(corrupted())
def test_fixing_a_corrupted_valid_order_restores_it(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    order, broken = case
    result = fix(broken)
    assert result.payload == order
    assert result.report.errors == ()
    for change in result.changes:
        assert change.path[-1] == "value"
        assert change.path == ("amount", "value") or (change.path[0] == "lines" and change.path[2] in DERIVED)
