"""``fix_order`` recomputes derived figures and re-spells amounts, and touches nothing else."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight import Change, FixResult, Options, build_line, build_order, fix_order, validate_order
from mollie_preflight._money import currency_decimals, format_minor, parse_value
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS

from .cart_strategies import carts
from .helpers import CORE, TODAY
from .payloads import example_order
from .strategies import minor_of, money_string, valid_orders

DERIVED = {"totalAmount", "vatAmount"}


def fix(payload: Any, *, unsafe: bool = False) -> mp.FixResult:
    return mp.fix_order(payload, options=CORE, today=TODAY, unsafe=unsafe)


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
    result = fix(order, unsafe=True)
    assert order == snapshot
    assert result.payload == example_order()
    assert [(c.field, c.old, c.new, c.code, c.unsafe, c.money) for c in result.changes] == [
        # 100.00 off its price and quantity: which of them is wrong is the merchant's call, so unsafe.
        ("lines.0.totalAmount.value", "798.00", "698.00", "MP202", True, True),
        ("lines.1.vatAmount.value", "57.28", "57.27", "MP203", False, True),
        ("amount.value", "1127.99", "1027.99", "MP304", True, True),
    ]
    assert result.money_changes == result.changes
    assert result.skipped == ()
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
    order["lines"][0]["totalAmount"]["value"] = 698.01  # and this one is a cent off once it can be
    result = fix(order)
    assert result.payload == example_order()
    # One change per path: the total went from 698.01 to "698.00" (re-spelled, then recomputed).
    assert [(c.field, c.old, c.new, c.code) for c in result.changes] == [
        ("lines.0.unitPrice.value", "399.0", "399.00", "MP103"),
        ("lines.0.totalAmount.value", 698.01, "698.00", "MP202"),
    ]


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
    result = fix(broken, unsafe=True)  # the corrupted amount may be far off: restoring it is unsafe
    assert result.payload == order
    assert result.report.errors == ()
    for change in result.changes:
        assert change.path[-1] == "value"
        assert change.path == ("amount", "value") or (change.path[0] == "lines" and change.path[2] in DERIVED)


# --- rebuilt, blocked and hostile cases ---------------------------------------------------------------


def _changes(result: FixResult) -> dict[str, tuple[object, object, str]]:
    return {change.field: (change.old, change.new, change.code) for change in result.changes}


def test_valid_order_is_left_alone() -> None:
    payload = example_order()
    result = fix_order(payload, options=CORE)
    assert result.changes == ()
    assert result.payload == payload
    assert result.payload is not payload
    assert result.report.ok


def test_vat_total_and_amount_are_recomputed() -> None:
    payload = example_order()
    payload["lines"][0]["vatAmount"]["value"] = "121.15"
    payload["lines"][1]["totalAmount"]["value"] = "330.00"
    payload["amount"]["value"] = "1028.00"
    result = fix_order(payload, options=CORE)
    assert _changes(result) == {
        "lines.0.vatAmount.value": ("121.15", "121.14", "MP203"),
        "lines.1.totalAmount.value": ("330.00", "329.99", "MP202"),
        "amount.value": ("1028.00", "1027.99", "MP304"),
    }
    assert result.payload == example_order()
    assert list(result.report) == []


def test_input_is_never_mutated() -> None:
    payload = example_order()
    payload["lines"][0]["vatAmount"]["value"] = 121.15
    before = copy.deepcopy(payload)
    result = fix_order(payload)
    assert payload == before
    assert result.payload["lines"][0]["vatAmount"]["value"] == "121.14"
    result.payload["lines"][0]["name"] = "changed"
    assert payload["lines"][0]["name"] == "City bike"


@pytest.mark.parametrize(
    ("where", "bad", "good", "code"),
    [
        (("lines", 1, "unitPrice"), "329.990", "329.99", "MP103"),
        (("lines", 1, "unitPrice"), 329.99, "329.99", "MP102"),
        (("lines", 0, "discountAmount"), 100, "100.00", "MP102"),
        (("amount",), " 1027.99", "1027.99", "MP103"),
    ],
)
def test_amount_spelling_is_corrected_without_changing_the_number(
    where: tuple[str | int, ...], bad: object, good: str, code: str
) -> None:
    payload = example_order()
    node: Any = payload
    for key in where:
        node = node[key]
    node["value"] = bad
    result = fix_order(payload, options=CORE)
    field = ".".join(map(str, (*where, "value")))
    assert _changes(result) == {field: (bad, good, code)}
    assert result.report.ok


def test_negative_zero_and_lower_case_currency() -> None:
    payload = example_order()
    payload["lines"].append(
        {
            "type": "discount",
            "name": "Nothing off",
            "quantity": 1,
            "unitPrice": {"currency": "eur", "value": "-0.00"},
            "totalAmount": {"currency": "EUR", "value": "0.00"},
            "vatRate": "21.00",
            "vatAmount": {"currency": "EUR", "value": "0.00"},
        }
    )
    result = fix_order(payload, options=CORE)
    assert _changes(result) == {
        "lines.2.unitPrice.value": ("-0.00", "0.00", "MP104"),
        "lines.2.unitPrice.currency": ("eur", "EUR", "MP105"),
    }
    assert result.report.ok


def test_spelling_fix_unlocks_the_derived_figures() -> None:
    payload = example_order()
    payload["lines"][1]["totalAmount"]["value"] = "329.9"
    payload["amount"]["value"] = 1000
    result = fix_order(payload, options=CORE, unsafe=True)
    assert _changes(result) == {
        "lines.1.totalAmount.value": ("329.9", "329.99", "MP202"),
        "amount.value": (1000, "1027.99", "MP304"),
    }
    assert result.report.ok


def test_unreadable_or_missing_derived_amounts_are_rebuilt() -> None:
    payload = example_order()
    payload["lines"][0]["vatAmount"] = {"value": "abc"}
    del payload["lines"][1]["totalAmount"]
    del payload["amount"]
    result = fix_order(payload, options=CORE, unsafe=True)  # an amount where there was none is unsafe
    changes = _changes(result)
    assert changes["lines.0.vatAmount"][1] == {"currency": "EUR", "value": "121.14"}
    assert changes["lines.1.totalAmount"] == (None, {"currency": "EUR", "value": "329.99"}, "MP201")
    assert changes["amount"] == (None, {"currency": "EUR", "value": "1027.99"}, "MP301")
    assert result.report.ok


def test_merchant_decisions_are_never_changed() -> None:
    payload = example_order()
    payload["lines"][0]["unitPrice"]["value"] = "x"
    payload["lines"][0]["totalAmount"]["value"] = "1.00"
    payload["lines"][1]["quantity"] = 1.5
    payload["lines"][1]["vatRate"] = "-21.00"
    result = fix_order(payload, options=CORE)
    # Nothing derives from a broken figure: the VAT is not "corrected" to match the unverifiable total.
    assert result.changes == ()
    codes = {(v.code, v.field) for v in result.report}
    assert ("MP103", "lines.0.unitPrice.value") in codes
    assert ("MP207", "lines.1.quantity") in codes
    assert ("MP212", "lines.1.vatRate") in codes


def test_ignored_rules_are_not_fixed() -> None:
    payload = example_order()
    payload["lines"][0]["vatAmount"]["value"] = "121.15"
    result = fix_order(payload, options=Options(ignore=("MP203",)))
    assert result.changes == ()
    assert result.payload["lines"][0]["vatAmount"]["value"] == "121.15"


def test_change_renders_field_and_pointer() -> None:
    change = Change(("lines", 0, "a/b~c"), "1", "2", "MP203")
    assert change.field == "lines.0.a/b~c"
    assert change.pointer == "/lines/0/a~1b~0c"
    rendered = {
        "code": "MP203",
        "field": change.field,
        "pointer": change.pointer,
        "old": "1",
        "new": "2",
        "unsafe": False,
        "money": False,
    }
    assert change.to_dict() == rendered
    assert str(change) == 'lines.0.a/b~c: "1" → "2" (MP203)'
    rebuilt = Change(("amount",), None, {"currency": "EUR", "value": "1.00"}, "MP301")
    assert str(rebuilt) == 'amount: null → {"currency": "EUR", "value": "1.00"} (MP301)'
    assert str(Change(("amount", "value"), 16.1, "16.10", "MP102")) == 'amount.value: 16.1 → "16.10" (MP102)'
    turned = Change(("lines", 1, "unitPrice", "value"), "10.00", "-10.00", "MP210", unsafe=True, money=True)
    assert str(turned) == 'lines.1.unitPrice.value: "10.00" → "-10.00" (MP210, unsafe)'
    assert str(Change(("amount",), {"value": [1]}, "x", "MP101")) == 'amount: <object with 1 key> → "x" (MP101)'


@pytest.mark.parametrize("payload", [None, [], "x", 3, {"lines": "x"}, {1: {2: [3]}}, {"lines": [None, 1]}])
def test_any_input_gives_a_result(payload: object) -> None:
    result = fix_order(payload)
    assert result.payload == payload
    assert result.changes == ()
    assert list(result.report) == list(validate_order(payload))


def test_deep_and_cyclic_input_is_copied_without_recursion() -> None:
    deep: list[Any] = []
    node = deep
    for _ in range(100_000):
        node.append([])
        node = node[0]
    cyclic: dict[str, Any] = {"lines": []}
    cyclic["metadata"] = cyclic
    for payload in ({"metadata": deep}, cyclic):
        result = fix_order(payload)
        assert result.payload is not payload
    assert result.payload["metadata"] is result.payload


def test_tuples_come_back_as_lists() -> None:
    payload = example_order()
    payload["lines"] = tuple(payload["lines"])
    payload["lines"][0]["vatAmount"]["value"] = "1.00"
    result = fix_order(payload, options=CORE)
    assert isinstance(result.payload, dict)
    assert isinstance(result.payload["lines"], list)
    assert result.payload["lines"][0]["vatAmount"]["value"] == "121.14"


DERIVED_FIELDS = ("totalAmount", "vatAmount")


def _corruptions(value: str, decimals: int) -> st.SearchStrategy[Any]:
    """Ways to get a derived amount's value wrong (or merely misspelled)."""
    minor = parse_value(value, decimals)
    assert isinstance(minor, int)
    wrong = st.integers(-(10**6), 10**6).filter(lambda d: d != 0).map(lambda d: format_minor(minor + d, decimals))
    number = st.just(int(minor) if decimals == 0 else float(value))
    return st.one_of(
        wrong,
        number,
        st.just(value + "0"),
        st.just(" " + value),
        st.just("abc"),
        st.just(None),
        st.just("-" + value if minor == 0 else value.lstrip("-")),
    )


@st.composite
def corrupted_orders(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A valid order built from a cart, and a copy with any of its derived figures corrupted."""
    cart = draw(carts(max_items=8))
    lines = [
        build_line(currency=cart.currency, prices_include_vat=cart.prices_include_vat, **item) for item in cart.items
    ]
    valid = build_order(lines, currency=cart.currency, orderNumber="1", locale="en_US")
    broken = copy.deepcopy(valid)
    amounts: list[dict[str, Any]] = [broken["amount"]]
    amounts += [line[field] for line in broken["lines"] for field in DERIVED_FIELDS]
    for amount in amounts:
        if draw(st.booleans()):
            amount["value"] = draw(_corruptions(amount["value"], cart.decimals))
        if draw(st.integers(0, 9)) == 0:
            amount["currency"] = draw(st.sampled_from((amount["currency"].lower(), "XXX", 1)))
    for line in broken["lines"]:
        if draw(st.integers(0, 9)) == 0:
            del line[draw(st.sampled_from(DERIVED_FIELDS))]
        if draw(st.integers(0, 4)) == 0 and cart.decimals:
            line["unitPrice"]["value"] = float(line["unitPrice"]["value"])  # same number, wrong JSON type
    if draw(st.integers(0, 9)) == 0:
        del broken["amount"]
    return valid, broken


def _is_derived(path: tuple[str | int, ...]) -> bool:
    return path[:1] == ("amount",) or (path[:1] == ("lines",) and len(path) >= 3 and path[2] in DERIVED_FIELDS)


@given(corrupted_orders())
def test_fix_restores_any_corrupted_derived_figures(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    valid, broken = case
    before = copy.deepcopy(broken)
    result = fix_order(broken, options=CORE, unsafe=True)
    assert broken == before
    # A cart of nothing builds an order Mollie refuses (MP309), which no fix can change.
    free = ["MP309"] if Decimal(valid["amount"]["value"]) == 0 else []
    assert [v.code for v in result.report.errors] == free, list(result.report)
    assert result.payload == valid
    for change in result.changes:
        if not _is_derived(change.path):
            # Outside derived figures only the spelling of an amount changes, never its number.
            assert change.path[-1] == "value"
            assert isinstance(change.new, str)
            assert Decimal(change.new) == Decimal(str(change.old))


@given(corrupted_orders())
def test_safe_fixes_move_no_total_beyond_the_tolerance(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """A line total or the order amount that the safe fixes rewrite moves by at most the tolerance (two minor
    units) from a value that could be read: a larger gap is the merchant's call (an unsafe fix). Only a
    missing or unreadable figure is rebuilt whole."""
    valid, broken = case
    decimals = currency_decimals(valid["amount"]["currency"])
    assert decimals is not None
    for change in fix_order(broken, options=CORE).changes:
        moves_money = change.path[-1] == "value" and (
            change.path[:1] == ("amount",) or (len(change.path) == 4 and change.path[2] == "totalAmount")
        )
        if not moves_money or not isinstance(change.old, str | int | float) or isinstance(change.old, bool):
            continue
        try:
            old = Decimal(str(change.old).strip())
        except ArithmeticError:
            continue  # unreadable: rebuilt whole
        assert abs(Decimal(str(change.new)) - old) * 10**decimals <= 2, change


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@st.composite
def mangled_orders(draw: st.DrawFn) -> dict[str, Any]:
    """The example order with arbitrary values put at arbitrary places (derived or not)."""
    payload = example_order()
    for _ in range(draw(st.integers(1, 6))):
        node: Any = payload
        keys = ("amount", "lines", 0, 1, "unitPrice", "totalAmount", "vatAmount", "discountAmount", "value")
        path = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=4))
        for key in path[:-1]:
            child = node.get(key) if isinstance(node, dict) else None
            if child is None and isinstance(node, list) and isinstance(key, int) and key < len(node):
                child = node[key]
            if not isinstance(child, dict | list):
                break
            node = child
        else:
            if isinstance(node, dict):
                node[path[-1]] = draw(JSON)
    return payload


@given(mangled_orders())
def test_fix_never_raises_and_changes_only_allow_listed_paths(payload: dict[str, Any]) -> None:
    before = copy.deepcopy(payload)
    result = fix_order(payload)
    assert payload == before
    for change in result.changes:
        assert change.code in {
            "MP102",
            "MP103",
            "MP104",
            "MP105",
            "MP106",
            "MP107",
            "MP201",
            "MP202",
            "MP203",
            "MP301",
            "MP304",
            "MP101",
        }
        if not _is_derived(change.path):
            assert change.path[-1] in ("value", "currency")
            assert change.path[2] in ("unitPrice", "discountAmount")


@given(JSON)
def test_fix_accepts_any_json(payload: Any) -> None:
    before = copy.deepcopy(payload)
    result = fix_order(payload)
    assert repr(payload) == repr(before)  # repr: NaN never equals itself
    assert list(result.report) == list(validate_order(result.payload))


def test_tie_tolerance_is_respected() -> None:
    line = build_line(name="Tie", quantity=1, unit_price="38.97", vat_rate="20", currency="EUR")
    payload = build_order([line], currency="EUR", orderNumber="1", locale="en_US")
    payload["lines"][0]["vatAmount"]["value"] = "6.49"  # the other neighbour of the exact tie 6.495
    assert _changes(fix_order(payload, options=CORE)) == {"lines.0.vatAmount.value": ("6.49", "6.50", "MP203")}
    lenient = Options(select=("MP0", "MP1", "MP2", "MP3"), vat_ties="either")
    assert fix_order(payload, options=lenient).changes == ()


def test_a_negative_sum_of_lines_does_not_make_the_amount_negative() -> None:
    payload = example_order()
    payload["lines"].append(
        {
            "type": "gift_card",
            "name": "Gift card",
            "quantity": 1,
            "unitPrice": {"currency": "EUR", "value": "-2000.00"},
            "totalAmount": {"currency": "EUR", "value": "-2000.00"},
            "vatRate": "0.00",
            "vatAmount": {"currency": "EUR", "value": "0.00"},
        }
    )
    for amount in ({"currency": "EUR", "value": "1027.99"}, {"currency": "EUR", "value": "x"}):
        payload["amount"] = amount
        result = fix_order(payload, options=CORE)
        assert result.changes == ()
        assert result.report.errors
