"""MP533 / MP534: method ids Mollie replaced (still accepted, a warning) or retired (refused, an error)."""

from __future__ import annotations

from typing import Any

import pytest

import mollie_preflight as mp
from mollie_preflight._reference.method_history import REPLACED_METHODS, RETIRED_METHODS
from mollie_preflight._reference.orders import METHODS

from .helpers import TODAY
from .payloads import docs_example_order, example_order


def method_findings(endpoint: str, body: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    report = mp.validate(body, endpoint, today=TODAY) if endpoint == "create-order" else mp.validate(body, endpoint)
    return [(v.code, v.severity.value, v.field, v.expected) for v in report if v.field.startswith("method")]


def with_method(method: object) -> dict[str, Any]:
    order = example_order()
    order["method"] = method
    return order


def test_the_histories_do_not_overlap_and_name_a_public_page() -> None:
    assert not set(REPLACED_METHODS) & set(RETIRED_METHODS)
    for change in (*REPLACED_METHODS.values(), *RETIRED_METHODS.values()):
        assert change.source.startswith("https://")
    assert {change.replacement for change in REPLACED_METHODS.values()} == {"klarna"}
    assert "klarna" in METHODS


@pytest.mark.parametrize("method", sorted(REPLACED_METHODS))
def test_a_replaced_klarna_id_is_a_warning_naming_klarna_and_the_month(method: str) -> None:
    report = mp.validate_order(with_method(method), today=TODAY)
    [violation] = [v for v in report if v.code == "MP533"]
    assert report.ok
    assert (violation.severity, violation.field, violation.expected, violation.actual) == (
        mp.Severity.WARNING,
        "method",
        "klarna",
        method,
    )
    assert "April 2025" in violation.message


@pytest.mark.parametrize(("method", "since"), [(name, change.since) for name, change in RETIRED_METHODS.items()])
def test_a_retired_id_is_an_error_with_its_date_and_not_also_unknown(method: str, since: str) -> None:
    found = method_findings("create-order", with_method(["creditcard", method]))
    assert found == [("MP534", "error", "method.1", None)]
    [violation] = [v for v in mp.validate_order(with_method(method), today=TODAY) if v.code == "MP534"]
    assert since in violation.message


def test_mollies_own_example_gets_no_error_and_the_replaced_method_explained() -> None:
    report = mp.validate_order(docs_example_order(), today=TODAY)
    assert report.errors == ()
    assert [(v.code, v.field) for v in report.warnings] == [("MP533", "method")]


def test_create_order_payment_judges_the_ids_the_same_way() -> None:
    assert method_findings("create-order-payment", {"method": "klarnapaynow"}) == [
        ("MP533", "warning", "method", "klarna")
    ]
    assert method_findings("create-order-payment", {"method": ["ideal", "sofort"]}) == [
        ("MP534", "error", "method.1", None)
    ]
    assert method_findings("create-order-payment", {"method": "ideal"}) == []


def test_the_current_klarna_id_and_other_methods_get_neither_rule() -> None:
    for method in ("klarna", "ideal", ["ideal", "creditcard"]):
        assert [
            v.code for v in mp.validate_order(with_method(method), today=TODAY) if v.code in ("MP533", "MP534")
        ] == []
