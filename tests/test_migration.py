"""migrate_order: Orders create bodies rewritten for the Payments API, money untouched, every move said."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
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


def test_an_empty_category_is_no_category_as_on_the_plugins_payments_path() -> None:
    # Mollie's PrestaShop module (503b96c, CartLinesService::convertToLineArray) sends "category": "" on an Orders
    # line of no voucher category and "categories": [] on the same line on its Payments path.
    migration = migrate_order({"lines": [{"name": "Sweater", "category": "", "quantity": 1}]})
    assert migration.body["lines"] == [{"description": "Sweater", "quantity": 1}]
    [move] = [move for move in migration.changes if move.source == "lines.0.category"]
    assert move.target is None
    assert [v.code for v in migration.check(today=TODAY) if v.code == "MP921"] == []


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


_EXPIRY = "2026-12-20"


@pytest.mark.parametrize(
    ("method", "due"),
    [("banktransfer", _EXPIRY), (["ideal", "banktransfer"], _EXPIRY), (None, _EXPIRY), ("ideal", None)],
)
def test_a_bank_transfer_orders_expiry_becomes_the_payments_due_date(method: object, due: str | None) -> None:
    # Mollie's Shopware 6 plugin sent a bank transfer order's expiresAt from its due-days setting (4.25.1,
    # BankTransferPayment) and sends the payment's dueDate from the same setting (5.x, PayloadBuilder).
    order = {"orderNumber": "1", "expiresAt": _EXPIRY} | ({"method": method} if method is not None else {})
    migration = migrate_order(order)
    assert migration.body.get("dueDate") == due
    assert "expiresAt" not in migration.body
    [move] = [move for move in migration.changes if move.source == "expiresAt"]
    assert move.target == ("dueDate" if due else None)
    if due:
        assert [(v.code, v.field) for v in migration.check(today=TODAY).errors if v.field == "dueDate"] == []


@pytest.mark.parametrize(
    ("method", "kept"), [("ideal", False), ("billie", True), (["billie", "ideal"], True), (None, True)]
)
def test_a_method_parameter_moves_only_when_the_customer_may_pay_with_its_method(method: object, kept: bool) -> None:
    # Mollie's PrestaShop module sends payment.company on an order of any method when the customer has a VAT
    # number and SIRET (PaymentMethodService::getPaymentData); a payment takes company for Billie only.
    company = {"vatNumber": "FR40303265045", "registrationNumber": "30326504500022"}
    order = {"orderNumber": "1", "payment": {"company": company}} | ({"method": method} if method else {})
    migration = migrate_order(order)
    assert ("company" in migration.body) is kept
    [move] = [move for move in migration.changes if move.source == "payment.company"]
    assert move.target == ("company" if kept else None)
    if not kept:
        assert "billie only; with method ideal it is never used" in move.reason
        assert [v.code for v in migration.check(today=TODAY) if v.code == "MP964"] == []


def test_a_payment_key_an_order_ignored_is_dropped_and_the_reason_says_where_a_payment_takes_it() -> None:
    # Shopware 6 5.x's buildOrder puts storeCredentials in payment; magento2 2.51.0 sends payment.dueDate for
    # bank transfer. Neither is a payment parameter of an order (MP521): Mollie did not apply them.
    payment = {"storeCredentials": True, "dueDate": "2026-12-24"}
    migration = migrate_order({"orderNumber": "1", "method": "banktransfer", "payment": payment})
    assert "storeCredentials" not in migration.body
    assert "dueDate" not in migration.body
    reasons = {move.source: move.reason for move in migration.dropped}
    assert set(reasons) == {"payment.storeCredentials", "payment.dueDate"}
    assert all("did not apply it" in reason and "top level" in reason for reason in reasons.values())


@pytest.mark.parametrize(("method", "kept"), [("in3", True), (["in3", "ideal"], True), (None, True), ("ideal", False)])
def test_the_date_of_birth_is_kept_when_the_customer_may_pay_with_in3(method: object, kept: bool) -> None:
    order = {"consumerDateOfBirth": "1990-01-01"} | ({"method": method} if method else {})
    assert ("consumerDateOfBirth" in migrate_order(order).body) is kept


_WILD = Path(__file__).parent / "data" / "wild"
_TWINS = [
    (
        "create-order/woocommerce-orderlines-excl-tax-vat-added-twice.json",
        "create-payment/woocommerce-paymentrequeststrategy-twin-of-order-2014.json",
    ),
    (
        "create-order/prestashop-cartlinesservice-orders-twin-of-xkbknabjk.json",
        "create-payment/prestashop-cartlinesservicetest-l418.json",
    ),
]
#: What a plugin's two paths send alike (WooCommerce's Orders path adds metadata.order_number; PrestaShop's address
#: DTOs differ in the shipping address; the money of WooCommerce's Orders lines is its own, see the wild case).
_SAME_ON_BOTH_PATHS = ("amount", "method", "locale", "redirectUrl", "webhookUrl", "billingAddress")
_LINE_SHAPE = ("type", "description", "quantity", "sku", "productUrl", "vatRate")


@pytest.mark.parametrize(("order_file", "payment_file"), _TWINS)
def test_a_plugins_order_migrates_to_what_its_own_payments_path_sends(order_file: str, payment_file: str) -> None:
    order = json.loads((_WILD / order_file).read_text(encoding="utf-8"))["body"]
    plugin = json.loads((_WILD / payment_file).read_text(encoding="utf-8"))["body"]
    migrated = migrate_order(order).body
    same = {key: plugin.get(key) for key in _SAME_ON_BOTH_PATHS}
    assert {key: migrated.get(key) for key in _SAME_ON_BOTH_PATHS} == same
    shape = [{key: line.get(key) for key in _LINE_SHAPE} for line in migrated["lines"]]
    assert shape[: len(plugin["lines"])] == [{key: line.get(key) for key in _LINE_SHAPE} for line in plugin["lines"]]
    assert not any("metadata" in line for line in migrated["lines"] + plugin["lines"])
    assert all(line.get("categories") for line in migrated["lines"] if "categories" in line)
    assert migrate_order(order).check(today=TODAY).errors == ()
