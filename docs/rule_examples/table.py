"""Per rule: where its failing example's finding points, the failing case and a passing one.

Create-order cases are patches of the example order (``order({...})``); the other endpoints' bodies are
small enough to write whole, with the example order's snapshot (``snapshot({...})``) as ``order=``.
"""

from __future__ import annotations

import json
from typing import Any, Final

from .bases import ORDER
from .cases import DELETE, RECORD, Case, Example, Patch, order, payment, snapshot


def money(value: str, currency: str = "EUR") -> dict[str, str]:
    return {"currency": currency, "value": value}


def line(kind: str, unit: str, rate: str, vat: str, *, name: str = "", total: str | None = None) -> dict[str, Any]:
    """A one-item line of ``kind`` (discount lines and the like are appended as ``lines.2``)."""
    return {
        "type": kind,
        "name": name or kind.replace("_", " ").capitalize(),
        "quantity": 1,
        "unitPrice": money(unit),
        "totalAmount": money(total or unit),
        "vatRate": rate,
        "vatAmount": money(vat),
    }


def create(field: str, fail: dict[str, Any], ok: dict[str, Any] | None = None) -> Example:
    """A create-order example: both cases patch the example order (``ok`` defaults to the order as it is)."""
    return Example(field, Case(order(fail)), Case(order(ok)))


def request(endpoint: str, field: str, fail: Any, ok: Any, **context: Any) -> Example:
    """An example for another endpoint; ``order``/``ok_order`` and ``line_id`` go to both cases unless split."""
    fail_order = context.get("order")
    ok_order = context.get("ok_order", fail_order)
    line_id = context.get("line_id")
    return Example(field, Case(fail, fail_order, line_id), Case(ok, ok_order, line_id), endpoint)


#: A valid payment refund body (the PHP tab of Mollie's create-refund example), and the example payment once
#: paid: all of it captured and refundable.
REFUND: Final = {"amount": money("5.95"), "description": "Refund for order 2026-0042"}
PAID: Final = {
    "status": "paid",
    "amountCaptured": money("1027.99"),
    "amountRemaining": money("1027.99"),
}
PAID_PAYMENT: Final = payment(PAID)


def reversal(organization: str) -> dict[str, Any]:
    """A routing reversal of EUR 5.95 from ``organization``."""
    return {"amount": money("5.95"), "source": {"type": "organization", "organizationId": organization}}


PRICE: Final = {
    "quantity": 1,
    "unitPrice": money("10.00"),
    "totalAmount": money("10.00"),
    "vatRate": "21.00",
    "vatAmount": money("1.74"),
}
US_SHIPPING: Final = {
    "givenName": "Anna",
    "familyName": "de Vries",
    "email": "anna@example.org",
    "streetAndNumber": "350 Fifth Avenue",
    "postalCode": "10118",
    "city": "New York",
    "country": "US",
}


#: The example order with 30 bikes instead of 2: EUR 12,199.99, above the documented card limit.
THIRTY_BIKES: Final = {
    "lines.0.quantity": 30,
    "lines.0.totalAmount": money("11870.00"),
    "lines.0.vatAmount": money("2060.08"),
    "amount": money("12199.99"),
}


def in_currency(currency: str) -> dict[str, str]:
    """The patch that moves every amount of the example order to ``currency``."""
    amounts = ["amount", *(f"lines.0.{key}" for key in ("unitPrice", "discountAmount", "totalAmount", "vatAmount"))]
    amounts += [f"lines.1.{key}" for key in ("unitPrice", "totalAmount", "vatAmount")]
    return {f"{path}.currency": currency for path in amounts}


GBP: Final = in_currency("GBP")
FEE: Final = {"amount": money("2.50"), "description": "Marketplace fee"}
CREATED: Final = {"status": "created", "lines.0.status": "created", "lines.1.status": "created"}
AUTHORIZED: Final = {"status": "authorized", "lines.0.status": "authorized", "lines.1.status": "authorized"}
WITH_COUPON: Final = {
    **CREATED,
    "lines.2": {
        "resource": "orderline",
        "id": "odl_coupon",
        "status": "created",
        **line("discount", "-400.00", "21.00", "-69.42"),
    },
    "amount.value": "627.99",
}
SHIPPED_BIKES: Final = {
    "status": "shipping",
    "lines.0.status": "completed",
    "lines.0.quantityShipped": 2,
    "lines.0.amountShipped": money("698.00"),
}

#: A create-payment body with two lines (the Payments API's spelling: description, categories).
PAYMENT: Final = {
    "amount": money("710.00"),
    "description": "Order 2026-0042",
    "redirectUrl": "https://shop.example.org/return/2026-0042",
    "webhookUrl": "https://shop.example.org/mollie/webhook",
    "locale": "nl_NL",
    "lines": [
        {
            "type": "physical",
            "description": "City bike",
            "quantity": 2,
            "unitPrice": money("349.00"),
            "totalAmount": money("698.00"),
            "vatRate": "21.00",
            "vatAmount": money("121.14"),
        },
        {
            "type": "shipping_fee",
            "description": "Shipping",
            "quantity": 1,
            "unitPrice": money("12.00"),
            "totalAmount": money("12.00"),
            "vatRate": "21.00",
            "vatAmount": money("2.08"),
        },
    ],
}
KLARNA_BILLING: Final = {
    "givenName": "Anna",
    "familyName": "de Vries",
    "email": "anna@example.org",
    "streetAndNumber": "Keizersgracht 126",
    "postalCode": "1015 CW",
    "city": "Amsterdam",
    "country": "NL",
}


def pay(field: str, fail: dict[str, Any], ok: dict[str, Any] | None = None) -> Example:
    """A create-payment example: both cases patch the example payment (``ok`` defaults to it as it is)."""
    return Example(field, Case(Patch(PAYMENT, fail)), Case(Patch(PAYMENT, ok or {})), "create-payment")


def route(value: str, kind: str = "organization") -> dict[str, Any]:
    """One route of a split payment to another organization."""
    return {"amount": money(value), "destination": {"type": kind, "organizationId": "org_1234567"}}


FEE: Final = {"amount": money("10.00"), "description": "Platform fee"}
DISCOUNTED_DISCOUNT: Final = {
    "amount": money("685.00"),
    "lines.1": {
        "type": "discount",
        "description": "Spring sale",
        "quantity": 1,
        "unitPrice": money("-12.00"),
        "discountAmount": money("1.00"),
        "totalAmount": money("-13.00"),
        "vatRate": "21.00",
        "vatAmount": money("-2.26"),
    },
}


EXAMPLES: Final[dict[str, Example]] = {
    # --- the body, metadata, URLs ---------------------------------------------------------------------
    "MP001": Example("", Case(["orders"]), Case(order())),
    "MP002": create(
        "lines.0.metadata",
        {"lines.0.metadata": {"tags": {"gift", "wrapped"}}},
        {"lines.0.metadata": {"tags": ["gift", "wrapped"]}},
    ),
    "MP010": create(
        "lines.0.metadata", {"lines.0.metadata": {"note": "x" * 1100}}, {"lines.0.metadata": {"note": "x" * 900}}
    ),
    "MP011": create(
        "lines.0.metadata", {"lines.0.metadata": {"note": "x" * 1000}}, {"lines.0.metadata": {"note": "x" * 900}}
    ),
    "MP012": create("redirectUrl", {"redirectUrl": "/return/2026-0042"}),
    "MP013": create(
        "lines.0.imageUrl",
        {"lines.0.imageUrl": ""},
        {"lines.0.imageUrl": "https://shop.example/img/bike.png"},
    ),
    # --- amounts ------------------------------------------------------------------------------------------
    "MP101": create("amount", {"amount": "1027.99"}),
    "MP102": create("lines.1.unitPrice.value", {"lines.1.unitPrice.value": 329.99}),
    "MP103": create("amount.value", {"amount.value": "1027.990"}),
    "MP104": create(
        "lines.2.unitPrice.value",
        {"lines.2": line("discount", "-0.00", "21.00", "0.00", total="0.00")},
        {"lines.2": line("discount", "0.00", "21.00", "0.00")},
    ),
    "MP105": create("amount.currency", {"amount.currency": "EURO"}),
    "MP106": create(
        "lines.0.discountAmount.value",
        {
            "lines.0.discountAmount.value": "-100.00",
            "lines.0.totalAmount.value": "898.00",
            "lines.0.vatAmount.value": "155.85",
            "amount.value": "1227.99",
        },
    ),
    "MP107": create("lines.1.unitPrice.currency", {"lines.1.unitPrice.currency": "USD"}),
    # --- lines ---------------------------------------------------------------------------------------------
    "MP200": create("lines.1", {"lines.1": "Bike lock"}),
    "MP201": create("lines.1.vatAmount", {"lines.1.vatAmount": DELETE}),
    "MP202": create("lines.1.totalAmount", {"lines.1.totalAmount.value": "329.90"}),
    "MP203": create("lines.0.vatAmount", {"lines.0.vatAmount.value": "121.15"}),
    "MP204": create("lines.0.type", {"lines.0.type": "product"}),
    "MP205": create("lines.1.category", {"lines.1.category": "food"}, {"lines.1.category": "gift"}),
    "MP206": create("lines.1.name", {"lines.1.name": "  "}),
    "MP207": create("lines.1.quantity", {"lines.1.quantity": 1.5}),
    "MP208": create(
        "lines.2.unitPrice",
        {"lines.2": line("physical", "-10.00", "21.00", "-1.74"), "amount.value": "1017.99"},
        {"lines.2": line("discount", "-10.00", "21.00", "-1.74"), "amount.value": "1017.99"},
    ),
    "MP209": create(
        "lines.2.unitPrice",
        {"lines.2": line("gift_card", "10.00", "0.00", "0.00"), "amount.value": "1037.99"},
        {"lines.2": line("gift_card", "-10.00", "0.00", "0.00"), "amount.value": "1017.99"},
    ),
    "MP210": create(
        "lines.2.unitPrice",
        # The coupon whose unit price lost its sign: its total and VAT are negative, so the price is the figure to fix.
        {"lines.2": line("discount", "10.00", "21.00", "-1.74", total="-10.00"), "amount.value": "1017.99"},
        {"lines.2": line("discount", "-10.00", "21.00", "-1.74"), "amount.value": "1017.99"},
    ),
    "MP211": create(
        "lines.2.discountAmount",
        {
            "lines.2": {
                **line("shipping_fee", "5.00", "21.00", "-0.87", total="-5.00"),
                "discountAmount": money("10.00"),
            },
            "amount.value": "1022.99",
        },
        {"lines.2": {**line("shipping_fee", "5.00", "21.00", "0.00", total="0.00"), "discountAmount": money("5.00")}},
    ),
    "MP212": create("lines.0.vatRate", {"lines.0.vatRate": "21%"}),
    "MP213": create("lines.0.sku", {"lines.0.sku": 42}),
    "MP214": create("lines.0.vatRate", {"lines.0.vatRate": 21}, {"lines.0.vatRate": "21.00"}),
    "MP215": create("lines.1.quantity", {"lines.1.quantity": "1"}, {"lines.1.quantity": 1}),
    # --- the order ------------------------------------------------------------------------------------------
    "MP301": create("locale", {"locale": DELETE}),
    "MP302": create("orderNumber", {"orderNumber": 2026}),
    "MP303": create("lines", {"lines": []}),
    "MP304": create("amount", {"amount.value": "1028.00"}),
    "MP305": create(
        "lines",
        {
            "lines.1.vatRate": "0.00",
            "lines.1.vatAmount.value": "0.00",
            "lines.2": line("discount", "-1000.00", "21.00", "-173.55"),
            "amount.value": "27.99",
        },
        {
            "lines.1.vatRate": "0.00",
            "lines.1.vatAmount.value": "0.00",
            "lines.2": line("discount", "-500.00", "21.00", "-86.78"),
            "amount.value": "527.99",
        },
    ),
    "MP306": create(
        "lines.2.vatRate",
        {
            "lines.2": line("discount", "-50.00", "9.00", "-4.13"),
            "lines.3": line("physical", "30.00", "9.00", "2.48", name="Cheese"),
            "amount.value": "1007.99",
        },
        {
            "lines.2": line("discount", "-20.00", "9.00", "-1.65"),
            "lines.3": line("physical", "30.00", "9.00", "2.48", name="Cheese"),
            "amount.value": "1037.99",
        },
    ),
    "MP307": create(
        "lines.2.vatRate",
        {"lines.2": line("discount", "-10.00", "0.00", "0.00"), "amount.value": "1017.99"},
        {"lines.2": line("discount", "-10.00", "21.00", "-1.74"), "amount.value": "1017.99"},
    ),
    "MP308": create(
        "lines.2.vatRate",
        {"lines.2": line("gift_card", "-10.00", "21.00", "-1.74"), "amount.value": "1017.99"},
        {"lines.2": line("gift_card", "-10.00", "0.00", "0.00"), "amount.value": "1017.99"},
    ),
    "MP309": create(
        "payment.amount",
        {"lines.2": line("gift_card", "-1027.99", "0.00", "0.00"), "amount.value": "0.00"},
        {"lines.2": line("gift_card", "-27.99", "0.00", "0.00"), "amount.value": "1000.00"},
    ),
    # --- addresses and contact data -------------------------------------------------------------------------
    "MP401": create("billingAddress", {"billingAddress": "Damrak 1, 1012 LG Amsterdam"}),
    "MP402": create("billingAddress", {"billingAddress.streetAndNumber": DELETE, "billingAddress.city": DELETE}),
    "MP403": create("billingAddress.givenName", {"billingAddress.givenName": "A"}),
    "MP404": create("billingAddress.title", {"billingAddress.title": "  "}, {"billingAddress.title": "Mrs."}),
    "MP408": create("billingAddress.streetAdditional", {"billingAddress.streetAdditional": ""}),
    "MP405": create("billingAddress.country", {"billingAddress.country": "Netherlands"}),
    "MP406": create("billingAddress.country", {"billingAddress.country": "nl"}),
    "MP407": create("billingAddress.postalCode", {"billingAddress.postalCode": "0123 LG"}),
    "MP409": create(
        "shippingAddress.region",
        {"method": ["paypal", "ideal"], "shippingAddress": US_SHIPPING},
        {"method": ["paypal", "ideal"], "shippingAddress": {**US_SHIPPING, "region": "NY"}},
    ),
    "MP410": create(
        "billingAddress.streetAndNumber",
        {
            "method": ["paypal", "ideal"],
            "billingAddress.streetAndNumber": "Damrak 1, " + "achter de Beurs van Berlage, " * 5,
        },
        {"method": ["paypal", "ideal"]},
    ),
    "MP412": create(
        "shippingAddress.region",
        {"method": "paypal", "shippingAddress": US_SHIPPING},
        {"method": "paypal", "shippingAddress": {**US_SHIPPING, "region": "NY"}},
    ),
    "MP413": create(
        "billingAddress.streetAndNumber",
        {"method": "paypal", "billingAddress.streetAndNumber": "Damrak 1, " + "achter de Beurs van Berlage, " * 5},
        {"method": "paypal"},
    ),
    "MP411": create(
        "billingAddress.organizationName",
        {"method": "billie"},
        {"method": "billie", "billingAddress.organizationName": "Fietsen B.V."},
    ),
    "MP420": create("billingAddress.phone", {"billingAddress.phone": "020 820 2070"}),
    "MP422": create("billingAddress.phone", {"billingAddress.phone": "+3130920207"}),
    "MP421": create("billingAddress.email", {"billingAddress.email": "anna@"}),
    # --- methods and the payment object ---------------------------------------------------------------------
    "MP501": create("method", {"method": "ideall"}, {"method": "ideal"}),
    "MP502": create("method", {**GBP, "method": "ideal"}, {**GBP, "method": "paypal"}),
    "MP503": create("method", {**GBP, "method": ["ideal", "paypal"]}, {**GBP, "method": ["creditcard", "paypal"]}),
    "MP504": create(
        "lines", {"method": ["voucher", "ideal"]}, {"method": ["voucher", "ideal"], "lines.1.category": "gift"}
    ),
    "MP505": create("lines", {"method": "voucher"}, {"method": "voucher", "lines.1.category": "gift"}),
    "MP506": create(
        "billingAddress.phone",
        {"method": "klarna", "billingAddress.phone": DELETE},
        {"method": "klarna"},
    ),
    "MP507": create("method", {"method": "giftcard"}, {"method": ["giftcard", "ideal"]}),
    "MP508": create("method", {"method": "paypal", "lines.1.type": "digital"}, {"method": "paypal"}),
    "MP532": create(
        "method",
        {"method": "creditcard", **THIRTY_BIKES},
        {"method": "banktransfer", **THIRTY_BIKES},
    ),
    "MP533": create("method", {"method": "klarnapaylater"}, {"method": "klarna"}),
    "MP534": create("method.1", {"method": ["ideal", "giropay"]}, {"method": ["ideal", "paypal"]}),
    "MP520": create("payment", {"payment": "ideal_INGBNL2A"}, {"payment": {"issuer": "ideal_INGBNL2A"}}),
    "MP521": create(
        "payment.dueDate",
        {"payment": {"dueDate": "2026-12-01"}},
        {"payment": {"sequenceType": "oneoff"}},
    ),
    "MP522": create(
        "payment.sequenceType", {"payment": {"sequenceType": "Oneoff"}}, {"payment": {"sequenceType": "oneoff"}}
    ),
    "MP523": create(
        "payment.customerId",
        {"payment": {"sequenceType": "recurring"}},
        {"payment": {"sequenceType": "recurring", "customerId": "cst_8wmqcHMN4U"}},
    ),
    "MP524": create(
        "method",
        {"method": "banktransfer", "payment": {"sequenceType": "first"}},
        {"method": "ideal", "payment": {"sequenceType": "first"}},
    ),
    "MP525": create(
        "payment.issuer",
        {"method": "ideal", "payment": {"issuer": "ING"}},
        {"method": "ideal", "payment": {"issuer": "ideal_INGBNL2A"}},
    ),
    "MP526": create(
        "payment.company.entityType",
        {"payment": {"company": {"entityType": "limited company"}}},
        {"payment": {"company": {"entityType": "limited-company"}}},
    ),
    "MP531": create(
        "payment.extraMerchantData",
        {"payment": {"extraMerchantData": '{"customer_account_info": []}'}},
        {"payment": {"extraMerchantData": {"customer_account_info": []}}},
    ),
    "MP527": create(
        "payment.applePayPaymentToken",
        {"payment": {"applePayPaymentToken": {"paymentData": {}}}},
        {"payment": {"applePayPaymentToken": '{"paymentData": {}}'}},
    ),
    "MP528": create(
        "payment.applicationFee.description",
        {"payment": {"applicationFee": {"amount": money("1.00")}}},
        {"payment": {"applicationFee": {"amount": money("1.00"), "description": "Marketplace fee"}}},
    ),
    "MP529": create(
        "payment.applicationFee.amount",
        {"payment": {"applicationFee": FEE}},
        {"payment": {"applicationFee": {**FEE, "amount": money("1.50")}}},
    ),
    "MP530": create(
        "payment.customerId", {"payment": {"customerId": "8wmqcHMN4U"}}, {"payment": {"customerId": "cst_8wmqcHMN4U"}}
    ),
    # --- locale, URLs, dates, top level -------------------------------------------------------------------
    "MP601": create("redirectUrl", {"redirectUrl": DELETE}),
    "MP602": create("billingAddress", {"billingAddress": DELETE}, {"billingAddress": DELETE, "method": "paypal"}),
    "MP603": create("locale", {"locale": "nl"}),
    "MP604": create("expiresAt", {"expiresAt": "2026-12-01T12:00:00+01:00"}, {"expiresAt": "2026-12-01"}),
    "MP605": create("expiresAt", {"expiresAt": "2027-03-03"}, {"expiresAt": "2027-03-02"}),
    "MP606": create(
        "expiresAt",
        {"method": "klarnapaylater", "expiresAt": "2026-12-21"},
        {"method": "ideal", "expiresAt": "2026-12-21"},
    ),
    "MP607": create(
        "consumerDateOfBirth", {"consumerDateOfBirth": "2026-11-23"}, {"consumerDateOfBirth": "1958-01-31"}
    ),
    "MP608": create("testmode", {"testmode": "true"}, {"testmode": True}),
    "MP718": create("redirectURL", {"redirectURL": "https://shop.example.org/return/2026-0042"}),
    "MP611": create("webhookUrl", {"webhookUrl": "http://localhost:8000/hooks/mollie"}),
    # --- the other endpoints' bodies --------------------------------------------------------------------------
    "MP701": request("update-order", "", {"testmode": True}, {"orderNumber": "2026-0042-B"}),
    "MP702": request("update-order-line", "", {}, {"name": "City bike, blue"}),
    "MP703": request(
        "update-order-line", "quantity", {"unitPrice": money("10.00"), "totalAmount": money("10.00")}, PRICE
    ),
    "MP704": request(
        "manage-order-lines",
        "operations.0.operation",
        {"operations": [{"operation": "delete", "data": {"id": "odl_lock"}}]},
        {"operations": [{"operation": "cancel", "data": {"id": "odl_lock"}}]},
    ),
    "MP706": request(
        "create-shipment",
        "lines.0.id",
        {"lines": [{"id": "2", "quantity": 1}]},
        {"lines": [{"id": "odl_lock", "quantity": 1}]},
    ),
    "MP707": request("cancel-order-lines", "lines", {"lines": {"id": "odl_lock"}}, {"lines": [{"id": "odl_lock"}]}),
    "MP708": request(
        "create-order-refund",
        "lines.0.quantity",
        {"lines": [{"id": "odl_lock", "quantity": 1.5}]},
        {"lines": [{"id": "odl_lock", "quantity": 1}]},
    ),
    "MP719": request(
        "create-order-refund",
        "lines.0.quantity",
        {"lines": [{"id": "odl_lock", "quantity": "1"}]},
        {"lines": [{"id": "odl_lock", "quantity": 1}]},
    ),
    "MP709": request(
        "create-shipment",
        "lines.1.id",
        {"lines": [{"id": "odl_lock", "quantity": 1}, {"id": "odl_lock", "quantity": 1}]},
        {"lines": [{"id": "odl_lock", "quantity": 1}]},
    ),
    "MP710": request("create-order-refund", "lines", {}, {"lines": []}),
    "MP609": request("cancel-order", "reason", {"reason": "Customer changed their mind"}, {}),
    "MP717": request(
        "update-order",
        "shippingAddress",
        {"orderNumber": "2026-0042-B", "shippingAddress": None},
        {"orderNumber": "2026-0042-B"},
    ),
    "MP711": request(
        "create-order-refund",
        "description",
        {"lines": [], "description": "Refund of order 2026-0042: " + "the bike arrived damaged, " * 5},
        {"lines": [], "description": "Refund of order 2026-0042"},
    ),
    "MP712": request(
        "update-shipment",
        "tracking.carrier",
        {"tracking": {"code": "3SKABA000000000"}},
        {"tracking": {"carrier": "PostNL", "code": "3SKABA000000000"}},
    ),
    "MP713": request(
        "create-shipment",
        "routing.0.destination.organizationId",
        {"routing": [{"amount": money("10.00"), "destination": {"type": "organization", "organizationId": "me"}}]},
        {
            "routing": [
                {"amount": money("10.00"), "destination": {"type": "organization", "organizationId": "org_1234"}}
            ]
        },
    ),
    "MP714": request("create-order-payment", "payment", {"payment": {"method": "ideal"}}, {"method": "ideal"}),
    "MP715": request(
        "create-order-payment", "method.1", {"method": ["ideal", "voucher"]}, {"method": ["ideal", "creditcard"]}
    ),
    "MP716": request(
        "create-order-refund", "testmode", {"lines": [], "testmode": "true"}, {"lines": [], "testmode": True}
    ),
    # --- state checks against the order (order=) ----------------------------------------------------------
    "MP800": request("create-shipment", "", {}, {}, order=snapshot({"lines.1.id": "odl_bike"}), ok_order=snapshot()),
    "MP801": request(
        "create-shipment",
        "lines.0.id",
        {"lines": [{"id": "odl_helmet"}]},
        {"lines": [{"id": "odl_lock"}]},
        order=snapshot(),
    ),
    "MP802": request(
        "create-shipment",
        "lines.0.quantity",
        {"lines": [{"id": "odl_lock", "quantity": 2}]},
        {"lines": [{"id": "odl_lock", "quantity": 1}]},
        order=snapshot(),
    ),
    "MP803": request(
        "create-shipment",
        "lines.0.amount",
        {"lines": [{"id": "odl_bike", "quantity": 1}]},
        {"lines": [{"id": "odl_bike", "quantity": 1, "amount": money("349.00")}]},
        order=snapshot(),
    ),
    "MP804": request(
        "create-shipment",
        "lines.0.amount",
        {"lines": [{"id": "odl_bike", "quantity": 1, "amount": money("400.00")}]},
        {"lines": [{"id": "odl_bike", "quantity": 1, "amount": money("399.00")}]},
        order=snapshot(),
    ),
    "MP805": request(
        "create-shipment",
        "lines.0.amount",
        {"lines": [{"id": "odl_bike", "quantity": 1, "amount": money("200.00")}]},
        {"lines": [{"id": "odl_bike", "quantity": 1, "amount": money("299.00")}]},
        order=snapshot(),
    ),
    "MP806": request("create-shipment", "", {}, {}, order=snapshot(CREATED), ok_order=snapshot()),
    "MP807": request(
        "cancel-order-lines",
        "lines.0",
        {"lines": [{"id": "odl_lock"}]},
        {"lines": [{"id": "odl_lock"}]},
        order=snapshot(
            {
                "lines.1.status": "completed",
                "lines.1.quantityShipped": 1,
                "lines.1.amountShipped": money("329.99"),
                "status": "shipping",
            }
        ),
        ok_order=snapshot(AUTHORIZED),
    ),
    "MP808": request(
        "create-order-refund",
        "lines.0",
        {"lines": [{"id": "odl_lock"}]},
        {"lines": [{"id": "odl_bike", "quantity": 2}]},
        order=snapshot({"lines.1.quantityRefunded": 1, "lines.1.amountRefunded": money("329.99")}),
    ),
    "MP809": request(
        "cancel-order",
        "",
        None,
        None,
        order=snapshot({**CREATED, "_embedded": {"payments": [{"resource": "payment", "status": "open"}]}}),
        ok_order=snapshot({**CREATED, "_embedded": {"payments": [{"resource": "payment", "status": "expired"}]}}),
    ),
    "MP810": request(
        "create-order-payment",
        "",
        {"method": "ideal"},
        {"method": "ideal"},
        order=snapshot({**CREATED, "_embedded": {"payments": [{"resource": "payment", "status": "failed"}] * 25}}),
        ok_order=snapshot({**CREATED, "_embedded": {"payments": [{"resource": "payment", "status": "failed"}] * 3}}),
    ),
    "MP811": request(
        "manage-order-lines",
        "operations",
        {
            "operations": [
                {"operation": "cancel", "data": {"id": "odl_bike"}},
                {"operation": "cancel", "data": {"id": "odl_lock"}},
            ]
        },
        {"operations": [{"operation": "cancel", "data": {"id": "odl_lock"}}]},
        order=snapshot(WITH_COUPON),
    ),
    "MP812": request(
        "update-order",
        "redirectUrl",
        {"redirectUrl": "https://shop.example.org/return/2026-0042?retry=1"},
        {"redirectUrl": "https://shop.example.org/return/2026-0042?retry=1"},
        order=snapshot(),
        ok_order=snapshot(CREATED),
    ),
    "MP813": request(
        "create-order-refund",
        "testmode",
        {"lines": [], "testmode": True},
        {"lines": []},
        order=snapshot({"mode": "live"}),
    ),
    "MP814": request(
        "create-shipment",
        "",
        {},
        {},
        order=snapshot({"lines.1.quantityShipped": 1, "lines.1.amountShipped": money("329.99")}),
        ok_order=snapshot(
            {
                "status": "shipping",
                "lines.1.status": "completed",
                "lines.1.quantityShipped": 1,
                "lines.1.amountShipped": money("329.99"),
            }
        ),
    ),
    "MP815": request("cancel-order", "", None, None, order=snapshot(SHIPPED_BIKES), ok_order=snapshot(AUTHORIZED)),
    # --- create payment ----------------------------------------------------------------------------------
    "MP910": pay("description", {"description": DELETE}),
    "MP911": pay("description", {"description": "  "}),
    "MP912": pay("description", {"description": "Order 2026-0042 " + "x" * 250}),
    "MP920": pay(
        "lines.1.vatAmount", {"lines.1.vatAmount": DELETE}, {"lines.1.vatAmount": DELETE, "lines.1.vatRate": DELETE}
    ),
    "MP924": pay(
        "lines.1.vatRate", {"lines.1.vatRate": DELETE}, {"lines.1.vatAmount": DELETE, "lines.1.vatRate": DELETE}
    ),
    "MP921": pay("lines.0.categories.0", {"lines.0.categories": ["bikes"]}, {"lines.0.categories": ["eco"]}),
    "MP922": pay("lines.0.quantityUnit", {"lines.0.quantityUnit": 2}, {"lines.0.quantityUnit": "pcs"}),
    "MP923": pay(
        "lines.0.recurring.interval",
        {"lines.0.recurring": {"interval": "monthly"}},
        {"lines.0.recurring": {"interval": "1 months"}},
    ),
    "MP930": pay("orderNumber", {"orderNumber": "2026-0042"}),
    "MP931": pay("expiresAt", {"expiresAt": "2026-12-31"}),
    "MP933": pay("locale", {"locale": "nl_nl"}, {"locale": "nl_NL"}),
    "MP934": pay("method", {"method": "klarnapaylater"}, {"method": "ideal"}),
    "MP935": pay("captureMode", {"captureMode": "later"}, {"captureMode": "automatic"}),
    "MP936": pay(
        "captureDelay",
        {"method": "creditcard", "captureDelay": "10 days"},
        {"method": "creditcard", "captureDelay": "2 days"},
    ),
    "MP937": pay(
        "captureDelay",
        {"method": "creditcard", "captureMode": "manual", "captureDelay": "8 hours"},
        {"method": "creditcard", "captureMode": "manual"},
    ),
    "MP938": pay(
        "captureMode", {"method": "ideal", "captureMode": "manual"}, {"method": "creditcard", "captureMode": "manual"}
    ),
    "MP939": pay(
        "captureMode",
        {"method": "riverty", "billingAddress": KLARNA_BILLING},
        {"method": "riverty", "billingAddress": KLARNA_BILLING, "captureMode": "manual"},
    ),
    "MP940": pay("sequenceType", {"sequenceType": "once"}, {"sequenceType": "oneoff"}),
    "MP941": pay(
        "customerId",
        {"sequenceType": "recurring", "redirectUrl": DELETE},
        {"sequenceType": "recurring", "redirectUrl": DELETE, "customerId": "cst_8wmqcHMN4U"},
    ),
    "MP942": pay(
        "restrictPaymentMethodsToCountry",
        {"restrictPaymentMethodsToCountry": "NLD"},
        {"restrictPaymentMethodsToCountry": "NL"},
    ),
    "MP950": pay(
        "lines",
        {"method": "klarna", "billingAddress": KLARNA_BILLING, "lines": DELETE},
        {"method": "klarna", "billingAddress": KLARNA_BILLING},
    ),
    "MP925": pay(
        "billingAddress",
        {"billingAddress": {"email": "anna@example.org", "city": "Amsterdam", "country": "NL"}},
        {"billingAddress": {"email": "anna@example.org"}},
    ),
    "MP951": pay("billingAddress", {"method": "in3"}, {"method": "in3", "billingAddress": KLARNA_BILLING}),
    "MP952": pay(
        "billingAddress.givenName",
        {"method": "klarna", "billingAddress": {"email": "anna@example.org"}},
        {"method": "klarna", "billingAddress": KLARNA_BILLING},
    ),
    "MP953": pay("lines", {"method": "voucher"}, {"method": "voucher", "lines.0.categories": ["eco"]}),
    # --- the Payments API: capture, refund and update of a payment (payment= snapshots) ---------------------
    "MP970": request("create-capture", "", {}, {}, order=payment({"status": "captured"}), ok_order=payment()),
    "MP971": request(
        "create-capture", "", {}, {}, order=payment({"amountCaptured": money("1100.00")}), ok_order=payment()
    ),
    "MP972": request(
        "create-capture",
        "amount.currency",
        {"amount": money("35.95", "USD")},
        {"amount": money("35.95")},
        order=payment(),
    ),
    "MP973": request("create-capture", "amount.value", {"amount": money("0.00")}, {"amount": money("35.95")}),
    "MP974": request(
        "create-capture",
        "description",
        {"description": "Capture for cart #12345: " + "one bike, one lock, " * 12},
        {"description": "Capture for cart #12345"},
    ),
    "MP975": request("create-capture", "", {}, {}, order=payment({"status": "open"}), ok_order=payment()),
    "MP976": request("create-capture", "", {}, {}, order=payment({"orderId": "ord_kEn1PlbGa"}), ok_order=payment()),
    "MP977": request(
        "create-capture", "amount.value", {"amount": money("1100.00")}, {"amount": money("1027.99")}, order=payment()
    ),
    "MP978": request(
        "create-capture",
        "",
        {},
        {},
        order=payment({"captureBefore": "2026-11-15T09:00:00+00:00"}),
        ok_order=payment(),
    ),
    "MP980": request("create-payment-refund", "amount", {"description": "Refund"}, REFUND, order=PAID_PAYMENT),
    "MP981": request("create-payment-refund", "description", {"amount": money("5.95")}, REFUND),
    "MP982": request(
        "create-payment-refund",
        "externalReference",
        {**REFUND, "externalReference": {"type": "acquirer-reference", "id": "10123"}},
        REFUND,
    ),
    "MP983": request("create-payment-refund", "lines", {**REFUND, "lines": []}, REFUND),
    "MP984": request(
        "create-payment-refund",
        "routingReversals.0.source.organizationId",
        {**REFUND, "routingReversals": [reversal("me")]},
        {**REFUND, "routingReversals": [reversal("org_1234567")]},
    ),
    "MP985": request(
        "create-payment-refund",
        "reverseRouting",
        {**REFUND, "reverseRouting": True, "routingReversals": [reversal("org_1234567")]},
        {**REFUND, "routingReversals": [reversal("org_1234567")]},
    ),
    "MP986": request(
        "create-payment-refund",
        "amount.value",
        {**REFUND, "amount": money("1100.00")},
        {**REFUND, "amount": money("1027.99")},
        order=PAID_PAYMENT,
    ),
    "MP987": request(
        "create-payment-refund",
        "",
        REFUND,
        REFUND,
        order=payment({**PAID, "method": "paysafecard"}),
        ok_order=PAID_PAYMENT,
    ),
    "MP988": request("create-payment-refund", "", REFUND, REFUND, order=payment(), ok_order=PAID_PAYMENT),
    "MP990": request("update-payment", "amount", {"amount": money("1100.00")}, {"description": "Order 2026-0042-B"}),
    "MP991": request("update-payment", "", {}, {"description": "Order 2026-0042-B"}),
    "MP992": request(
        "update-payment",
        "redirectUrl",
        {"redirectUrl": "https://shop.example.org/return/2026-0042"},
        {"redirectUrl": "https://shop.example.org/return/2026-0042"},
        order=PAID_PAYMENT,
        ok_order=payment({"status": "open"}),
    ),
    "MP993": request(
        "update-payment",
        "method",
        {"method": "ideal"},
        {"method": "ideal"},
        order=payment({"status": "open"}),
        ok_order=payment({"status": "open", "method": None}),
    ),
    "MP995": request(
        "update-payment",
        "redirectUrl",
        {"description": "Order 2026-0042", "redirectUrl": "https://shop.example.org/return/2026-0042"},
        {"description": "Order 2026-0042"},
        order=payment({**PAID, "redirectUrl": "https://shop.example.org/return/2026-0042"}),
    ),
    "MP994": request(
        "update-payment", "billingAddress", {"billingAddress": None}, {"description": "Order 2026-0042-B"}
    ),
    "MP954": pay(
        "applicationFee.description",
        {"applicationFee": {"amount": money("10.00")}},
        {"applicationFee": FEE},
    ),
    "MP955": pay(
        "applicationFee.amount",
        {"applicationFee": {**FEE, "amount": money("690.00")}},
        {"applicationFee": FEE},
    ),
    "MP956": pay(
        "routing.0.destination.type",
        {"routing": [route("50.00", "customer")]},
        {"routing": [route("50.00")]},
    ),
    "MP957": pay("routing", {"routing": [route("500.00"), route("250.00")]}, {"routing": [route("500.00")]}),
    "MP958": pay("routing", {"routing": [route("50.00")], "applicationFee": FEE}, {"routing": [route("50.00")]}),
    "MP959": pay(
        "applePayPaymentToken",
        {"method": "applepay", "applePayPaymentToken": {"paymentData": {"version": "EC_v1"}}},
        {"method": "applepay", "applePayPaymentToken": '{"paymentData": {"version": "EC_v1"}}'},
    ),
    "MP960": pay(
        "cardToken",
        {"sequenceType": "recurring", "customerId": "cst_8wmqcHMN4U", "cardToken": "tkn_UqAvArKPx3"},
        {"sequenceType": "first", "customerId": "cst_8wmqcHMN4U", "cardToken": "tkn_UqAvArKPx3"},
    ),
    "MP961": pay(
        "storeCredentials",
        {"method": "creditcard", "cardToken": "tkn_UqAvArKPx3", "storeCredentials": True},
        {
            "method": "creditcard",
            "cardToken": "tkn_UqAvArKPx3",
            "customerId": "cst_8wmqcHMN4U",
            "storeCredentials": True,
        },
    ),
    "MP962": pay(
        "dueDate",
        {"method": "banktransfer", "dueDate": "2027-03-04"},
        {"method": "banktransfer", "dueDate": "2027-03-03"},
    ),
    "MP963": pay(
        "digitalGoods", {"method": "paypal", "digitalGoods": "yes"}, {"method": "paypal", "digitalGoods": True}
    ),
    "MP964": pay(
        "voucherNumber",
        {"method": "ideal", "voucherNumber": "603000112233"},
        {"method": "giftcard", "voucherNumber": "603000112233"},
    ),
    "MP965": pay(
        "billingEmail",
        {"billingEmail": "anna@example.org"},
        {"billingAddress": {"email": "anna@example.org"}},
    ),
    "MP966": pay(
        "lines.1.discountAmount",
        DISCOUNTED_DISCOUNT,
        {
            **DISCOUNTED_DISCOUNT,
            "amount": money("686.00"),
            "lines.1.discountAmount": DELETE,
            "lines.1.totalAmount": money("-12.00"),
            "lines.1.vatAmount": money("-2.08"),
        },
    ),
    "MP967": pay(
        "method",
        {"method": "ideal", "amount": money("710.00", "USD"), "lines": DELETE},
        {"method": "paypal", "amount": money("710.00", "USD"), "lines": DELETE},
    ),
    "MP969": pay(
        "company",
        {"method": "billie", "billingAddress": {**KLARNA_BILLING, "organizationName": "Fietsen B.V."}},
        {
            "method": "billie",
            "billingAddress": {**KLARNA_BILLING, "organizationName": "Fietsen B.V."},
            "company": {"registrationNumber": "12345678", "vatNumber": "NL123456789B01"},
        },
    ),
    "MP968": pay(
        "lines",
        {"method": ["ideal", "voucher"]},
        {"method": ["ideal", "voucher"], "lines.0.categories": ["eco"]},
    ),
    # --- the linter ------------------------------------------------------------------------------------------
    "MP900": Example("", Case('{"orderNumber": "2026-0042", "lines": [}'), Case(json.dumps(ORDER)), RECORD),
}
