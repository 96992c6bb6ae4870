"""The public validators of the endpoints other than create-order, and ``validate`` by endpoint name.

Each validator takes the request body and, optionally, ``order=``: the order as ``GET /v2/orders/{id}``
returned it. Without ``order`` it checks what the body alone can tell; with
it, also whether the order's state allows the request: line ids, the
shippable / cancelable / refundable quantities, statuses, partial amounts of discounted lines and the
order that would result. Like ``validate_order`` they never raise on any input and never modify it.

The Payments API endpoints that move money after creation (create capture, create payment refund, update
payment) take ``payment=`` instead: the payment as ``GET /v2/payments/{id}`` returned it, read by
``_rules/payments/snapshot.py`` as tolerantly as order snapshots are.

Every endpoint is one row of a table (``Endpoint``): the snapshot it is checked against, the keys its body
takes, and its own checks; ``run`` gives every row the same shape (the body is an object, unknown keys,
``testmode``, then the endpoint's checks), so a new endpoint is a row and a public function, not a copy of
the shape. The lifecycle model (``mollie_preflight.lifecycle``) runs the same rows and gets back what the
request would do, so a request the model accepts is by construction one these validators pass.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Generic, TypeVar

from ._calls import new_checker
from ._create_order import validate_order
from ._create_payment import validate_payment
from ._findings import Report
from ._options import Options
from ._rules.checker import Checker
from ._rules.orders.cancel import (
    CANCEL_LINES_FIELDS,
    CANCEL_ORDER_FIELDS,
    cancel_lines_requests,
    check_cancel_order,
    plan_cancel_lines,
)
from ._rules.orders.manage import FIELDS as MANAGE_FIELDS
from ._rules.orders.manage import check_operations
from ._rules.orders.order_payments import ORDER_ONLY_FIELDS, check_order_payment
from ._rules.orders.partial import LINE_NOT_IN_ORDER, Planned, check_line_status
from ._rules.orders.refunds import FIELDS as REFUND_FIELDS
from ._rules.orders.refunds import plan_refund, refund_lines
from ._rules.orders.requests import (
    check_body,
    check_non_existent_parameters,
    check_null_parameters,
    check_testmode,
    check_unknown_fields,
)
from ._rules.orders.shipments import FIELDS as SHIPMENT_FIELDS
from ._rules.orders.shipments import check_routing, check_tracking, plan_shipment, shipment_lines
from ._rules.orders.snapshot import OrderState, read_snapshot
from ._rules.orders.updates import (
    LINE_FIELDS,
    ORDER_FIELDS,
    UPDATE,
    active_figures,
    check_line_editable,
    check_line_update,
    check_resulting_order,
    check_update_order,
)
from ._rules.payments.captures import FIELDS as CAPTURE_FIELDS
from ._rules.payments.captures import check_capture_body, plan_capture
from ._rules.payments.refunds import FIELDS as PAYMENT_REFUND_FIELDS
from ._rules.payments.refunds import check_refund_body, plan_payment_refund
from ._rules.payments.requests import check_payment_testmode
from ._rules.payments.snapshot import PaymentState, read_payment
from ._rules.payments.updates import FIELDS as PAYMENT_UPDATE_FIELDS
from ._rules.payments.updates import FIXED_FIELDS, check_update_payment

S = TypeVar("S")  # the snapshot as read: OrderState or PaymentState


@dataclass(frozen=True, slots=True)
class Snapshot(Generic[S]):
    """What an endpoint is checked against: the keyword that carries it, how it is read, how ``testmode``
    is held to its mode."""

    keyword: str
    read: Callable[[Checker, object], S | None]
    testmode: Callable[[Checker, dict[object, object], S | None], None]


def _read_order(ck: Checker, order: object) -> OrderState | None:
    state = read_snapshot(ck, order)
    if state is not None:
        ck.order_currency = state.currency
    return state


ORDER: Final[Snapshot[OrderState]] = Snapshot("order", _read_order, check_testmode)
PAYMENT: Final[Snapshot[PaymentState]] = Snapshot("payment", read_payment, check_payment_testmode)


@dataclass(frozen=True, slots=True)
class Endpoint(Generic[S]):
    """One endpoint: its name (Mollie's reference page), its snapshot, the keys its body takes, and its own
    checks. ``check(ck, body, state, **params)`` returns what the request would do (the planned steps, the
    amount moved), which the lifecycle model applies."""

    name: str
    snapshot: Snapshot[S]
    fields: Collection[str]
    check: Callable[..., Any]
    #: ``None`` (or ``{}``) is a whole request: ship, capture or cancel everything.
    body_optional: bool = False
    #: Mollie answers a ``null`` or an unknown key with "Non-existent body parameter" (seen live on
    #: update-order): errors, where other endpoints get the unknown-field warning.
    refuses_non_existent: bool = False
    #: Mollie answers an unknown key with "Non-existent body parameter" (seen live on cancel-order-lines), but no
    #: answer shows what it makes of a ``null``: unknown keys are errors, a known key's ``null`` is left as it was.
    refuses_unknown: bool = False
    #: When set, only these keys are reported as not taken (create-order-payment takes any payment
    #: parameter, but not the order's own).
    refused_fields: Collection[str] = ()
    #: Checked with a snapshot whatever the body (cancel-order: is the order cancelable at all).
    state_check: Callable[[Checker, S], object] | None = None


@dataclass(frozen=True, slots=True)
class Outcome(Generic[S]):
    """A validation's report, the snapshot as read, and what the request would do (``None`` unless the
    body was an object)."""

    report: Report
    state: S | None
    done: Any


def run(
    endpoint: Endpoint[S],
    payload: object,
    snapshot: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
    **params: Any,
) -> Outcome[S]:
    """Check ``payload`` as a request to ``endpoint``: the shape every endpoint shares, then its own checks."""
    ck = new_checker(options, today)
    state = endpoint.snapshot.read(ck, snapshot) if snapshot is not None else None
    body = check_body(ck, payload, optional=endpoint.body_optional)
    done = None
    if body is not None:
        if endpoint.refuses_non_existent:
            check_null_parameters(ck, body)
            check_non_existent_parameters(ck, body, endpoint.fields)
        elif endpoint.refuses_unknown:
            check_non_existent_parameters(ck, body, endpoint.fields, skip_null=False)
        elif endpoint.refused_fields:
            refused = {key: value for key, value in body.items() if key in endpoint.refused_fields}
            check_unknown_fields(ck, refused, (), endpoint.name)
        else:
            check_unknown_fields(ck, body, endpoint.fields, endpoint.name)
        endpoint.snapshot.testmode(ck, body, state)
        done = endpoint.check(ck, body, state, **params)
    if endpoint.state_check is not None and state is not None:
        endpoint.state_check(ck, state)
    return Outcome(Report(tuple(ck.findings), endpoint.name), state, done)


# The endpoints' own checks, in the order their findings come out.


def _ship(ck: Checker, body: dict[object, object], state: OrderState | None) -> list[Planned]:
    requests = shipment_lines(ck, body, state)
    check_tracking(ck, body.get("tracking"), required=False)
    check_routing(ck, body.get("routing"), state.currency if state else None)
    return plan_shipment(ck, requests, state) if state is not None else []


def _refund(ck: Checker, body: dict[object, object], state: OrderState | None) -> list[Planned]:
    requests = refund_lines(ck, body, state)
    return plan_refund(ck, requests, state) if state is not None else []


def _cancel_lines(ck: Checker, body: dict[object, object], state: OrderState | None) -> list[Planned]:
    requests = cancel_lines_requests(ck, body, state)
    return plan_cancel_lines(ck, requests, state) if state is not None else []


def _no_body_checks(ck: Checker, body: dict[object, object], state: object) -> None:
    """cancel-order takes no parameters but ``testmode``: its checks are of the order's state."""


def _update_tracking(ck: Checker, body: dict[object, object], state: OrderState | None) -> None:
    check_tracking(ck, body.get("tracking"), required=True)


def _update_line(ck: Checker, body: dict[object, object], state: OrderState | None, *, line_id: object = None) -> None:
    line = state.by_id.get(line_id) if state is not None and isinstance(line_id, str) else None
    figures = check_line_update(ck, body, (), "", line.type if line else None)
    if state is None or not check_line_editable(ck, state, "update a line of"):
        return
    if isinstance(line_id, str) and line is None:
        ck.report(
            LINE_NOT_IN_ORDER,
            (),
            f"The order line {line_id} does not belong to order {state.id or 'the order'}.",
            actual=line_id,
        )
    elif line is not None and check_line_status(ck, line, (), "", UPDATE) and figures is not None:
        totals = [
            (figures.total or 0, figures.vat or 0) if other is line else active_figures(other) for other in state.lines
        ]
        check_resulting_order(ck, totals, state, ())


def _capture(ck: Checker, body: dict[object, object], state: PaymentState | None) -> int | None:
    asked = check_capture_body(ck, body, state)
    return plan_capture(ck, asked, state) if state is not None else None


def _refund_payment(ck: Checker, body: dict[object, object], state: PaymentState | None) -> int | None:
    asked = check_refund_body(ck, body, state)
    return plan_payment_refund(ck, body, asked, state) if state is not None else None


SHIPMENT: Final = Endpoint("create-shipment", ORDER, SHIPMENT_FIELDS, _ship, body_optional=True)
SHIPMENT_UPDATE: Final = Endpoint("update-shipment", ORDER, ("tracking", "testmode"), _update_tracking)
ORDER_REFUND: Final = Endpoint("create-order-refund", ORDER, REFUND_FIELDS, _refund)
CANCEL_LINES: Final = Endpoint("cancel-order-lines", ORDER, CANCEL_LINES_FIELDS, _cancel_lines, refuses_unknown=True)
ORDER_CANCEL: Final = Endpoint(
    "cancel-order", ORDER, CANCEL_ORDER_FIELDS, _no_body_checks, body_optional=True, state_check=check_cancel_order
)
LINE_OPERATIONS: Final = Endpoint("manage-order-lines", ORDER, MANAGE_FIELDS, check_operations)
ORDER_UPDATE: Final = Endpoint(
    "update-order", ORDER, (*ORDER_FIELDS, "testmode"), check_update_order, refuses_non_existent=True
)
LINE_UPDATE: Final = Endpoint("update-order-line", ORDER, (*LINE_FIELDS, "testmode"), _update_line)
ORDER_PAYMENT: Final = Endpoint(
    "create-order-payment",
    ORDER,
    (),
    check_order_payment,
    body_optional=True,
    refused_fields=ORDER_ONLY_FIELDS,
)
CAPTURE: Final = Endpoint("create-capture", PAYMENT, CAPTURE_FIELDS, _capture, body_optional=True)
PAYMENT_REFUND: Final = Endpoint("create-payment-refund", PAYMENT, PAYMENT_REFUND_FIELDS, _refund_payment)
# The fixed fields get their own error (update-payment-fixed-field), not an unknown-field warning too.
PAYMENT_UPDATE: Final = Endpoint(
    "update-payment", PAYMENT, (*PAYMENT_UPDATE_FIELDS, *FIXED_FIELDS), check_update_payment
)


# The public validators: one row each, with the signature and the words a caller reads.


def validate_shipment(
    payload: object = None,
    *,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``POST /v2/orders/{id}/shipments`` body (``None`` or ``{}`` ships everything that is left)."""
    return run(SHIPMENT, payload, order, today, options).report


def validate_shipment_update(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/orders/{id}/shipments/{shipmentId}`` body: the tracking details."""
    return run(SHIPMENT_UPDATE, payload, order, today, options).report


def validate_refund(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``POST /v2/orders/{id}/refunds`` body (``"lines": []`` refunds everything refundable)."""
    return run(ORDER_REFUND, payload, order, today, options).report


def validate_cancel_lines(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``DELETE /v2/orders/{id}/lines`` body."""
    return run(CANCEL_LINES, payload, order, today, options).report


def validate_order_cancel(
    payload: object = None,
    *,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``DELETE /v2/orders/{id}`` request: no body but ``testmode``, and an order that can be cancelled."""
    return run(ORDER_CANCEL, payload, order, today, options).report


def validate_line_operations(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/orders/{id}/lines`` body (manage order lines: add, update, cancel)."""
    return run(LINE_OPERATIONS, payload, order, today, options).report


def validate_order_update(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/orders/{id}`` body (addresses, orderNumber, URLs)."""
    return run(ORDER_UPDATE, payload, order, today, options).report


def validate_line_update(
    payload: object,
    *,
    line_id: str | None = None,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``PATCH /v2/orders/{id}/lines/{line_id}`` body; ``line_id`` (from the URL) enables line checks."""
    return run(LINE_UPDATE, payload, order, today, options, line_id=line_id).report


def validate_order_payment(
    payload: object = None,
    *,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``POST /v2/orders/{id}/payments`` body (flat payment parameters) and the order's state."""
    return run(ORDER_PAYMENT, payload, order, today, options).report


def validate_capture(
    payload: object = None,
    *,
    payment: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``POST /v2/payments/{id}/captures`` body (``None`` or ``{}`` captures all that is authorized).

    ``payment`` is the payment as ``GET /v2/payments/{id}`` returned it; with it the capture is also checked
    against the payment's status, the amount still authorized and ``captureBefore``.
    """
    return run(CAPTURE, payload, payment, today, options).report


def validate_payment_refund(
    payload: object, *, payment: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``POST /v2/payments/{id}/refunds`` body; with ``payment=``, against what it can still refund."""
    return run(PAYMENT_REFUND, payload, payment, today, options).report


def validate_payment_update(
    payload: object, *, payment: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/payments/{id}`` body; with ``payment=``, whether its status still allows the change."""
    return run(PAYMENT_UPDATE, payload, payment, today, options).report


def _dispatch(endpoint: Endpoint[Any]) -> Callable[..., Report]:
    """A row in ``validate``: its snapshot comes as ``order=`` or ``payment=``; the other one is a mix-up."""

    def validator(
        payload: object,
        *,
        order: object = None,
        payment: object = None,
        today: datetime.date | None = None,
        options: Options | None = None,
        **params: Any,
    ) -> Report:
        takes = endpoint.snapshot.keyword
        other = "payment" if takes == "order" else "order"
        snapshot, mixed_up = (order, payment) if takes == "order" else (payment, order)
        if mixed_up is not None:
            raise ValueError(f"{endpoint.name} takes its snapshot as {takes}=, not {other}=")
        return run(endpoint, payload, snapshot, today, options, **params).report

    return validator


def _without_snapshot(name: str, validator: Callable[..., Report]) -> Callable[..., Report]:
    """create-order and create-payment: a new resource, so there is no snapshot to check against."""

    def dispatch(
        payload: object,
        *,
        order: object = None,
        payment: object = None,
        today: datetime.date | None = None,
        options: Options | None = None,
    ) -> Report:
        if order is not None or payment is not None:
            raise ValueError(f"{name} takes no snapshot (order= or payment=)")
        return validator(payload, today=today, options=options)

    return dispatch


_ROWS: Final = (
    ORDER_UPDATE,
    LINE_UPDATE,
    LINE_OPERATIONS,
    CANCEL_LINES,
    ORDER_CANCEL,
    SHIPMENT,
    SHIPMENT_UPDATE,
    ORDER_REFUND,
    ORDER_PAYMENT,
)
_PAYMENT_ROWS: Final = (CAPTURE, PAYMENT_REFUND, PAYMENT_UPDATE)

#: Endpoint name → validator; the names are those of Mollie's reference pages.
ENDPOINTS: Final[Mapping[str, Callable[..., Report]]] = MappingProxyType(
    {
        "create-order": _without_snapshot("create-order", validate_order),
        **{row.name: _dispatch(row) for row in _ROWS},
        "create-payment": _without_snapshot("create-payment", validate_payment),
        **{row.name: _dispatch(row) for row in _PAYMENT_ROWS},
    }
)


def validate(
    payload: object,
    endpoint: str = "create-order",
    *,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
    **params: Any,
) -> Report:
    """Validate ``payload`` for ``endpoint`` (one of ``ENDPOINTS``); ``ValueError`` for an unknown name.

    ``params`` are the endpoint's own keywords (``line_id=`` for update-order-line, ``payment=`` for the
    Payments API endpoints, which take the payment snapshot instead of ``order=``).
    """
    validator = ENDPOINTS.get(endpoint) if isinstance(endpoint, str) else None
    if validator is None:
        raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {', '.join(ENDPOINTS)}")
    return validator(payload, order=order, today=today, options=options, **params)
