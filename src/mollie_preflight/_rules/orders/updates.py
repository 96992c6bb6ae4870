"""Update order and update order line, and the order that results from
changing lines, shared with manage order lines. Addresses sent to update-order are checked
by the create-order address rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ..._findings import Path, Severity
from ..._money import format_for_message, format_minor
from ..._vat import vat_minor
from .. import citations as cite
from ..checker import Checker
from ..common.address import check_address
from ..common.lines import LineFigures, check_line
from ..common.urls import check_url
from ..rule import Evidence, Rule
from ..values import describe, is_blank, json_type
from .body import ORDER_NUMBER
from .partial import Action
from .snapshot import LineState, OrderState
from .status import check_order_status

ORDER_FIELDS: Final = (
    "billingAddress",
    "shippingAddress",
    "orderNumber",
    "redirectUrl",
    "cancelUrl",
    "webhookUrl",
)
LINE_FIELDS: Final = (
    "name",
    "imageUrl",
    "productUrl",
    "sku",
    "metadata",
    "quantity",
    "unitPrice",
    "discountAmount",
    "totalAmount",
    "vatAmount",
    "vatRate",
)
#: Any of these makes the whole price group required ...
PRICE_TRIGGERS: Final = ("quantity", "unitPrice", "discountAmount", "totalAmount", "vatAmount", "vatRate")
#: ... which is these (discountAmount stays optional, although one page of Mollie's docs lists it with them).
PRICE_GROUP: Final = ("quantity", "unitPrice", "totalAmount", "vatAmount", "vatRate")
#: Order statuses in which lines can still be changed.
EDITABLE_ORDER_STATUSES: Final = ("created", "pending", "authorized")
#: Order statuses in which the payment is not finalized yet, so redirect and cancel URLs can change.
UNFINALIZED_ORDER_STATUSES: Final = ("created", "pending")

UPDATE = Action(
    "update",
    "updated",
    frozenset({"created", "authorized"}),
    lambda line: line.remaining,
    {"canceled": "the line was cancelled"},
)

UPDATE_ORDER_EMPTY = Rule(
    "MP701",
    "update-order-empty",
    Severity.ERROR,
    (cite.UPDATE_ORDER,),
    Evidence.DOCUMENTED,
    "an update-order body changes nothing",
    "At least one of billingAddress, shippingAddress, orderNumber, redirectUrl, cancelUrl or webhookUrl is "
    "required; testmode alone changes nothing.",
    "Send the field to change, or do not call the endpoint.",
)
UPDATE_LINE_EMPTY = Rule(
    "MP702",
    "update-line-empty",
    Severity.ERROR,
    (cite.UPDATE_ORDER_LINE, cite.MANAGE_ORDER_LINES),
    Evidence.DOCUMENTED,
    "an order-line update changes nothing",
    "At least one of the line's updatable fields (name, sku, URLs, metadata, quantity, prices, VAT) is required.",
    "Send the fields to change.",
)
UPDATE_LINE_PRICE_GROUP = Rule(
    "MP703",
    "update-line-price-group",
    Severity.ERROR,
    (cite.UPDATE_ORDER_LINE, cite.MANAGE_ORDER_LINES),
    Evidence.DOCUMENTED,
    "a line update changes a price field without sending quantity, unitPrice, totalAmount, vatAmount and vatRate",
    "Mollie recomputes the line from the full set of figures; changing one needs all of them, consistent.",
    "Send quantity, unitPrice, totalAmount, vatAmount and vatRate together (discountAmount when there is one).",
)
RESULTING_ORDER = Rule(
    "MP811",
    "resulting-order",
    Severity.ERROR,
    (cite.MANAGE_ORDER_LINES, cite.CANCEL_ORDER_LINES, cite.CREATE_ORDER.at("lines")),
    Evidence.INFERRED,
    "after the change the order would have negative VAT or a negative amount",
    "Mollie recomputes the order amount from the changed lines, and the result must still pass the "
    "create-order rules: the total VAT of an order cannot be negative.",
    "Change discounts together with the goods they discount, so the order stays positive.",
)
URL_UPDATE_WINDOW = Rule(
    "MP812",
    "url-update-window",
    Severity.ERROR,
    (cite.UPDATE_ORDER_LINE,),
    Evidence.DOCUMENTED,
    "redirectUrl or cancelUrl is changed after the payment was finalized",
    "The shopper has left the checkout once the payment is finalized; these URLs can only change before.",
    "Change redirectUrl and cancelUrl only while the order is created or pending.",
)

RULES = (UPDATE_ORDER_EMPTY, UPDATE_LINE_EMPTY, UPDATE_LINE_PRICE_GROUP, RESULTING_ORDER, URL_UPDATE_WINDOW)


def check_update_order(ck: Checker, body: dict[object, object], state: OrderState | None) -> None:
    if not any(body.get(field) is not None for field in ORDER_FIELDS):
        ck.report(
            UPDATE_ORDER_EMPTY,
            (),
            "Nothing to update: send at least one of " + ", ".join(ORDER_FIELDS) + ".",
        )
    methods = frozenset({state.method}) if state is not None and state.method else frozenset[str]()
    for key in ("billingAddress", "shippingAddress"):
        if body.get(key) is not None:
            check_address(ck, body[key], key, methods)
    _check_order_number(ck, body.get("orderNumber"))
    check_url(ck, body.get("webhookUrl"), ("webhookUrl",))
    for field in ("redirectUrl", "cancelUrl"):
        if check_url(ck, body.get(field), (field,), web_only=False) is None or state is None:
            continue
        if state.status not in UNFINALIZED_ORDER_STATUSES:
            ck.report(
                URL_UPDATE_WINDOW,
                (field,),
                f"The '{field}' can no longer be changed: the order's payment is finalized "
                f'(status "{state.status}").',
                actual=state.status,
            )


def _check_order_number(ck: Checker, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or is_blank(value):
        ck.report(
            ORDER_NUMBER,
            ("orderNumber",),
            f"The 'orderNumber' field must be a non-empty string, got {json_type(value)}.",
            expected=describe(value) if type(value) is int else None,
            actual=describe(value),
        )


def check_line_update(
    ck: Checker, data: dict[object, object], path: Path, prefix: str, line_type: str | None = None
) -> LineFigures | None:
    """The checks of a line update; its new figures when it changes the price.

    An update cannot change a line's ``type``, and the sign rules depend on it: ``line_type`` is the type
    from the snapshot. Without one, a negative price is given the benefit of the doubt (read as a discount
    line) rather than flagged on a guess.
    """
    if not any(data.get(field) is not None for field in LINE_FIELDS):
        ck.report(
            UPDATE_LINE_EMPTY,
            path,
            f"{prefix}Nothing to update: send at least one of " + ", ".join(LINE_FIELDS) + ".",
        )
    changes_price = any(data.get(field) is not None for field in PRICE_TRIGGERS)
    missing = [field for field in PRICE_GROUP if data.get(field) is None] if changes_price else []
    for field in missing:
        ck.report(
            UPDATE_LINE_PRICE_GROUP,
            (*path, field),
            f"{prefix}The '{field}' field is required when the line's price or quantity changes "
            "(send quantity, unitPrice, totalAmount, vatAmount and vatRate together).",
        )
    unit_price = data.get("unitPrice")
    negative = isinstance(unit_price, dict) and str(unit_price.get("value", "")).startswith("-")
    typed = {**data, "type": line_type or ("discount" if negative else "physical")}
    figures = check_line(ck, typed, 0, path=path, prefix=prefix, required=())
    return figures if changes_price and not missing else None


def check_line_editable(ck: Checker, state: OrderState, what: str) -> bool:
    return check_order_status(ck, state, EDITABLE_ORDER_STATUSES, what)


def active_figures(line: LineState) -> tuple[int, int]:
    """(total, VAT) of what is left of a line after its cancellations: what the order amount still counts."""
    if line.canceled == 0 or line.rate is None:
        return line.total, line.vat
    rest = line.total - line.amount_canceled
    return rest, vat_minor(rest, line.rate)


def check_resulting_order(ck: Checker, figures: Iterable[tuple[int, int]], state: OrderState, path: Path) -> None:
    """MP811: the order recomputed from its changed lines must keep VAT and amount ≥ 0."""
    totals = list(figures)
    amount = sum(total for total, _ in totals)
    vat = sum(vat for _, vat in totals)
    for what, value in (("amount", amount), ("VAT", vat)):
        if value < 0:
            ck.report(
                RESULTING_ORDER,
                path,
                f"After this change the order's {what} would be {format_for_message(value, state.currency)}; "
                f"an order's {what} cannot be negative.",
                actual=format_minor(value, state.decimals),
            )
