"""The public validators of the endpoints other than create-order, and ``validate`` by endpoint name.

Each validator takes the request body and, optionally, ``order=``: the order as ``GET /v2/orders/{id}``
returned it. Without ``order`` it checks what the body alone can tell; with
it, also whether the order's state allows the request: line ids, the
shippable / cancelable / refundable quantities, statuses, partial amounts of discounted lines and the
order that would result. Like ``validate_order`` they never raise on any input and never modify it.

The Payments API endpoints that move money after creation (create capture, create payment refund, update
payment) take ``payment=`` instead: the payment as ``GET /v2/payments/{id}`` returned it, read by
``_rules/payments/snapshot.py`` as tolerantly as order snapshots are.

The lifecycle model (``mollie_preflight.lifecycle``) applies the same checks through ``check_*`` and gets
the resolved steps back, so a request the model accepts is by construction one these validators pass.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from ._create_order import validate_order
from ._create_payment import validate_payment
from ._findings import Report
from ._options import Options, new_checker
from ._rules.checker import Checker
from ._rules.orders.cancel import (
    CANCEL_LINES_FIELDS,
    CANCEL_ORDER_FIELDS,
    cancel_lines_requests,
    check_cancel_order,
    plan_cancel_lines,
)
from ._rules.orders.manage import FIELDS as MANAGE_FIELDS
from ._rules.orders.manage import ManagePlan, check_operations
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


@dataclass(slots=True)
class Outcome:
    """A validation's report, plus what the lifecycle model needs to apply a valid request."""

    report: Report
    state: OrderState | None = None
    steps: list[Planned] = field(default_factory=list)
    manage: ManagePlan | None = None


def _start(options: Options | None, today: datetime.date | None, order: object) -> tuple[Checker, OrderState | None]:
    ck = new_checker(options, today)
    state = read_snapshot(ck, order) if order is not None else None
    if state is not None:
        ck.order_currency = state.currency
    return ck, state


def _line_action(
    payload: object,
    order: object,
    today: datetime.date | None,
    options: Options | None,
    *,
    endpoint: str,
    fields: Collection[str],
    read: Callable[[Checker, dict[object, object], OrderState | None], Any],
    plan: Callable[[Checker, Any, OrderState], list[Planned]],
    optional: bool = False,
    extra: Callable[[Checker, dict[object, object], OrderState | None], None] | None = None,
) -> Outcome:
    """The shape shipments, refunds and line cancellations share: body, fields, testmode, the lines asked
    for, the endpoint's own extra checks, and with a snapshot the plan of what the request would do.
    """
    ck, state = _start(options, today, order)
    body = check_body(ck, payload, optional=optional)
    steps: list[Planned] = []
    if body is not None:
        check_unknown_fields(ck, body, fields, endpoint)
        check_testmode(ck, body, state)
        requests = read(ck, body, state)
        if extra is not None:
            extra(ck, body, state)
        if state is not None:
            steps = plan(ck, requests, state)
    return Outcome(Report(tuple(ck.findings), endpoint), state, steps)


def _shipment_extras(ck: Checker, body: dict[object, object], state: OrderState | None) -> None:
    check_tracking(ck, body.get("tracking"), required=False)
    check_routing(ck, body.get("routing"), state.currency if state else None)


def check_shipment(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Outcome:
    return _line_action(
        payload,
        order,
        today,
        options,
        endpoint="create-shipment",
        fields=SHIPMENT_FIELDS,
        read=shipment_lines,
        plan=plan_shipment,
        optional=True,
        extra=_shipment_extras,
    )


def check_refund(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Outcome:
    return _line_action(
        payload,
        order,
        today,
        options,
        endpoint="create-order-refund",
        fields=REFUND_FIELDS,
        read=refund_lines,
        plan=plan_refund,
    )


def check_cancel_lines(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Outcome:
    return _line_action(
        payload,
        order,
        today,
        options,
        endpoint="cancel-order-lines",
        fields=CANCEL_LINES_FIELDS,
        read=cancel_lines_requests,
        plan=plan_cancel_lines,
    )


def check_order_cancel(
    payload: object = None, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Outcome:
    ck, state = _start(options, today, order)
    body = check_body(ck, payload, optional=True)
    if body is not None:
        check_unknown_fields(ck, body, CANCEL_ORDER_FIELDS, "cancel-order")
        check_testmode(ck, body, state)
    if state is not None:
        check_cancel_order(ck, state)
    return Outcome(Report(tuple(ck.findings), "cancel-order"), state)


def check_line_operations(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Outcome:
    ck, state = _start(options, today, order)
    body = check_body(ck, payload)
    plan = None
    if body is not None:
        check_unknown_fields(ck, body, MANAGE_FIELDS, "manage-order-lines")
        check_testmode(ck, body, state)
        plan = check_operations(ck, body, state)
    return Outcome(Report(tuple(ck.findings), "manage-order-lines"), state, manage=plan)


def validate_shipment(
    payload: object = None,
    *,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``POST /v2/orders/{id}/shipments`` body (``None`` or ``{}`` ships everything that is left)."""
    return check_shipment(payload, order=order, today=today, options=options).report


def validate_shipment_update(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/orders/{id}/shipments/{shipmentId}`` body: the tracking details."""
    ck, state = _start(options, today, order)
    body = check_body(ck, payload)
    if body is not None:
        check_unknown_fields(ck, body, ("tracking", "testmode"), "update-shipment")
        check_testmode(ck, body, state)
        check_tracking(ck, body.get("tracking"), required=True)
    return Report(tuple(ck.findings), "update-shipment")


def validate_refund(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``POST /v2/orders/{id}/refunds`` body (``"lines": []`` refunds everything refundable)."""
    return check_refund(payload, order=order, today=today, options=options).report


def validate_cancel_lines(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``DELETE /v2/orders/{id}/lines`` body."""
    return check_cancel_lines(payload, order=order, today=today, options=options).report


def validate_order_cancel(
    payload: object = None,
    *,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``DELETE /v2/orders/{id}`` request: no body but ``testmode``, and an order that can be cancelled."""
    return check_order_cancel(payload, order=order, today=today, options=options).report


def validate_line_operations(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/orders/{id}/lines`` body (manage order lines: add, update, cancel)."""
    return check_line_operations(payload, order=order, today=today, options=options).report


def validate_order_update(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/orders/{id}`` body (addresses, orderNumber, URLs)."""
    ck, state = _start(options, today, order)
    body = check_body(ck, payload)
    if body is not None:
        check_null_parameters(ck, body)
        check_non_existent_parameters(ck, body, (*ORDER_FIELDS, "testmode"))
        check_testmode(ck, body, state)
        check_update_order(ck, body, state)
    return Report(tuple(ck.findings), "update-order")


def validate_line_update(
    payload: object,
    *,
    line_id: str | None = None,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``PATCH /v2/orders/{id}/lines/{line_id}`` body; ``line_id`` (from the URL) enables line checks."""
    ck, state = _start(options, today, order)
    body = check_body(ck, payload)
    if body is not None:
        check_unknown_fields(ck, body, (*LINE_FIELDS, "testmode"), "update-order-line")
        check_testmode(ck, body, state)
        line = state.by_id.get(line_id) if state is not None and isinstance(line_id, str) else None
        figures = check_line_update(ck, body, (), "", line.type if line else None)
        if state is not None and check_line_editable(ck, state, "update a line of"):
            if isinstance(line_id, str) and line is None:
                ck.report(
                    LINE_NOT_IN_ORDER,
                    (),
                    f"The order line {line_id} does not belong to order {state.id or 'the order'}.",
                    actual=line_id,
                )
            elif line is not None and check_line_status(ck, line, (), "", UPDATE) and figures is not None:
                totals = [
                    (figures.total or 0, figures.vat or 0) if other is line else active_figures(other)
                    for other in state.lines
                ]
                check_resulting_order(ck, totals, state, ())
    return Report(tuple(ck.findings), "update-order-line")


def validate_order_payment(
    payload: object = None,
    *,
    order: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report:
    """Check a ``POST /v2/orders/{id}/payments`` body (flat payment parameters) and the order's state."""
    ck, state = _start(options, today, order)
    body = check_body(ck, payload, optional=True)
    if body is not None:
        check_unknown_fields(ck, {k: v for k, v in body.items() if k in ORDER_ONLY_FIELDS}, (), "create-order-payment")
        check_testmode(ck, body, state)
        check_order_payment(ck, body, state)
    return Report(tuple(ck.findings), "create-order-payment")


@dataclass(slots=True)
class PaymentOutcome:
    """A payment request's report, plus what the lifecycle model needs: the snapshot read and the money the
    request would move (minor units; ``None`` unless the request is valid against a snapshot)."""

    report: Report
    state: PaymentState | None = None
    amount: int | None = None


def _start_payment(
    options: Options | None, today: datetime.date | None, payment: object
) -> tuple[Checker, PaymentState | None]:
    ck = new_checker(options, today)
    return ck, read_payment(ck, payment) if payment is not None else None


def check_capture(
    payload: object = None,
    *,
    payment: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> PaymentOutcome:
    ck, state = _start_payment(options, today, payment)
    body = check_body(ck, payload, optional=True)
    amount = None
    if body is not None:
        check_unknown_fields(ck, body, CAPTURE_FIELDS, "create-capture")
        check_payment_testmode(ck, body, state)
        asked = check_capture_body(ck, body, state)
        if state is not None:
            amount = plan_capture(ck, asked, state)
    return PaymentOutcome(Report(tuple(ck.findings), "create-capture"), state, amount)


def check_payment_refund(
    payload: object, *, payment: object = None, today: datetime.date | None = None, options: Options | None = None
) -> PaymentOutcome:
    ck, state = _start_payment(options, today, payment)
    body = check_body(ck, payload)
    amount = None
    if body is not None:
        check_unknown_fields(ck, body, PAYMENT_REFUND_FIELDS, "create-payment-refund")
        check_payment_testmode(ck, body, state)
        asked = check_refund_body(ck, body, state)
        if state is not None:
            amount = plan_payment_refund(ck, body, asked, state)
    return PaymentOutcome(Report(tuple(ck.findings), "create-payment-refund"), state, amount)


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
    return check_capture(payload, payment=payment, today=today, options=options).report


def validate_payment_refund(
    payload: object, *, payment: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``POST /v2/payments/{id}/refunds`` body; with ``payment=``, against what it can still refund."""
    return check_payment_refund(payload, payment=payment, today=today, options=options).report


def validate_payment_update(
    payload: object, *, payment: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Check a ``PATCH /v2/payments/{id}`` body; with ``payment=``, whether its status still allows the change."""
    ck, state = _start_payment(options, today, payment)
    body = check_body(ck, payload)
    if body is not None:
        # The fixed fields get their own error (update-payment-fixed-field), not an unknown-field warning too.
        check_unknown_fields(ck, body, (*PAYMENT_UPDATE_FIELDS, *FIXED_FIELDS), "update-payment")
        check_payment_testmode(ck, body, state)
        check_update_payment(ck, body, state)
    return Report(tuple(ck.findings), "update-payment")


def _on_payment(validator: Callable[..., Report]) -> Callable[..., Report]:
    """A payment endpoint in the dispatcher: it takes ``payment=``; an ``order=`` is a caller's mix-up."""

    def dispatch(payload: object, *, order: object = None, **kwargs: Any) -> Report:
        if order is not None:
            raise ValueError("the Payments API endpoints take a payment snapshot (payment=), not order=")
        return validator(payload, **kwargs)

    return dispatch


def _create_order(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    if order is not None:
        raise ValueError("create-order takes no order snapshot (order=)")
    return validate_order(payload, today=today, options=options)


#: Endpoint name → validator; the names are those of Mollie's reference pages.
def _create_payment(
    payload: object, *, order: object = None, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    if order is not None:
        raise ValueError("create-payment takes no order snapshot (order=)")
    return validate_payment(payload, today=today, options=options)


ENDPOINTS: Final[Mapping[str, Callable[..., Report]]] = MappingProxyType(
    {
        "create-order": _create_order,
        "update-order": validate_order_update,
        "update-order-line": validate_line_update,
        "manage-order-lines": validate_line_operations,
        "cancel-order-lines": validate_cancel_lines,
        "cancel-order": validate_order_cancel,
        "create-shipment": validate_shipment,
        "update-shipment": validate_shipment_update,
        "create-order-refund": validate_refund,
        "create-order-payment": validate_order_payment,
        "create-payment": _create_payment,
        "create-capture": _on_payment(validate_capture),
        "create-payment-refund": _on_payment(validate_payment_refund),
        "update-payment": _on_payment(validate_payment_update),
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
