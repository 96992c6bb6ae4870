"""Payloads the tests start from. Each call returns a fresh deep structure that a test may change."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

_EXAMPLE: dict[str, Any] = {
    "amount": {"currency": "EUR", "value": "1027.99"},
    "orderNumber": "2026-0042",
    "locale": "nl_NL",
    "redirectUrl": "https://shop.example.org/return/2026-0042",
    "webhookUrl": "https://shop.example.org/hooks/mollie",
    "billingAddress": {
        "givenName": "Anna",
        "familyName": "de Vries",
        "email": "anna@example.org",
        "phone": "+31208202070",
        "streetAndNumber": "Damrak 1",
        "postalCode": "1012 LG",
        "city": "Amsterdam",
        "country": "NL",
    },
    "lines": [
        {
            "type": "physical",
            "sku": "BIKE-42",
            "name": "City bike",
            "quantity": 2,
            "unitPrice": {"currency": "EUR", "value": "399.00"},
            "discountAmount": {"currency": "EUR", "value": "100.00"},
            "totalAmount": {"currency": "EUR", "value": "698.00"},
            "vatRate": "21.00",
            "vatAmount": {"currency": "EUR", "value": "121.14"},
            "productUrl": "https://shop.example.org/products/bike-42",
            "metadata": {"warehouse": "AMS-1"},
        },
        {
            "name": "Bike lock",
            "quantity": 1,
            "unitPrice": {"currency": "EUR", "value": "329.99"},
            "totalAmount": {"currency": "EUR", "value": "329.99"},
            "vatRate": "21.00",
            "vatAmount": {"currency": "EUR", "value": "57.27"},
        },
    ],
}


def example_order() -> dict[str, Any]:
    """A valid create-order body (the figures of Mollie's own create-order example)."""
    return copy.deepcopy(_EXAMPLE)


DATA = Path(__file__).resolve().parent / "data"


def docs_example_order() -> dict[str, Any]:
    """Mollie's own create-order example request, verbatim (source and section in the data file)."""
    document = json.loads((DATA / "orders" / "create-order-docs-example.json").read_text(encoding="utf-8"))
    body: dict[str, Any] = document["body"]
    return body
