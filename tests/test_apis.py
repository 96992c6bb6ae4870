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
        # No required field of either: the optional keys only one API documents, counted.
        ({"amount": {"currency": "EUR", "value": "10.00"}, "captureMode": "manual"}, "payments"),
        ({"sequenceType": "recurring", "customerId": "cst_8wmqcHMN4U", "mandateId": "mdt_h3gAaD5zP"}, "payments"),
        ({"redirectUrl": "https://example.org/r", "cancelUrl": "https://example.org/c", "routing": []}, "payments"),
        ({"method": "ideal", "issuer": "ideal_INGBNL2A"}, "payments"),
        ({"lines": [{"quantity": 1, "categories": ["meal"]}]}, "payments"),
        ({"lines": [{"quantityUnit": "kg"}, {"recurring": {}}]}, "payments"),
        ({"payment": {"issuer": "ideal_INGBNL2A"}}, "orders"),
        ({"expiresAt": "2026-12-01", "captureMode": "manual", "sequenceType": "first"}, "payments"),
        ({"expiresAt": "2026-12-01", "shopperCountryMustMatchBillingCountry": True, "captureMode": "x"}, "orders"),
        ({"lines": [{"category": "meal"}, {"category": "eco"}]}, "orders"),
        # Keys both APIs take are no sign (cancelUrl, consumerDateOfBirth, billingAddress, ...).
        ({"cancelUrl": "https://example.org/c", "consumerDateOfBirth": "1990-01-31"}, "orders"),
        # A tie: the documented default, an order.
        ({"payment": {}, "captureMode": "manual"}, "orders"),
        ({"lines": [{"category": "meal"}, {"categories": ["meal"]}]}, "orders"),
        # A required field of one API outweighs any number of the other's optional ones.
        ({"orderNumber": "1", "captureMode": "manual", "sequenceType": "first", "routing": []}, "orders"),
        ({"description": "Order 1", "payment": {}, "expiresAt": "2026-12-01"}, "payments"),
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


def test_a_payment_that_lost_its_description_is_still_checked_as_a_payment() -> None:
    """The case this detection exists for: a payment without lines whose description was dropped."""
    payment = dict(_body("payments/create-payment/reference-example.json"))
    del payment["description"]
    manual = {**payment, "method": "creditcard", "captureMode": "manual"}
    assert mp.detect_api(manual) == "payments"
    assert [(v.code, v.field) for v in mp.validate_payment(manual)] == [("MP910", "description")]
