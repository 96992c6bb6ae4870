"""fix_order: derived figures and amount spelling are corrected, merchant decisions never are."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from mollie_preflight import Change, FixResult, Options, fix_order, validate_order
from payloads import example_order

CORE = Options(select=("MP0", "MP1", "MP2", "MP3"))


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
    result = fix_order(payload, options=CORE)
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
    result = fix_order(payload, options=CORE)
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
    rendered = {"code": "MP203", "field": change.field, "pointer": change.pointer, "old": "1", "new": "2"}
    assert change.to_dict() == rendered


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
