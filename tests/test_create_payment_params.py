"""validate_payment's rules for the parameters past the core: the application fee and routing, the
method-specific parameters, billingEmail, discounts on reduction lines, method and currency, and what an
array of methods needs (a warning per unmet requirement, where a single method gets the error)."""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import pytest

import mollie_preflight as mp

from .payloads import example_order

TODAY = datetime.date(2026, 11, 22)


def _eur(value: str, currency: str = "EUR") -> dict[str, str]:
    return {"currency": currency, "value": value}


def _pay(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "amount": _eur("100.00"),
        "description": "Order 1",
        "redirectUrl": "https://shop.example.org/return",
    }
    body.update(changes)
    return body


def _route(value: str, currency: str = "EUR", **destination: Any) -> dict[str, Any]:
    return {
        "amount": _eur(value, currency),
        "destination": {"type": "organization", "organizationId": "org_1234567", **destination},
    }


def _line(kind: str, unit: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "description": kind,
        "quantity": 1,
        "unitPrice": _eur(unit),
        "totalAmount": _eur(unit),
        **extra,
    }


KLARNA_BILLING = {
    "givenName": "Anna",
    "familyName": "Jansen",
    "streetAndNumber": "Keizersgracht 126",
    "postalCode": "1015 CW",
    "city": "Amsterdam",
    "country": "NL",
    "email": "anna@example.org",
}


def _billie(**changes: Any) -> dict[str, Any]:
    """A complete Billie payment: lines, the billing address with the organization's name, the company."""
    body = _pay(
        method="billie",
        lines=[_line("physical", "100.00")],
        billingAddress={**KLARNA_BILLING, "organizationName": "Fietsen B.V."},
        company={"registrationNumber": "12345678", "vatNumber": "NL123456789B01"},
    )
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def _found(body: dict[str, Any], code: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(v.code, v.field, v.expected, v.actual) for v in mp.validate_payment(body, today=TODAY) if v.code == code]


@pytest.mark.parametrize(
    ("body", "code", "field", "expected", "actual"),
    [
        # applicationFee: both members required, the description's limit, the minimum, Mollie's room
        (_pay(applicationFee={"amount": _eur("1.00")}), "MP954", "applicationFee.description", None, None),
        (_pay(applicationFee={"description": "Fee"}), "MP954", "applicationFee.amount", None, None),
        (
            _pay(applicationFee={"amount": _eur("0.00"), "description": "Fee"}),
            "MP954",
            "applicationFee.amount",
            None,
            "0.00",
        ),
        (_pay(applicationFee="1.00"), "MP954", "applicationFee", None, "1.00"),
        (
            _pay(applicationFee={"amount": _eur("1.00"), "description": "x" * 256}),
            "MP954",
            "applicationFee.description",
            None,
            "x" * 79 + "…",
        ),
        # 1.00 − (0.35 + 0.06) = 0.59: a 0.99 fee on 1.00 is the one Mollie's reference says is refused
        (
            _pay(amount=_eur("1.00"), applicationFee={"amount": _eur("0.99"), "description": "Fee"}),
            "MP955",
            "applicationFee.amount",
            None,
            "0.99",
        ),
        # 100.00 − (0.35 + 6.00) = 93.65
        (
            _pay(applicationFee={"amount": _eur("93.66"), "description": "Fee"}),
            "MP955",
            "applicationFee.amount",
            None,
            "93.66",
        ),
        # routing: its shape, EUR only, the destination, the sum, next to a fee
        (_pay(routing={"amount": _eur("5.00")}), "MP956", "routing", None, "<object with 1 key>"),
        (_pay(routing=[_route("5.00", "USD")]), "MP956", "routing.0.amount.currency", "EUR", "USD"),
        (
            _pay(routing=[_route("5.00", type="Organization")]),
            "MP956",
            "routing.0.destination.type",
            "organization",
            "Organization",
        ),
        (_pay(routing=[{"amount": _eur("5.00")}]), "MP956", "routing.0.destination", None, None),
        (
            _pay(routing=[{"destination": {"type": "organization", "organizationId": "org_1"}}]),
            "MP956",
            "routing.0.amount",
            None,
            None,
        ),
        (
            _pay(routing=[_route("5.00", organizationId="1234567")]),
            "MP530",
            "routing.0.destination.organizationId",
            None,
            "1234567",
        ),
        (
            _pay(routing=[{**_route("5.00"), "releaseDate": "2026-12-01T00:00:00"}]),
            "MP604",
            "routing.0.releaseDate",
            "2026-12-01",
            "2026-12-01T00:00:00",
        ),
        (_pay(routing=[_route("60.00"), _route("40.01")]), "MP957", "routing", None, "100.01"),
        (
            _pay(routing=[_route("5.00")], applicationFee={"amount": _eur("1.00"), "description": "Fee"}),
            "MP958",
            "routing",
            None,
            None,
        ),
        # wallet and card tokens, stored credentials, bank transfer's due date
        (
            _pay(applePayPaymentToken={"paymentData": {}}),
            "MP959",
            "applePayPaymentToken",
            None,
            "<object with 1 key>",
        ),
        (_pay(googlePayPaymentToken="not json"), "MP959", "googlePayPaymentToken", None, "not json"),
        (_pay(googlePayPaymentToken="[1]"), "MP959", "googlePayPaymentToken", None, "[1]"),
        (_pay(cardToken="tkn_1", sequenceType="recurring", customerId="cst_1"), "MP960", "cardToken", None, None),
        (_pay(cardToken="card_1"), "MP530", "cardToken", None, "card_1"),
        (_pay(storeCredentials="yes"), "MP961", "storeCredentials", None, "yes"),
        (_pay(storeCredentials=True, method="creditcard", cardToken="tkn_1"), "MP961", "storeCredentials", None, None),
        (_pay(dueDate="2026-11-22"), "MP962", "dueDate", "2026-11-23", "2026-11-22"),
        (_pay(dueDate="2027-03-04"), "MP962", "dueDate", "2027-03-03", "2027-03-04"),
        (_pay(dueDate="23-11-2026"), "MP604", "dueDate", None, "23-11-2026"),
        # the other method-specific parameters' types
        (_pay(voucherNumber=603000112233), "MP963", "voucherNumber", None, "603000112233"),
        (_pay(voucherPin=1234), "MP963", "voucherPin", None, "1234"),
        (_pay(sessionId=["a"]), "MP963", "sessionId", None, "<array of 1>"),
        (_pay(customerReference=1), "MP963", "customerReference", None, "1"),
        (_pay(issuer=1), "MP963", "issuer", None, "1"),
        (_pay(digitalGoods="true"), "MP963", "digitalGoods", None, "true"),
        (_pay(extraMerchantData='{"a": 1}'), "MP963", "extraMerchantData", None, '{"a": 1}'),
        (_pay(company="ACME"), "MP963", "company", None, "ACME"),
        (_pay(company={"vatNumber": 123}), "MP963", "company.vatNumber", None, "123"),
        (_pay(consumerDateOfBirth="2026-11-22"), "MP607", "consumerDateOfBirth", None, "2026-11-22"),
        (_pay(terminalId="12345"), "MP530", "terminalId", None, "12345"),
        # a parameter of another method than the one forced
        (_pay(method="ideal", dueDate="2026-12-01"), "MP964", "dueDate", None, "ideal"),
        (_pay(method="creditcard", issuer="ideal_INGBNL2A"), "MP964", "issuer", None, "creditcard"),
        (_pay(method="paypal", terminalId="term_1"), "MP964", "terminalId", None, "paypal"),
        # the issuer's shape per method: create order's payment.issuer rule, at the top level
        (_pay(method="ideal", issuer="INGBNL2A"), "MP525", "issuer", None, "INGBNL2A"),
        (_pay(method="ideal", issuer="ideal_ingbnl2a"), "MP525", "issuer", None, "ideal_ingbnl2a"),
        (_pay(method=["ideal"], issuer="ideal_ING"), "MP525", "issuer", None, "ideal_ING"),
        (_pay(method="kbc", issuer="KBC"), "MP525", "issuer", None, "KBC"),
        (_pay(method="giftcard", issuer="fashion-cheque"), "MP525", "issuer", None, "fashion-cheque"),
        # deprecated billingEmail, a discount on a reduction line
        (_pay(billingEmail="anna@example.org"), "MP965", "billingEmail", None, None),
        (
            _pay(
                amount=_eur("9.00"),
                lines=[
                    _line("physical", "10.00"),
                    {**_line("store_credit", "-0.50", discountAmount=_eur("0.50")), "totalAmount": _eur("-1.00")},
                ],
            ),
            "MP966",
            "lines.1.discountAmount",
            None,
            "0.50",
        ),
        # method and currency: an error when forced, a warning as one of an array
        (_pay(method="in3", amount=_eur("100.00", "GBP")), "MP967", "method", None, "in3"),
        (_pay(method="klarna", amount=_eur("100.00", "USD")), "MP967", "method", None, "klarna"),
        (_pay(method=["ideal", "paypal"], amount=_eur("100.00", "GBP")), "MP968", "method", None, "ideal"),
        # an array's methods: what each needs
        (_pay(method=["ideal", "in3"], billingAddress=KLARNA_BILLING), "MP968", "lines", None, "in3"),
        (_pay(method=["ideal", "alma"]), "MP968", "billingAddress", None, "alma"),
        (
            _pay(method=["ideal", "riverty"], lines=[_line("physical", "100.00")], billingAddress=KLARNA_BILLING),
            "MP968",
            "captureMode",
            None,
            "riverty",
        ),
        (_pay(method=["ideal", "voucher"], lines=[_line("physical", "100.00")]), "MP968", "lines", None, "voucher"),
        # Billie: the organization's name, an error for the one method and a warning in an array; its company
        (_billie(billingAddress=KLARNA_BILLING), "MP411", "billingAddress.organizationName", None, None),
        (
            _billie(method=["ideal", "billie"], billingAddress=KLARNA_BILLING, company=None),
            "MP968",
            "billingAddress.organizationName",
            None,
            "billie",
        ),
        (_billie(company=None), "MP969", "company", None, None),
        (_billie(company={"vatNumber": "NL123456789B01"}), "MP969", "company", None, None),
        (_billie(company={"registrationNumber": "12345678", "vatNumber": " "}), "MP969", "company", None, None),
        # https://docs.mollie.com/reference/create-payment (captureDelay): at most 7 days, in hours or in days
        (_pay(captureDelay="169 hours"), "MP936", "captureDelay", None, "169 hours"),
        (_pay(captureDelay="8 days"), "MP936", "captureDelay", None, "8 days"),
        # https://docs.mollie.com/reference/create-payment (metadata): "approximately 1kB", read as 1024 bytes
        (_pay(metadata={"k": "x" * 993}), "MP011", "metadata", None, "1001 bytes"),
        (_pay(metadata={"k": "x" * 1017}), "MP010", "metadata", None, "1025 bytes"),
        # ``actual`` shows a value of 80 characters whole, and cuts a longer one to 79 and an ellipsis
        (_pay(locale="x" * 80), "MP933", "locale", None, "x" * 80),
        (_pay(locale="x" * 81), "MP933", "locale", None, "x" * 79 + "…"),
    ],
)
def test_each_rule_reports_its_code_field_and_values(
    body: dict[str, Any], code: str, field: str, expected: str | None, actual: str | None
) -> None:
    before = copy.deepcopy(body)
    assert _found(body, code) == [(code, field, expected, actual)]
    assert body == before


@pytest.mark.parametrize(
    "body",
    [
        _pay(applicationFee={"amount": _eur("93.65"), "description": "Fee"}),
        _pay(applicationFee={"amount": _eur("50.00", "GBP"), "description": "Fee"}),
        _pay(applicationFee={"amount": _eur("1.00"), "description": "x" * 255}),
        _pay(description="x" * 255),
        _pay(routing=[_route("60.00"), {**_route("40.00"), "releaseDate": "2026-12-24"}]),
        _pay(routing=[]),
        _pay(method="applepay", applePayPaymentToken=json.dumps({"paymentData": {"version": "EC_v1"}})),
        _pay(method="creditcard", googlePayPaymentToken='{"signature": "x"}', cardToken="tkn_1"),
        _pay(method="creditcard", storeCredentials=True, cardToken="tkn_1", customerId="cst_1", sequenceType="first"),
        _pay(storeCredentials=False),
        _pay(captureDelay="168 hours"),
        _pay(captureDelay="7 days"),
        _pay(metadata={"k": "x" * 992}),
        _pay(method="banktransfer", dueDate="2026-11-23", billingAddress={"email": "anna@example.org"}),
        _pay(dueDate="2027-03-03"),
        _pay(dueDate=None),
        _pay(method="giftcard", issuer="fashioncheque", voucherNumber="6030", voucherPin="1234"),
        _billie(),
        _billie(company={"registrationNumber": "12345678", "vatNumber": "NL123456789B01", "entityType": "LLC"}),
        _pay(issuer=None),
        _pay(method="ideal", issuer="ideal_INGBNL2A"),
        _pay(method="ideal", issuer="ideal_ABNANL2AXXX"),
        _pay(method="kbc", issuer="cbc"),
        _pay(method="giftcard", issuer="vvvgiftcard"),
        _pay(method="voucher", issuer="edenred-eco", lines=[_line("physical", "100.00", categories=["eco"])]),
        _pay(method=["ideal", "kbc"], issuer="kbc"),
        _pay(issuer="ideal_INGBNL2A"),
        _pay(company={"registrationNumber": "1", "vatNumber": "NL1", "entityType": "LLC"}),
        _pay(method="paypal", sessionId="s", digitalGoods=True),
        _pay(method="paysafecard", customerReference="c-1"),
        _pay(method="pointofsale", terminalId="term_7MgL4wea46qkRcoTZjWEH"),
        _pay(consumerDateOfBirth="1990-01-31"),
        _pay(extraMerchantData={"customer_account_info": []}),
        _pay(method="paypal", amount=_eur("100.00", "GBP")),
        _pay(method="blik", amount=_eur("100.00", "PLN")),
        _pay(method=["paypal", "creditcard"], amount=_eur("100.00", "USD")),
        _pay(
            amount=_eur("9.00"),
            lines=[_line("physical", "10.00"), _line("discount", "-1.00", discountAmount=_eur("0.00"))],
        ),
    ],
)
def test_a_valid_use_of_these_parameters_has_no_finding(body: dict[str, Any]) -> None:
    assert [str(v) for v in mp.validate_payment(body, today=TODAY)] == []


def test_a_forced_method_gets_errors_an_array_warnings_and_no_method_nothing() -> None:
    """The same unmet requirement (in3 needs lines and a billing address) by how ``method`` is sent."""
    forced = mp.validate_payment(_pay(method="in3"), today=TODAY)
    offered = mp.validate_payment(_pay(method=["ideal", "in3"]), today=TODAY)
    free = mp.validate_payment(_pay(), today=TODAY)
    assert [(v.code, v.field, v.severity) for v in forced] == [
        ("MP950", "lines", mp.Severity.ERROR),
        ("MP951", "billingAddress", mp.Severity.ERROR),
    ]
    assert [(v.code, v.field, v.severity) for v in offered] == [
        ("MP968", "lines", mp.Severity.WARNING),
        ("MP968", "billingAddress", mp.Severity.WARNING),
    ]
    assert list(free) == []


def test_a_deeply_nested_wallet_token_is_a_finding_not_a_crash() -> None:
    body = _pay(applePayPaymentToken="[" * 100_000 + "]" * 100_000)
    assert [v.code for v in mp.validate_payment(body, today=TODAY)] == ["MP959"]


@pytest.mark.parametrize(
    ("method", "issuer"),
    [("ideal", "ING"), ("ideal", "ideal_INGBNL2A"), ("kbc", "kbc"), ("kbc", "belfius"), ("giftcard", "yourgift"),
     ("giftcard", "amazon"), ("voucher", "anything")],
)  # fmt: skip
def test_the_issuer_is_judged_alike_on_create_order_and_create_payment(method: str, issuer: str) -> None:
    """One implementation: the Orders API's payment.issuer and the Payments API's issuer give the same verdict."""
    payment = [
        v.actual for v in mp.validate_payment(_pay(method=method, issuer=issuer), today=TODAY) if v.code == "MP525"
    ]
    order_body = {**example_order(), "method": method, "payment": {"issuer": issuer}}
    order = [v.actual for v in mp.validate_order(order_body, today=TODAY) if v.code == "MP525"]
    assert payment == order
    assert payment in ([], [issuer])


def test_billies_organization_name_is_one_error_for_the_one_method_and_one_warning_in_an_array() -> None:
    address = {"billingAddress": KLARNA_BILLING}
    forced = mp.validate_payment(_billie(**address), today=TODAY)
    assert [(v.code, v.severity) for v in forced] == [("MP411", mp.Severity.ERROR)]
    offered = mp.validate_payment(_billie(method=["billie", "ideal"], company=None, **address), today=TODAY)
    assert [(v.code, v.field, v.severity) for v in offered] == [
        ("MP968", "billingAddress.organizationName", mp.Severity.WARNING)
    ]
