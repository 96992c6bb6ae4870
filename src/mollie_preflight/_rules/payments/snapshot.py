"""The payment snapshot (``GET /v2/payments/{id}``) that the capture, refund and update checks run against.

Like the order snapshot (``snapshot.py``), it comes from the caller and is read as defensively as a request
body: anything unusable is a finding (``payment-snapshot-invalid``) and the state checks are skipped, never an
exception. Money is turned into integer minor units once, here, so every state check and the lifecycle model
compute on the same figures.

Fields Mollie returns only once something happened (``amountCaptured``, ``amountRefunded``) default to zero, as
on a new payment. ``amountRemaining`` (what can still be refunded) is Mollie's own figure and wins when the
snapshot carries it; otherwise it is derived as collected − refunded, where *collected* is what was captured of
a ``paid`` payment when the snapshot says (``amountCaptured``; a manual capture may have taken part of it and
released the rest), else its whole amount, and what was captured of an ``authorized`` one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from ..._findings import Severity
from ..._money import InvalidValue, currency_decimals, format_minor, parse_value
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Rule
from ..values import describe, json_type

PAYMENT_STATUSES: Final = ("open", "pending", "authorized", "paid", "canceled", "expired", "failed")
#: The definitive statuses: nothing about how the shopper pays can change any more.
FINALIZED_STATUSES: Final = frozenset({"paid", "canceled", "expired", "failed"})
CAPTURE_MODES: Final = ("automatic", "manual")
#: The snapshot's parts a method's requirements read (lines, addresses), kept as given when the snapshot carries
#: them: update payment holds a new method to them. Mollie's get-payment schema makes each optional (its
#: generated SDKs: ``lines?: ... | null``, ``billingAddress?``), and the reference of early 2024 listed none of
#: them (https://github.com/mollie/api-documentation/blob/55628855dd66c78f43158e8cadae460fdc62cfd1/source/reference/v2/payments-api/get-payment.rst,
#: which gave ``captureMode`` for pre-authorized payments only): an absent key is not known, where ``null`` (or no
#: lines) is the payment's own answer.
_CONTEXT_TYPES: Final[dict[str, tuple[type, str]]] = {
    "lines": (list, "an array"),
    "billingAddress": (dict, "an object"),
    "shippingAddress": (dict, "an object"),
}
METHOD_CONTEXT: Final[tuple[str, ...]] = tuple(_CONTEXT_TYPES)
#: No real timestamp is longer; a longer string is not read at all.
_MAX_TIMESTAMP: Final = 64

PAYMENT_SNAPSHOT_INVALID = Rule(
    "MP970",
    "payment-snapshot-invalid",
    Severity.ERROR,
    (cite.GET_PAYMENT,),
    Evidence.DOCUMENTED,
    "the payment passed as payment= is not a payment as GET /v2/payments/{id} returns it",
    "State checks compare the request with the payment's status and its authorized, captured and refunded "
    "amounts; a snapshot that lacks them cannot be checked against, and a silent pass would be a false all-clear.",
    "Pass the payment exactly as Mollie's get-payment endpoint returned it (parsed JSON).",
)
PAYMENT_SNAPSHOT_BOOKKEEPING = Rule(
    "MP971",
    "payment-snapshot-bookkeeping",
    Severity.WARNING,
    (cite.GET_PAYMENT, cite.CAPTURES_API),
    Evidence.INFERRED,
    "the payment snapshot's captured and refunded amounts do not add up",
    "Mollie never captures more than was authorized, and refunds (unless Mollie enabled over-refunds for the "
    "account) never exceed what was collected; a snapshot that says otherwise was edited or mixed up.",
    "Fetch the payment again from Mollie instead of building or patching the snapshot by hand.",
)

PAYMENT_STATUS = Rule(
    "MP975",
    "payment-status",
    Severity.ERROR,
    (cite.CREATE_CAPTURE, cite.PLACE_A_HOLD, cite.RELEASE_AUTHORIZATION, cite.PAYMENT_STATUS),
    Evidence.DOCUMENTED,
    "the payment's status does not allow this request (a capture or release of a payment that is not authorized)",
    "Only an authorized payment has money on hold to capture or release: an open or pending payment has none "
    "yet, a paid one was captured already, and a canceled, expired or failed one has none any more.",
    "Fetch the payment and act on its current status: capture only payments with status 'authorized' (created "
    "with captureMode 'manual' or a captureDelay).",
)

RULES = (PAYMENT_SNAPSHOT_INVALID, PAYMENT_SNAPSHOT_BOOKKEEPING, PAYMENT_STATUS)


@dataclass(frozen=True, slots=True)
class PaymentState:
    """The parts of a payment snapshot the state checks need, money in minor units of ``currency``."""

    id: str | None
    status: str
    mode: str | None
    currency: str
    decimals: int
    amount: int
    captured: int
    refunded: int
    #: What can still be refunded: Mollie's ``amountRemaining`` when given, else collected − refunded.
    remaining: int
    #: Whether the snapshot carried ``amountCaptured`` (Mollie returns it for methods that capture).
    captures_known: bool
    capture_mode: str | None
    capture_before: datetime.datetime | None
    method: str | None
    #: The order the payment belongs to (``orderId``) when it was created through the Orders API.
    order_id: str | None
    #: The ``METHOD_CONTEXT`` keys the snapshot carries, with their values as given (an array or null, an object
    #: or null): what a method set by update payment is checked against. Read-only, and no part of equality.
    carried: Mapping[str, object] = field(compare=False)
    #: The snapshot's own ``redirectUrl`` and ``cancelUrl`` (a string or null), when it carries them: an update
    #: that sends one of them unchanged is told from one that changes it. Read-only, and no part of equality.
    urls: Mapping[str, object] = field(compare=False)

    @property
    def collected(self) -> int:
        """The money taken from the shopper so far (see the module docstring)."""
        return collected(self.status, self.amount, self.captured if self.captures_known else None)

    @property
    def capturable(self) -> int:
        """What is still authorized and not captured."""
        return self.amount - self.captured

    def money(self, minor: int) -> dict[str, str]:
        """An amount object in the payment's currency."""
        return {"currency": self.currency, "value": format_minor(minor, self.decimals)}

    def shown(self, minor: int) -> str:
        """``minor`` as a reader sees it in a message: ``EUR 35.95``."""
        return f"{self.currency} {format_minor(minor, self.decimals)}"


def collected(status: str, amount: int, captured: int | None) -> int:
    """The money collected: the captures (``None``: not reported) of a paid or authorized payment, all of a
    paid one whose captures are not reported, nothing in any other status."""
    if status == "paid":
        return amount if captured is None else captured
    if status == "authorized":
        return captured or 0
    return 0


class _Reader:
    """Reads a payment snapshot, reporting every problem; ``ok`` turns false on any of them."""

    def __init__(self, ck: Checker) -> None:
        self.ck = ck
        self.ok = True

    def problem(self, where: str, what: str) -> None:
        self.ok = False
        self.ck.report(
            PAYMENT_SNAPSHOT_INVALID,
            (),
            f"The payment snapshot is invalid: '{where}' {what}.",
            extra={"paymentField": where},
        )

    def choice(self, data: dict[object, object], key: str, allowed: tuple[str, ...], *, required: bool) -> str | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.problem(key, f"must be one of {', '.join(allowed)}, got {describe(value)!r}")
            return None
        return value

    def optional_string(self, data: dict[object, object], key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            self.problem(key, f"must be a string or null, got {json_type(value)}")
            return None
        return value

    def money(self, data: dict[object, object], key: str, currency: str, decimals: int) -> int | None:
        """The amount under ``key`` in minor units; an absent one is zero (nothing happened yet)."""
        value = data.get(key)
        if value is None:
            return 0
        raw = value.get("value") if isinstance(value, dict) else None
        if not isinstance(value, dict) or value.get("currency") != currency or not isinstance(raw, str):
            self.problem(key, f"must be an amount object in {currency}, got {describe(value)!r}")
            return None
        minor = parse_value(raw, decimals)
        if isinstance(minor, InvalidValue):
            self.problem(f"{key}.value", f"{describe(raw)!r} {minor.reason}")
            return None
        if minor < 0:
            self.problem(f"{key}.value", f"{describe(raw)!r} is negative")
            return None
        return minor

    def timestamp(self, data: dict[object, object], key: str) -> datetime.datetime | None:
        value = data.get(key)
        if value is None:
            return None
        moment = _parse_timestamp(value)
        if moment is None:
            self.problem(key, f"must be an ISO 8601 date and time with an offset, got {describe(value)!r}")
        return moment


def _parse_timestamp(value: object) -> datetime.datetime | None:
    if not isinstance(value, str) or len(value) > _MAX_TIMESTAMP:
        return None
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def read_payment(ck: Checker, payment: object) -> PaymentState | None:
    """The snapshot as ``PaymentState``, or ``None`` (with findings) when it cannot be used for state checks."""
    reader = _Reader(ck)
    if not isinstance(payment, dict):
        reader.problem("payment", f"must be the payment object, got {json_type(payment)}")
        return None
    status = reader.choice(payment, "status", PAYMENT_STATUSES, required=True)
    amount_object = payment.get("amount")
    currency = amount_object.get("currency") if isinstance(amount_object, dict) else None
    decimals = currency_decimals(currency) if isinstance(currency, str) else None
    if not isinstance(currency, str) or decimals is None:
        reader.problem("amount", "must be an amount object in a currency Mollie supports")
        return None
    amount = reader.money(payment, "amount", currency, decimals)
    captured = reader.money(payment, "amountCaptured", currency, decimals)
    refunded = reader.money(payment, "amountRefunded", currency, decimals)
    given_remaining = reader.money(payment, "amountRemaining", currency, decimals)
    capture_mode = reader.choice(payment, "captureMode", CAPTURE_MODES, required=False)
    capture_before = reader.timestamp(payment, "captureBefore")
    method = reader.optional_string(payment, "method")
    order_id = reader.optional_string(payment, "orderId")
    carried = _carried(reader, payment)
    if (
        not reader.ok
        or status is None
        or amount is None
        or captured is None
        or refunded is None
        or given_remaining is None
    ):
        return None
    captures_known = payment.get("amountCaptured") is not None
    derived = max(collected(status, amount, captured if captures_known else None) - refunded, 0)
    state = PaymentState(
        payment.get("id") if isinstance(payment.get("id"), str) else None,
        status,
        payment.get("mode") if isinstance(payment.get("mode"), str) else None,
        currency,
        decimals,
        amount,
        captured,
        refunded,
        given_remaining if payment.get("amountRemaining") is not None else derived,
        captures_known,
        capture_mode,
        capture_before,
        method,
        order_id or _linked_order(payment),
        carried,
        _urls(payment),
    )
    _check_bookkeeping(ck, state)
    return state


def _urls(payment: dict[object, object]) -> Mapping[str, object]:
    """The ``redirectUrl`` and ``cancelUrl`` ``payment`` carries (a string or null); an absent key is not known,
    and a value of another type is no URL the payment could have."""
    return MappingProxyType(
        {
            key: payment[key]
            for key in ("redirectUrl", "cancelUrl")
            if key in payment and isinstance(payment[key], (str, type(None)))
        }
    )


def _carried(reader: _Reader, payment: dict[object, object]) -> Mapping[str, object]:
    """The ``METHOD_CONTEXT`` keys ``payment`` carries; a value of the wrong JSON type is a problem, as Mollie
    never returns one (lines are an array, addresses objects, each may be null)."""
    carried: dict[str, object] = {}
    for key, (kind, named) in _CONTEXT_TYPES.items():
        if key not in payment:
            continue
        value = payment[key]
        if value is not None and not isinstance(value, kind):
            reader.problem(key, f"must be {named} or null, got {json_type(value)}")
            continue
        carried[key] = value
    return MappingProxyType(carried)


def check_payment_status(ck: Checker, state: PaymentState, allowed: tuple[str, ...], what: str) -> bool:
    """Report when the payment's status is not in ``allowed``; ``what`` names the request ("capture")."""
    if state.status in allowed:
        return True
    payment = state.id or "the payment"
    ck.report(
        PAYMENT_STATUS,
        (),
        f"Cannot {what} payment {payment}: its status is '{state.status}', and only "
        f"{' or '.join(repr(status) for status in allowed)} allows it.",
        actual=state.status,
    )
    return False


def _linked_order(payment: dict[object, object]) -> str | None:
    """The order a payment links to (``_links.order``) when the snapshot has no ``orderId``."""
    links = payment.get("_links")
    order = links.get("order") if isinstance(links, dict) else None
    href = order.get("href") if isinstance(order, dict) else None
    return href.rsplit("/", 1)[-1] or href if isinstance(href, str) else None


def bookkeeping_problems(state: PaymentState) -> list[tuple[str, str]]:
    """(snapshot field, what is wrong) for each figure that does not add up; empty when they all do."""
    problems = []
    if state.captured > state.amount:
        problems.append(
            ("amountCaptured", f"{state.shown(state.captured)} captured of {state.shown(state.amount)} authorized")
        )
    if state.refunded > state.collected:
        problems.append(
            ("amountRefunded", f"{state.shown(state.refunded)} refunded of {state.shown(state.collected)} collected")
        )
    return problems


def _check_bookkeeping(ck: Checker, state: PaymentState) -> None:
    for where, problem in bookkeeping_problems(state):
        ck.report(
            PAYMENT_SNAPSHOT_BOOKKEEPING,
            (),
            f"The payment snapshot does not add up: {problem}.",
            extra={"paymentField": where},
        )
