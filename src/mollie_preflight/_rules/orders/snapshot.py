"""The order snapshot (``GET /v2/orders/{id}``) that state checks run against.

A snapshot comes from the caller, so it is read as defensively as a request body: anything unusable is a
finding (``order-snapshot-invalid``) and the state checks are skipped, never an exception. What is read
is turned into integers (quantities, minor units) once, here, so that every state check and the
lifecycle model compute on the same figures.

Fields Mollie always returns but a hand-built snapshot may leave out are defaulted the way a new order
has them: the processed quantities and amounts are zero, and the ``*ableQuantity`` fields are derived
from the quantities and the line status with the bookkeeping formulas we infer from Mollie's examples.
When the snapshot does carry them, Mollie's own figures win: they are authoritative.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from ..._findings import Severity
from ..._money import InvalidValue, currency_decimals, format_minor, parse_value
from ..._vat import Rate, parse_rate
from .. import citations as cite
from ..checker import Checker
from ..common.lines import MAX_QUANTITY
from ..rule import Evidence, Rule
from ..values import describe, json_type

ORDER_STATUSES: Final = ("created", "pending", "paid", "authorized", "shipping", "completed", "canceled", "expired")
LINE_STATUSES: Final = ("created", "paid", "authorized", "shipping", "completed", "canceled")
#: Methods whose orders are authorized first and captured by shipping (the "capture flow").
CAPTURE_METHODS: Final = frozenset({"klarna", "klarnapaylater", "klarnapaynow", "klarnasliceit", "billie"})
#: Line statuses in which items can still be shipped / cancelled / refunded .
SHIPPABLE_STATUSES: Final = frozenset({"paid", "authorized", "shipping"})
CANCELABLE_STATUSES: Final = frozenset({"authorized", "shipping"})
REFUNDABLE_STATUSES: Final = frozenset({"paid", "shipping", "completed"})
#: A generous bound on the lines read from a snapshot; an order never has more.
MAX_SNAPSHOT_LINES: Final = 10_000

SNAPSHOT_INVALID = Rule(
    "MP800",
    "order-snapshot-invalid",
    Severity.ERROR,
    (cite.GET_ORDER, cite.live("https://github.com/mollie/PrestaShop/issues/1195")),
    Evidence.DOCUMENTED,
    "the order passed as order= is not an order as GET /v2/orders/{id} returns it",
    "State checks compare the request with the order's lines, statuses and quantities; a snapshot that lacks "
    "them cannot be checked against, and a silent pass would be a false all-clear.",
    "Pass the order exactly as Mollie's get-order endpoint returned it (parsed JSON).",
)
SNAPSHOT_BOOKKEEPING = Rule(
    "MP814",
    "order-snapshot-bookkeeping",
    Severity.WARNING,
    (cite.GET_ORDER, cite.live("https://github.com/mollie/PrestaShop/issues/1195")),
    Evidence.INFERRED,
    "the snapshot's quantities, amounts and statuses do not satisfy the bookkeeping invariants",
    "Mollie's figures always add up (shipped + canceled ≤ quantity, processed amounts within the line total, "
    "statuses that follow from the quantities); a snapshot that does not was edited or mixed up.",
    "Fetch the order again from Mollie instead of building or patching the snapshot by hand.",
)

RULES = (SNAPSHOT_INVALID, SNAPSHOT_BOOKKEEPING)


@dataclass(frozen=True, slots=True)
class LineState:
    """One order line of a snapshot, every figure as an integer (money in minor units)."""

    index: int
    id: str
    status: str
    type: str
    quantity: int
    shipped: int
    canceled: int
    refunded: int
    amount_shipped: int
    amount_canceled: int
    amount_refunded: int
    unit_price: int
    discount: int
    total: int
    vat: int
    rate: Rate | None
    shippable: int
    cancelable: int
    refundable: int

    @property
    def remaining(self) -> int:
        """Items neither shipped nor cancelled."""
        return self.quantity - self.shipped - self.canceled


@dataclass(frozen=True, slots=True)
class OrderState:
    """The parts of an order snapshot the state checks need."""

    id: str | None
    status: str
    currency: str
    decimals: int
    capture: bool
    mode: str | None
    lines: tuple[LineState, ...]
    by_id: Mapping[str, LineState]
    #: Statuses of the order's payments when the snapshot embeds them (``_embedded.payments``), else ``None``.
    payments: tuple[str, ...] | None
    #: The order's payment method when the snapshot names one (a string; arrays are left out).
    method: str | None = None
    #: Whether the billing address names an organization; ``None`` when the snapshot has no billing address.
    #: A new payment with a B2B method (billie) needs one, as the order did (mollie/Shopware6#840).
    billing_organization: bool | None = None

    def money(self, minor: int) -> dict[str, str]:
        """An amount object in the order's currency."""
        return {"currency": self.currency, "value": format_minor(minor, self.decimals)}


def derived_quantities(
    status: str, capture: bool, quantity: int, shipped: int, canceled: int, refunded: int
) -> tuple[int, int, int]:
    """(shippable, cancelable, refundable) as we infer them from the quantities and the line status."""
    remaining = quantity - shipped - canceled
    shippable = remaining if status in SHIPPABLE_STATUSES else 0
    # In the paid flow unshipped items are refunded, not cancelled (see ``partial.CANCEL``).
    cancelable = remaining if status in CANCELABLE_STATUSES and capture else 0
    if status not in REFUNDABLE_STATUSES:
        refundable = 0
    elif capture:
        refundable = shipped - refunded
    else:
        refundable = quantity - refunded - canceled
    return max(shippable, 0), max(cancelable, 0), max(refundable, 0)


class _Reader:
    """Reads a snapshot, reporting the first few problems; ``ok`` turns false on any of them."""

    def __init__(self, ck: Checker) -> None:
        self.ck = ck
        self.ok = True

    def problem(self, where: str, what: str) -> None:
        self.ok = False
        self.ck.report(
            SNAPSHOT_INVALID,
            (),
            f"The order snapshot is invalid: '{where}' {what}.",
            extra={"orderField": where},
        )

    def string(self, data: dict[object, object], key: str, where: str, allowed: tuple[str, ...] = ()) -> str | None:
        value = data.get(key)
        if not isinstance(value, str) or (allowed and value not in allowed):
            wanted = f"one of {', '.join(allowed)}" if allowed else "a string"
            self.problem(f"{where}{key}", f"must be {wanted}, got {describe(value)!r}")
            return None
        return value

    def count(self, data: dict[object, object], key: str, where: str, *, minimum: int = 0) -> int | None:
        value = data.get(key, 0 if minimum == 0 else None)
        if type(value) is not int or not minimum <= value <= MAX_QUANTITY:
            self.problem(f"{where}{key}", f"must be a whole number of at least {minimum}, got {describe(value)!r}")
            return None
        return value

    def amount(self, data: dict[object, object], key: str, where: str, currency: str, *, default: bool) -> int | None:
        value = data.get(key)
        if value is None and default:
            return 0
        if not isinstance(value, dict) or value.get("currency") != currency or not isinstance(value.get("value"), str):
            self.problem(f"{where}{key}", f"must be an amount object in {currency}, got {describe(value)!r}")
            return None
        minor = parse_value(value["value"], currency_decimals(currency))
        if isinstance(minor, InvalidValue):
            self.problem(f"{where}{key}.value", f"{describe(value['value'])!r} {minor.reason}")
            return None
        return minor


def read_snapshot(ck: Checker, order: object) -> OrderState | None:
    """The snapshot as ``OrderState``, or ``None`` (with findings) when it cannot be used for state checks."""
    reader = _Reader(ck)
    if not isinstance(order, dict):
        reader.problem("order", f"must be the order object, got {json_type(order)}")
        return None
    status = reader.string(order, "status", "", ORDER_STATUSES)
    amount = order.get("amount")
    currency = amount.get("currency") if isinstance(amount, dict) else None
    decimals = currency_decimals(currency) if isinstance(currency, str) else None
    if not isinstance(currency, str) or decimals is None:
        reader.problem("amount", "must be an amount object in a currency Mollie supports")
        return None
    raw_lines = order.get("lines")
    if not isinstance(raw_lines, list) or not raw_lines or len(raw_lines) > MAX_SNAPSHOT_LINES:
        reader.problem("lines", f"must be a non-empty array of order lines, got {describe(raw_lines)!r}")
        return None
    method = order.get("method")
    capture = (
        status == "authorized"
        or "amountCaptured" in order
        or (isinstance(method, str) and method in CAPTURE_METHODS)
        or any(isinstance(line, dict) and line.get("status") == "authorized" for line in raw_lines)
    )
    lines = [_read_line(reader, line, index, currency, capture) for index, line in enumerate(raw_lines)]
    by_id: dict[str, LineState] = {}
    for line in lines:
        if line is not None and by_id.setdefault(line.id, line) is not line:
            reader.problem(f"lines.{line.index}.id", f"repeats the id {line.id!r} of line {by_id[line.id].index}")
    if not reader.ok or status is None:
        return None
    state = OrderState(
        order.get("id") if isinstance(order.get("id"), str) else None,
        status,
        currency,
        decimals,
        capture,
        order.get("mode") if isinstance(order.get("mode"), str) else None,
        tuple(line for line in lines if line is not None),
        MappingProxyType(by_id),
        _payments(order),
        method if isinstance(method, str) else None,
        _billing_organization(order.get("billingAddress")),
    )
    _check_invariants(ck, state)
    return state


def _billing_organization(address: object) -> bool | None:
    if not isinstance(address, dict):
        return None
    name = address.get("organizationName")
    return isinstance(name, str) and name.strip() != ""


def _read_line(reader: _Reader, line: object, index: int, currency: str, capture: bool) -> LineState | None:
    where = f"lines.{index}."
    if not isinstance(line, dict):
        reader.problem(f"lines.{index}", f"must be an order line object, got {json_type(line)}")
        return None
    line_id = reader.string(line, "id", where)
    status = reader.string(line, "status", where, LINE_STATUSES)
    line_type = line.get("type", "physical")
    quantity = reader.count(line, "quantity", where, minimum=1)
    counts = [reader.count(line, key, where) for key in ("quantityShipped", "quantityCanceled", "quantityRefunded")]
    keys = ("amountShipped", "amountCanceled", "amountRefunded", "discountAmount")
    amounts = [reader.amount(line, key, where, currency, default=True) for key in keys]
    unit_price = reader.amount(line, "unitPrice", where, currency, default=False)
    total = reader.amount(line, "totalAmount", where, currency, default=False)
    vat = reader.amount(line, "vatAmount", where, currency, default=True)
    raw_rate = line.get("vatRate", "0.00")
    rate = parse_rate(raw_rate) if isinstance(raw_rate, str) else None
    if rate is None:
        reader.problem(f"{where}vatRate", f'must be a percentage string such as "21.00", got {describe(raw_rate)!r}')
    shipped, canceled, refunded = counts
    amount_shipped, amount_canceled, amount_refunded, discount = amounts
    if (
        line_id is None
        or status is None
        or quantity is None
        or shipped is None
        or canceled is None
        or refunded is None
        or amount_shipped is None
        or amount_canceled is None
        or amount_refunded is None
        or discount is None
        or unit_price is None
        or total is None
        or vat is None
    ):
        return None
    derived = derived_quantities(status, capture, quantity, shipped, canceled, refunded)
    given = [line.get(key) for key in ("shippableQuantity", "cancelableQuantity", "refundableQuantity")]
    shippable, cancelable, refundable = (
        g if type(g) is int and 0 <= g <= quantity else d for g, d in zip(given, derived, strict=True)
    )
    return LineState(
        index,
        line_id,
        status,
        line_type if isinstance(line_type, str) else "physical",
        quantity,
        shipped,
        canceled,
        refunded,
        amount_shipped,
        amount_canceled,
        amount_refunded,
        unit_price,
        discount,
        total,
        vat,
        rate,
        shippable,
        cancelable,
        refundable,
    )


def _payments(order: dict[object, object]) -> tuple[str, ...] | None:
    embedded = order.get("_embedded")
    payments = embedded.get("payments") if isinstance(embedded, dict) else None
    if not isinstance(payments, list):
        return None
    return tuple(str(p.get("status")) for p in payments[:MAX_SNAPSHOT_LINES] if isinstance(p, dict))


def invariant_problems(line: LineState, capture: bool) -> list[str]:
    """What is wrong with one line's bookkeeping by the (inferred) bookkeeping invariants; empty when nothing."""
    problems = []
    if line.shipped + line.canceled > line.quantity:
        problems.append("more items shipped and cancelled than the line has")
    sign = -1 if line.total < 0 else 1
    processed = sign * (line.amount_shipped + line.amount_canceled)
    if min(sign * line.amount_shipped, sign * line.amount_canceled, sign * line.amount_refunded) < 0:
        problems.append("a processed amount has the opposite sign of the line total")
    elif processed > sign * line.total:
        problems.append("more money shipped and cancelled than the line total")
    pool = line.amount_shipped if capture else line.total - line.amount_canceled
    if sign * line.amount_refunded > sign * pool:
        problems.append("more money refunded than was " + ("captured" if capture else "paid"))
    if line.refunded > (line.shipped if capture else line.quantity - line.canceled):
        problems.append("more items refunded than were " + ("shipped" if capture else "paid"))
    expected = _status_from_quantities(line)
    if line.status == "canceled" and line.canceled != line.quantity:
        problems.append("the status is 'canceled' but not every item was cancelled")
    elif expected is not None and expected != line.status:
        problems.append(f"the status is {line.status!r} but the quantities say {expected!r}")
    return problems


def _status_from_quantities(line: LineState) -> str | None:
    """The status the quantities force, or ``None`` when they leave it open."""
    if line.canceled == line.quantity:
        return "canceled"
    if line.status in ("created", "paid", "authorized", "shipping", "completed") and line.remaining <= 0:
        return "completed" if line.shipped > 0 else None
    if line.shipped > 0:
        return "shipping"
    return None


def _check_invariants(ck: Checker, state: OrderState) -> None:
    if not ck.wants(SNAPSHOT_BOOKKEEPING):
        return
    for line in state.lines:
        for problem in invariant_problems(line, state.capture):
            ck.report(
                SNAPSHOT_BOOKKEEPING,
                (),
                f"Order line {line.index} ({line.id}) of the snapshot does not add up: {problem}.",
                extra={"orderField": f"lines.{line.index}"},
            )
