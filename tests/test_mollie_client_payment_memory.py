"""``guard_client(payments=PaymentMemory())``: captures, refunds and updates checked against the payment the
client last received, on a fake client that answers like Mollie (no network, no HTTP mocking)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import mollie_preflight as mp
from mollie_preflight.integrations.mollie_client import PaymentMemory, check_request, guard_client, payment_id

from .helpers import TODAY


def money(value: str) -> dict[str, str]:
    return {"currency": "EUR", "value": value}


AUTHORIZED: dict[str, Any] = {
    "resource": "payment",
    "id": "tr_5B8cwPMGnU",
    "mode": "test",
    "status": "authorized",
    "amount": money("100.00"),
    "amountCaptured": money("0.00"),
    "method": "creditcard",
    "captureMode": "manual",
    "captureBefore": "2026-12-20T09:00:00+00:00",
}
PAID: dict[str, Any] = {**AUTHORIZED, "status": "paid", "amountCaptured": money("100.00")}


class Response:
    """What ``perform_http_call`` returns: a status and a JSON body."""

    def __init__(self, status_code: int, body: Any) -> None:
        self.status_code = status_code
        self._body = body

    def json(self) -> Any:
        if self._body is None:
            raise ValueError("no JSON")
        return copy.deepcopy(self._body)


class FakeClient:
    """Answers each request with the next queued response, and records what was sent."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, Any]] = []
        self.answers: list[Response] = []

    def perform_http_call(
        self,
        http_method: str,
        path: str,
        data: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str = "",
    ) -> Any:
        self.sent.append((http_method, path, data))
        return self.answers.pop(0)


def _guarded(memory: PaymentMemory | None = None) -> tuple[FakeClient, PaymentMemory]:
    memory = memory if memory is not None else PaymentMemory()
    return guard_client(FakeClient(), payments=memory, today=TODAY), memory


def _refused(client: FakeClient, method: str, path: str, body: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(mp.OrderValidationError) as raised:
        client.perform_http_call(method, path, body)
    return [(v.code, v.field) for v in raised.value.report if v.severity is mp.Severity.ERROR]


def test_a_capture_is_checked_against_the_payment_the_client_fetched() -> None:
    client, memory = _guarded()
    client.answers.append(Response(200, AUTHORIZED))
    client.perform_http_call("GET", "payments/tr_5B8cwPMGnU")
    assert memory.get("tr_5B8cwPMGnU") == AUTHORIZED

    too_much = {"amount": money("100.01")}
    assert _refused(client, "POST", "payments/tr_5B8cwPMGnU/captures", too_much) == [("MP977", "amount.value")]
    assert len(client.sent) == 1  # the GET only: the capture never left

    client.answers.append(Response(201, {"resource": "capture", "id": "cpt_1", "amount": money("60.00")}))
    client.perform_http_call("POST", "payments/tr_5B8cwPMGnU/captures", {"amount": money("60.00")})
    assert len(client.sent) == 2
    # Answered with a capture: what is still authorized is Mollie's to say now, so the payment is forgotten.
    assert memory.get("tr_5B8cwPMGnU") is None


def test_the_created_payment_is_remembered_and_its_status_decides() -> None:
    client, memory = _guarded()
    created = {**AUTHORIZED, "status": "open", "amountCaptured": None}
    body = {
        "amount": money("100.00"),
        "description": "Order 1",
        "redirectUrl": "https://example.org/r",
        "method": "creditcard",
        "captureMode": "manual",
    }
    client.answers.append(Response(201, created))
    client.perform_http_call("POST", "payments", body)
    assert len(memory) == 1
    assert _refused(client, "POST", "payments/tr_5B8cwPMGnU/captures", {}) == [("MP975", "")]


def test_a_refund_is_checked_against_the_amount_remaining() -> None:
    client, _ = _guarded()
    client.answers.append(Response(200, {**PAID, "amountRemaining": money("30.00")}))
    client.perform_http_call("GET", "https://api.mollie.com/v2/payments/tr_5B8cwPMGnU?embed=refunds")
    refund = {"amount": money("30.01"), "description": "Refund"}
    assert _refused(client, "POST", "payments/tr_5B8cwPMGnU/refunds", refund) == [("MP986", "amount.value")]


def test_an_update_is_checked_against_the_status_and_the_answer_is_remembered() -> None:
    client, memory = _guarded()
    client.answers.append(Response(200, PAID))
    client.perform_http_call("GET", "payments/tr_5B8cwPMGnU")
    redirect = {"redirectUrl": "https://example.org/again"}
    assert _refused(client, "PATCH", "payments/tr_5B8cwPMGnU", redirect) == [("MP992", "redirectUrl")]
    updated = {**PAID, "description": "Order 1 (paid)"}
    client.answers.append(Response(200, updated))
    client.perform_http_call("PATCH", "payments/tr_5B8cwPMGnU", {"description": "Order 1 (paid)"})
    assert memory.get("tr_5B8cwPMGnU") == updated


def test_a_method_the_update_sets_is_held_to_the_lines_of_the_payment_the_client_fetched() -> None:
    client, _ = _guarded()
    opened = {**AUTHORIZED, "status": "open", "method": None, "captureMode": "automatic", "lines": None}
    client.answers.append(Response(200, opened))
    client.perform_http_call("GET", "payments/tr_5B8cwPMGnU")
    assert _refused(client, "PATCH", "payments/tr_5B8cwPMGnU", {"method": "klarna"}) == [("MP950", "lines")]
    client.answers.append(Response(200, {**opened, "method": "ideal"}))
    client.perform_http_call("PATCH", "payments/tr_5B8cwPMGnU", {"method": "ideal"})
    assert [path for _, path, _ in client.sent] == ["payments/tr_5B8cwPMGnU", "payments/tr_5B8cwPMGnU"]


def test_a_refused_write_keeps_the_payment_and_an_unknown_payment_is_checked_on_the_body_alone() -> None:
    client, memory = _guarded()
    client.answers.append(Response(200, AUTHORIZED))
    client.perform_http_call("GET", "payments/tr_5B8cwPMGnU")
    client.answers.append(Response(422, {"status": 422, "title": "Unprocessable Entity"}))
    client.perform_http_call("POST", "payments/tr_5B8cwPMGnU/captures", {"amount": money("10.00")})
    assert memory.get("tr_5B8cwPMGnU") == AUTHORIZED
    client.answers.append(Response(201, {"resource": "capture", "id": "cpt_2"}))
    client.perform_http_call("POST", "payments/tr_other/captures", {"amount": money("500.00")})
    assert [path for _, path, _ in client.sent][-1] == "payments/tr_other/captures"


def test_the_memory_is_bounded_and_drops_the_least_recently_seen() -> None:
    memory = PaymentMemory(capacity=3)
    for n in range(5):
        assert memory.remember({**AUTHORIZED, "id": f"tr_{n}"})
    assert len(memory) == 3
    assert [memory.get(f"tr_{n}") is not None for n in range(5)] == [False, False, True, True, True]
    memory.remember({**AUTHORIZED, "id": "tr_2"})  # seen again: now the most recent
    memory.remember({**AUTHORIZED, "id": "tr_5"})
    assert [memory.get(f"tr_{n}") is not None for n in (2, 3, 4, 5)] == [True, False, True, True]


def test_a_payment_is_used_for_max_age_seconds_only() -> None:
    now = [0.0]
    memory = PaymentMemory(max_age=30, clock=lambda: now[0])
    memory.remember(AUTHORIZED)
    now[0] = 30.0
    assert memory.get("tr_5B8cwPMGnU") == AUTHORIZED
    now[0] = 30.5
    assert memory.get("tr_5B8cwPMGnU") is None
    assert len(memory) == 0


@pytest.mark.parametrize(
    "snapshot", [{"resource": "order", "id": "ord_1"}, {"resource": "payment"}, {"resource": "payment", "id": 7}, []]
)
def test_only_a_payment_with_an_id_is_remembered(snapshot: Any) -> None:
    memory = PaymentMemory()
    assert memory.remember(snapshot) is False
    assert len(memory) == 0


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="capacity"):
        PaymentMemory(capacity=0)
    with pytest.raises(ValueError, match="max_age"):
        PaymentMemory(max_age=0)


def test_check_request_takes_the_payment_explicitly() -> None:
    report = check_request("POST", "payments/tr_5B8cwPMGnU/captures", {"amount": money("100.01")}, payment=AUTHORIZED)
    assert report is not None
    assert [(v.code, v.field, v.actual) for v in report] == [("MP977", "amount.value", "100.01")]
    alone = check_request("POST", "payments/tr_5B8cwPMGnU/captures", {"amount": money("100.01")})
    assert alone is not None
    assert list(alone) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("payments/tr_1", "tr_1"),
        ("payments/tr_1/refunds", "tr_1"),
        ("https://api.mollie.com/v2/payments/tr_1/captures?testmode=true", "tr_1"),
        ("payments", None),
        ("orders/ord_1", None),
        ("customers/cst_1/payments", None),
    ],
)
def test_payment_id_reads_the_path(path: str, expected: str | None) -> None:
    assert payment_id(path) == expected
