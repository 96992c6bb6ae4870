"""The TypedDicts help a user's type checker: a typed example passes mypy, a misspelt key does not."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from mypy import api

from mollie_preflight.types import CreateOrder, CreatePayment, OrderAddress, OrderLine, PaymentLine

from .payloads import example_order

TYPED_ORDER = """
    from mollie_preflight.types import CreateOrder, OrderLine

    line: OrderLine = {
        "name": "Bike lock",
        "quantity": 1,
        "unitPrice": {"currency": "EUR", "value": "329.99"},
        "totalAmount": {"currency": "EUR", "value": "329.99"},
        "VAT_RATE_KEY": "21.00",
        "vatAmount": {"currency": "EUR", "value": "57.27"},
    }
    order: CreateOrder = {
        "amount": {"currency": "EUR", "value": "329.99"},
        "orderNumber": "2026-0042",
        "locale": "nl_NL",
        "lines": [line],
        "redirectUrl": "https://shop.example.org/return",
    }
"""


def mypy_errors(source: str, directory: Path) -> list[str]:
    snippet = directory / "snippet.py"
    snippet.write_text(textwrap.dedent(source), encoding="utf-8")
    stdout, _, _ = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(directory / ".mypy_cache"), str(snippet)]
    )
    return [line for line in stdout.splitlines() if ": error:" in line]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("typed")


def test_a_typed_order_passes_mypy(workdir: Path) -> None:
    assert mypy_errors(TYPED_ORDER.replace("VAT_RATE_KEY", "vatRate"), workdir) == []


def test_a_misspelt_key_is_a_type_error(workdir: Path) -> None:
    found = mypy_errors(TYPED_ORDER.replace("VAT_RATE_KEY", "vatrate"), workdir)
    assert any('Extra key "vatrate"' in line for line in found), found
    assert any('Missing key "vatRate"' in line for line in found), found


def test_a_wrong_line_type_is_a_type_error(workdir: Path) -> None:
    source = TYPED_ORDER.replace("VAT_RATE_KEY", "vatRate").replace('"name": "Bike lock",', '"type": "service",')
    found = mypy_errors(source, workdir)
    assert any('"type"' in line and "service" in line for line in found), found


def test_the_example_order_uses_only_typed_keys() -> None:
    def keys(typed: Any) -> frozenset[str]:
        return typed.__required_keys__ | typed.__optional_keys__  # type: ignore[no-any-return]

    order = example_order()
    assert set(order) <= keys(CreateOrder)
    assert all(set(line) <= keys(OrderLine) for line in order["lines"])
    assert set(order["billingAddress"]) <= keys(OrderAddress)


TYPED_PAYMENT = """
    from mollie_preflight.types import CreatePayment, PaymentLine

    line: PaymentLine = {
        "description": "Bike lock",
        "quantity": 1,
        "unitPrice": {"currency": "EUR", "value": "329.99"},
        "totalAmount": {"currency": "EUR", "value": "329.99"},
        "categories": [CATEGORY],
    }
    payment: CreatePayment = {
        "amount": {"currency": "EUR", "value": "329.99"},
        "description": "Order 2026-0042",
        "redirectUrl": "https://shop.example.org/return",
        "lines": [line],
        "captureMode": "manual",
        "routing": [
            {
                "amount": {"currency": "EUR", "value": "10.00"},
                "destination": {"type": "organization", "organizationId": "org_1234567"},
            }
        ],
    }
"""


def test_a_typed_payment_passes_mypy(workdir: Path) -> None:
    assert mypy_errors(TYPED_PAYMENT.replace("CATEGORY", '"meal"'), workdir) == []


def test_an_orders_spelling_in_a_payment_is_a_type_error(workdir: Path) -> None:
    source = TYPED_PAYMENT.replace("CATEGORY", '"meal"').replace('"description": "Bike lock"', '"name": "Bike lock"')
    found = mypy_errors(source, workdir)
    assert any('Extra key "name"' in line for line in found), found
    assert any('Missing key "description"' in line for line in found), found


def test_an_unknown_payment_category_is_a_type_error(workdir: Path) -> None:
    found = mypy_errors(TYPED_PAYMENT.replace("CATEGORY", '"food"'), workdir)
    assert any("food" in line for line in found), found


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parent / "data" / "payments" / "create-payment").glob("*.json"))
)
def test_mollies_payment_examples_use_only_typed_keys(path: Path) -> None:
    def keys(typed: Any) -> frozenset[str]:
        return typed.__required_keys__ | typed.__optional_keys__  # type: ignore[no-any-return]

    body = json.loads(path.read_text(encoding="utf-8"))["body"]
    assert set(body) <= keys(CreatePayment)
    assert CreatePayment.__required_keys__ <= set(body)
    assert all(set(line) <= keys(PaymentLine) for line in body.get("lines", ()))
