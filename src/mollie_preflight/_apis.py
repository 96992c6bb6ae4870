"""Which API a create body was written for, decided by its shape: the Orders API or the Payments API.

An export may hold both (a shop half-way through Mollie's "Migrating from Orders to Payments",
https://docs.mollie.com/docs/migrating-from-orders-to-payments), and neither body says which API it is
for. Each API has fields the other does not know. The required ones decide first: an order has an
``orderNumber`` and its lines a ``name``; a payment has a top-level ``description`` and its lines a
``description``. A body with none of those (a payment without lines whose description was lost, a fragment)
is judged by the optional fields only one API documents: the Orders API's ``payment`` object, ``expiresAt``
and ``shopperCountryMustMatchBillingCountry`` and its lines' ``category``; the Payments API's capture, recurring,
Connect and method-specific parameters at the top level (``captureMode``, ``sequenceType``, ``customerId``,
``routing``, ``issuer``, ...) and its lines' ``categories``, ``quantityUnit`` and ``recurring``. The keys are
read from the two create references' tables (``_reference``), not listed again here.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Final, Literal, Protocol

from ._reference.orders import TOP_LEVEL_KEYS as _ORDER_KEYS
from ._reference.payments import KEYS as _PAYMENT_KEYS

if TYPE_CHECKING:
    from ._findings import Report
    from ._options import Options

Api = Literal["orders", "payments"]

ORDERS: Final = "orders"
PAYMENTS: Final = "payments"
#: What ``detect_api`` can answer, and what the linter's ``--api`` takes besides ``auto``.
APIS: Final[tuple[Api, ...]] = ("orders", "payments")


#: Optional top-level keys only one create body takes (the required ones, ``orderNumber`` and ``description``,
#: are read first). ``expiresAt`` is a response field of a payment, so on a request it is the Orders API's.
_ORDERS_ONLY: Final = frozenset(_ORDER_KEYS - _PAYMENT_KEYS - {"orderNumber"})
_PAYMENTS_ONLY: Final = frozenset(_PAYMENT_KEYS - _ORDER_KEYS - {"description"})
#: Optional line keys only one API's lines take (the required ``name`` / ``description`` are read first).
_ORDERS_ONLY_LINE: Final = frozenset({"category"})
_PAYMENTS_ONLY_LINE: Final = frozenset({"categories", "quantityUnit", "recurring"})


def detect_api(body: object) -> Api:
    """``"orders"`` or ``"payments"``: the API whose create body ``body`` looks like.

    First the fields each API requires: an order is a body with an ``orderNumber`` or a line with a ``name``;
    a payment a body with a top-level ``description`` (and no ``orderNumber``) or a line with a
    ``description``. A field only the Orders API requires wins over a Payments one: such a body was written
    with the Orders API in mind, even if it borrowed a Payments field.

    With none of them, the optional fields only one API documents are counted (each distinct key once, top
    level and lines): more Payments-only keys (``captureMode``, ``sequenceType``, ``routing``, lines'
    ``categories`` ...) make a payment, more Orders-only keys (``payment``, ``expiresAt``, lines' ``category``
    ...) an order. A tie, no sign at all, or no JSON object is an order, the documented default: every record
    was checked as an order before the Payments API was supported, so an existing export keeps its findings.
    Never raises, reads only, and looks at no more than it needs.
    """
    if type(body) is not dict:
        return "orders"
    if "orderNumber" in body:
        return "orders"
    payment_signs = "description" in body
    lines = body.get("lines")
    if type(lines) is list:
        for line in lines:
            if type(line) is dict:
                if "name" in line:
                    return "orders"
                if "description" in line:
                    payment_signs = True
    if payment_signs:
        return "payments"
    return "payments" if _optional_signs(body, lines) > 0 else "orders"


def _optional_signs(body: dict[object, object], lines: object) -> int:
    """Distinct Payments-only optional keys minus distinct Orders-only ones, top level and lines together."""
    payments = sum(1 for key in body if key in _PAYMENTS_ONLY)
    orders = sum(1 for key in body if key in _ORDERS_ONLY)
    if type(lines) is list:
        seen: set[object] = set()
        for line in lines:
            if type(line) is dict:
                seen.update(key for key in line if key in _PAYMENTS_ONLY_LINE or key in _ORDERS_ONLY_LINE)
        payments += len(seen & _PAYMENTS_ONLY_LINE)
        orders += len(seen & _ORDERS_ONLY_LINE)
    return payments - orders


class CreateValidator(Protocol):
    """``validate_order`` and ``validate_payment``: a create body in, its report out."""

    def __call__(
        self, payload: object, *, today: datetime.date | None = ..., options: Options | None = ...
    ) -> Report: ...


def validator_for(api: Api) -> CreateValidator:
    """The validator of ``api``'s create body. Imported on first use, as the public namespace does, so a
    caller that only ever checks orders never loads the Payments rules."""
    if api == "payments":
        from ._create_payment import validate_payment

        return validate_payment
    from ._create_order import validate_order

    return validate_order
