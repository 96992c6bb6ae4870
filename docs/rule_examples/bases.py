"""The payloads the examples patch: one valid create-order body, and that order as Mollie returns it later."""

from __future__ import annotations

import datetime
from typing import Any, Final

#: The reference date of every example, so that date rules give the same verdict on every build.
TODAY: Final = datetime.date(2026, 11, 22)


def _money(value: str) -> dict[str, str]:
    return {"currency": "EUR", "value": value}


#: A valid create-order body: the figures of Mollie's own create-order example (2 bikes with a discount, a lock).
ORDER: Final[dict[str, Any]] = {
    "amount": _money("1027.99"),
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
            "unitPrice": _money("399.00"),
            "discountAmount": _money("100.00"),
            "totalAmount": _money("698.00"),
            "vatRate": "21.00",
            "vatAmount": _money("121.14"),
        },
        {
            "name": "Bike lock",
            "quantity": 1,
            "unitPrice": _money("329.99"),
            "totalAmount": _money("329.99"),
            "vatRate": "21.00",
            "vatAmount": _money("57.27"),
        },
    ],
}


def _snapshot_line(line_id: str, line: dict[str, Any]) -> dict[str, Any]:
    return {"resource": "orderline", "id": line_id, "status": "paid", "type": "physical", **line}


#: The same order as ``GET /v2/orders/{id}`` returns it once paid: what ``order=`` takes for the other endpoints.
SNAPSHOT: Final[dict[str, Any]] = {
    "resource": "order",
    "id": "ord_kEn1PlbGa",
    "mode": "test",
    "status": "paid",
    "amount": _money("1027.99"),
    "orderNumber": "2026-0042",
    "lines": [
        _snapshot_line("odl_bike", {k: v for k, v in ORDER["lines"][0].items() if k not in ("type", "sku")}),
        _snapshot_line("odl_lock", ORDER["lines"][1]),
    ],
}


#: A payment of the Payments API as ``GET /v2/payments/{id}`` returns it once the shopper authorized it (a card
#: payment with manual capture, nothing captured yet): the ``payment=`` of the capture, refund and update examples.
PAYMENT: Final[dict[str, Any]] = {
    "resource": "payment",
    "id": "tr_5B8cwPMGnU",
    "mode": "test",
    "status": "authorized",
    "createdAt": "2026-11-22T09:00:00+00:00",
    "amount": _money("1027.99"),
    "amountCaptured": _money("0.00"),
    "amountRefunded": _money("0.00"),
    "amountRemaining": _money("0.00"),
    "description": "Order 2026-0042",
    "method": "creditcard",
    "captureMode": "manual",
    "captureBefore": "2026-11-29T09:00:00+00:00",
    "sequenceType": "oneoff",
}
