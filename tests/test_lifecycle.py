"""The lifecycle model: each step returns a new order, updated as Mollie's status pages say, or raises with findings."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest

import mollie_preflight as mp
from mollie_preflight import lifecycle as lc

from .payloads import example_order
from .snapshots import money, order_line, snapshot

TODAY = datetime.date(2026, 11, 22)


def created() -> dict[str, Any]:
    return lc.new_order(example_order(), today=TODAY)


def bike(order: dict[str, Any]) -> str:
    return str(order["lines"][0]["id"])


def figures(order: dict[str, Any], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(line[k]["value"] if isinstance(line[k], dict) else line[k] for k in keys) for line in order["lines"]]


class TestNewOrder:
    def test_shape(self) -> None:
        order = created()
        assert order["status"] == "created"
        assert order["id"].startswith("ord_")
        assert order["expiresAt"] == "2026-12-20T00:00:00+00:00"
        assert order["amount"] == money("1027.99")
        assert figures(order, "status", "quantityShipped", "amountShipped", "shippableQuantity") == [
            ("created", 0, "0.00", 0),
            ("created", 0, "0.00", 0),
        ]
        assert all(line["id"].startswith("odl_") and line["orderId"] == order["id"] for line in order["lines"])

    def test_ids_are_deterministic_and_depend_on_the_payload(self) -> None:
        assert created() == created()
        other = example_order()
        other["orderNumber"] = "2026-0043"
        assert lc.new_order(other, today=TODAY)["id"] != created()["id"]

    def test_expires_at_from_the_payload(self) -> None:
        payload = example_order()
        payload["expiresAt"] = "2026-12-01"
        assert lc.new_order(payload, today=TODAY)["expiresAt"] == "2026-12-01T00:00:00+00:00"

    def test_invalid_payload_raises_with_the_validators_findings(self) -> None:
        payload = example_order()
        payload["amount"]["value"] = "1027.98"
        with pytest.raises(lc.LifecycleError) as info:
            lc.new_order(payload, today=TODAY)
        assert isinstance(info.value, mp.PreflightError)
        assert [v.code for v in info.value.violations] == ["MP304"]
        assert info.value.report == mp.validate_order(payload, today=TODAY)

    def test_snapshot_passes_its_own_checks(self) -> None:
        # a created order: the snapshot itself is fine, only the status stops a shipment
        assert [v.code for v in mp.validate_shipment(None, order=created())] == ["MP806"]


class TestPaidFlow:
    def test_pay_ship_refund(self) -> None:
        order = lc.pay(created(), today=TODAY)
        assert order["status"] == "paid"
        assert figures(order, "status", "shippableQuantity", "refundableQuantity", "cancelableQuantity") == [
            ("paid", 2, 2, 0),
            ("paid", 1, 1, 0),
        ]
        before = copy.deepcopy(order)
        shipped = lc.ship(order, {"lines": [{"id": bike(order), "quantity": 1, "amount": money("299.00")}]})
        assert order == before  # the input is untouched
        assert shipped["status"] == "shipping"
        assert figures(shipped, "status", "quantityShipped", "amountShipped", "shippableQuantity") == [
            ("shipping", 1, "299.00", 1),
            ("paid", 0, "0.00", 1),
        ]
        assert shipped["_embedded"]["shipments"][0]["lines"] == [
            {"id": bike(order), "quantity": 1, "amount": money("299.00")}
        ]
        done = lc.ship(shipped, None)
        assert done["status"] == "completed"
        assert figures(done, "status", "amountShipped") == [("completed", "698.00"), ("completed", "329.99")]
        refunded = lc.refund(done, {"lines": [{"id": bike(order), "quantity": 1, "amount": money("349.00")}]})
        assert refunded["amountRefunded"] == money("349.00")
        assert figures(refunded, "quantityRefunded", "refundableQuantity") == [(1, 1), (0, 1)]
        rest = lc.refund(refunded, {"lines": []})
        assert rest["amountRefunded"] == money("1027.99")

    def test_paid_lines_cannot_be_cancelled(self) -> None:
        order = lc.pay(created())
        with pytest.raises(lc.LifecycleError) as info:
            lc.cancel_lines(order, {"lines": [{"id": bike(order)}]})
        assert [(v.code, v.field, v.expected) for v in info.value.violations] == [("MP807", "lines.0", None)]

    def test_pay_twice_is_refused(self) -> None:
        with pytest.raises(lc.LifecycleError) as info:
            lc.pay(lc.pay(created()))
        assert [(v.code, v.expected, v.actual) for v in info.value.violations] == [("MP806", None, "paid")]


class TestAuthorizedFlow:
    def test_ship_captures_and_cancel_completes(self) -> None:
        order = lc.authorize(created())
        assert order["amountCaptured"] == money("0.00")
        shipped = lc.ship(order, {"lines": [{"id": bike(order), "quantity": 1, "amount": money("299.00")}]})
        assert shipped["amountCaptured"] == money("299.00")
        assert figures(shipped, "refundableQuantity", "cancelableQuantity") == [(1, 1), (0, 1)]
        cancelled = lc.cancel(shipped)
        assert cancelled["status"] == "completed"
        assert figures(cancelled, "status", "quantityCanceled", "amountCanceled") == [
            ("completed", 1, "399.00"),
            ("canceled", 1, "329.99"),
        ]

    def test_cancel_lines_then_everything(self) -> None:
        order = lc.authorize(created())
        lock = order["lines"][1]["id"]
        partly = lc.cancel_lines(order, {"lines": [{"id": lock}]})
        assert partly["status"] == "authorized"
        assert figures(partly, "status") == [("authorized",), ("canceled",)]
        assert lc.cancel(partly)["status"] == "canceled"

    def test_expire(self) -> None:
        expired = lc.expire(lc.authorize(created()))
        assert expired["status"] == "expired"
        assert figures(expired, "status", "quantityCanceled") == [("canceled", 2), ("canceled", 1)]
        with pytest.raises(lc.LifecycleError):
            lc.expire(lc.pay(created()))

    def test_discounted_partial_cancel_needs_amount(self) -> None:
        order = lc.authorize(created())
        with pytest.raises(lc.LifecycleError) as info:
            lc.cancel_lines(order, {"lines": [{"id": bike(order), "quantity": 1}]})
        (v,) = info.value.violations
        assert (v.code, v.field, v.expected) == ("MP803", "lines.0.amount", None)
        assert v.extra == {
            "minimumAmount": {"currency": "EUR", "value": "299.00"},
            "maximumAmount": {"currency": "EUR", "value": "399.00"},
        }
        problem = info.value.report.to_problem()
        assert problem is not None
        assert problem["extra"]["minimumAmount"] == money("299.00")

    def test_malformed_order_is_refused_not_crashed(self) -> None:
        with pytest.raises(lc.LifecycleError) as info:
            lc.ship({"status": "paid"}, None)
        assert [v.code for v in info.value.violations] == ["MP800"]


class TestHandBuiltSnapshots:
    def test_missing_zero_bookkeeping_fields_are_read_as_zero(self) -> None:
        order = snapshot(order_line(status="paid", quantity=2, unit="10.00", total="20.00"), amount=money("20.00"))
        shipped = lc.ship(order, {"lines": [{"id": "odl_a", "quantity": 1}]})
        assert figures(shipped, "status", "quantityShipped", "amountShipped", "quantityCanceled") == [
            ("shipping", 1, "10.00", 0)
        ]
        assert "quantityShipped" not in order["lines"][0]
