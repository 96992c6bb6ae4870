"""Create capture (``POST /v2/payments/{id}/captures``): take money a payment only authorized.

A payment created with ``captureMode: "manual"`` (or with a ``captureDelay`` still running) stops at
``authorized``; captures take the money, all at once (no ``amount``) or in parts, until the authorization
expires at ``captureBefore``. This is the Payments API's counterpart of an order's shipments.
"""

from __future__ import annotations

import datetime
from typing import Final, NamedTuple

from ..._findings import Severity
from .. import citations as cite
from ..checker import Checker
from ..common.metadata import check_metadata
from ..rule import Evidence, Rule
from .requests import check_payment_amount, check_payment_description
from .snapshot import PaymentState, check_payment_status

FIELDS: Final = ("amount", "description", "metadata", "testmode")
#: Amsterdam is at most two hours ahead of UTC: a ``captureBefore`` earlier than this before midnight UTC
#: has certainly passed by the start of ``today`` in Mollie's time zone.
_AMSTERDAM_MAX_OFFSET: Final = datetime.timedelta(hours=2)

CAPTURE_ORDER_PAYMENT = Rule(
    "MP976",
    "capture-order-payment",
    Severity.ERROR,
    (cite.CAPTURES_API, cite.MIGRATING_ORDERS_TO_PAYMENTS, cite.live("https://github.com/mollie/OpenCart/issues/359")),
    Evidence.LIVE,
    "a capture of a payment that belongs to an order",
    "Payments of the Orders API are captured by shipping the order's lines; the Captures API captures payments "
    "created with the Payments API. Seen live when a plugin moved to the Payments API with Klarna orders still "
    "authorized: every capture of them was refused.",
    "Create a shipment of the order (POST /v2/orders/{id}/shipments) instead.",
    "Capture not supported for payments linked to orders. Please use the Shipments API instead.",
)
CAPTURE_EXCEEDS_AUTHORIZED = Rule(
    "MP977",
    "capture-exceeds-authorized",
    Severity.ERROR,
    (cite.CREATE_CAPTURE.at("amount"), cite.PLACE_A_HOLD),
    Evidence.INFERRED,
    "a capture of more than the authorized amount that is not captured yet",
    "The authorization holds the payment's amount; what earlier captures took is no longer on hold, so a capture "
    "can take at most the amount minus amountCaptured.",
    "Capture at most the payment's amount minus its amountCaptured, or leave the amount out to capture it all.",
)
CAPTURE_AFTER_DEADLINE = Rule(
    "MP978",
    "capture-after-deadline",
    Severity.ERROR,
    (cite.CREATE_CAPTURE, cite.GET_PAYMENT.at("captureBefore"), cite.RELEASE_AUTHORIZATION),
    Evidence.DOCUMENTED,
    "a capture after the payment's authorization expired (captureBefore)",
    "captureBefore is when the authorization expires; after it, the hold is released and nothing can be captured.",
    "Capture before captureBefore; once it has passed, ask the shopper to pay again.",
)

RULES = (CAPTURE_ORDER_PAYMENT, CAPTURE_EXCEEDS_AUTHORIZED, CAPTURE_AFTER_DEADLINE)


class Asked(NamedTuple):
    """The amount a capture asks for: ``minor`` units, ``None`` for all that is authorized and not captured."""

    minor: int | None


def check_capture_body(ck: Checker, body: dict[object, object], state: PaymentState | None) -> Asked | None:
    """The body's own fields; what it asks to capture, or ``None`` when its amount was reported invalid."""
    check_payment_description(ck, body.get("description"))
    check_metadata(ck, body.get("metadata"), ("metadata",))
    value = body.get("amount")
    if value is None:
        return Asked(None)
    money = check_payment_amount(ck, value, ("amount",), state)
    return Asked(money.minor) if money is not None else None


def plan_capture(ck: Checker, asked: Asked | None, state: PaymentState) -> int | None:
    """The amount the capture would take (minor units), or ``None`` with findings when it cannot.

    ``asked`` is ``check_capture_body``'s answer; ``None`` (an amount already reported) skips the amount checks.
    """
    ok = True
    if state.order_id is not None:
        ck.report(
            CAPTURE_ORDER_PAYMENT,
            (),
            "Capture not supported for payments linked to orders. Please use the Shipments API instead. "
            f"(The payment belongs to order {state.order_id}: create a shipment of it.)",
            actual=state.order_id,
        )
        ok = False
    if not check_payment_status(ck, state, ("authorized",), "capture"):
        return None
    if state.capture_before is not None and _passed(state.capture_before, ck.today):
        ck.report(
            CAPTURE_AFTER_DEADLINE,
            (),
            f"The authorization expired at {state.capture_before.isoformat()} (captureBefore); "
            f"nothing can be captured on {ck.today.isoformat()}.",
            actual=ck.today.isoformat(),
        )
        ok = False
    if asked is None:
        return None
    amount = state.capturable if asked.minor is None else asked.minor
    if amount > state.capturable:
        ck.report(
            CAPTURE_EXCEEDS_AUTHORIZED,
            ("amount", "value"),
            f"The capture of {state.shown(amount)} is more than the {state.shown(state.capturable)} still authorized "
            f"({state.shown(state.amount)} authorized, {state.shown(state.captured)} captured).",
            expected=state.money(state.capturable)["value"] if state.capturable > 0 else None,
            actual=state.money(amount)["value"],
        )
        ok = False
    elif amount <= 0:
        ck.report(
            CAPTURE_EXCEEDS_AUTHORIZED,
            (),
            f"Nothing is left to capture: all of {state.shown(state.amount)} was captured already.",
            actual=state.money(state.captured)["value"],
        )
        ok = False
    return amount if ok else None


def _passed(deadline: datetime.datetime, today: datetime.date) -> bool:
    """Whether ``deadline`` is certainly over by the start of ``today`` in Europe/Amsterdam."""
    midnight_utc = datetime.datetime.combine(today, datetime.time(0), datetime.timezone.utc)
    return deadline < midnight_utc - _AMSTERDAM_MAX_OFFSET
