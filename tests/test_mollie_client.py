"""The guard inside the real ``mollie-api-python`` client, with only its HTTP layer mocked (``responses``)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import responses
from mollie.api.client import Client
from mollie.api.error import UnprocessableEntityError

import mollie_preflight as mp
from mollie_preflight.integrations.mollie_client import (
    ENDPOINTS,
    Endpoint,
    OrderMemory,
    check_request,
    guard_client,
    order_id,
    resource_path,
)

from .helpers import TODAY
from .payloads import example_order
from .snapshots import bikes

ORDERS_URL = "https://api.mollie.com/v2/orders"
CREATED = {"resource": "order", "id": "ord_pbjz8x", "status": "created"}


def new_client() -> Client:
    client = Client()
    client.set_api_key("test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM")
    return client


def broken_order() -> dict[str, Any]:
    payload = example_order()
    payload["lines"][0]["vatAmount"]["value"] = "121.15"
    del payload["locale"]
    return payload


@responses.activate
def test_a_valid_order_is_sent_byte_for_byte_as_the_unguarded_client_would() -> None:
    responses.add(responses.POST, ORDERS_URL, json=CREATED, status=201)
    payload = example_order()
    unguarded_body = json.dumps(payload)

    order = guard_client(new_client(), today=TODAY).orders.create(payload)

    assert order.id == "ord_pbjz8x"
    assert len(responses.calls) == 1
    sent = responses.calls[0].request.body
    assert (sent.decode() if isinstance(sent, bytes) else sent) == unguarded_body
    assert payload == example_order()


@responses.activate
def test_an_invalid_order_is_never_sent_and_every_finding_is_raised() -> None:
    responses.add(responses.POST, ORDERS_URL, json=CREATED, status=201)
    client = guard_client(new_client(), today=TODAY)

    with pytest.raises(mp.OrderValidationError) as raised:
        client.orders.create(broken_order())

    assert len(responses.calls) == 0
    found = [(v.code, v.field, v.expected) for v in raised.value.violations]
    assert ("MP301", "locale", None) in found
    assert ("MP203", "lines.0.vatAmount", "121.14") in found


@responses.activate
def test_only_the_guarded_instance_checks_the_class_is_left_alone() -> None:
    problem = {"status": 422, "title": "Unprocessable Entity", "detail": "The 'locale' field is required."}
    responses.add(responses.POST, ORDERS_URL, json=problem, status=422)
    original = Client.perform_http_call
    guard_client(new_client())

    with pytest.raises(UnprocessableEntityError):
        new_client().orders.create(broken_order())

    assert Client.perform_http_call is original
    assert len(responses.calls) == 1


@responses.activate
def test_guarding_twice_wraps_once() -> None:
    client = guard_client(new_client())
    wrapped = client.perform_http_call
    assert guard_client(client).perform_http_call is wrapped


@responses.activate
def test_requests_without_a_table_entry_pass_through_unchecked() -> None:
    url = "https://api.mollie.com/v2/customers"
    responses.add(responses.POST, url, json={"resource": "customer", "id": "cst_1"}, status=201)
    client = guard_client(new_client())

    result = client.perform_http_call("POST", "customers", {"lines": "not checked"})

    assert result.status_code == 201
    assert len(responses.calls) == 1


@responses.activate
def test_one_table_entry_adds_an_endpoint() -> None:
    """How another endpoint (here the Customers API) is added: one more table entry."""
    url = "https://api.mollie.com/v2/customers"
    responses.add(responses.POST, url, json={"resource": "customer", "id": "cst_1"}, status=201)
    seen: list[object] = []

    def refuse_everything(payload: object, *, today: object = None, options: object = None) -> mp.Report:
        seen.append(payload)
        rule = mp.RULES["MP001"]
        return mp.Report((mp.Violation(rule.code, rule.name, rule.severity, (), "no"),), "create-payment")

    customers = Endpoint("POST", re.compile(r"customers"), refuse_everything)
    client = guard_client(new_client(), endpoints=(*ENDPOINTS, customers))

    with pytest.raises(mp.OrderValidationError):
        client.perform_http_call("POST", "customers", {"lines": []})

    assert seen == [{"lines": []}]
    assert len(responses.calls) == 0


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("orders", "orders"),
        ("/orders/", "orders"),
        ("https://api.mollie.com/v2/orders?embed=payments", "orders"),
        ("orders/ord_1/lines/odl_1", "orders/ord_1/lines/odl_1"),
        ("v2/orders/ord_1/shipments", "orders/ord_1/shipments"),
    ],
)
def test_resource_path(path: str, expected: str) -> None:
    assert resource_path(path) == expected


def test_check_request_matches_method_and_whole_path() -> None:
    assert check_request("post", "orders", example_order(), today=TODAY) == mp.Report()
    assert check_request("GET", "orders", None) is None
    assert check_request("POST", "customers", {}) is None
    assert check_request("GET", "payments", None) is None
    assert check_request("GET", "orders/ord_1/refunds", None) is None
    refund = check_request("POST", "orders/ord_1/refunds", {}, today=TODAY)
    assert refund is not None
    assert [(v.code, v.field) for v in refund] == [("MP710", "lines")]
    report = check_request("POST", "orders", [], today=TODAY)
    assert report is not None
    assert [v.code for v in report] == ["MP001"]


# --- the same error locally and remotely --------------------------------------------------------------

#: A real Mollie 422.
MOLLIE_422 = {
    "status": 422,
    "title": "Unprocessable Entity",
    "detail": "The amount of the order does not match the total amount from the order lines. Expected order "
    "amount to be €1,027.99 but got €100.00",
    "field": "amount",
    "_links": {"documentation": {"href": "https://docs.mollie.com/guides/handling-errors", "type": "text/html"}},
}


def raised_by_client(problem: dict[str, Any]) -> UnprocessableEntityError:
    """What the official client raises when Mollie answers ``problem``."""
    with responses.RequestsMock() as mock:
        mock.add(responses.POST, ORDERS_URL, body=json.dumps(problem), status=422, content_type="application/hal+json")
        with pytest.raises(UnprocessableEntityError) as raised:
            new_client().orders.create(example_order())
    return raised.value


def test_the_client_parses_our_problem_document_like_mollies_own() -> None:
    payload = example_order()
    payload["amount"]["value"] = "100.00"
    ours = mp.validate_order(payload, today=TODAY).to_problem()
    assert ours is not None
    assert set(ours) == set(MOLLIE_422)

    local = raised_by_client(ours)
    remote = raised_by_client(MOLLIE_422)

    assert (local.status, local.field) == (remote.status, remote.field) == (422, "amount")
    assert str(local) == ours["detail"]
    # The core's text ends with a full stop where Mollie's live text has none; the words are the same.
    assert str(local).rstrip(".") == str(remote)


def test_a_line_error_keeps_its_field_and_detail_through_the_client() -> None:
    payload = example_order()
    payload["lines"][1]["vatAmount"]["value"] = "57.28"
    ours = mp.validate_order(payload, today=TODAY).to_problem()
    assert ours is not None

    raised = raised_by_client(ours)

    assert raised.status == 422
    assert raised.field == "lines.1.vatAmount"
    assert str(raised) == ours["detail"]
    assert str(raised).startswith("Order line 1 is invalid. VAT amount is off.")


@responses.activate
def test_every_orders_api_write_is_checked() -> None:
    url = "https://api.mollie.com/v2/orders/ord_pbjz8x/shipments"
    responses.add(responses.POST, url, json={"resource": "shipment", "id": "shp_1"}, status=201)
    client = guard_client(new_client())

    with pytest.raises(mp.OrderValidationError) as refused:
        client.perform_http_call("POST", "orders/ord_pbjz8x/shipments", {"tracking": {"code": "3SKABA000000000"}})
    assert [v.field for v in refused.value.violations] == ["tracking.carrier"]
    assert len(responses.calls) == 0

    shipment = {"lines": [{"id": "odl_dgtxyl", "quantity": 1}], "tracking": {"carrier": "PostNL", "code": "3SKABA"}}
    assert client.perform_http_call("POST", "orders/ord_pbjz8x/shipments", shipment).status_code == 201
    sent = responses.calls[0].request.body
    assert isinstance(sent, str | bytes)
    assert json.loads(sent) == shipment


# --- opt-in: requests on an order checked against the order last seen --------------------------------

ORDER_URL = "https://api.mollie.com/v2/orders/ord_test"
SHIPMENTS_URL = ORDER_URL + "/shipments"
#: Part of a line with a discount, without the amount: Mollie cannot split the discount (MP803).
PARTIAL_SHIPMENT = {"lines": [{"id": "odl_bike", "quantity": 1}]}
VALID_SHIPMENT = {"lines": [{"id": "odl_bike", "quantity": 1, "amount": {"currency": "EUR", "value": "349.00"}}]}


def _sent(index: int) -> object:
    body = responses.calls[index].request.body
    assert isinstance(body, str | bytes)
    return json.loads(body)


@responses.activate
def test_after_orders_get_a_shipment_the_order_refuses_is_never_sent() -> None:
    responses.add(responses.GET, ORDER_URL, json=bikes(), status=200)
    responses.add(responses.POST, SHIPMENTS_URL, json={"resource": "shipment", "id": "shp_1"}, status=201)
    client = guard_client(new_client(), orders=OrderMemory(), today=TODAY)
    order = client.orders.get("ord_test")

    with pytest.raises(mp.OrderValidationError) as refused:
        order.shipments.create(PARTIAL_SHIPMENT)
    assert [(v.code, v.field) for v in refused.value.violations] == [("MP803", "lines.0.amount")]
    assert [call.request.method for call in responses.calls] == ["GET"]

    order.shipments.create(VALID_SHIPMENT)
    assert [call.request.method for call in responses.calls] == ["GET", "POST"]
    assert _sent(1) == VALID_SHIPMENT


@responses.activate
def test_without_the_opt_in_or_after_a_write_only_the_body_is_checked() -> None:
    responses.add(responses.GET, ORDER_URL, json=bikes(), status=200)
    responses.add(responses.POST, SHIPMENTS_URL, json={"resource": "shipment", "id": "shp_1"}, status=201)
    plain = guard_client(new_client(), today=TODAY)
    plain.orders.get("ord_test").shipments.create(PARTIAL_SHIPMENT)  # the body alone is fine: sent
    assert len(responses.calls) == 2

    memory = OrderMemory()
    client = guard_client(new_client(), orders=memory, today=TODAY)
    order = client.orders.get("ord_test")
    order.shipments.create(VALID_SHIPMENT)
    assert memory.get("ord_test") is None  # shipped: what is left to ship is Mollie's to say now
    order.shipments.create(PARTIAL_SHIPMENT)
    assert len(responses.calls) == 5


@responses.activate
def test_the_order_a_create_returns_is_kept_and_an_old_one_expires() -> None:
    created = {**bikes(status="created"), "id": "ord_test"}
    responses.add(responses.POST, ORDERS_URL, json=created, status=201)
    now = [0.0]
    memory = OrderMemory(max_age=60, clock=lambda: now[0])
    client = guard_client(new_client(), orders=memory, today=TODAY)
    client.orders.create(example_order())
    assert memory.get("ord_test") == created
    with pytest.raises(mp.OrderValidationError) as refused:  # not paid yet: nothing can be shipped
        client.perform_http_call("POST", "orders/ord_test/shipments", VALID_SHIPMENT)
    assert "MP806" in [v.code for v in refused.value.violations]
    now[0] = 61.0
    assert memory.get("ord_test") is None
    assert len(memory) == 0


def test_check_request_takes_the_order_explicitly() -> None:
    body = {"lines": [{"id": "odl_bike", "quantity": 1}]}
    alone = check_request("POST", "orders/ord_test/shipments", body, today=TODAY)
    assert alone is not None
    assert list(alone) == []
    with_order = check_request("POST", "orders/ord_test/shipments", body, order=bikes(), today=TODAY)
    assert with_order is not None
    assert [(v.code, v.field) for v in with_order] == [("MP803", "lines.0.amount")]
    created = bikes(status="created")
    line = check_request("PATCH", "orders/ord_test/lines/odl_nope", {"name": "Bike"}, order=created, today=TODAY)
    assert line is not None
    assert [(v.code, v.actual) for v in line] == [("MP801", "odl_nope")]


def test_the_memory_keeps_orders_only_and_at_most_its_capacity() -> None:
    memory = OrderMemory(capacity=2)
    assert not memory.remember({"resource": "shipment", "id": "shp_1"})
    assert not memory.remember([])
    for name in ("ord_a", "ord_b", "ord_c"):
        assert memory.remember({"resource": "order", "id": name})
    assert (memory.get("ord_a"), len(memory)) == (None, 2)
    assert order_id("https://api.mollie.com/v2/orders/ord_a/lines/odl_1?testmode=true") == "ord_a"
    assert order_id("orders") is None
    with pytest.raises(ValueError, match="max_age"):
        OrderMemory(max_age=0)
