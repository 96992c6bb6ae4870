"""Random sequences of ship / cancel / refund on random orders (hypothesis.stateful).

Properties:
- the model accepts a request exactly when the validators find no error in it, and then refuses nothing
  else: its ``LifecycleError`` carries the validators' report;
- every order it returns keeps the line bookkeeping invariants (checked here independently of the model's code), the
  snapshot reader finds nothing wrong with it, and the order it was given is unchanged.
"""

from __future__ import annotations

import copy
import datetime
import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import mollie_preflight as mp
from mollie_preflight import lifecycle as lc
from mollie_preflight._money import format_minor
from mollie_preflight._vat import parse_rate, vat_minor

from .payloads import example_order

TODAY = datetime.date(2026, 11, 22)
RATES = ("0.00", "9.00", "21.00")


def cents(amount: dict[str, str]) -> int:
    return int(amount["value"].replace(".", ""))


def eur(minor: int) -> dict[str, str]:
    return {"currency": "EUR", "value": format_minor(minor, 2)}


@st.composite
def payloads(draw: st.DrawFn) -> dict[str, Any]:
    lines: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 3))):
        quantity = draw(st.integers(1, 4))
        unit = draw(st.integers(0, 20_000))
        discount = draw(st.one_of(st.just(0), st.integers(0, unit * quantity)))
        rate = draw(st.sampled_from(RATES))
        total = unit * quantity - discount
        parsed = parse_rate(rate)
        assert parsed is not None
        line: dict[str, Any] = {
            "name": f"Item {index}",
            "quantity": quantity,
            "unitPrice": eur(unit),
            "totalAmount": eur(total),
            "vatRate": rate,
            "vatAmount": eur(vat_minor(total, parsed)),
        }
        if discount:
            line["discountAmount"] = eur(discount)
        lines.append(line)
    payload = example_order()
    payload["lines"] = lines
    payload["amount"] = eur(sum(cents(line["totalAmount"]) for line in lines))
    assume(cents(payload["amount"]) > 0)  # an order of nothing is refused (MP309)
    return payload


def bounds(line: dict[str, Any], quantity: int, refund: bool, capture: bool) -> tuple[int, int]:
    """The partial-amount rule's inferred bounds, computed here from the JSON (independently of the library's code)."""
    if refund:
        n = line["quantityShipped"] if capture else line["quantity"] - line["quantityCanceled"]
        total = cents(line["amountShipped"]) if capture else cents(line["totalAmount"]) - cents(line["amountCanceled"])
        k, done = line["quantityRefunded"], cents(line["amountRefunded"])
    else:
        n, total = line["quantity"], cents(line["totalAmount"])
        k = line["quantityShipped"] + line["quantityCanceled"]
        done = cents(line["amountShipped"]) + cents(line["amountCanceled"])
    unit, rest = cents(line["unitPrice"]), total - done
    return max(0, rest - unit * (n - k - quantity)), min(unit * quantity, rest)


@st.composite
def line_requests(draw: st.DrawFn, order: dict[str, Any], refund: bool = False) -> dict[str, Any]:
    """A request naming some of the order's lines, with quantities and amounts that often, not always, fit."""
    capture = "amountCaptured" in order
    chosen = draw(st.lists(st.sampled_from(order["lines"]), max_size=3, unique_by=lambda line: line["id"]))
    items = []
    for line in chosen:
        item: dict[str, Any] = {"id": line["id"]}
        if draw(st.booleans()):
            item["quantity"] = draw(st.integers(1, line["quantity"]))
        if "quantity" in item and draw(st.booleans()):
            low, high = bounds(line, item["quantity"], refund, capture)
            anywhere = st.integers(0, cents(line["unitPrice"]) * item["quantity"])
            fitting = st.integers(low, high) if low <= high else anywhere
            item["amount"] = eur(draw(st.one_of(fitting, fitting, anywhere)))
        items.append(item)
    return {"lines": items}


Step = Callable[..., dict[str, Any]]
PROCESSED = (
    ("quantityShipped", "amountShipped"),
    ("quantityCanceled", "amountCanceled"),
    ("quantityRefunded", "amountRefunded"),
)


def check_steps(before: dict[str, Any], after: dict[str, Any]) -> None:
    """No step takes more money than its items are worth at unit price (the documented maximum)."""
    for old, new in zip(before["lines"], after["lines"], strict=True):
        unit = cents(new["unitPrice"])
        for quantity_key, amount_key in PROCESSED:
            items = new[quantity_key] - old[quantity_key]
            money = cents(new[amount_key]) - cents(old[amount_key])
            assert items >= 0
            assert 0 <= money <= unit * items, (quantity_key, items, money, unit)


def cancel_order(order: dict[str, Any], _request: object, **options: Any) -> dict[str, Any]:
    return lc.cancel(order, **options)


class OrderMachine(RuleBasedStateMachine):
    order: dict[str, Any]

    @initialize(payload=payloads(), authorized=st.booleans())
    def create(self, payload: dict[str, Any], authorized: bool) -> None:
        order = lc.new_order(payload, today=TODAY)
        self.order = lc.authorize(order) if authorized else lc.pay(order)

    def attempt(self, validator: Callable[..., mp.Report], step: Step, request: object) -> None:
        before = copy.deepcopy(self.order)
        report = validator(request, order=self.order, today=TODAY)
        event(f"{step.__name__}: {'accepted' if report.ok else 'refused'}")
        if not report.ok:
            with pytest.raises(lc.LifecycleError) as refused:
                step(self.order, request, today=TODAY)
            assert refused.value.report == report
            return
        result = step(self.order, request, today=TODAY)
        assert self.order == before
        check_steps(before, result)
        self.order = result

    @rule(data=st.data())
    def ship(self, data: st.DataObject) -> None:
        request = data.draw(st.one_of(st.none(), line_requests(self.order)))
        self.attempt(mp.validate_shipment, lc.ship, request)

    @rule(data=st.data())
    def cancel_lines(self, data: st.DataObject) -> None:
        self.attempt(mp.validate_cancel_lines, lc.cancel_lines, data.draw(line_requests(self.order)))

    @rule(data=st.data())
    def refund(self, data: st.DataObject) -> None:
        request = data.draw(st.one_of(st.just({"lines": []}), line_requests(self.order, refund=True)))
        self.attempt(mp.validate_refund, lc.refund, request)

    @rule(now=st.integers(0, 3))
    def cancel(self, now: int) -> None:
        if now:  # cancelling ends the order; try it in one step of four so the other steps get their turn
            return
        self.attempt(mp.validate_order_cancel, cancel_order, None)

    @invariant()
    def bookkeeping(self) -> None:
        capture = "amountCaptured" in self.order
        for line in self.order["lines"]:
            quantity, shipped = line["quantity"], line["quantityShipped"]
            canceled, refunded = line["quantityCanceled"], line["quantityRefunded"]
            total = cents(line["totalAmount"])
            a_shipped, a_canceled, a_refunded = (
                cents(line[k]) for k in ("amountShipped", "amountCanceled", "amountRefunded")
            )
            assert min(shipped, canceled, refunded, a_shipped, a_canceled, a_refunded) >= 0
            assert shipped + canceled <= quantity
            assert a_shipped + a_canceled <= total
            remaining = quantity - shipped - canceled
            if remaining == 0:
                assert a_shipped + a_canceled == total  # the money of a finished line adds up exactly
            if capture:
                assert refunded <= shipped
                assert a_refunded <= a_shipped
            else:
                assert refunded <= quantity - canceled
                assert a_refunded <= total - a_canceled
            status = line["status"]
            assert (status == "canceled") == (canceled == quantity)
            if status == "completed":
                assert remaining == 0
                assert shipped > 0
            if status == "shipping":
                assert shipped > 0
                assert remaining > 0
            active = status in ("paid", "authorized", "shipping")
            assert line["shippableQuantity"] == (remaining if active else 0)
            # paid items are refunded, not cancelled: only an authorization can be cancelled
            cancelable = status in ("authorized", "shipping") and capture
            assert line["cancelableQuantity"] == (remaining if cancelable else 0)
            assert line["isCancelable"] == (line["cancelableQuantity"] > 0)
        if capture:
            assert cents(self.order["amountCaptured"]) == sum(cents(x["amountShipped"]) for x in self.order["lines"])
        assert cents(self.order["amountRefunded"]) == sum(cents(x["amountRefunded"]) for x in self.order["lines"])

    @invariant()
    def snapshot_is_clean(self) -> None:
        report = mp.validate_shipment({"lines": [{"id": "odl_none"}]}, order=self.order)
        assert not [v for v in report if v.code in ("MP800", "MP814")], [str(v) for v in report]


# The loaded profile (ci / dev / long); outside soak runs the machine keeps its example count modest.
_PROFILE = settings()
_SOAK = os.environ.get("HYPOTHESIS_PROFILE") == "long"
OrderMachine.TestCase.settings = settings(
    _PROFILE,
    max_examples=_PROFILE.max_examples if _SOAK else min(_PROFILE.max_examples, 40),
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestOrderLifecycle = OrderMachine.TestCase
