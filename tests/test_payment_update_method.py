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


def test_alma_set_by_an_update_needs_the_names_of_the_payments_billing_address() -> None:
    nameless = {key: value for key, value in BILLING.items() if key not in ("givenName", "familyName")}
    assert update({"method": "alma"}, {**OPEN, "billingAddress": nameless}) == [
        ("MP952", "billingAddress.givenName", None)
    ]
    assert update({"method": "alma"}, {**OPEN, "billingAddress": BILLING}) == []


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
    # An offered method is not held to what is not known either: lines, the billing address, the capture mode.
    assert update({"method": ["klarna", "ideal"]}, OPEN) == []
    uncaptured = {key: v for key, v in OPEN.items() if key != "captureMode"}
    assert update({"method": ["riverty", "ideal"]}, {**uncaptured, "lines": [LINE], "billingAddress": BILLING}) == []
    assert update({"method": ["riverty", "ideal"]}, {**OPEN, "lines": [LINE], "billingAddress": BILLING}) == [
        ("MP968", "captureMode", "riverty")
    ]


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


# --- PayPal: the region and the lengths of the payment's addresses (MP412, MP413) ---

#: A New York shipping address without its state: PayPal needs a region for US addresses.
US_SHIPPING: dict[str, Any] = {
    "givenName": "Anna",
    "familyName": "de Vries",
    "streetAndNumber": "350 Fifth Avenue",
    "postalCode": "10118",
    "city": "New York",
    "country": "US",
}
PAYS_BY_PAYPAL = "This is the payment's shippingAddress: send the corrected shippingAddress in the same update."


def test_a_switch_to_paypal_needs_the_region_of_the_payments_us_shipping_address_mp412() -> None:
    report = mp.validate_payment_update({"method": "paypal"}, payment={**OPEN, "shippingAddress": US_SHIPPING})
    assert [(v.code, v.field, v.severity) for v in report] == [("MP412", "shippingAddress.region", mp.Severity.ERROR)]
    assert report[0].message == (
        f"PayPal requires a region (state or province) for shipping addresses in US. {PAYS_BY_PAYPAL}"
    )
    assert update({"method": "paypal"}, {**OPEN, "shippingAddress": {**US_SHIPPING, "region": "NY"}}) == []
    # Outside PayPal's region countries the region stays optional.
    assert update({"method": "paypal"}, {**OPEN, "shippingAddress": {**US_SHIPPING, "country": "NL"}}) == []


def test_a_switch_to_paypal_holds_the_payments_address_to_paypals_lengths_mp413() -> None:
    long_city = "Llanfairpwllgwyngyll" * 6
    shipping = {**US_SHIPPING, "region": "NY", "city": long_city}
    report = mp.validate_payment_update({"method": "paypal"}, payment={**OPEN, "shippingAddress": shipping})
    assert [(v.code, v.field, v.actual) for v in report] == [("MP413", "shippingAddress.city", f"{long_city[:79]}…")]
    assert report[0].message == f"PayPal accepts at most 100 characters in 'city'; this one has 120. {PAYS_BY_PAYPAL}"
    # The names count together: 60 + 70 characters are more than PayPal's 128.
    named = {**US_SHIPPING, "region": "NY", "givenName": "A" * 60, "familyName": "B" * 70}
    assert update({"method": "paypal"}, {**OPEN, "shippingAddress": named}) == [
        ("MP413", "shippingAddress.familyName", "130")
    ]
    # PayPal's lengths hold for the billing address as well, as on create payment.
    billing = {**BILLING, "streetAndNumber": "Keizersgracht 126, " * 7}
    (finding,) = mp.validate_payment_update({"method": "paypal"}, payment={**OPEN, "billingAddress": billing})
    assert (finding.code, finding.field) == ("MP413", "billingAddress.streetAndNumber")
    assert finding.message.endswith(
        "This is the payment's billingAddress: send the corrected billingAddress in the same update."
    )


def test_a_corrected_shipping_address_in_the_same_update_is_clean() -> None:
    payment = {**OPEN, "shippingAddress": US_SHIPPING}
    assert update({"method": "paypal", "shippingAddress": {**US_SHIPPING, "region": "NY"}}, payment) == []


def test_a_bad_shipping_address_in_the_update_is_reported_once_at_the_body() -> None:
    payment = {**OPEN, "shippingAddress": {**US_SHIPPING, "region": "NY"}}
    report = mp.validate_payment_update({"method": "paypal", "shippingAddress": US_SHIPPING}, payment=payment)
    assert [(v.code, v.field) for v in report] == [("MP412", "shippingAddress.region")]
    # The body's address is the body's: create payment's message, nothing about the payment's address.
    assert report[0].message == "PayPal requires a region (state or province) for shipping addresses in US."
    # Bad in the snapshot too: still once, about the address the update sends.
    both = mp.validate_payment_update(
        {"method": "paypal", "shippingAddress": US_SHIPPING}, payment={**OPEN, "shippingAddress": US_SHIPPING}
    )
    assert [(v.code, v.field, v.message) for v in both] == [(v.code, v.field, v.message) for v in report]


def test_an_address_the_snapshot_does_not_carry_or_that_is_null_is_not_judged() -> None:
    assert "shippingAddress" not in OPEN
    assert update({"method": "paypal"}, OPEN) == []
    assert update({"method": "paypal"}, {**OPEN, "shippingAddress": None}) == []


@pytest.mark.parametrize("method", ["ideal", "creditcard", "banktransfer", None])
def test_other_methods_are_not_held_to_paypals_limits(method: str | None) -> None:
    assert update({"method": method}, {**OPEN, "shippingAddress": US_SHIPPING}) == []


def test_a_payment_that_cannot_switch_to_paypal_gets_only_the_reason_why() -> None:
    payment = {**OPEN, "shippingAddress": US_SHIPPING}
    assert update({"method": "paypal"}, {**payment, "method": "ideal"}) == [("MP993", "method", "ideal")]
    assert update({"method": "paypal"}, {**payment, "status": "canceled"}) == [("MP992", "method", "canceled")]


_PAYPAL_CODES = frozenset({"MP409", "MP410", "MP412", "MP413"})


@st.composite
def _addresses(draw: st.DrawFn) -> dict[str, Any]:
    """Addresses around PayPal's limits: countries that need a region and others (some in lower case), regions
    absent, blank or long, fields just under and over their lengths."""
    address: dict[str, Any] = {"country": draw(st.sampled_from(["US", "us", "CA", "JP", "NL", "DE", "BR"]))}
    for field, limit in (("streetAndNumber", 128), ("postalCode", 20), ("city", 100), ("region", 100)):
        length = draw(st.sampled_from([None, 0, 1, limit, limit + 1]))
        if length is not None:
            address[field] = "x" * length if length else "  "
    for field in ("givenName", "familyName"):
        length = draw(st.sampled_from([None, 2, 64, 65]))
        if length is not None:
            address[field] = "n" * length
    return address


#: What a switch to PayPal can send: PayPal as the one method (errors), or among others (warnings), Billie too.
_PAYPAL_METHODS = st.sampled_from(["paypal", ["paypal"], ["ideal", "paypal"], ["paypal", "creditcard", "billie"]])


@settings(max_examples=80, deadline=None)
@given(
    method=_PAYPAL_METHODS,
    shipping=st.one_of(st.none(), _addresses()),
    billing=st.one_of(st.none(), _addresses()),
    stale=_addresses(),
    sent=st.sets(st.sampled_from(["shippingAddress", "billingAddress"])),
)
def test_a_switch_to_paypal_reports_what_create_payment_reports_of_the_same_addresses(
    method: str | list[str],
    shipping: dict[str, Any] | None,
    billing: dict[str, Any] | None,
    stale: dict[str, Any],
    sent: set[str],
) -> None:
    """The addresses the payment has after the update (the snapshot's, or those the update sends in place of a
    stale one) get the PayPal findings a create-payment body with the same method and addresses gets: errors for
    PayPal alone, warnings for PayPal in an array; a snapshot's address says it is the payment's."""
    addresses = {"shippingAddress": shipping, "billingAddress": billing}
    payment: dict[str, Any] = dict(OPEN)
    body: dict[str, Any] = {"method": method}
    for key, address in addresses.items():
        if key in sent and address is not None:
            body[key], payment[key] = address, stale
        else:
            payment[key] = address
    before = (copy.deepcopy(payment), copy.deepcopy(body))
    updated = mp.validate_payment_update(body, payment=payment, today=TODAY)
    assert (payment, body) == before
    created: dict[str, Any] = {"amount": EUR_100, "description": "Order 1", "method": method}
    created.update((key, address) for key, address in addresses.items() if address is not None)
    expected = [
        (v.code, v.field, v.actual, v.severity, v.message + _payments_note(v.field, body))
        for v in mp.validate_payment(created, today=TODAY)
        if v.code in _PAYPAL_CODES
    ]
    got = [(v.code, v.field, v.actual, v.severity, v.message) for v in updated if v.code in _PAYPAL_CODES]
    assert sorted(got) == sorted(expected)


def _payments_note(field: str, body: dict[str, Any]) -> str:
    """What the update's message adds to create payment's about an address it reads from the payment."""
    key = field.split(".")[0]
    return "" if key in body else f" This is the payment's {key}: send the corrected {key} in the same update."


# --- a method array that offers PayPal: create payment's warnings (MP409, MP410), on update too (issue 19) ---


def test_an_array_with_paypal_warns_of_the_region_of_the_address_the_update_sends_mp409() -> None:
    body = {"method": ["ideal", "paypal"], "shippingAddress": US_SHIPPING}
    for payment in (OPEN, None):
        report = mp.validate_payment_update(body, payment=payment, today=TODAY)
        assert [(v.code, v.field, v.actual, v.severity) for v in report] == [
            ("MP409", "shippingAddress.region", None, mp.Severity.WARNING)
        ]
        # The address is the body's: create payment's message, word for word.
        assert report[0].message == "PayPal requires a region (state or province) for shipping addresses in US."
    assert update({**body, "shippingAddress": {**US_SHIPPING, "region": "NY"}}, OPEN) == []


def test_an_array_with_paypal_warns_of_the_payments_addresses_mp409_mp410() -> None:
    billing = {**BILLING, "streetAndNumber": "Keizersgracht 126, " * 7}
    payment = {**OPEN, "shippingAddress": US_SHIPPING, "billingAddress": billing}
    report = mp.validate_payment_update({"method": ["paypal", "creditcard"]}, payment=payment, today=TODAY)
    assert [(v.code, v.field, v.actual, v.severity) for v in report] == [
        ("MP410", "billingAddress.streetAndNumber", f"{billing['streetAndNumber'][:79]}…", mp.Severity.WARNING),
        ("MP409", "shippingAddress.region", None, mp.Severity.WARNING),
    ]
    assert report[0].message == (
        "PayPal accepts at most 128 characters in 'streetAndNumber'; this one has 133. "
        "This is the payment's billingAddress: send the corrected billingAddress in the same update."
    )
    assert report[1].message == (
        f"PayPal requires a region (state or province) for shipping addresses in US. {PAYS_BY_PAYPAL}"
    )
    # The update's own shipping address replaces the payment's: only the billing address is the payment's.
    fixed = {"method": ["paypal", "creditcard"], "shippingAddress": {**US_SHIPPING, "region": "NY"}}
    assert update(fixed, payment) == [
        ("MP410", "billingAddress.streetAndNumber", f"{billing['streetAndNumber'][:79]}…")
    ]


def test_an_array_with_paypal_does_not_judge_what_the_snapshot_does_not_carry() -> None:
    assert update({"method": ["ideal", "paypal"]}, OPEN) == []
    assert update({"method": ["ideal", "paypal"]}, {**OPEN, "shippingAddress": None}) == []


@pytest.mark.parametrize("method", [["ideal", "creditcard"], ["banktransfer"]])
def test_an_array_without_paypal_is_not_held_to_paypals_limits(method: list[str]) -> None:
    assert update({"method": method}, {**OPEN, "shippingAddress": US_SHIPPING}) == []
    assert update({"method": method, "shippingAddress": US_SHIPPING}, OPEN) == []


# --- a refused switch: the payment keeps its method, and the update is judged by it (issue 19) ---

#: Payments Mollie refuses a new method for: one that has a method (MP993) and each finalized status (MP992).
REFUSING: list[tuple[dict[str, Any], str, str]] = [
    ({**OPEN, "method": "ideal"}, "MP993", "ideal"),
    *(({**OPEN, "status": status}, "MP992", status) for status in ("paid", "canceled", "expired", "failed")),
]


@pytest.mark.parametrize(("payment", "code", "actual"), REFUSING)
def test_a_refused_switch_to_paypal_does_not_hold_the_updates_address_to_paypal(
    payment: dict[str, Any], code: str, actual: str
) -> None:
    """Mollie does not set the method, so PayPal's limits are not the payment's: only the reason for the refusal."""
    long_city = {**US_SHIPPING, "city": "x" * 101}
    assert update({"method": "paypal", "shippingAddress": long_city}, payment) == [(code, "method", actual)]
    assert update({"method": ["ideal", "paypal"], "shippingAddress": long_city}, payment) == [(code, "method", actual)]


@pytest.mark.parametrize(("payment", "code", "actual"), REFUSING)
def test_a_refused_switch_to_billie_does_not_ask_the_updates_address_for_a_company_mp411(
    payment: dict[str, Any], code: str, actual: str
) -> None:
    nameless = {key: value for key, value in BILLING.items() if key != "organizationName"}
    assert update({"method": "billie", "billingAddress": nameless}, payment) == [(code, "method", actual)]


def test_a_refused_switch_away_from_paypal_leaves_the_update_held_to_paypal() -> None:
    """The payment stays a PayPal payment, so the address the update sends is judged as PayPal's (MP412)."""
    report = mp.validate_payment_update(
        {"method": "ideal", "shippingAddress": US_SHIPPING}, payment={**OPEN, "method": "paypal"}, today=TODAY
    )
    assert [(v.code, v.field, v.actual, v.severity) for v in report] == [
        ("MP412", "shippingAddress.region", None, mp.Severity.ERROR),
        ("MP993", "method", "paypal", mp.Severity.ERROR),
    ]
    assert report[0].message == "PayPal requires a region (state or province) for shipping addresses in US."


def test_a_refused_switch_judges_the_issuer_by_the_payments_method_mp525() -> None:
    # The payment stays a KBC payment: an iDEAL issuer is not one of KBC's.
    report = mp.validate_payment_update(
        {"method": "ideal", "issuer": "ideal_INGBNL2A"}, payment={**OPEN, "method": "kbc"}, today=TODAY
    )
    assert [(v.code, v.field, v.actual) for v in report] == [
        ("MP525", "issuer", "ideal_INGBNL2A"),
        ("MP993", "method", "kbc"),
    ]
    assert report[0].message == "The issuer 'ideal_INGBNL2A' looks wrong: KBC's issuers are kbc and cbc."
    # And an issuer of the payment's own method is fine, whatever method the update asked for.
    assert update({"method": "kbc", "issuer": "ideal_INGBNL2A"}, {**OPEN, "method": "ideal"}) == [
        ("MP993", "method", "ideal")
    ]


def test_a_refused_switch_judges_the_due_date_by_the_payments_method_mp964() -> None:
    report = mp.validate_payment_update(
        {"method": "banktransfer", "dueDate": "2026-12-01"}, payment={**OPEN, "method": "ideal"}, today=TODAY
    )
    assert [(v.code, v.field, v.actual) for v in report] == [
        ("MP964", "dueDate", "ideal"),
        ("MP993", "method", "ideal"),
    ]
    assert report[0].message == "The 'dueDate' field is used by banktransfer only; with method ideal it is never used."
    # A finalized payment without a method has none to judge the due date by: only the refusals.
    finalized = {**OPEN, "status": "expired"}
    assert update({"method": "creditcard", "dueDate": "2026-12-01"}, finalized) == [
        ("MP992", "method", "expired"),
        ("MP992", "dueDate", "expired"),
    ]


def test_without_a_snapshot_the_updates_method_is_read() -> None:
    """Nothing says the payment refuses the switch: the update's method judges its address, as before."""
    assert update({"method": "paypal", "shippingAddress": US_SHIPPING}) == [("MP412", "shippingAddress.region", None)]
    assert update({"method": "kbc", "issuer": "ideal_INGBNL2A"}) == [("MP525", "issuer", "ideal_INGBNL2A")]


@pytest.mark.parametrize("payment", [None, {**OPEN, "method": None}])
def test_a_one_method_array_judges_the_issuer_as_create_payment_does_mp525(payment: dict[str, Any] | None) -> None:
    """``["kbc"]`` offers KBC alone, on update as on create: an iDEAL issuer is not one of KBC's."""
    body = {"method": ["kbc"], "issuer": "ideal_INGBNL2A"}
    assert update(body, payment) == [("MP525", "issuer", "ideal_INGBNL2A")]
    create = {"amount": EUR_100, "description": "Order 42", "redirectUrl": "https://shop.example.org/order/42"}
    created = mp.validate_payment({**create, **body}, today=TODAY)
    assert [(v.code, v.field, v.actual) for v in created] == [("MP525", "issuer", "ideal_INGBNL2A")]
    # Two methods leave the issuer's shape open, on both.
    assert update({"method": ["kbc", "ideal"], "issuer": "ideal_INGBNL2A"}, payment) == []


_ANY_METHOD = st.one_of(
    st.sampled_from(["paypal", "billie", "banktransfer", "kbc", "ideal", None]),
    st.lists(st.sampled_from(["paypal", "billie", "ideal", "kbc"]), min_size=1, max_size=3, unique=True),
)


@settings(max_examples=80, deadline=None)
@given(
    sent=_ANY_METHOD,
    kept=st.sampled_from(["paypal", "billie", "ideal", "kbc", "banktransfer", "creditcard"]),
    finalized=st.sampled_from([None, "paid", "expired"]),
    shipping=_addresses(),
    extras=st.fixed_dictionaries(
        {},
        optional={
            "billingAddress": st.sampled_from([BILLING, {k: v for k, v in BILLING.items() if k != "organizationName"}]),
            "issuer": st.sampled_from(["ideal_INGBNL2A", "kbc", "ING"]),
            "dueDate": st.just("2026-12-01"),
        },
    ),
)
def test_a_refused_switch_is_judged_as_the_same_update_without_method(
    sent: str | list[str] | None,
    kept: str,
    finalized: str | None,
    shipping: dict[str, Any],
    extras: dict[str, Any],
) -> None:
    """Whatever method a refused update names, everything but ``method`` itself gets what the same update without
    ``method`` gets: the payment's method is the one Mollie leaves it."""
    payment: dict[str, Any] = {**OPEN, "method": kept} if finalized is None else {**OPEN, "status": finalized}
    rest = {"shippingAddress": shipping, **extras}

    def findings(body: dict[str, Any]) -> list[tuple[str, str, str | None, str]]:
        report = mp.validate_payment_update(body, payment=payment, today=TODAY)
        return [(v.code, v.field, v.actual, v.message) for v in report if v.field != "method"]

    assert findings({"method": sent, **rest}) == findings(rest)
