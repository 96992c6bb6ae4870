"""The guard on the Payments API's endpoints, inside the real ``mollie-api-python`` client (HTTP mocked)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import responses

import mollie_preflight as mp
from mollie_preflight.integrations.mollie_client import check_request, guard_client

from .helpers import TODAY
from .test_mollie_client import new_client

PAYMENTS_URL = "https://api.mollie.com/v2/payments"
CREATED = {"resource": "payment", "id": "tr_7UhSN1zuXS", "status": "open"}
DATA = Path(__file__).parent / "data" / "payments"


def _example(relative: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((DATA / relative).read_text(encoding="utf-8"))["body"]
    return body


PAYMENT = _example("create-payment/reference-example.json")
CAPTURE = _example("create-capture/reference-example.json")
REFUND = _example("create-payment-refund/reference-example-python.json")
UPDATE = _example("update-payment/reference-example-python.json")


def _sent(call: Any) -> str:
    body = call.request.body
    return str(body.decode() if isinstance(body, bytes) else body)


@responses.activate
def test_a_valid_payment_is_sent_exactly_as_the_unguarded_client_would() -> None:
    responses.add(responses.POST, PAYMENTS_URL, json=CREATED, status=201)
    payload = copy.deepcopy(PAYMENT)

    payment = guard_client(new_client(), today=TODAY).payments.create(payload)

    assert payment.id == "tr_7UhSN1zuXS"
    assert len(responses.calls) == 1
    assert _sent(responses.calls[0]) == json.dumps(PAYMENT)
    assert payload == PAYMENT


@responses.activate
def test_an_invalid_payment_raises_and_sends_nothing() -> None:
    responses.add(responses.POST, PAYMENTS_URL, json=CREATED, status=201)
    payload = copy.deepcopy(PAYMENT)
    del payload["description"]
    payload["amount"]["value"] = "10.0"

    with pytest.raises(mp.OrderValidationError) as raised:
        guard_client(new_client(), today=TODAY).payments.create(payload)

    assert [(v.code, v.field, v.expected) for v in raised.value.report] == [
        ("MP910", "description", None),
        ("MP103", "amount.value", "10.00"),
    ]
    assert len(responses.calls) == 0


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "payments", PAYMENT),
        ("PATCH", "payments/tr_7UhSN1zuXS", UPDATE),
        ("POST", "payments/tr_7UhSN1zuXS/captures", CAPTURE),
        ("POST", "payments/tr_7UhSN1zuXS/refunds", REFUND),
        ("POST", "https://api.mollie.com/v2/payments/tr_7UhSN1zuXS/refunds?testmode=true", REFUND),
    ],
)
def test_mollies_examples_pass_every_payments_endpoint(method: str, path: str, body: dict[str, Any]) -> None:
    report = check_request(method, path, body, today=TODAY)
    assert report is not None
    assert report.ok


@pytest.mark.parametrize(
    ("method", "path", "validator"),
    [
        ("POST", "payments", mp.validate_payment),
        ("PATCH", "payments/tr_1", mp.validate_payment_update),
        ("POST", "payments/tr_1/captures", mp.validate_capture),
        ("POST", "payments/tr_1/refunds", mp.validate_payment_refund),
    ],
)
def test_each_payments_endpoint_reports_what_its_validator_reports(method: str, path: str, validator: Any) -> None:
    body = {"amount": {"currency": "EUR", "value": "-1"}, "description": 7}
    report = check_request(method, path, body, today=TODAY)
    assert report is not None
    assert not report.ok
    assert report == validator(body, today=TODAY)


@responses.activate
def test_a_capture_of_a_wrong_amount_is_never_sent() -> None:
    url = f"{PAYMENTS_URL}/tr_1/captures"
    responses.add(responses.POST, url, json={"resource": "capture", "id": "cpt_1"}, status=201)
    client = guard_client(new_client(), today=TODAY)
    capture = {**CAPTURE, "amount": {"currency": "EUR", "value": "0.00"}}

    with pytest.raises(mp.OrderValidationError) as raised:
        client.perform_http_call("POST", "payments/tr_1/captures", capture)

    assert [(v.code, v.field) for v in raised.value.report] == [("MP973", "amount.value")]
    assert len(responses.calls) == 0
