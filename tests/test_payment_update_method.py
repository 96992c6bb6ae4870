"""Update payment that sets ``method``: the new method held to create payment's requirements (same codes), read
from the payment snapshot as the update leaves it; nothing where the snapshot does not say, or without one."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mollie_preflight as mp

TODAY = datetime.date(2026, 11, 22)
EUR_100: dict[str, str] = {"currency": "EUR", "value": "100.00"}
#: A payment created without a method, as get-payment returns it (lines and addresses only where it has them).
OPEN: dict[str, Any] = {
    "resource": "payment",
    "id": "tr_5B8cwPMGnU",
    "mode": "live",
    "status": "open",
    "amount": EUR_100,
    "method": None,
    "captureMode": "automatic",
}
LINE: dict[str, Any] = {"description": "Gift box", "quantity": 1, "unitPrice": EUR_100, "totalAmount": EUR_100}
MEAL_LINE: dict[str, Any] = {**LINE, "categories": ["meal"]}
BILLING: dict[str, Any] = {
    "organizationName": "Acme B.V.",
    "givenName": "Piet",
    "familyName": "Mondriaan",
    "streetAndNumber": "Keizersgracht 126",
    "postalCode": "1015 CW",
    "city": "Amsterdam",
    "country": "NL",
    "email": "piet@example.org",
}
#: The codes of create payment's method requirements that update payment reuses.
REQUIREMENT_CODES = frozenset({"MP411", "MP938", "MP939", "MP950", "MP951", "MP952", "MP953", "MP967", "MP968"})


def update(body: dict[str, Any], payment: dict[str, Any] | None = None) -> list[tuple[str, str, str | None]]:
    report = mp.validate_payment_update(body, payment=payment, today=TODAY)
    return [(v.code, v.field, v.actual) for v in report]


def test_a_method_that_needs_lines_on_a_payment_without_lines_is_mp950() -> None:
    payment = {**OPEN, "lines": None, "billingAddress": BILLING}
    assert update({"method": "klarna"}, payment) == [("MP950", "lines", None)]
    assert update({"method": "klarna"}, {**payment, "lines": []}) == [("MP950", "lines", None)]
    report = mp.validate_payment_update({"method": "klarna"}, payment=payment, today=TODAY)
    assert report[0].message == "The method klarna needs the payment's lines."
    assert update({"method": "klarna"}, {**payment, "lines": [LINE]}) == []


def test_a_method_that_needs_a_billing_address_is_mp951_unless_the_update_sends_one() -> None:
    payment = {**OPEN, "lines": [LINE], "billingAddress": None}
    assert update({"method": "in3"}, payment) == [("MP951", "billingAddress", None)]
    assert update({"method": "in3", "billingAddress": BILLING}, payment) == []


def test_missing_billing_fields_are_mp952_read_from_the_snapshot_or_the_update() -> None:
    partial = {key: BILLING[key] for key in ("givenName", "familyName", "email")}
    payment = {**OPEN, "lines": [LINE], "billingAddress": partial}
    report = mp.validate_payment_update(
        {"method": "riverty"}, payment={**payment, "captureMode": "manual"}, today=TODAY
    )
    assert [(v.code, v.field) for v in report] == [("MP952", "billingAddress")]
    assert report[0].message.endswith("streetAndNumber, postalCode, city, country.")
    # The update's address replaces the payment's: the same missing fields, from the body this time.
    assert update({"method": "klarna", "billingAddress": partial}, {**payment, "billingAddress": BILLING}) == [
        ("MP952", "billingAddress", None)
    ]
    assert update({"method": "klarna", "billingAddress": BILLING}, payment) == []


def test_voucher_on_lines_without_categories_is_mp953() -> None:
    assert update({"method": "voucher"}, {**OPEN, "lines": [LINE]}) == [("MP953", "lines", None)]
    assert update({"method": "voucher"}, {**OPEN, "lines": [LINE, MEAL_LINE]}) == []


def test_riverty_on_a_payment_captured_automatically_is_mp939() -> None:
    payment = {**OPEN, "lines": [LINE], "billingAddress": BILLING}
    assert update({"method": "riverty"}, payment) == [("MP939", "captureMode", "automatic")]
    assert update({"method": "riverty"}, {**payment, "captureMode": "manual"}) == []
    # An update cannot send captureMode: the message points to what can be done, not to create payment's fix.
    (finding,) = mp.validate_payment_update({"method": "riverty"}, payment=payment, today=TODAY)
    assert "fixed when it was created" in finding.message
    assert 'create a new payment with "captureMode": "manual"' in finding.message
    assert 'send "captureMode"' not in finding.message


def test_a_method_without_manual_capture_on_a_held_payment_is_mp938() -> None:
    report = mp.validate_payment_update({"method": "ideal"}, payment={**OPEN, "captureMode": "manual"}, today=TODAY)
    assert [(v.code, v.field, v.actual, v.severity) for v in report] == [
        ("MP938", "captureMode", "ideal", mp.Severity.WARNING)
    ]
    assert report[0].message.endswith("This payment was created to be held for a manual capture.")
    assert update({"method": "creditcard"}, {**OPEN, "captureMode": "manual"}) == []


def test_billie_needs_the_organization_name_of_the_payments_billing_address_mp411() -> None:
    nameless = {key: value for key, value in BILLING.items() if key != "organizationName"}
    payment = {**OPEN, "lines": [LINE], "billingAddress": nameless}
    assert update({"method": "billie"}, payment) == [("MP411", "billingAddress.organizationName", None)]
    assert update({"method": "billie", "billingAddress": BILLING}, payment) == []
    # Sent in the update, the address goes through the address checks, which report it once.
    assert update({"method": "billie", "billingAddress": nameless}, {**payment, "billingAddress": BILLING}) == [
        ("MP411", "billingAddress.organizationName", None)
    ]


def test_an_offered_method_whose_needs_the_payment_lacks_is_mp968() -> None:
    payment = {**OPEN, "lines": None, "billingAddress": BILLING}
    report = mp.validate_payment_update({"method": ["klarna", "ideal"]}, payment=payment, today=TODAY)
    assert [(v.code, v.field, v.actual, v.severity) for v in report] == [
        ("MP968", "lines", "klarna", mp.Severity.WARNING)
    ]
    assert update({"method": ["klarna", "ideal"]}, {**payment, "lines": [LINE]}) == []


def test_what_the_snapshot_does_not_carry_is_not_judged() -> None:
    """Get-payment's schema makes lines, the addresses and captureMode optional: an absent key is not "none"."""
    assert update({"method": "klarna"}, OPEN) == []
    assert update({"method": "riverty"}, {key: v for key, v in OPEN.items() if key != "captureMode"}) == []
    # Known parts are still judged when others are not.
    assert update({"method": "klarna"}, {**OPEN, "lines": []}) == [("MP950", "lines", None)]
    assert update({"method": "klarna"}, {**OPEN, "billingAddress": None}) == [("MP951", "billingAddress", None)]
    assert update({"method": ["klarna"]}, {**OPEN, "lines": None}) == [("MP968", "lines", "klarna")]


def test_without_a_snapshot_nothing_of_the_payment_is_known() -> None:
    assert update({"method": "klarna"}) == []
    assert update({"method": ["voucher", "riverty"]}) == []


def test_a_payment_that_cannot_switch_gets_only_the_reason_why() -> None:
    lineless = {**OPEN, "lines": None, "billingAddress": None}
    assert update({"method": "klarna"}, {**lineless, "method": "ideal"}) == [("MP993", "method", "ideal")]
    assert update({"method": "klarna"}, {**lineless, "status": "expired"}) == [("MP992", "method", "expired")]


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("lines", "one line", "an array"),
        ("billingAddress", ["Damrak 1"], "an object"),
        ("shippingAddress", 3, "an object"),
    ],
)
def test_a_snapshot_part_of_the_wrong_type_is_mp970(key: str, value: object, said: str) -> None:
    report = mp.validate_payment_update({"method": "klarna"}, payment={**OPEN, key: value}, today=TODAY)
    assert [(v.code, v.extra) for v in report] == [("MP970", {"paymentField": key})]
    assert f"'{key}' must be {said} or null" in report[0].message


# --- one implementation: the update's findings are create payment's on the payment as the update leaves it ---

_LINES = st.sampled_from([None, [], [LINE], [MEAL_LINE]])
_BILLINGS = st.sampled_from(
    [None, BILLING, {"email": "piet@example.org"}, {k: v for k, v in BILLING.items() if k != "organizationName"}]
)
_METHODS = st.sampled_from(["klarna", "billie", "in3", "riverty", "voucher", "alma", "ideal", "creditcard", "twint"])


@settings(max_examples=60, deadline=None)
@given(
    method=st.one_of(_METHODS, st.lists(_METHODS, min_size=2, max_size=3, unique=True)),
    lines=_LINES,
    snapshot_billing=_BILLINGS,
    sent_billing=st.one_of(st.none(), _BILLINGS.filter(lambda b: b is not None)),
    capture=st.sampled_from(["automatic", "manual"]),
    currency=st.sampled_from(["EUR", "CHF"]),
)
def test_the_update_reports_what_create_payment_reports_of_the_same_payment(
    method: str | list[str],
    lines: list[dict[str, Any]] | None,
    snapshot_billing: dict[str, Any] | None,
    sent_billing: dict[str, Any] | None,
    capture: str,
    currency: str,
) -> None:
    money = {"currency": currency, "value": "100.00"}
    priced = None if lines is None else [{**line, "unitPrice": money, "totalAmount": money} for line in lines]
    payment = {**OPEN, "amount": money, "lines": priced, "billingAddress": snapshot_billing, "captureMode": capture}
    body: dict[str, Any] = {"method": method}
    if sent_billing is not None:
        body["billingAddress"] = sent_billing
    before = (copy.deepcopy(payment), copy.deepcopy(body))
    updated = mp.validate_payment_update(body, payment=payment, today=TODAY)
    assert (payment, body) == before
    billing = sent_billing if sent_billing is not None else snapshot_billing
    created: dict[str, Any] = {"amount": money, "description": "Order 1", "method": method, "captureMode": capture}
    if priced is not None:
        created["lines"] = priced
    if billing is not None:
        created["billingAddress"] = billing
    expected = mp.validate_payment(created, today=TODAY)

    def requirements(report: mp.Report) -> list[tuple[str, str, str | None]]:
        return sorted((v.code, v.field, v.actual) for v in report if v.code in REQUIREMENT_CODES)

    assert requirements(updated) == requirements(expected)
