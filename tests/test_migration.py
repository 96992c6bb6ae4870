"""migrate_order: Orders create bodies rewritten for the Payments API, money untouched, every move said."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight import FieldMove, migrate_order

from .payloads import docs_example_order
from .strategies import valid_orders

TODAY = datetime.date(2026, 11, 22)
_MONEY = ("unitPrice", "discountAmount", "totalAmount", "vatRate", "vatAmount", "quantity", "type", "sku")


def test_mollies_create_order_example_becomes_a_payment_body() -> None:
    order = docs_example_order()
    migration = migrate_order(order)
    body = migration.body
    assert body["description"] == "1337"
    assert "orderNumber" not in body
    assert body["method"] == "klarna"
    assert body["captureMode"] == "manual"
    assert body["amount"] == order["amount"]
    assert "consumerDateOfBirth" not in body
    assert [line["description"] for line in body["lines"]] == [line["name"] for line in order["lines"]]
    assert [line["categories"] for line in body["lines"]] == [["gift"], ["gift"]]
    assert "metadata" not in body["lines"][0]
    assert body["metadata"] == order["metadata"]
    dropped = {move.source: move.reason for move in migration.dropped}
    assert set(dropped) == {"consumerDateOfBirth", "lines.0.metadata"}
    assert "in3" in dropped["consumerDateOfBirth"]


def test_every_change_is_listed_in_the_order_of_the_fields() -> None:
    migration = migrate_order(docs_example_order())
    assert [move.source for move in migration.changes] == [
        "consumerDateOfBirth",
        "orderNumber",
        "method",
        "lines.0.category",
        "lines.0.name",
        "lines.0.metadata",
        "lines.1.category",
        "lines.1.name",
        "captureMode",
    ]
    assert all(isinstance(move, FieldMove) and move.reason for move in migration.changes)


def test_the_order_is_never_modified() -> None:
    order = docs_example_order()
    before = copy.deepcopy(order)
    body = migrate_order(order).body
    body["lines"][0]["unitPrice"]["value"] = "0.00"
    body["billingAddress"]["city"] = "Utrecht"
    assert order == before


def test_a_null_category_is_no_category_not_a_list_holding_null() -> None:
    # Mollie's Sylius plugin sends "category": null on every Orders line outside meal vouchers.
    line = {"name": "Cap", "category": None, "quantity": 1}
    migration = migrate_order({"lines": [line, {"name": "Pen", "category": "gift", "quantity": 1}]})
    assert migration.body["lines"] == [
        {"description": "Cap", "quantity": 1},
        {"description": "Pen", "categories": ["gift"], "quantity": 1},
    ]
    assert [(move.source, move.target) for move in migration.changes if "category" in move.source] == [
        ("lines.0.category", None),
        ("lines.1.category", "lines.1.categories"),
    ]
    assert [(v.code, v.field) for v in migration.check(today=TODAY).errors if v.code == "MP921"] == []


@pytest.mark.parametrize(
    ("payment", "expected_top", "dropped"),
    [
        ({"issuer": "ideal_INGBNL2A"}, {"issuer": "ideal_INGBNL2A"}, []),
        ({"customerId": "cst_1", "sequenceType": "first"}, {"customerId": "cst_1", "sequenceType": "first"}, []),
        ({"consumerAccount": "NL55INGB0000000000"}, {}, ["payment.consumerAccount"]),
        ({"webhookUrl": "https://shop.example/p"}, {"webhookUrl": "https://shop.example/hook"}, ["payment.webhookUrl"]),
        ("ideal", {}, ["payment"]),
    ],
)
def test_the_payment_object_moves_to_the_top_level(
    payment: object, expected_top: dict[str, Any], dropped: list[str]
) -> None:
    order = {"orderNumber": "1", "payment": payment, "webhookUrl": "https://shop.example/hook"}
    migration = migrate_order(order)
    for key, value in expected_top.items():
        assert migration.body[key] == value
    assert "payment" not in migration.body
    assert [move.source for move in migration.dropped] == dropped


def test_a_payment_webhook_is_kept_when_the_order_has_none() -> None:
    migration = migrate_order({"payment": {"webhookUrl": "https://shop.example/p"}})
    assert migration.body == {"webhookUrl": "https://shop.example/p"}
    assert [(move.source, move.target) for move in migration.moved] == [("payment.webhookUrl", "webhookUrl")]


@pytest.mark.parametrize(
    ("method", "expected", "capture"),
    [
        ("klarnapaynow", "klarna", "manual"),
        ("billie", "billie", "manual"),
        ("ideal", "ideal", None),
        (["klarnapaylater", "klarnasliceit"], ["klarna"], "manual"),
        (["klarnapaylater", "ideal", "sofort"], ["klarna", "ideal"], None),
    ],
)
def test_methods_are_renamed_and_authorize_first_methods_capture_manually(
    method: object, expected: object, capture: str | None
) -> None:
    body = migrate_order({"method": method}).body
    assert body["method"] == expected
    assert body.get("captureMode") == capture


def test_a_retired_method_cannot_move_and_the_customer_chooses() -> None:
    migration = migrate_order({"method": "giropay"})
    assert "method" not in migration.body
    assert [move.source for move in migration.dropped] == ["method"]


def test_in3_keeps_the_date_of_birth_it_takes_as_a_method_parameter() -> None:
    migration = migrate_order({"method": "in3", "consumerDateOfBirth": "1990-01-01"})
    assert migration.body["consumerDateOfBirth"] == "1990-01-01"


def test_the_country_restriction_becomes_the_billing_country() -> None:
    order = {"shopperCountryMustMatchBillingCountry": True, "billingAddress": {"country": "BE"}}
    assert migrate_order(order).body["restrictPaymentMethodsToCountry"] == "BE"
    assert "restrictPaymentMethodsToCountry" not in migrate_order({"shopperCountryMustMatchBillingCountry": False}).body


@given(st.one_of(st.none(), st.integers(), st.text(), st.lists(st.integers()), st.dictionaries(st.text(), st.text())))
def test_any_json_value_migrates_without_raising(value: object) -> None:
    migration = migrate_order(value)
    assert isinstance(migration.body, dict)


@given(valid_orders(max_lines=20))
def test_money_is_copied_exactly(order: dict[str, Any]) -> None:
    migration = migrate_order(order)
    body = migration.body
    assert body["amount"] == order["amount"]
    assert body["description"] == order["orderNumber"]
    assert len(body["lines"]) == len(order["lines"])
    for old, new in zip(order["lines"], body["lines"], strict=True):
        assert {key: old[key] for key in _MONEY if key in old} == {key: new[key] for key in _MONEY if key in new}
        assert new["description"] == old["name"]


def test_mollies_example_migrates_to_a_payment_mollie_would_accept() -> None:
    report = migrate_order(docs_example_order()).check(today=TODAY)
    assert [(v.code, v.field) for v in report.errors] == []


_SHOP = {
    "redirectUrl": "https://shop.example.org/return",
    "webhookUrl": "https://shop.example.org/hooks/mollie",
    "billingAddress": docs_example_order()["billingAddress"],
}


@given(
    valid_orders(max_lines=20), st.sampled_from([None, "ideal", "klarnapaylater", "creditcard", ["ideal", "paypal"]])
)
def test_every_valid_order_migrates_to_a_valid_payment(lines_and_amount: dict[str, Any], method: object) -> None:
    order = {**lines_and_amount, **_SHOP} | ({"method": method} if method is not None else {})
    assume(mp.validate_order(order, today=TODAY).ok)  # the generator's orders, made whole for every rule
    migration = migrate_order(order)
    report = migration.check(today=TODAY)
    assert [(v.code, v.field, v.message) for v in report.errors] == []
    assert migration.body["amount"] == order["amount"]
