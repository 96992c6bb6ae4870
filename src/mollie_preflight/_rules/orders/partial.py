"""The line items of ship, cancel and refund requests (``{id, quantity, amount}``) and the partial amounts.

Without a snapshot only the shape is checked. With one, each item is resolved against its order line into
a ``Planned`` step (line, quantity, amount) — the same plan the lifecycle model applies — so the model and
the validators can never disagree on what a request means.

The bounds of the partial-amount rule, for a line with unit price u, n items and total T, of which k items
and amount A were already processed, when q items are processed now::

    max(0, (T − A) − u·(n − k − q))  ≤  amount  ≤  min(u·q, T − A)

The maximum u·q is documented; the rest is inferred (it reproduces the docs' example) and is a separate,
switchable rule. For a line without discount both bounds are u·q (or the rest, T − A, on the last items),
which is the amount Mollie works out itself when none is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from ..._findings import Path, Severity
from ..._money import format_for_message, format_minor
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import check_amount
from ..common.lines import check_quantity
from ..rule import Evidence, Rule
from ..values import describe, json_type
from .snapshot import LineState, OrderState

#: No request touches more lines than an order can have; the bound keeps hostile arrays cheap.
MAX_REQUEST_LINES: Final = 10_000

LINE_ID = Rule(
    "MP706",
    "line-id",
    Severity.ERROR,
    (
        cite.MANAGE_ORDER_LINES,
        cite.CANCEL_ORDER_LINES,
        cite.CREATE_SHIPMENT,
        cite.CREATE_ORDER_REFUND,
        cite.live("https://github.com/mollie/magento2/issues/130"),
    ),
    Evidence.DOCUMENTED,
    "a line reference lacks 'id' or its id is not an order line id (odl_…)",
    "Ship, cancel, refund and update requests name order lines by the id Mollie gave them, not by position.",
    "Send the line's id from the order (lines[].id, such as odl_dgtxyl).",
)
REQUEST_LINES = Rule(
    "MP707",
    "request-lines",
    Severity.ERROR,
    (cite.CANCEL_ORDER_LINES, cite.CREATE_SHIPMENT, cite.CREATE_ORDER_REFUND),
    Evidence.DOCUMENTED,
    "'lines' of a ship, cancel or refund request is not an array of objects",
    "Each element names one order line and optionally a quantity and an amount.",
    'Send "lines": [{"id": "odl_…", "quantity": 1}].',
)
REQUEST_LINE_QUANTITY = Rule(
    "MP708",
    "request-line-quantity",
    Severity.ERROR,
    (
        cite.CANCEL_ORDER_LINES,
        cite.CREATE_SHIPMENT,
        cite.CREATE_ORDER_REFUND,
        cite.live("https://github.com/mollie/magento2/issues/113"),
    ),
    Evidence.LIVE,
    "a line's quantity in a ship, cancel or refund request is not a whole number from 1 to 1,000,000,000",
    "Mollie refuses fractional quantities in these requests as in order lines. A whole number written as a "
    'string ("2") is MP719\'s warning.',
    "Send an integer ≥ 1, or leave quantity out to process every remaining item.",
    "Line 0 contains invalid data. The 'quantity' field should be a whole number",
)
REQUEST_LINE_QUANTITY_STRING = Rule(
    "MP719",
    "request-line-quantity-string",
    Severity.WARNING,
    (
        cite.CANCEL_ORDER_LINES,
        cite.CREATE_SHIPMENT,
        cite.CREATE_ORDER_REFUND,
        cite.POSTMAN_CREATE_ORDER,
    ),
    Evidence.INFERRED,
    'a line\'s quantity in a ship, cancel or refund request is a whole number written as a string ("2")',
    'The docs say quantity is an integer. Mollie reads "2" in an order line (MP215: its Postman collection '
    "sends it and the order was created), and refuses a fraction here with the words it refuses one there "
    '("should be a whole number"), so these requests very probably read it too; not seen live, so a warning, '
    "and the request is checked with the number.",
    "Send the quantity as a JSON integer, without quotes: 2.",
)
REQUEST_LINE_DUPLICATE = Rule(
    "MP709",
    "request-line-duplicate",
    Severity.WARNING,
    (cite.CANCEL_ORDER_LINES, cite.CREATE_SHIPMENT, cite.CREATE_ORDER_REFUND),
    Evidence.INFERRED,
    "the same order line appears twice in one ship, cancel or refund request",
    "How Mollie treats a line named twice is neither documented nor seen live, so this is a warning; a repeated "
    "id is almost always a bug in grouping items, and adding both up could exceed the line. The library "
    "checks and applies the first element only.",
    "Send one element per line, with the summed quantity (and amount).",
)
LINE_NOT_IN_ORDER = Rule(
    "MP801",
    "line-not-in-order",
    Severity.ERROR,
    (cite.CANCEL_ORDER_LINES, cite.CREATE_SHIPMENT, cite.CREATE_ORDER_REFUND, cite.MANAGE_ORDER_LINES),
    Evidence.DOCUMENTED,
    "a line id does not belong to the order",
    "Mollie looks the line up in this order; an id from another order (or a typo) is refused.",
    "Use the ids of this order's lines.",
)
QUANTITY_OVER_MAXIMUM = Rule(
    "MP802",
    "quantity-over-maximum",
    Severity.ERROR,
    (
        cite.CANCEL_ORDER_LINES,
        cite.CREATE_SHIPMENT,
        cite.CREATE_ORDER_REFUND,
        cite.live("https://github.com/mollie/PrestaShop/issues/1195"),
        cite.live("https://github.com/mollie/PrestaShop/issues/1077"),
    ),
    Evidence.LIVE,
    "the quantity is more than the line's shippable, cancelable or refundable quantity",
    "Items already shipped, cancelled or refunded cannot be processed again; the live API answers with the "
    "maximum quantity.",
    "Send at most the line's shippableQuantity / cancelableQuantity / refundableQuantity.",
    "Line 0 contains invalid data. The quantity is higher than the maximum quantity. The maximum quantity is 1.",
)
PARTIAL_AMOUNT_REQUIRED = Rule(
    "MP803",
    "partial-amount-required",
    Severity.ERROR,
    (
        cite.HANDLING_DISCOUNTS,
        cite.CREATE_SHIPMENT,
        cite.CANCEL_ORDER_LINES,
        cite.live("https://github.com/mollie/magento2/pull/116"),
    ),
    Evidence.DOCUMENTED,
    "part of a line with a discount is shipped, cancelled or refunded without 'amount'",
    "Mollie cannot know how the discount is spread over the items, so the amount for part of a discounted "
    "line must be given; the answer carries the allowed bounds.",
    "Send lines[].amount within extra.minimumAmount and extra.maximumAmount.",
    "Line 0 contains invalid data. An amount is required for this API call. The amount must be between €0.00 "
    "and €50.00.",
)
PARTIAL_AMOUNT_MAXIMUM = Rule(
    "MP804",
    "partial-amount-over-maximum",
    Severity.ERROR,
    (
        cite.HANDLING_DISCOUNTS,
        cite.CREATE_SHIPMENT,
        cite.CANCEL_ORDER_LINES,
        cite.live("https://github.com/mollie/magento2/pull/116"),
    ),
    Evidence.DOCUMENTED,
    "the amount for part of a line is more than unit price × quantity",
    "The documented maximum for an amount on a ship, cancel or refund line is unitPrice × quantity.",
    "Send at most unitPrice × quantity (see extra.maximumAmount).",
)
PARTIAL_AMOUNT_BOUNDS = Rule(
    "MP805",
    "partial-amount-bounds",
    Severity.ERROR,
    (
        cite.HANDLING_DISCOUNTS,
        cite.CREATE_SHIPMENT,
        cite.CANCEL_ORDER_LINES,
        cite.live("https://github.com/mollie/magento2/pull/116"),
        cite.live("https://github.com/mollie/magento2/issues/739"),
    ),
    Evidence.LIVE,
    "the amount for part of a line is outside the bounds the rest of the line leaves",
    "What was already processed and what remains bound the amount: the rest of the line must still be "
    "coverable by its remaining items, and no more than the rest can be taken. The window is not documented; "
    "Mollie's live answers show it (€35.40–€59.00 for one of two discounted items, exactly the rest when the "
    "rest of the line is processed).",
    "Send an amount within extra.minimumAmount and extra.maximumAmount.",
    "Line 0 contains invalid data. An amount is required for this API call. The amount must be between €35.40 "
    "and €59.00.",
)
NOTHING_TO_PROCESS = Rule(
    "MP808",
    "nothing-to-process",
    Severity.ERROR,
    (
        cite.CREATE_SHIPMENT,
        cite.CREATE_ORDER_REFUND,
        cite.CANCEL_ORDER_LINES,
        cite.live("https://github.com/mollie/magento2/issues/755"),
    ),
    Evidence.DOCUMENTED,
    "the request would ship, cancel or refund nothing: no item is left for it, or the lines a refund lists come "
    "to zero",
    "Mollie refuses a shipment, cancellation or refund of lines that have nothing left for it, and a refund of "
    "lines worth nothing (the items of a fixed-price bundle at 0.00, refunded without the bundle's own line: "
    "'Cannot create a refund for these lines, the total amount shipped is zero.', "
    "https://github.com/mollie/magento2/issues/755).",
    "Check shippableQuantity / cancelableQuantity / refundableQuantity before sending; refund the line that "
    "carries the price.",
    "Cannot create a refund for these lines, the total amount shipped is zero.",
)
LINE_STATUS = Rule(
    "MP807",
    "line-status",
    Severity.ERROR,
    (
        cite.ORDER_STATUS_CHANGES,
        cite.CANCEL_ORDER,
        cite.CANCEL_ORDER_LINES,
        cite.CREATE_SHIPMENT,
        cite.CREATE_ORDER_PAYMENT,
        cite.MANAGE_ORDER_LINES,
    ),
    Evidence.DOCUMENTED,
    "the line's status does not allow this action",
    "Authorized lines are cancelled, paid lines refunded, created lines cannot be touched one by one, and "
    "finished lines not at all (status-changes guide).",
    "Act on the line's status: cancel authorized lines, refund paid ones, cancel a created order as a whole.",
)

RULES = (
    LINE_ID,
    REQUEST_LINES,
    REQUEST_LINE_QUANTITY,
    REQUEST_LINE_QUANTITY_STRING,
    REQUEST_LINE_DUPLICATE,
    LINE_NOT_IN_ORDER,
    QUANTITY_OVER_MAXIMUM,
    PARTIAL_AMOUNT_REQUIRED,
    PARTIAL_AMOUNT_MAXIMUM,
    PARTIAL_AMOUNT_BOUNDS,
    LINE_STATUS,
    NOTHING_TO_PROCESS,
)


@dataclass(frozen=True, slots=True)
class Action:
    """What a request does to a line: which statuses allow it and how many items it may take."""

    name: str
    done: str
    statuses: frozenset[str]
    maximum: Callable[[LineState], int]
    #: Why a line in a given status cannot take this action, and what to do instead.
    advice: dict[str, str]
    #: The statuses that allow it when the order was paid up front (not authorized); ``None``: the same.
    paid_statuses: frozenset[str] | None = None

    def allowed(self, capture: bool) -> frozenset[str]:
        return self.statuses if capture or self.paid_statuses is None else self.paid_statuses


SHIP: Final = Action(
    "ship",
    "shipped",
    frozenset({"paid", "authorized", "shipping"}),
    lambda line: line.shippable,
    {"created": "the order is not paid or authorized yet", "completed": "everything was shipped already"},
)
CANCEL: Final = Action(
    "cancel",
    "cancelled",
    frozenset({"authorized", "shipping"}),
    lambda line: line.cancelable,
    {
        "paid": "paid lines are refunded, not cancelled",
        "completed": "completed lines are refunded, not cancelled",
        "created": "lines of an unpaid order cannot be cancelled one by one; cancel the whole order",
        "shipping": "the unshipped items of a paid order are refunded, not cancelled",
    },
    # Cancelling returns an authorization; paid items are refunded instead (orders guide), so in the paid
    # flow a partly shipped line has nothing to cancel.
    frozenset({"authorized"}),
)
REFUND: Final = Action(
    "refund",
    "refunded",
    frozenset({"paid", "shipping", "completed"}),
    lambda line: line.refundable,
    {"authorized": "authorized lines are cancelled, not refunded", "created": "the order is not paid yet"},
)


@dataclass(frozen=True, slots=True)
class RequestLine:
    """One element of a request's ``lines`` after the stateless checks (``None`` fields: absent or invalid)."""

    path: Path
    prefix: str
    id: str | None
    quantity: int | None
    amount: int | None
    amount_sent: bool


@dataclass(frozen=True, slots=True)
class Planned:
    """One step of a valid request against a snapshot: process ``quantity`` items of ``line`` for ``amount``."""

    line: LineState
    quantity: int
    amount: int


def line_prefix(index: int) -> str:
    """Mollie's opening words for a bad element of a ship, cancel or refund request."""
    return f"Line {index} contains invalid data. "


def check_line_id(ck: Checker, value: object, path: Path, prefix: str) -> str | None:
    if value is None:
        ck.report(LINE_ID, (*path, "id"), f"{prefix}The 'id' field is required.")
        return None
    if not isinstance(value, str) or not value.startswith("odl_") or len(value) > 64:
        ck.report(
            LINE_ID,
            (*path, "id"),
            f"{prefix}The 'id' field must be an order line id such as 'odl_dgtxyl', got {json_type(value)} "
            f"{describe(value)!r}.",
            actual=describe(value),
        )
        return None
    return value


def read_request_lines(ck: Checker, lines: object, currency: str | None) -> list[RequestLine] | None:
    """Check ``lines`` of a ship, cancel or refund body; ``None`` when it is not an array at all."""
    if not isinstance(lines, list) or len(lines) > MAX_REQUEST_LINES:
        ck.report(
            REQUEST_LINES,
            ("lines",),
            f"The 'lines' field must be an array of order lines, got {describe(lines)!r}.",
            actual=describe(lines),
        )
        return None
    result: list[RequestLine] = []
    for index, item in enumerate(lines):
        line = read_request_line(ck, item, ("lines", index), line_prefix(index), currency)
        if line is not None:
            result.append(line)
    _check_duplicates(ck, result)
    return result


def read_request_line(ck: Checker, item: object, path: Path, prefix: str, currency: str | None) -> RequestLine | None:
    if not isinstance(item, dict):
        ck.report(
            REQUEST_LINES, path, f"{prefix}A line must be an object, got {json_type(item)}.", actual=describe(item)
        )
        return None
    line_id = check_line_id(ck, item.get("id"), path, prefix)
    quantity = check_quantity(
        ck, item.get("quantity"), (*path, "quantity"), prefix, REQUEST_LINE_QUANTITY, REQUEST_LINE_QUANTITY_STRING
    )
    raw = item.get("amount")
    money = None if raw is None else check_amount(ck, raw, (*path, "amount"), prefix=prefix, order_currency=currency)
    return RequestLine(path, prefix, line_id, quantity, money.minor if money else None, raw is not None)


def _check_duplicates(ck: Checker, lines: list[RequestLine]) -> None:
    seen: dict[str, RequestLine] = {}
    for line in lines:
        if line.id is None:
            continue
        first = seen.setdefault(line.id, line)
        if first is not line:
            ck.report(
                REQUEST_LINE_DUPLICATE,
                (*line.path, "id"),
                f"{line.prefix}The line {line.id} is already in this request (at {'.'.join(map(str, first.path))}).",
                actual=line.id,
            )


def pool(line: LineState, action: Action, capture: bool) -> tuple[int, int, int, int]:
    """(n, T, k, A) of the partial-amount rule: the items and money the action draws from, and what it took."""
    if action is REFUND:
        if capture:
            return line.shipped, line.amount_shipped, line.refunded, line.amount_refunded
        return line.quantity - line.canceled, line.total - line.amount_canceled, line.refunded, line.amount_refunded
    return line.quantity, line.total, line.shipped + line.canceled, line.amount_shipped + line.amount_canceled


def partial_bounds(line: LineState, quantity: int, action: Action, capture: bool) -> tuple[int, int]:
    """The (minimum, maximum) amount for processing ``quantity`` items of ``line`` (inferred bounds)."""
    n, total, k, done = pool(line, action, capture)
    rest = total - done
    return max(0, rest - line.unit_price * (n - k - quantity)), min(line.unit_price * quantity, rest)


def amount_required(line: LineState, quantity: int | None, action: Action, capture: bool) -> bool:
    """The partial-amount rule: an amount is needed for part of what is left of a line that has a discount."""
    n, _, k, _ = pool(line, action, capture)
    return quantity is not None and quantity < n - k and line.discount > 0 and line.total >= 0


def default_amount(line: LineState, quantity: int, action: Action, capture: bool) -> int:
    """The amount Mollie works out itself when none is sent: the rest on the last items, else u × q."""
    n, total, k, done = pool(line, action, capture)
    return total - done if quantity >= n - k else line.unit_price * quantity


def plan(ck: Checker, requests: list[RequestLine], state: OrderState, action: Action) -> list[Planned]:
    """Check every request line against the snapshot; the steps of the lines that pass."""
    steps: list[Planned] = []
    planned: set[str] = set()
    for request in requests:
        if request.id in planned:
            continue  # a repeated line (request-line-duplicate): processed once, never twice over its maximum
        step = plan_line(ck, request, state, action)
        if step is not None:
            steps.append(step)
            planned.add(step.line.id)
    return steps


def plan_line(ck: Checker, request: RequestLine, state: OrderState, action: Action) -> Planned | None:
    if request.id is None:
        return None
    line = state.by_id.get(request.id)
    if line is None:
        ck.report(
            LINE_NOT_IN_ORDER,
            (*request.path, "id"),
            f"{request.prefix}The order line {describe(request.id)} does not belong to order "
            f"{state.id or 'the order'}.",
            actual=request.id,
        )
        return None
    if not check_line_status(ck, line, request.path, request.prefix, action, capture=state.capture):
        return None
    maximum = action.maximum(line)
    if maximum <= 0 and request.quantity is None:
        ck.report(
            NOTHING_TO_PROCESS,
            request.path,
            f"{request.prefix}Nothing is left to be {action.done} on this line.",
            expected="0",
        )
        return None
    quantity = request.quantity if request.quantity is not None else maximum
    if request.quantity is not None and request.quantity > maximum:
        ck.report(
            QUANTITY_OVER_MAXIMUM,
            (*request.path, "quantity"),
            f"{request.prefix}The quantity is higher than the maximum quantity. The maximum quantity is {maximum}.",
            expected=str(maximum),
            actual=str(request.quantity),
        )
        return None
    if request.amount_sent and request.amount is None:
        return None  # the amount itself is invalid and already reported
    amount = _check_partial_amount(ck, request, line, quantity, state, action)
    return None if amount is None else Planned(line, quantity, amount)


def check_line_status(
    ck: Checker, line: LineState, path: Path, prefix: str, action: Action, *, capture: bool = True
) -> bool:
    allowed = action.allowed(capture)
    if line.status in allowed:
        return True
    advice = action.advice.get(line.status, f"the line is {line.status}")
    ck.report(
        LINE_STATUS,
        path,
        f"{prefix}The line {line.id} cannot be {action.done}: its status is '{line.status}' ({advice}).",
        actual=line.status,
    )
    return False


def _check_partial_amount(
    ck: Checker, request: RequestLine, line: LineState, quantity: int, state: OrderState, action: Action
) -> int | None:
    """Check the partial-amount rule and return the amount the step processes, or ``None`` when it is refused."""
    capture = state.capture
    if line.total < 0:  # reduction lines: Mollie works the amount out; a request amount cannot be negative
        return default_amount(line, quantity, action, capture)
    low, high = partial_bounds(line, quantity, action, capture)
    documented = line.unit_price * quantity
    if not ck.wants(PARTIAL_AMOUNT_BOUNDS):
        low, high = 0, documented
    path = (*request.path, "amount")
    if request.amount is None:
        if not amount_required(line, request.quantity, action, capture):
            return default_amount(line, quantity, action, capture)
        _report_bounds(ck, PARTIAL_AMOUNT_REQUIRED, path, request.prefix, state, low, high, required=True)
        return None if ck.wants(PARTIAL_AMOUNT_REQUIRED) else default_amount(line, quantity, action, capture)
    if request.amount > documented:
        _report_bounds(ck, PARTIAL_AMOUNT_MAXIMUM, path, request.prefix, state, low, high, actual=request.amount)
        return None
    if not low <= request.amount <= high:
        _report_bounds(ck, PARTIAL_AMOUNT_BOUNDS, path, request.prefix, state, low, high, actual=request.amount)
        if ck.wants(PARTIAL_AMOUNT_BOUNDS):
            return None
    return request.amount


def _report_bounds(
    ck: Checker,
    rule: Rule,
    path: Path,
    prefix: str,
    state: OrderState,
    low: int,
    high: int,
    *,
    required: bool = False,
    actual: int | None = None,
) -> None:
    currency = state.currency
    if low == high and actual is not None:
        # A closed window (the rest of the line is processed): Mollie names the one amount it takes
        # (https://github.com/mollie/magento2/issues/739).
        message = (
            f"{prefix}Invalid amount specified. Must be exactly {format_for_message(low, currency)}, "
            f"got: {format_for_message(actual, currency)}."
        )
    else:
        opening = "An amount is required for this API call. " if required else ""
        got = "" if actual is None else f", got {format_for_message(actual, currency)}"
        message = (
            f"{prefix}{opening}The amount must be between {format_for_message(low, currency)} and "
            f"{format_for_message(high, currency)}{got}."
        )
    ck.report(
        rule,
        path,
        message,
        # One right amount only when the window is closed; otherwise Mollie's own extra names the window.
        expected=format_minor(low, state.decimals) if low == high else None,
        actual=None if actual is None else format_minor(actual, state.decimals),
        extra={"minimumAmount": state.money(low), "maximumAmount": state.money(high)},
    )
