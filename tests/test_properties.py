"""Properties of the core rules over generated orders."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS

from .helpers import CORE, TODAY
from .strategies import minor_of, money_string, valid_orders


@given(valid_orders())
def test_generated_valid_orders_have_no_error(order: dict[str, Any]) -> None:
    report = mp.validate_order(order, today=TODAY, options=CORE)
    assert report.errors == ()
    assert report.warnings == ()


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[str, str, str]]:
    """A valid order with one derived figure moved by one minor unit, and the finding that must result."""
    order = draw(valid_orders(max_lines=20))
    currency = order["amount"]["currency"]
    decimals = CURRENCY_DECIMALS[currency]
    targets: list[tuple[str, tuple[Any, ...]]] = [("MP304", ("amount",))]
    for index in range(len(order["lines"])):
        targets += [("MP202", ("lines", index, "totalAmount")), ("MP203", ("lines", index, "vatAmount"))]
    code, path = draw(st.sampled_from(targets))
    delta = draw(st.sampled_from((1, -1)))
    node = order
    for key in path:
        node = node[key]
    original = node["value"]
    changed = minor_of(node, currency) + delta
    if code == "MP304" and changed < 0:
        changed = minor_of(node, currency) + 1
    node["value"] = money_string(changed, decimals)
    field = ".".join(str(p) for p in path)
    return order, (code, field, original)


@given(mutated())
def test_one_wrong_derived_figure_gives_exactly_its_finding(case: tuple[dict[str, Any], tuple[str, str, str]]) -> None:
    order, (code, field, original) = case
    report = mp.validate_order(order, today=TODAY, options=CORE)
    assert [(v.code, v.field, v.expected) for v in report] == [(code, field, original)]


@given(valid_orders(max_lines=10))
def test_applying_every_expected_value_yields_a_clean_order(order: dict[str, Any]) -> None:
    """The expected values are mutually consistent: corrupt every derived figure, apply them all, done."""
    broken = copy.deepcopy(order)
    broken["amount"]["value"] = "0" if CURRENCY_DECIMALS[order["amount"]["currency"]] == 0 else "0.00"
    for line in broken["lines"]:
        line["vatAmount"]["value"] = line["totalAmount"]["value"]
    report = mp.validate_order(broken, today=TODAY, options=CORE)
    for finding in report:
        assert finding.expected is not None
        node: Any = broken
        for key in finding.path:
            node = node[key]
        node["value"] = finding.expected
    assert broken == order
