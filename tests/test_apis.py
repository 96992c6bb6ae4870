"""``detect_api``: which API a create body is for, by its shape (the linter's ``--api auto``)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import mollie_preflight as mp

DATA = Path(__file__).parent / "data"


def _body(relative: str) -> dict[str, object]:
    data = json.loads((DATA / relative).read_text(encoding="utf-8"))
    body = data.get("body", data)
    assert isinstance(body, dict)
    return body


@pytest.mark.parametrize(
    ("body", "api"),
    [
        ({"orderNumber": "1337"}, "orders"),
        ({"lines": [{"name": "Bike"}]}, "orders"),
        ({"description": "Order 1337"}, "payments"),
        ({"lines": [{"description": "Bike"}]}, "payments"),
        ({"lines": ["x", {"description": "Bike"}]}, "payments"),
        # Both signs: a field only the Orders API has decides.
        ({"orderNumber": "1337", "description": "Order 1337"}, "orders"),
        ({"description": "Order 1337", "lines": [{"name": "Bike"}]}, "orders"),
        ({"lines": [{"description": "Bike"}, {"name": "Bike"}]}, "orders"),
        # No sign at all, or no object: an order, as every record was before --api existed.
        ({}, "orders"),
        ({"amount": {"currency": "EUR", "value": "10.00"}, "lines": [{}]}, "orders"),
        ({"lines": "nope"}, "orders"),
        ([], "orders"),
        (None, "orders"),
        ("description", "orders"),
    ],
)
def test_the_shape_decides_the_api(body: object, api: str) -> None:
    before = copy.deepcopy(body)
    assert mp.detect_api(body) == api
    assert body == before


def test_mollies_examples_are_recognised() -> None:
    assert mp.detect_api(_body("orders/create-order-docs-example.json")) == "orders"
    assert mp.detect_api(_body("payments/create-payment/reference-example.json")) == "payments"
    assert mp.detect_api(_body("payments/create-payment/reference-example-curl.json")) == "payments"


def test_a_migrated_order_is_a_payment() -> None:
    order = _body("orders/create-order-docs-example.json")
    assert mp.detect_api(mp.migrate_order(order).body) == "payments"
