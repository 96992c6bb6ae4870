"""Which API a create body was written for, decided by its shape: the Orders API or the Payments API.

An export may hold both (a shop half-way through Mollie's "Migrating from Orders to Payments",
https://docs.mollie.com/docs/migrating-from-orders-to-payments), and neither body says which API it is
for. Each API has fields the other does not know: an order has an ``orderNumber`` and its lines a ``name``;
a payment has a top-level ``description`` and its lines a ``description``. Those fields decide.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Final, Literal, Protocol

if TYPE_CHECKING:
    from ._findings import Report
    from ._options import Options

Api = Literal["orders", "payments"]

ORDERS: Final = "orders"
PAYMENTS: Final = "payments"
#: What ``detect_api`` can answer, and what the linter's ``--api`` takes besides ``auto``.
APIS: Final[tuple[Api, ...]] = ("orders", "payments")


def detect_api(body: object) -> Api:
    """``"orders"`` or ``"payments"``: the API whose create body ``body`` looks like.

    An order: a body with an ``orderNumber``, or with a line that has a ``name``. A payment: a body with a
    top-level ``description`` (and no ``orderNumber``), or with a line that has a ``description``.

    An ambiguous body (neither sign, both signs, or no JSON object at all) is an order: every record was
    checked as an order before the Payments API was supported, so an existing export keeps its findings;
    and a body that names a field only the Orders API has was written with the Orders API in mind, even if
    it also borrowed a Payments field. Never raises, reads only, and looks at no more than it needs.
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
    return "payments" if payment_signs else "orders"


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
