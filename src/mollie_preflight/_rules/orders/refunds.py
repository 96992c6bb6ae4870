"""Create order refund."""

from __future__ import annotations

from typing import Final

from ..._findings import Severity
from ..._money import format_for_message, format_minor
from .. import citations as cite
from ..checker import Checker
from ..common.metadata import check_metadata
from ..rule import Evidence, Rule
from ..values import check_optional_text
from .partial import NOTHING_TO_PROCESS, REFUND, Planned, RequestLine, plan, read_request_lines
from .snapshot import OrderState

MAX_DESCRIPTION: Final = 140
FIELDS: Final = ("lines", "description", "metadata", "testmode")

REFUND_LINES_MISSING = Rule(
    "MP710",
    "refund-lines-missing",
    Severity.ERROR,
    (cite.CREATE_ORDER_REFUND, cite.live("https://github.com/mollie/Shopware6/issues/862")),
    Evidence.LIVE,
    "an order refund without the 'lines' field",
    "The reference marks lines as required and refunds the whole order with an empty array. A migration guide "
    "says leaving the key out does the same, but the live API refuses it: 'The 'lines' field is missing.' "
    "(https://github.com/mollie/Shopware6/issues/862).",
    'Send "lines": [] to refund everything, or list the lines to refund.',
    "The 'lines' field is missing.",
)
REFUND_DESCRIPTION = Rule(
    "MP711",
    "refund-description",
    Severity.ERROR,
    (cite.CREATE_ORDER_REFUND,),
    Evidence.DOCUMENTED,
    "a refund's description is not a string of at most 140 characters",
    "The description appears on the shopper's bank statement, which limits its length.",
    "Shorten the description to 140 characters.",
)

RULES = (REFUND_LINES_MISSING, REFUND_DESCRIPTION)


def check_description(ck: Checker, value: object) -> None:
    check_optional_text(ck, REFUND_DESCRIPTION, value, ("description",), MAX_DESCRIPTION)


def refund_lines(ck: Checker, body: dict[object, object], state: OrderState | None) -> list[RequestLine] | None:
    """The request lines, or ``None`` when the body refunds everything (an empty list; no list is refused)."""
    check_description(ck, body.get("description"))
    check_metadata(ck, body.get("metadata"), ("metadata",))
    lines = body.get("lines")
    if lines is None:
        ck.report(REFUND_LINES_MISSING, ("lines",), "The 'lines' field is missing. Send [] to refund everything.")
        return None
    if lines == []:
        return None
    return read_request_lines(ck, lines, state.currency if state else None) or []


def plan_refund(ck: Checker, requests: list[RequestLine] | None, state: OrderState) -> list[Planned]:
    if requests is not None:
        steps = plan(ck, requests, state, REFUND)
        if steps and len(steps) == len({request.id for request in requests}) and not any(s.amount for s in steps):
            # Every line listed can be refunded, and together they are worth nothing: Mollie refuses the refund
            # at lines (https://github.com/mollie/magento2/issues/755, a fixed-price bundle's items at 0.00).
            ck.report(
                NOTHING_TO_PROCESS,
                ("lines",),
                "Cannot create a refund for these lines, the total amount shipped is zero. (The lines listed come "
                f"to {format_for_message(0, state.currency)}.)",
                actual=format_minor(0, state.decimals),
            )
        return steps
    everything = [
        RequestLine(("lines",), "", line.id, None, None, False) for line in state.lines if line.refundable > 0
    ]
    if not everything:
        ck.report(
            NOTHING_TO_PROCESS,
            (),
            f"Nothing is left to be refunded in this order (status '{state.status}').",
            expected="0",
        )
        return []
    return plan(ck, everything, state, REFUND)
