"""Create capture, create payment refund and update payment: Mollie's examples, one test per rule, the
lifecycle model's invariants against the validators, and inputs left untouched."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight import lifecycle as lc

DATA = Path(__file__).parent / "data" / "payments"
TODAY = datetime.date(2026, 11, 22)


def money(value: str, currency: str = "EUR") -> dict[str, str]:
    return {"currency": currency, "value": value}


AUTHORIZED: dict[str, Any] = {
    "resource": "payment",
    "id": "tr_5B8cwPMGnU",
    "mode": "live",
    "status": "authorized",
    "amount": money("100.00"),
    "amountCaptured": money("0.00"),
    "method": "creditcard",
    "captureMode": "manual",
    "captureBefore": "2026-11-29T09:00:00+00:00",
}
PAID: dict[str, Any] = {**AUTHORIZED, "status": "paid", "amountCaptured": money("100.00")}
#: Created without a method and without a hold (a held payment limits the methods it can switch to: MP938).
OPEN: dict[str, Any] = {
    **AUTHORIZED,
    "status": "open",
    "method": None,
    "amountCaptured": None,
    "captureMode": "automatic",
    "captureBefore": None,
}
SNAPSHOTS = {"create-capture": AUTHORIZED, "create-payment-refund": PAID, "update-payment": OPEN}


def found(report: mp.Report) -> list[tuple[str, str, str | None]]:
    return [(v.code, v.field, v.actual) for v in report]


def codes(report: mp.Report) -> list[str]:
    return [v.code for v in report]


# --- Mollie's own examples ------------------------------------------------------------------------------

#: What an example's ``expect`` issue is reported as.
ISSUES = {"required-but-absent": "MP981", "unknown-key": "MP609"}


@pytest.mark.parametrize(
    "path", sorted(p for name in SNAPSHOTS for p in (DATA / name).glob("*.json")), ids=lambda p: p.parent.name + p.stem
)
def test_every_reference_example_gives_only_the_findings_its_source_records(path: Path) -> None:
    example = json.loads(path.read_text(encoding="utf-8"))
    endpoint = path.parent.name
    expected = sorted(
        (ISSUES[item["issue"]], item["field"]) for item in example.get("expect", []) if item["issue"] in ISSUES
    )
    report = mp.validate(example["body"], endpoint, payment=SNAPSHOTS[endpoint], today=TODAY)
    assert sorted((v.code, v.field) for v in report) == expected
    assert report.ok


# --- create capture ---------------------------------------------------------------------------------------


def test_a_capture_without_amount_captures_everything_still_authorized() -> None:
    assert list(mp.validate_capture(None, payment=AUTHORIZED, today=TODAY)) == []
    partly = {**AUTHORIZED, "amountCaptured": money("60.00")}
    after = lc.capture_payment(partly, {}, today=TODAY)
    assert after["amountCaptured"] == money("100.00")
    assert after["status"] == "paid"


def test_a_capture_in_another_currency_is_mp972() -> None:
    report = mp.validate_capture({"amount": money("10.00", "USD")}, payment=AUTHORIZED, today=TODAY)
    assert found(report) == [("MP972", "amount.currency", "USD")]
    assert report[0].expected == "EUR"


def test_a_capture_of_zero_is_mp973() -> None:
    assert found(mp.validate_capture({"amount": money("0.00")})) == [("MP973", "amount.value", "0.00")]


def test_a_description_over_255_characters_is_mp974_on_captures_and_refunds() -> None:
    long = "x" * 256
    assert found(mp.validate_capture({"description": long}))[0][:2] == ("MP974", "description")
    refund = mp.validate_payment_refund({"amount": money("1.00"), "description": long})
    assert [(v.code, v.field) for v in refund] == [("MP974", "description")]
    assert list(mp.validate_capture({"description": "x" * 255})) == []


@pytest.mark.parametrize("status", ["open", "pending", "paid", "canceled", "expired", "failed"])
def test_only_an_authorized_payment_can_be_captured_mp975(status: str) -> None:
    report = mp.validate_capture({}, payment={**AUTHORIZED, "status": status}, today=TODAY)
    assert found(report) == [("MP975", "", status)]


def test_a_payment_of_an_order_is_captured_by_shipping_mp976() -> None:
    report = mp.validate_capture({}, payment={**AUTHORIZED, "orderId": "ord_kEn1PlbGa"}, today=TODAY)
    assert found(report) == [("MP976", "", "ord_kEn1PlbGa")]
    linked = {**AUTHORIZED, "_links": {"order": {"href": "https://api.mollie.com/v2/orders/ord_x"}}}
    assert found(mp.validate_capture({}, payment=linked, today=TODAY)) == [("MP976", "", "ord_x")]


def test_a_capture_of_more_than_is_still_authorized_is_mp977() -> None:
    partly = {**AUTHORIZED, "amountCaptured": money("60.00")}
    report = mp.validate_capture({"amount": money("40.01")}, payment=partly, today=TODAY)
    assert found(report) == [("MP977", "amount.value", "40.01")]
    assert report[0].expected == "40.00"
    assert list(mp.validate_capture({"amount": money("40.00")}, payment=partly, today=TODAY)) == []
    everything = {**AUTHORIZED, "amountCaptured": money("100.00")}
    assert codes(mp.validate_capture({}, payment=everything, today=TODAY)) == ["MP977"]


def test_a_capture_after_capture_before_is_mp978_and_the_day_itself_is_not() -> None:
    passed = {**AUTHORIZED, "captureBefore": "2026-11-21T12:00:00Z"}
    assert found(mp.validate_capture({}, payment=passed, today=TODAY)) == [("MP978", "", "2026-11-22")]
    same_day = {**AUTHORIZED, "captureBefore": "2026-11-22T08:00:00+01:00"}
    assert list(mp.validate_capture({}, payment=same_day, today=TODAY)) == []


# --- snapshots ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "captured"}, "status"),
        ({"amount": money("1.00", "XXX")}, "amount"),
        ({"amountCaptured": money("1.00", "USD")}, "amountCaptured"),
        ({"amountRefunded": money("-1.00")}, "amountRefunded.value"),
        ({"captureBefore": "next week"}, "captureBefore"),
        ({"captureBefore": "2026-11-29T09:00:00"}, "captureBefore"),
        ({"captureMode": "later"}, "captureMode"),
        ({"method": ["creditcard"]}, "method"),
    ],
)
def test_an_unusable_payment_snapshot_is_mp970_naming_the_field(change: dict[str, Any], field: str) -> None:
    report = mp.validate_capture({}, payment={**AUTHORIZED, **change}, today=TODAY)
    assert [(v.code, (v.extra or {}).get("paymentField")) for v in report] == [("MP970", field)]


def test_a_snapshot_that_does_not_add_up_is_mp971() -> None:
    report = mp.validate_payment_refund(
        {"amount": money("1.00"), "description": "x"},
        payment={**PAID, "amountRefunded": money("150.00"), "amountRemaining": money("1.00")},
        today=TODAY,
    )
    assert [(v.code, (v.extra or {}).get("paymentField")) for v in report] == [("MP971", "amountRefunded")]


# --- create payment refund --------------------------------------------------------------------------------

REFUND: dict[str, Any] = {"amount": money("5.95"), "description": "Refund for order 12345"}


def test_a_refund_without_amount_is_mp980_with_mollies_text() -> None:
    report = mp.validate_payment_refund({"description": "x"}, payment=PAID, today=TODAY)
    assert found(report) == [("MP980", "amount", None)]
    assert report[0].message == "The 'amount' field is missing."


def test_read_only_and_orders_only_keys_are_warnings_mp982_mp983() -> None:
    body = {**REFUND, "externalReference": {"type": "acquirer-reference", "id": "1"}, "lines": []}
    assert [(v.code, v.field, v.severity.value) for v in mp.validate_payment_refund(body)] == [
        ("MP982", "externalReference", "warning"),
        ("MP983", "lines", "warning"),
    ]


@pytest.mark.parametrize(
    ("routing", "field"),
    [
        ({"reverseRouting": "yes"}, "reverseRouting"),
        ({"routingReversals": {}}, "routingReversals"),
        ({"routingReversals": [1]}, "routingReversals.0"),
        (
            {"routingReversals": [{"source": {"type": "organization", "organizationId": "org_1"}}]},
            "routingReversals.0.amount",
        ),
        (
            {
                "routingReversals": [
                    {"amount": money("1.00", "USD"), "source": {"type": "organization", "organizationId": "org_1"}}
                ]
            },
            "routingReversals.0.amount.currency",
        ),
        ({"routingReversals": [{"amount": money("1.00"), "source": None}]}, "routingReversals.0.source"),
        (
            {"routingReversals": [{"amount": money("1.00"), "source": {"type": "profile", "organizationId": "org_1"}}]},
            "routingReversals.0.source.type",
        ),
    ],
)
def test_routing_of_the_wrong_shape_is_mp984(routing: dict[str, Any], field: str) -> None:
    assert [(v.code, v.field) for v in mp.validate_payment_refund({**REFUND, **routing})] == [("MP984", field)]


def test_thousands_of_bad_reversals_are_reported_a_few_times() -> None:
    report = mp.validate_payment_refund({**REFUND, "routingReversals": [1] * 5000})
    assert 0 < len(report) <= 20


def test_reverse_routing_on_a_partial_refund_or_with_reversals_is_mp985() -> None:
    body = {**REFUND, "reverseRouting": True}
    assert found(mp.validate_payment_refund(body, payment=PAID, today=TODAY)) == [("MP985", "reverseRouting", "true")]
    whole = {**body, "amount": money("100.00")}
    assert list(mp.validate_payment_refund(whole, payment=PAID, today=TODAY)) == []


def test_a_refund_of_more_than_amount_remaining_is_mp986() -> None:
    payment = {**PAID, "amountRefunded": money("95.00")}
    report = mp.validate_payment_refund({**REFUND, "amount": money("5.01")}, payment=payment, today=TODAY)
    assert found(report) == [("MP986", "amount.value", "5.01")]
    assert report[0].expected == "5.00"
    given = {**PAID, "amountRemaining": money("3.00")}
    assert codes(mp.validate_payment_refund(REFUND, payment=given, today=TODAY)) == ["MP986"]


@pytest.mark.parametrize("method", ["paysafecard", "giftcard", "voucher"])
def test_prepaid_methods_cannot_be_refunded_mp987(method: str) -> None:
    report = mp.validate_payment_refund(REFUND, payment={**PAID, "method": method}, today=TODAY)
    assert found(report) == [("MP987", "", method)]


@pytest.mark.parametrize("status", ["open", "pending", "authorized", "canceled", "expired", "failed"])
def test_a_payment_that_collected_nothing_cannot_be_refunded_mp988(status: str) -> None:
    report = mp.validate_payment_refund(REFUND, payment={**AUTHORIZED, "status": status}, today=TODAY)
    assert found(report) == [("MP988", "", status)]


def test_an_authorized_payment_refunds_what_was_captured() -> None:
    partly = {**AUTHORIZED, "amountCaptured": money("30.00")}
    assert list(mp.validate_payment_refund({**REFUND, "amount": money("30.00")}, payment=partly, today=TODAY)) == []
    assert codes(mp.validate_payment_refund({**REFUND, "amount": money("30.01")}, payment=partly)) == ["MP986"]


# --- update payment ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "amount",
        "lines",
        "captureMode",
        "captureDelay",
        "applicationFee",
        "routing",
        "sequenceType",
        "customerId",
        "mandateId",
    ],
)
def test_money_and_structure_cannot_be_updated_mp990(key: str) -> None:
    report = mp.validate_payment_update({key: "x"})
    assert found(report) == [("MP990", key, "x")]
    assert report[0].severity is mp.Severity.ERROR


def test_a_value_resent_unchanged_is_the_mp995_warning_and_a_changed_one_the_error() -> None:
    """Mollie's PHP client resends the payment's own URLs with every update (v3 its method too), so shops send
    them after the payment is paid: the payment's own value is MP995 (a warning), another is MP992 or MP993."""
    redirect = "https://example.org/webshop/order/98765/"
    paid = {**OPEN, "status": "paid", "method": "ideal", "redirectUrl": redirect}  # no cancelUrl: it has none
    body = {"description": "Order #98765", "redirectUrl": redirect, "cancelUrl": None, "metadata": {"order_id": "1"}}
    report = mp.validate_payment_update(body, payment=paid, today=TODAY)
    assert found(report) == [("MP995", "redirectUrl", redirect), ("MP995", "cancelUrl", "null")]
    assert report.ok
    assert report[0].message.startswith("The redirect URL is the payment's own, sent again;")
    moved = {**body, "redirectUrl": redirect + "?again", "cancelUrl": redirect}
    report = mp.validate_payment_update(moved, payment=paid, today=TODAY)
    assert found(report) == [("MP992", "redirectUrl", "paid"), ("MP992", "cancelUrl", "paid")]
    open_ideal = {**OPEN, "method": "ideal"}
    assert found(mp.validate_payment_update({"method": "ideal"}, payment=open_ideal)) == [("MP995", "method", "ideal")]
    assert found(mp.validate_payment_update({"method": "creditcard"}, payment=open_ideal)) == [
        ("MP993", "method", "ideal")
    ]
    assert found(mp.validate_payment_update({"method": "ideal"}, payment={**paid, "status": "expired"})) == [
        ("MP995", "method", "ideal")
    ]
    assert list(mp.validate_payment_update(body)) == []  # without the payment nothing is known to be unchanged


def test_an_update_that_names_nothing_is_mp991() -> None:
    assert found(mp.validate_payment_update({})) == [("MP991", "", None)]
    assert found(mp.validate_payment_update({"testmode": True})) == [("MP991", "", None)]


@pytest.mark.parametrize("status", ["paid", "canceled", "expired", "failed"])
def test_checkout_fields_of_a_finalized_payment_are_mp992(status: str) -> None:
    body = {"redirectUrl": "https://example.org/return", "dueDate": "2026-12-01", "description": "Order 1"}
    report = mp.validate_payment_update(body, payment={**OPEN, "status": status}, today=TODAY)
    assert found(report) == [("MP992", "redirectUrl", status), ("MP992", "dueDate", status)]
    assert report[0].message.startswith("The redirect URL cannot be updated when the payment is finalized")
    assert list(mp.validate_payment_update(body, payment=OPEN, today=TODAY)) == []


def test_the_method_of_a_payment_that_has_one_is_mp993() -> None:
    report = mp.validate_payment_update({"method": "ideal"}, payment={**OPEN, "method": "creditcard"}, today=TODAY)
    assert found(report) == [("MP993", "method", "creditcard")]


@pytest.mark.parametrize(
    ("key", "value"),
    [("billingAddress", None), ("shippingAddress", "Damrak 1"), ("method", 3), ("locale", True), ("dueDate", 20261201)],
)
def test_a_value_of_the_wrong_type_is_mp994(key: str, value: Any) -> None:
    assert [(v.code, v.field) for v in mp.validate_payment_update({key: value})] == [("MP994", key)]


#: What ``Payment::update()`` of Mollie's PHP client v2.33-v2.79 sends (its test's body, verbatim):
#: every updatable field, null where the payment has none.
PHP_CLIENT_UPDATE = {
    "description": "Order #98765",
    "redirectUrl": "https://example.org/webshop/order/98765/",
    "cancelUrl": "https://example.org/webshop/order/98765/canceled/",
    "webhookUrl": "https://example.org/webshop/payments/webhook/",
    "restrictPaymentMethodsToCountry": None,
    "metadata": {"order_id": "98765"},
    "dueDate": None,
    "locale": None,
}


def test_a_null_due_date_is_absent_as_the_php_client_sends_it() -> None:
    assert list(mp.validate_payment_update(PHP_CLIENT_UPDATE, today=TODAY)) == []
    assert list(mp.validate_payment_update(PHP_CLIENT_UPDATE, payment={**OPEN, "method": "ideal"}, today=TODAY)) == []


def test_a_due_date_string_is_still_checked_beside_the_nulls() -> None:
    report = mp.validate_payment_update({**PHP_CLIENT_UPDATE, "dueDate": "1-12-2026"}, today=TODAY)
    assert found(report) == [("MP604", "dueDate", "1-12-2026")]


def test_update_values_go_through_the_shared_checks() -> None:
    report = mp.validate_payment_update({"webhookUrl": "http://localhost/hook", "dueDate": "1-12-2026"})
    assert [(v.code, v.field) for v in report] == [("MP611", "webhookUrl"), ("MP604", "dueDate")]


# The update's values through create payment's checks: the same code, field and value as on create.
UPDATE_VALUE_CASES = [
    ({"description": 12}, ("MP911", "description", "12")),
    ({"description": "   "}, ("MP911", "description", "   ")),
    ({"description": "x" * 256}, ("MP912", "description", "x" * 79 + "…")),
    ({"locale": "nl-NL"}, ("MP933", "locale", "nl-NL")),
    ({"method": "klarnapaylater"}, ("MP934", "method", "klarnapaylater")),
    ({"method": ["ideal", "sofort"]}, ("MP934", "method.1", "sofort")),
    ({"restrictPaymentMethodsToCountry": "nl"}, ("MP942", "restrictPaymentMethodsToCountry", "nl")),
    ({"dueDate": "2026-11-22"}, ("MP962", "dueDate", "2026-11-22")),
    ({"dueDate": "2027-03-04"}, ("MP962", "dueDate", "2027-03-04")),
    ({"billingAddress": {"email": "not an address"}}, ("MP421", "billingAddress.email", "not an address")),
    (
        {
            "shippingAddress": {
                "streetAndNumber": "Damrak 1",
                "postalCode": "1012 LG",
                "city": "Amsterdam",
                "country": "XX",
            }
        },
        ("MP405", "shippingAddress.country", "XX"),
    ),
    ({"billingAddress": {"email": "piet@example.org", "country": "NL"}}, ("MP925", "billingAddress", "country")),
]


@pytest.mark.parametrize(("body", "expected"), UPDATE_VALUE_CASES, ids=lambda x: str(x)[:40])
def test_update_values_get_create_payments_rule(body: dict[str, Any], expected: tuple[str, str, str]) -> None:
    update = mp.validate_payment_update(body, today=TODAY)
    assert found(update) == [expected]
    create = mp.validate_payment({**CREATE, "method": None, "captureMode": None, **body}, today=TODAY)
    assert expected in found(create)


def test_valid_update_values_are_clean() -> None:
    body = {
        "description": "Order #98765",
        "locale": "nl_NL",
        "method": ["ideal", "bancontact"],
        "restrictPaymentMethodsToCountry": "NL",
        "dueDate": "2026-11-23",
        "billingAddress": {"email": "piet@example.org"},
        "shippingAddress": {
            "streetAndNumber": "Damrak 1",
            "postalCode": "1012 LG",
            "city": "Amsterdam",
            "country": "NL",
        },
    }
    assert found(mp.validate_payment_update(body, payment=OPEN, today=TODAY)) == []


def test_billing_email_on_an_update_is_deprecated_mp965() -> None:
    report = mp.validate_payment_update({"billingEmail": "piet@example.org"}, today=TODAY)
    assert [(v.code, v.field, v.severity) for v in report] == [("MP965", "billingEmail", mp.Severity.WARNING)]


def test_an_updated_method_must_take_the_payments_currency_mp967() -> None:
    chf = {**OPEN, "amount": money("100.00", "CHF")}
    report = mp.validate_payment_update({"method": "ideal"}, payment=chf, today=TODAY)
    assert found(report) == [("MP967", "method", "ideal")]
    assert found(mp.validate_payment_update({"method": "creditcard"}, payment=chf, today=TODAY)) == []
    assert found(mp.validate_payment_update({"method": "ideal"}, today=TODAY)) == []


def test_an_updated_address_is_read_with_the_payments_method() -> None:
    """PayPal's address limits apply when the payment is a PayPal payment, named by the update or the snapshot."""
    address = {"streetAndNumber": "x" * 129, "city": "Amsterdam", "country": "NL", "postalCode": "1012 LG"}
    paypal = {**OPEN, "method": "paypal"}
    by_snapshot = mp.validate_payment_update({"shippingAddress": address}, payment=paypal, today=TODAY)
    assert [(v.code, v.field) for v in by_snapshot] == [("MP413", "shippingAddress.streetAndNumber")]
    assert found(mp.validate_payment_update({"shippingAddress": address}, payment=OPEN, today=TODAY)) == []


def test_an_updated_issuer_is_judged_for_the_payments_method_mp525() -> None:
    ideal = {**OPEN, "method": "ideal"}
    assert found(mp.validate_payment_update({"issuer": "ING"}, payment=ideal, today=TODAY)) == [
        ("MP525", "issuer", "ING")
    ]
    assert found(mp.validate_payment_update({"issuer": "ideal_INGBNL2A"}, payment=ideal, today=TODAY)) == []
    by_body = mp.validate_payment_update({"method": "kbc", "issuer": "ideal_INGBNL2A"}, payment=OPEN, today=TODAY)
    assert found(by_body) == [("MP525", "issuer", "ideal_INGBNL2A")]
    assert found(mp.validate_payment_update({"issuer": "ING"}, payment=OPEN, today=TODAY)) == []


def test_a_due_date_or_issuer_for_another_method_is_mp964() -> None:
    card = {**OPEN, "method": "creditcard"}
    report = mp.validate_payment_update({"dueDate": "2026-12-01", "issuer": "kbc"}, payment=card, today=TODAY)
    assert [(v.code, v.field, v.actual) for v in report] == [
        ("MP964", "dueDate", "creditcard"),
        ("MP964", "issuer", "creditcard"),
    ]
    transfer = {**OPEN, "method": "banktransfer"}
    assert found(mp.validate_payment_update({"dueDate": "2026-12-01"}, payment=transfer, today=TODAY)) == []
    assert found(mp.validate_payment_update({"dueDate": "2026-12-01"}, payment=OPEN, today=TODAY)) == []


def test_testmode_must_match_the_payments_mode() -> None:
    report = mp.validate_payment_update({"description": "x", "testmode": True}, payment=OPEN, today=TODAY)
    assert found(report) == [("MP813", "testmode", "true")]


# --- the dispatcher ---------------------------------------------------------------------------------------


def test_the_dispatcher_takes_payment_and_refuses_order_for_payment_endpoints() -> None:
    assert codes(mp.validate({}, "create-capture", payment={**AUTHORIZED, "status": "paid"}, today=TODAY)) == ["MP975"]
    with pytest.raises(ValueError, match="payment="):
        mp.validate({}, "create-capture", order=AUTHORIZED)


# --- the lifecycle model ----------------------------------------------------------------------------------

CREATE: dict[str, Any] = {
    "amount": money("100.00"),
    "description": "Order 42",
    "redirectUrl": "https://shop.example.org/return/42",
    "method": "creditcard",
    "captureMode": "manual",
}


def _minor(amount: dict[str, str]) -> int:
    return int(amount["value"].replace(".", ""))


@settings(max_examples=60, deadline=None)
@given(
    total=st.integers(min_value=1, max_value=100_000),
    steps=st.lists(
        st.tuples(st.sampled_from(["capture", "refund", "release"]), st.integers(min_value=0, max_value=120_000)),
        max_size=8,
    ),
)
def test_captures_and_refunds_keep_the_invariants_and_the_model_agrees_with_the_validators(
    total: int, steps: list[tuple[str, int]]
) -> None:
    payment = lc.authorize_payment(
        lc.new_payment({**CREATE, "amount": money(f"{total // 100}.{total % 100:02d}")}, today=TODAY)
    )
    for kind, minor in steps:
        before = copy.deepcopy(payment)
        body: Any = {"amount": money(f"{minor // 100}.{minor % 100:02d}"), "description": "step"}
        if kind == "release":
            report = None
        elif kind == "capture":
            report = mp.validate_capture(body, payment=payment, today=TODAY)
        else:
            report = mp.validate_payment_refund(body, payment=payment, today=TODAY)
        refusal: tuple[mp.Violation, ...] | None = None
        try:
            if kind == "capture":
                payment = lc.capture_payment(payment, body, today=TODAY)
            elif kind == "refund":
                payment = lc.refund_payment(payment, body, today=TODAY)
            else:
                payment = lc.release_authorization(payment, today=TODAY)
        except lc.LifecycleError as error:
            refusal = error.report.violations
        accepted = refusal is None
        if report is not None and refusal is not None:
            assert refusal == report.violations
        assert before == payment or accepted
        if report is not None:
            assert accepted == report.ok
        captured = _minor(payment.get("amountCaptured") or money("0.00"))
        refunded = _minor(payment.get("amountRefunded") or money("0.00"))
        assert 0 <= captured <= total
        assert 0 <= refunded <= captured
        assert _minor(payment["amountRemaining"]) == captured - refunded


def test_the_lifecycle_moves_an_authorized_payment_to_paid_or_canceled() -> None:
    authorized = lc.authorize_payment(lc.new_payment(CREATE, today=TODAY))
    assert lc.release_authorization(authorized)["status"] == "canceled"
    captured = lc.capture_payment(authorized, {"amount": money("60.00")}, today=TODAY)
    assert captured["status"] == "authorized"
    assert lc.release_authorization(captured)["status"] == "paid"
    with pytest.raises(lc.LifecycleError) as refused:
        lc.release_authorization(lc.release_authorization(captured))
    assert [v.code for v in refused.value.violations] == ["MP975"]


def test_pay_payment_makes_all_of_it_refundable() -> None:
    body = {key: value for key, value in CREATE.items() if key != "captureMode"}
    paid = lc.pay_payment(lc.new_payment(body, today=TODAY))
    assert paid["status"] == "paid"
    assert paid["amountRemaining"] == money("100.00")
    refunded = lc.refund_payment(paid, REFUND, today=TODAY)
    assert refunded["amountRemaining"] == money("94.05")
    assert refunded["_embedded"]["refunds"][0]["amount"] == money("5.95")


def test_new_payment_refuses_what_validate_payment_refuses() -> None:
    with pytest.raises(lc.LifecycleError) as refused:
        lc.new_payment({"amount": money("10.00")}, today=TODAY)
    assert "MP910" in [v.code for v in refused.value.violations]


# --- inputs are never modified ----------------------------------------------------------------------------


def test_no_validator_or_model_step_modifies_its_inputs() -> None:
    snapshots = [copy.deepcopy(s) for s in (AUTHORIZED, PAID, OPEN)]
    bodies = [
        {"amount": money("10.00"), "routingReversals": [{"amount": money("1")}]},
        {"description": None, "lines": []},
    ]
    kept = copy.deepcopy(bodies)
    for body in bodies:
        for snapshot in snapshots:
            for endpoint in SNAPSHOTS:
                mp.validate(body, endpoint, payment=snapshot, today=TODAY)
    lc.capture_payment(snapshots[0], {"amount": money("10.00")}, today=TODAY)
    lc.refund_payment(snapshots[1], REFUND, today=TODAY)
    assert bodies == kept
    assert snapshots == [AUTHORIZED, PAID, OPEN]


def test_a_null_due_date_of_a_finalized_payment_is_no_mp992() -> None:
    """The PHP client v2's ``Payment::update()`` of a paid payment: its null dueDate is no due date, so only the
    URLs (here not the payment's own) are held to the status."""
    report = mp.validate_payment_update(PHP_CLIENT_UPDATE, payment={**OPEN, "status": "paid"}, today=TODAY)
    assert found(report) == [("MP992", "redirectUrl", "paid"), ("MP992", "cancelUrl", "paid")]
    dated = {**PHP_CLIENT_UPDATE, "dueDate": "2026-12-20"}
    report = mp.validate_payment_update(dated, payment={**OPEN, "status": "paid"}, today=TODAY)
    assert ("MP992", "dueDate", "paid") in found(report)
