"""The JSON Schema accepts the example orders and refuses structural mutations, and agrees with the rules."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight import types
from mollie_preflight._money import parse_value
from mollie_preflight._reference import payments
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS
from mollie_preflight._rules.common.lines import LINE_CATEGORIES, LINE_TYPES
from mollie_preflight._rules.payments.lines import CATEGORIES as PAYMENT_LINE_CATEGORIES
from mollie_preflight._schema import VAT_RATE_PATTERN, amount_value_pattern, create_order_schema, create_payment_schema
from mollie_preflight._vat import parse_rate

from .payloads import docs_example_order, example_order

VALIDATOR = jsonschema.Draft202012Validator(create_order_schema())


def errors(payload: object) -> list[str]:
    """The JSON paths of the schema errors and of their causes (inside ``anyOf``), e.g. ``$.lines[0].vatRate``."""
    pending = list(VALIDATOR.iter_errors(payload))
    paths: set[str] = set()
    while pending:
        error = pending.pop()
        paths.add(error.json_path)
        pending.extend(error.context or ())
    return sorted(paths)


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(create_order_schema())


def test_the_example_order_is_valid() -> None:
    assert errors(example_order()) == []


def test_mollies_example_is_valid() -> None:
    assert errors(docs_example_order()) == []


def test_optional_fields_may_be_null() -> None:
    payload = example_order()
    payload["webhookUrl"] = None
    payload["lines"][0]["sku"] = None
    assert errors(payload) == []


def _set(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def mutate(payload: dict[str, Any]) -> None:
        *parents, last = path
        target: Any = payload
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate


def _delete(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def mutate(payload: dict[str, Any]) -> None:
        *parents, last = path
        target: Any = payload
        for key in parents:
            target = target[key]
        del target[last]

    return mutate


def _rename(path: tuple[str | int, ...], old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def mutate(payload: dict[str, Any]) -> None:
        target: Any = payload
        for key in path:
            target = target[key]
        target[new] = target.pop(old)

    return mutate


MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "missing locale": (_delete(("locale",)), "$"),
    "lines not an array": (_set(("lines",), {}), "$.lines"),
    "no lines": (_set(("lines",), []), "$.lines"),
    "misspelt vatRate": (_rename(("lines", 0), "vatRate", "vatrate"), "$.lines[0]"),
    "unknown top-level field": (_set(("description",), "Order 42"), "$"),
    "line type not in the enum": (_set(("lines", 0, "type"), "service"), "$.lines[0].type"),
    "category renamed in 2020": (_set(("lines", 0, "category"), "gifts_and_flowers"), "$.lines[0].category"),
    "fractional quantity": (_set(("lines", 0, "quantity"), 1.5), "$.lines[0].quantity"),
    "zero quantity": (_set(("lines", 0, "quantity"), 0), "$.lines[0].quantity"),
    "value as a number": (_set(("amount", "value"), 1027.99), "$.amount.value"),
    "one decimal in EUR": (_set(("amount", "value"), "1027.9"), "$.amount.value"),
    "decimals in JPY": (_set(("amount",), {"currency": "JPY", "value": "1027.99"}), "$.amount.value"),
    "unsupported currency": (_set(("amount", "currency"), "XBT"), "$.amount.currency"),
    "negative order amount": (_set(("amount", "value"), "-1.00"), "$.amount.value"),
    "negative discount": (
        _set(("lines", 0, "discountAmount"), {"currency": "EUR", "value": "-1.00"}),
        "$.lines[0].discountAmount.value",
    ),
    "vatRate as a number": (_set(("lines", 0, "vatRate"), 21), "$.lines[0].vatRate"),
    "negative vatRate": (_set(("lines", 0, "vatRate"), "-21.00"), "$.lines[0].vatRate"),
    "sku too long": (_set(("lines", 0, "sku"), "S" * 65), "$.lines[0].sku"),
    "blank name": (_set(("lines", 1, "name"), "   "), "$.lines[1].name"),
    "one-letter given name": (_set(("billingAddress", "givenName"), "A"), "$.billingAddress.givenName"),
    "phone not E.164": (_set(("billingAddress", "phone"), "020 820 2070"), "$.billingAddress.phone"),
    "date with a time": (_set(("expiresAt",), "2026-12-01T00:00:00"), "$.expiresAt"),
    "empty method list": (_set(("method",), []), "$.method"),
    "sequenceType not in the enum": (_set(("payment",), {"sequenceType": "once"}), "$.payment.sequenceType"),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_structural_mutation_is_refused_where_it_happened(name: str) -> None:
    mutate, where = MUTATIONS[name]
    payload = example_order()
    mutate(payload)

    found = errors(payload)

    assert where in found, found


# --- the schema is generated from the same tables as the rules and the types -----------------------------


def _keys(typed: Any) -> tuple[set[str], set[str]]:
    return set(typed.__required_keys__), set(typed.__optional_keys__)


@pytest.mark.parametrize(
    ("typed", "pointer"),
    [
        (types.CreateOrder, ()),
        (types.OrderLine, ("$defs", "line")),
        (types.OrderAddress, ("$defs", "orderAddress")),
        (types.Amount, ("$defs", "amount")),
    ],
)
def test_schema_and_typed_dicts_name_the_same_fields(typed: Any, pointer: tuple[str, ...]) -> None:
    schema: Any = create_order_schema()
    for key in pointer:
        schema = schema[key]
    required, optional = _keys(typed)
    assert set(schema["required"]) == required
    assert set(schema["properties"]) == required | optional


def test_enums_come_from_the_rule_tables() -> None:
    line = create_order_schema()["$defs"]["line"]["properties"]
    assert line["type"]["anyOf"][0]["enum"] == list(LINE_TYPES)
    assert line["category"]["anyOf"][0]["enum"] == list(LINE_CATEGORIES)
    assert create_order_schema()["$defs"]["amount"]["properties"]["currency"]["enum"] == sorted(CURRENCY_DECIMALS)
    assert types.LineType.__args__ == LINE_TYPES  # type: ignore[attr-defined]
    assert types.LineCategory.__args__ == LINE_CATEGORIES  # type: ignore[attr-defined]


def test_a_new_currency_in_the_table_reaches_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    table = dict(CURRENCY_DECIMALS, KWD=3)
    monkeypatch.setattr("mollie_preflight._schema.CURRENCY_DECIMALS", table)
    validator = jsonschema.Draft202012Validator(create_order_schema())
    payload = example_order()
    payload["amount"] = {"currency": "KWD", "value": "1.000"}
    assert not [e for e in validator.iter_errors(payload) if e.json_path.startswith("$.amount")]
    payload["amount"]["value"] = "1.00"
    assert [e.json_path for e in validator.iter_errors(payload)] == ["$.amount.value"]


def test_the_schema_is_a_fresh_dict_each_time() -> None:
    schema = create_order_schema()
    schema["$defs"]["line"]["required"].clear()
    assert create_order_schema()["$defs"]["line"]["required"]


@given(
    text=st.text(alphabet="-0123456789.", max_size=20),
    currency=st.sampled_from(sorted(CURRENCY_DECIMALS)),
)
def test_amount_pattern_agrees_with_parse_value(text: str, currency: str) -> None:
    decimals = CURRENCY_DECIMALS[currency]
    parsed = parse_value(text, decimals)
    matches = re.search(amount_value_pattern(decimals, signed=True), text) is not None
    negative_zero = matches and text.startswith("-") and set(text) <= set("-0.")
    assert matches == (isinstance(parsed, int) or negative_zero)


@given(st.text(alphabet="-0123456789.", max_size=8))
def test_vat_rate_pattern_agrees_with_parse_rate(text: str) -> None:
    rate = parse_rate(text)
    assert (re.search(VAT_RATE_PATTERN, text) is not None) == (rate is not None and not text.startswith("-"))


def test_validation_never_modifies_the_payload() -> None:
    payload = example_order()
    before = copy.deepcopy(payload)
    errors(payload)
    assert payload == before


# --- create payment ---------------------------------------------------------------------------------------

PAYMENT_VALIDATOR = jsonschema.Draft202012Validator(create_payment_schema())
PAYMENT_EXAMPLES = sorted((Path(__file__).parent / "data" / "payments" / "create-payment").glob("*.json"))


def payment_errors(payload: object) -> list[str]:
    pending = list(PAYMENT_VALIDATOR.iter_errors(payload))
    paths: set[str] = set()
    while pending:
        error = pending.pop()
        paths.add(error.json_path)
        pending.extend(error.context or ())
    return sorted(paths)


def example_payment() -> dict[str, Any]:
    """A create-payment body using most parameters, valid for both the schema and ``validate_payment``."""
    line = mp.build_line(
        name="Bike", quantity=2, unit_price="349.00", vat_rate="21", currency="EUR", api="payments", sku="B-1"
    )
    return mp.build_payment(
        [{**line, "categories": ["gift"], "quantityUnit": "pcs"}],
        currency="EUR",
        description="Order 2026-0042",
        redirectUrl="https://shop.example.org/return",
        webhookUrl="https://shop.example.org/webhook",
        locale="nl_NL",
        method=["creditcard", "ideal"],
        billingAddress={
            "givenName": "Anna",
            "email": "anna@example.org",
            "streetAndNumber": "Keizersgracht 126",
            "postalCode": "1015 CW",
            "city": "Amsterdam",
            "country": "NL",
        },
        captureMode="automatic",
        captureDelay="8 hours",
        sequenceType="first",
        customerId="cst_8wmqcHMN4U",
        routing=[
            {
                "amount": {"currency": "EUR", "value": "10.00"},
                "destination": {"type": "organization", "organizationId": "org_1234567"},
                "releaseDate": "2026-12-24",
            }
        ],
        company={"entityType": "LLC"},
        metadata={"order": 42},
    )


def test_the_payment_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(create_payment_schema())


@pytest.mark.parametrize("path", PAYMENT_EXAMPLES, ids=lambda p: p.stem)
def test_mollies_payment_examples_are_valid(path: Path) -> None:
    assert payment_errors(json.loads(path.read_text(encoding="utf-8"))["body"]) == []


def test_the_example_payment_is_valid_for_the_schema_and_the_rules() -> None:
    payment = example_payment()
    assert payment_errors(payment) == []
    assert [str(v) for v in mp.validate_payment(payment)] == []


PAYMENT_MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "missing description": (_delete(("description",)), "$"),
    "orderNumber instead of description": (_rename((), "description", "orderNumber"), "$"),
    "a line's name instead of its description": (_rename(("lines", 0), "description", "name"), "$.lines[0]"),
    "category as on orders": (_set(("lines", 0, "categories"), "gift"), "$.lines[0].categories"),
    "unknown category": (_set(("lines", 0, "categories"), ["food"]), "$.lines[0].categories[0]"),
    "Orders API Klarna id": (_set(("method",), "klarnapaylater"), "$.method"),
    "captureMode not in the enum": (_set(("captureMode",), "later"), "$.captureMode"),
    "captureDelay in minutes": (_set(("captureDelay",), "30 minutes"), "$.captureDelay"),
    "route to a person": (_set(("routing", 0, "destination", "type"), "person"), "$.routing[0].destination.type"),
    "customerId without prefix": (_set(("customerId",), "8wmqcHMN4U"), "$.customerId"),
    "company as a string": (_set(("company",), "ACME"), "$.company"),
    "description too long": (_set(("description",), "x" * 256), "$.description"),
    "locale lower case": (_set(("locale",), "nl_nl"), "$.locale"),
    "vatAmount without vatRate": (_delete(("lines", 0, "vatRate")), "$.lines[0]"),
    "vatAmount with a null vatRate": (_set(("lines", 0, "vatRate"), None), "$.lines[0].vatRate"),
}


def test_a_payment_line_may_leave_out_both_vat_fields_or_send_the_rate_alone() -> None:
    """Only the amount alone is refused (MP924); neither, or the rate alone (MP920, a warning), are valid JSON."""
    for drop in (("vatAmount", "vatRate"), ("vatAmount",)):
        payment = example_payment()
        for key in drop:
            del payment["lines"][0][key]
        assert payment_errors(payment) == []
    payment = example_payment()
    payment["lines"][0]["vatAmount"] = None
    del payment["lines"][0]["vatRate"]
    assert payment_errors(payment) == []


@pytest.mark.parametrize("name", PAYMENT_MUTATIONS)
def test_a_structural_payment_mutation_is_refused_where_it_happened(name: str) -> None:
    mutate, where = PAYMENT_MUTATIONS[name]
    payload = example_payment()
    mutate(payload)
    assert where in payment_errors(payload)


@pytest.mark.parametrize(
    ("typed", "pointer"),
    [
        (types.CreatePayment, ()),
        (types.PaymentLine, ("$defs", "paymentLine")),
        (types.PaymentAddress, ("$defs", "paymentAddress")),
        (types.ApplicationFee, ("properties", "applicationFee", "anyOf", 0)),
        (types.Company, ("properties", "company", "anyOf", 0)),
    ],
)
def test_payment_schema_and_typed_dicts_name_the_same_fields(typed: Any, pointer: tuple[str | int, ...]) -> None:
    schema: Any = create_payment_schema()
    for key in pointer:
        schema = schema[key]
    required, optional = _keys(typed)
    assert set(schema.get("required", ())) == required
    assert set(schema["properties"]) == required | optional


def test_the_payment_schema_names_every_parameter_the_rules_know() -> None:
    assert set(create_payment_schema()["properties"]) == set(payments.KEYS)
    assert types.PaymentLineCategory.__args__ == PAYMENT_LINE_CATEGORIES  # type: ignore[attr-defined]
    assert types.CaptureMode.__args__ == payments.CAPTURE_MODES  # type: ignore[attr-defined]
