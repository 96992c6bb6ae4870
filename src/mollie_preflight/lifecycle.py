"""An offline model of an order's and a payment's life at Mollie: create, pay or authorize, ship or capture,
cancel or release, refund, expire.

Every function is pure: it takes an order as ``GET /v2/orders/{id}`` returns it (plain JSON data) and
returns a **new** order with quantities, amounts and statuses updated the way Mollie's order and order-line
status pages describe; the input is never modified. A request Mollie would refuse raises
``LifecycleError`` carrying the same findings the validators give (it *is* the validators' report), so a
back office can be tested end to end without the API::

    order = new_order(payload, today=date(2026, 11, 22))
    order = authorize(order)
    order = ship(order, {"lines": [{"id": order["lines"][0]["id"], "quantity": 1}]})

The Payments API counterpart works on a payment as ``GET /v2/payments/{id}`` returns it. Moving from orders
to payments maps the steps one to one: an order *shipment* becomes a *capture* of the payment's authorized
money (``capture_payment``: an amount, not lines; what is not captured is released with
``release_authorization``, where an order cancelled its unshipped lines), and an *order refund* becomes a
*payment refund* (``refund_payment``: an amount up to ``amountRemaining``, not lines)::

    payment = new_payment({"amount": {"currency": "EUR", "value": "100.00"}, "description": "Order 42",
                           "redirectUrl": "https://shop.example.org/return/42", "method": "creditcard",
                           "captureMode": "manual"})
    payment = authorize_payment(payment)
    payment = capture_payment(payment, {"amount": {"currency": "EUR", "value": "60.00"}})
    payment = release_authorization(payment)  # paid: 60.00 collected, the other 40.00 released
    payment = refund_payment(payment, {"amount": {"currency": "EUR", "value": "10.00"}, "description": "Lock"})

Ids are derived from the content (a hash of the create payload, then of the order id and a counter), so
the same steps give the same ids on every run. Where the docs leave the bookkeeping open, the model
follows the bookkeeping formulas inferred from Mollie's examples (and says so in the rules it reports with).
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
from collections.abc import Callable
from typing import Any, Final, NamedTuple

from ._calls import new_checker
from ._create_order import validate_order
from ._create_payment import validate_payment
from ._endpoints import CANCEL_LINES, CAPTURE, ORDER_CANCEL, ORDER_REFUND, PAYMENT_REFUND, SHIPMENT, Outcome, run
from ._findings import OrderValidationError, Report
from ._money import currency_decimals, format_minor
from ._options import Options
from ._rules.orders.partial import Planned
from ._rules.orders.snapshot import OrderState, derived_quantities, read_snapshot
from ._rules.orders.status import check_order_status
from ._rules.payments.snapshot import PaymentState, check_payment_status, read_payment

Order = dict[str, Any]
Payment = dict[str, Any]

#: Mollie's default order lifetime when the payload has no expiresAt.
DEFAULT_EXPIRY_DAYS: Final = 28
_ID_LENGTH: Final = 10


class LifecycleError(OrderValidationError):
    """The model refused a step, as Mollie would; ``report`` (and ``violations``) say why."""


def new_order(
    create_payload: object,
    *,
    today: datetime.date | None = None,
    options: Options | None = None,
    mode: str = "test",
) -> Order:
    """The order Mollie would create for ``create_payload``: ids, status ``created``, bookkeeping at zero.

    Raises ``LifecycleError`` when ``validate_order`` finds an error in the payload.
    """
    ck = new_checker(options, today)
    report = validate_order(create_payload, today=ck.today, options=options)
    if not report.ok:
        raise LifecycleError(report)
    assert isinstance(create_payload, dict)
    payload: dict[str, Any] = copy.deepcopy(create_payload)
    order_id = "ord_" + _digest(payload)
    created = f"{ck.today.isoformat()}T00:00:00+00:00"
    expires = payload.pop("expiresAt", None) or (ck.today + datetime.timedelta(days=DEFAULT_EXPIRY_DAYS)).isoformat()
    currency = payload["amount"]["currency"]
    zero = {"currency": currency, "value": format_minor(0, _decimals(currency))}
    order: Order = {
        "resource": "order",
        "id": order_id,
        "mode": mode,
        "status": "created",
        "isCancelable": True,
        "createdAt": created,
        "expiresAt": f"{expires}T00:00:00+00:00" if len(str(expires)) == 10 else expires,
        **{key: value for key, value in payload.items() if key not in ("lines", "payment")},
        "amountRefunded": dict(zero),
        "lines": [],
    }
    for index, line in enumerate(payload["lines"]):
        order["lines"].append(
            {
                "resource": "orderline",
                "id": "odl_" + _digest([order_id, index]),
                "orderId": order_id,
                "type": "physical",
                **line,
                "status": "created",
                "isCancelable": False,
                "quantityShipped": 0,
                "amountShipped": dict(zero),
                "quantityRefunded": 0,
                "amountRefunded": dict(zero),
                "quantityCanceled": 0,
                "amountCanceled": dict(zero),
                "shippableQuantity": 0,
                "refundableQuantity": 0,
                "cancelableQuantity": 0,
                "createdAt": created,
            }
        )
    return order


def pay(order: Order, *, today: datetime.date | None = None, options: Options | None = None) -> Order:
    """The shopper paid (a pay-now method): the order and its lines become ``paid``."""
    return _settle(order, "paid", "pay", today, options)


def authorize(
    order: Order, *, method: str = "klarnapaylater", today: datetime.date | None = None, options: Options | None = None
) -> Order:
    """The supplier authorized the order (pay after delivery): ``authorized``; shipping captures the money."""
    return _settle(order, "authorized", "authorize", today, options, method=method, amountCaptured=_zero(order))


def ship(
    order: Order, request: object = None, *, today: datetime.date | None = None, options: Options | None = None
) -> Order:
    """Apply a create-shipment request (``None`` ships everything that is left)."""
    outcome = _accepted(run(SHIPMENT, request, order, today, options))
    result = _copy(order, outcome.state)
    for step in outcome.done:
        line = result["lines"][step.line.index]
        line["quantityShipped"] += step.quantity
        _add(line, "amountShipped", step.amount)
        line["status"] = "completed" if step.line.remaining == step.quantity else "shipping"
    tracking = request.get("tracking") if isinstance(request, dict) else None
    _record(result, "shipments", "shp_", outcome.done, {"tracking": copy.deepcopy(tracking)} if tracking else {})
    return _settle_figures(result, outcome.state)


def cancel_lines(
    order: Order, request: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Order:
    """Apply a cancel-order-lines request."""
    outcome = _accepted(run(CANCEL_LINES, request, order, today, options))
    result = _copy(order, outcome.state)
    for step in outcome.done:
        _cancel(result["lines"][step.line.index], step)
    return _settle_figures(result, outcome.state)


def refund(
    order: Order, request: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Order:
    """Apply a create-order-refund request (``{"lines": []}`` refunds everything refundable)."""
    outcome = _accepted(run(ORDER_REFUND, request, order, today, options))
    result = _copy(order, outcome.state)
    for step in outcome.done:
        line = result["lines"][step.line.index]
        line["quantityRefunded"] += step.quantity
        _add(line, "amountRefunded", step.amount)
    _record(result, "refunds", "re_", outcome.done, {})
    return _settle_figures(result, outcome.state)


def cancel(order: Order, *, today: datetime.date | None = None, options: Options | None = None) -> Order:
    """Cancel the order: what is not shipped is cancelled; shipping lines complete."""
    outcome = _accepted(run(ORDER_CANCEL, None, order, today, options))
    return _cancel_rest(order, outcome.state)


def expire(order: Order, *, today: datetime.date | None = None, options: Options | None = None) -> Order:
    """The order expired (created or authorized, never completed): every line is cancelled."""
    state = _state_for(order, ("created", "pending", "authorized"), "expire", today, options)
    result = _cancel_rest(order, state)
    result["status"] = "expired"
    result["isCancelable"] = False
    return result


def new_payment(
    create_payload: object,
    *,
    today: datetime.date | None = None,
    options: Options | None = None,
    mode: str = "test",
) -> Payment:
    """The payment Mollie would create for ``create_payload``: an id, status ``open``, nothing collected.

    Raises ``LifecycleError`` when ``validate_payment`` finds an error in the payload.
    """
    ck = new_checker(options, today)
    report = validate_payment(create_payload, today=ck.today, options=options)
    if not report.ok or not isinstance(create_payload, dict):
        raise LifecycleError(report)
    payload: dict[str, Any] = copy.deepcopy(create_payload)
    currency = payload["amount"]["currency"]
    return {
        "resource": "payment",
        "id": "tr_" + _digest(payload),
        "mode": mode,
        "status": "open",
        "createdAt": f"{ck.today.isoformat()}T00:00:00+00:00",
        **payload,
        "amountRefunded": {"currency": currency, "value": format_minor(0, _decimals(currency))},
    }


def pay_payment(payment: Payment, *, today: datetime.date | None = None, options: Options | None = None) -> Payment:
    """The shopper paid and the money was taken at once (automatic capture): ``paid``, all of it refundable."""
    state = _payment_for(payment, ("open", "pending"), "pay", today, options)
    result = copy.deepcopy(payment)
    result.update(status="paid", amountRemaining=state.money(state.amount), amountRefunded=state.money(0))
    return result


def authorize_payment(
    payment: Payment,
    *,
    capture_before: str | None = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Payment:
    """The shopper authorized the payment (manual capture): ``authorized``, nothing captured yet.

    ``capture_before`` is when the authorization expires, as Mollie would set it (an ISO 8601 date and time);
    the model sets none of its own, because the window depends on the method and the acquirer.
    """
    state = _payment_for(payment, ("open", "pending"), "authorize", today, options)
    result = copy.deepcopy(payment)
    result.update(status="authorized", amountCaptured=state.money(0), amountRemaining=state.money(0))
    if capture_before is not None:
        result["captureBefore"] = capture_before
    return result


def capture_payment(
    payment: Payment, request: object = None, *, today: datetime.date | None = None, options: Options | None = None
) -> Payment:
    """Apply a create-capture request (``None`` captures all that is still authorized): the shipment's
    counterpart. The payment becomes ``paid`` once all of it is captured."""
    state, amount = _payment_accepted(run(CAPTURE, request, payment, today, options))
    result = _moved(payment, state, "amountCaptured", state.captured + amount)
    result["amountRemaining"] = state.money(state.remaining + amount)
    if state.captured + amount == state.amount:
        result["status"] = "paid"
    _embed_payment(result, "captures", "cpt_", state.money(amount), request)
    return result


def release_authorization(
    payment: Payment, *, today: datetime.date | None = None, options: Options | None = None
) -> Payment:
    """Release what is still authorized and not captured: ``paid`` when something was captured, else
    ``canceled`` (the counterpart of cancelling an authorized order's unshipped lines)."""
    state = _payment_for(payment, ("authorized",), "release the authorization of", today, options)
    result = copy.deepcopy(payment)
    result["status"] = "paid" if state.captured > 0 else "canceled"
    return result


def refund_payment(
    payment: Payment, request: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Payment:
    """Apply a create-payment-refund request: the order refund's counterpart, an amount instead of lines."""
    state, amount = _payment_accepted(run(PAYMENT_REFUND, request, payment, today, options))
    result = _moved(payment, state, "amountRefunded", state.refunded + amount)
    result["amountRemaining"] = state.money(state.remaining - amount)
    _embed_payment(result, "refunds", "re_", state.money(amount), request)
    return result


# --- applying steps -----------------------------------------------------------------------------------


def _accepted(outcome: Outcome[OrderState]) -> _Accepted:
    """The snapshot read and the steps the request takes; ``LifecycleError`` when the validator refused it."""
    if not outcome.report.ok or outcome.state is None:
        raise LifecycleError(outcome.report)
    return _Accepted(outcome.state, outcome.done or [])


class _Accepted(NamedTuple):
    state: OrderState
    done: list[Planned]


def _payment_accepted(outcome: Outcome[PaymentState]) -> tuple[PaymentState, int]:
    """The snapshot read and the money the request moves; ``LifecycleError`` when the validator refused it."""
    if not outcome.report.ok or outcome.state is None or not isinstance(outcome.done, int):
        raise LifecycleError(outcome.report)
    return outcome.state, outcome.done


def _payment_for(
    payment: object, allowed: tuple[str, ...], what: str, today: datetime.date | None, options: Options | None
) -> PaymentState:
    """The payment snapshot when its status allows ``what``; ``LifecycleError`` otherwise."""
    ck = new_checker(options, today)
    state = read_payment(ck, payment)
    if state is not None:
        check_payment_status(ck, state, allowed, what)
    report = Report(tuple(ck.findings), what)
    if state is None or not report.ok:
        raise LifecycleError(report)
    return state


def _moved(payment: Payment, state: PaymentState, key: str, minor: int) -> Payment:
    """A copy of the payment with ``key`` set to ``minor`` and every figure the model keeps present."""
    result = copy.deepcopy(payment)
    result.setdefault("amountCaptured", state.money(state.captured))
    result.setdefault("amountRefunded", state.money(state.refunded))
    result[key] = state.money(minor)
    return result


def _embed_payment(payment: Payment, kind: str, prefix: str, amount: dict[str, str], request: object) -> None:
    description = request.get("description") if isinstance(request, dict) else None
    extra = {"description": description} if isinstance(description, str) else {}
    embedded = payment.setdefault("_embedded", {})
    items = embedded.setdefault(kind, [])
    item_id = prefix + _digest([payment.get("id"), kind, len(items)])
    items.append({"resource": kind[:-1], "id": item_id, "paymentId": payment.get("id"), "amount": amount, **extra})


def _state_for(
    order: object, allowed: tuple[str, ...], what: str, today: datetime.date | None, options: Options | None
) -> OrderState:
    """The snapshot when its status allows ``what``; ``LifecycleError`` otherwise."""
    ck = new_checker(options, today)
    state = read_snapshot(ck, order)
    if state is not None:
        check_order_status(ck, state, allowed, what)
    report = Report(tuple(ck.findings), what)
    if state is None or not report.ok:
        raise LifecycleError(report)
    return state


def _settle(
    order: Order, status: str, what: str, today: datetime.date | None, options: Options | None, **fields: Any
) -> Order:
    """The order paid or authorized: its lines take ``status``, the order gets ``fields`` and a payment."""
    state = _state_for(order, ("created", "pending"), what, today, options)
    result = _copy(order, state)
    result.update(fields)
    for line in result["lines"]:
        if line["status"] == "created":
            line["status"] = status
    amount = copy.deepcopy(result["amount"])
    payment = {"resource": "payment", "status": status, "amount": amount}
    _embed(result, "payments", "tr_", payment)
    return _settle_figures(result, state)


def _cancel(line: dict[str, Any], step: Planned) -> None:
    line["quantityCanceled"] += step.quantity
    _add(line, "amountCanceled", step.amount)
    if line["quantityCanceled"] == line["quantity"]:
        line["status"] = "canceled"
    elif step.line.remaining == step.quantity:
        line["status"] = "completed"


def _cancel_rest(order: Order, state: OrderState) -> Order:
    result = _copy(order, state)
    for line_state in state.lines:
        if line_state.remaining > 0:
            rest = line_state.total - line_state.amount_shipped - line_state.amount_canceled
            _cancel(result["lines"][line_state.index], Planned(line_state, line_state.remaining, rest))
    return _settle_figures(result, state)


def _settle_figures(order: Order, state: OrderState | None) -> Order:
    """Recompute what follows from the quantities: the -able quantities, the order status and sums."""
    assert state is not None
    for line in order["lines"]:
        shippable, cancelable, refundable = derived_quantities(
            line["status"],
            state.capture or order.get("amountCaptured") is not None,
            line["quantity"],
            line["quantityShipped"],
            line["quantityCanceled"],
            line["quantityRefunded"],
        )
        line.update(shippableQuantity=shippable, cancelableQuantity=cancelable, refundableQuantity=refundable)
        line["isCancelable"] = cancelable > 0
    order["status"] = _order_status([line["status"] for line in order["lines"]], order["status"])
    order["isCancelable"] = order["status"] in ("created", "authorized", "shipping")
    order["amountRefunded"] = _sum(order, "amountRefunded")
    if "amountCaptured" in order:
        order["amountCaptured"] = _sum(order, "amountShipped")
    return order


def _order_status(statuses: list[str], current: str) -> str:
    """The order status that the line statuses imply."""
    present = set(statuses)
    if present == {"canceled"}:
        return "expired" if current == "expired" else "canceled"
    if present <= {"completed", "canceled"}:
        return "completed"
    if present & {"shipping", "completed"}:
        return "shipping"
    for status in ("paid", "authorized"):
        if status in present:
            return status
    return current


def _record(order: Order, kind: str, prefix: str, steps: list[Planned], extra: dict[str, Any]) -> None:
    lines = [{"id": step.line.id, "quantity": step.quantity, "amount": _money(order, step.amount)} for step in steps]
    _embed(order, kind, prefix, {"resource": kind[:-1], "lines": lines, **extra})


def _embed(order: Order, kind: str, prefix: str, item: dict[str, Any]) -> None:
    embedded = order.setdefault("_embedded", {})
    items = embedded.setdefault(kind, [])
    items.append({"id": prefix + _digest([order["id"], kind, len(items)]), "orderId": order["id"], **item})


def _copy(order: Order, state: OrderState | None) -> Order:
    """A deep copy of a valid snapshot with every bookkeeping field present (a hand-built snapshot may
    leave the zero ones out; the snapshot reader read them as zero, and so does the model).
    """
    assert state is not None
    result = copy.deepcopy(order)
    for line in result["lines"]:
        for quantity_key, amount_key in _BOOKKEEPING:
            line.setdefault(quantity_key, 0)
            line.setdefault(amount_key, _zero(result))
    result.setdefault("amountRefunded", _zero(result))
    return result


_BOOKKEEPING: Final = (
    ("quantityShipped", "amountShipped"),
    ("quantityCanceled", "amountCanceled"),
    ("quantityRefunded", "amountRefunded"),
)

# --- money on JSON data -------------------------------------------------------------------------------


def _decimals(currency: str) -> int:
    return currency_decimals(currency) or 0


def _minor(amount: dict[str, str]) -> int:
    return int(amount["value"].replace(".", ""))


def _money(order: Order, minor: int) -> dict[str, str]:
    amount = order["amount"]
    return {"currency": amount["currency"], "value": format_minor(minor, _decimals(amount["currency"]))}


def _zero(order: Order) -> dict[str, str]:
    return _money(order, 0)


def _add(line: dict[str, Any], key: str, minor: int) -> None:
    current = line[key]
    decimals = _decimals(current["currency"])
    line[key] = {"currency": current["currency"], "value": format_minor(_minor(current) + minor, decimals)}


def _sum(order: Order, key: str) -> dict[str, str]:
    return _money(order, sum(_minor(line[key]) for line in order["lines"]))


def _digest(data: object) -> str:
    """A short stable hash of JSON-like data (ids that are the same on every run for the same input)."""
    try:
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=_opaque)
    except (TypeError, ValueError, RecursionError):  # non-string keys, cycles, depth: fall back to repr
        text = repr(data)[:100_000]
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_ID_LENGTH]


_opaque: Callable[[object], str] = lambda value: type(value).__name__  # noqa: E731

__all__ = [
    "LifecycleError",
    "authorize",
    "authorize_payment",
    "cancel",
    "cancel_lines",
    "capture_payment",
    "expire",
    "new_order",
    "new_payment",
    "pay",
    "pay_payment",
    "refund",
    "refund_payment",
    "release_authorization",
    "ship",
]
