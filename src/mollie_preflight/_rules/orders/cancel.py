"""Cancel order lines and cancel order."""

from __future__ import annotations

from typing import Final

from ..._findings import Severity
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Rule
from .partial import CANCEL, REQUEST_LINES, Planned, RequestLine, plan, read_request_lines
from .snapshot import OrderState
from .status import ORDER_STATUS

CANCEL_LINES_FIELDS: Final = ("lines", "testmode")
CANCEL_ORDER_FIELDS: Final = ("testmode",)
CANCELABLE_ORDER_STATUSES: Final = ("created", "authorized", "shipping")
#: Payment statuses that are still open: an order with such a payment cannot be cancelled.
OPEN_PAYMENT_STATUSES: Final = frozenset({"open", "pending"})

OPEN_PAYMENT = Rule(
    "MP809",
    "open-payment",
    Severity.ERROR,
    (
        cite.CANCEL_ORDER,
        cite.CREATE_ORDER_PAYMENT,
        cite.live("https://github.com/Viincenttt/MollieApi/issues/302"),
    ),
    Evidence.DOCUMENTED,
    "the order has a payment that is still open (or, for a new payment, not failed, expired or canceled)",
    "An open payment may still complete; Mollie refuses to cancel the order or start another payment "
    "while one is under way.",
    "Wait for the payment to finish, fail or expire (or cancel it) first.",
)
UNSHIPPED_PAID_LINES = Rule(
    "MP815",
    "unshipped-paid-lines",
    Severity.ERROR,
    (cite.CANCEL_ORDER,),
    Evidence.DOCUMENTED,
    "a shipping order with unshipped paid lines is cancelled",
    "Cancelling a shipping order completes its shipping lines and cancels its authorized ones; paid items "
    "that were never shipped cannot be cancelled, they must be refunded.",
    "Refund the paid lines that will not be shipped instead of cancelling the order.",
)

RULES = (OPEN_PAYMENT, UNSHIPPED_PAID_LINES)


def cancel_lines_requests(ck: Checker, body: dict[object, object], state: OrderState | None) -> list[RequestLine]:
    lines = body.get("lines")
    if lines == []:
        ck.report(REQUEST_LINES, ("lines",), "The 'lines' field must list at least one line to cancel.")
        return []
    if lines is None:
        ck.report(REQUEST_LINES, ("lines",), "The 'lines' field is required.")
        return []
    return read_request_lines(ck, lines, state.currency if state else None) or []


def plan_cancel_lines(ck: Checker, requests: list[RequestLine], state: OrderState) -> list[Planned]:
    return plan(ck, requests, state, CANCEL)


#: Mollie's answer to cancelling an order whose payment is still open: 400 Bad Request, no field
#: (https://github.com/Viincenttt/MollieApi/issues/302, an order cancelled right after it was created).
CANCEL_WITH_OPEN_PAYMENT: Final = "Unable to cancel order at this moment, please try again later."


def check_no_open_payment(ck: Checker, state: OrderState) -> bool:
    """Whether the snapshot's payments allow cancelling the order; Mollie answers 400 with its own text, which
    the finding carries, followed by the reason it leaves out."""
    open_ones = [status for status in state.payments or () if status in OPEN_PAYMENT_STATUSES]
    if not open_ones:
        return True
    ck.report(
        OPEN_PAYMENT,
        (),
        f"{CANCEL_WITH_OPEN_PAYMENT} (Order {state.id or 'the order'} has a payment that is still {open_ones[0]}.)",
        actual=open_ones[0],
        status=400,
    )
    return False


def check_cancel_order(ck: Checker, state: OrderState) -> bool:
    """Whether the snapshot's status and payments allow cancelling the order; ``True`` when they do.

    Mollie answers a cancel in a final state with 400 Bad Request and no field, not 422
    (https://github.com/mollie/magento2/issues/240); the finding carries that status and Mollie's text.
    """
    if state.status not in CANCELABLE_ORDER_STATUSES:
        ck.report(
            ORDER_STATUS,
            (),
            f"The order cannot be canceled from state: {state.status}.",
            actual=state.status,
            status=400,
        )
        return False
    ok = check_no_open_payment(ck, state)
    if state.status == "shipping":
        for line in state.lines:
            if line.remaining > 0 and (line.status == "paid" or not state.capture):
                ok = False
                ck.report(
                    UNSHIPPED_PAID_LINES,
                    (),
                    f"Cannot cancel the order: line {line.index} ({line.id}) is paid and has {line.remaining} "
                    "unshipped item(s); refund them instead.",
                    actual=line.id,
                )
    return ok
