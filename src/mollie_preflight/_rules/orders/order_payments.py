"""Create order payment: a new payment for an order whose first one failed."""

from __future__ import annotations

from typing import Final

from ..._findings import Severity
from .. import citations as cite
from ..checker import Checker
from ..common.address import BILLIE_ORGANIZATION
from ..common.amounts import check_amount
from ..common.methods import check_method_history
from ..common.urls import check_url
from ..rule import Evidence, Rule
from ..values import describe, json_type
from .cancel import OPEN_PAYMENT
from .snapshot import OrderState
from .status import check_order_status

#: The methods create-order-payment documents. klarna, mybank and voucher are missing.
METHODS: Final = (
    "applepay",
    "bancontact",
    "banktransfer",
    "belfius",
    "billie",
    "creditcard",
    "directdebit",
    "eps",
    "giftcard",
    "giropay",
    "ideal",
    "in3",
    "kbc",
    "klarnapaylater",
    "klarnapaynow",
    "klarnasliceit",
    "paypal",
    "paysafecard",
    "przelewy24",
    "sofort",
)
NOT_LISTED: Final = ("klarna", "mybank", "voucher")
#: Order fields that cannot be changed through a new payment.
ORDER_ONLY_FIELDS: Final = (
    "amount",
    "lines",
    "orderNumber",
    "locale",
    "billingAddress",
    "shippingAddress",
    "metadata",
    "expiresAt",
    "consumerDateOfBirth",
)
#: Payment statuses after which a new payment may be created.
FINISHED_PAYMENT_STATUSES: Final = frozenset({"expired", "canceled", "failed"})
MAX_PAYMENTS: Final = 25

ORDER_PAYMENT_NESTED = Rule(
    "MP714",
    "order-payment-nested",
    Severity.ERROR,
    (cite.CREATE_ORDER_PAYMENT,),
    Evidence.DOCUMENTED,
    "create-order-payment parameters are sent inside a 'payment' object",
    "Unlike create-order, create-order-payment takes method, customerId, issuer and the rest at the top level; "
    "a nested 'payment' object is not read.",
    "Move the fields of 'payment' to the top level of the body.",
)
ORDER_PAYMENT_METHOD = Rule(
    "MP715",
    "order-payment-method",
    Severity.ERROR,
    (cite.CREATE_ORDER_PAYMENT,),
    Evidence.DOCUMENTED,
    "method is not one of the 20 methods create-order-payment documents",
    "The endpoint documents its own list of methods, shorter than create-order's (no klarna, mybank, voucher).",
    "Use one of the documented methods, as a string or an array of strings.",
)
PAYMENT_LIMIT = Rule(
    "MP810",
    "order-payment-limit",
    Severity.ERROR,
    (cite.CREATE_ORDER_PAYMENT,),
    Evidence.DOCUMENTED,
    "the order already has 25 payments",
    "An order can have at most 25 payments (since May 2021).",
    "Create a new order instead.",
)

RULES = (ORDER_PAYMENT_NESTED, ORDER_PAYMENT_METHOD, PAYMENT_LIMIT)


def check_order_payment(ck: Checker, body: dict[object, object], state: OrderState | None) -> None:
    if isinstance(body.get("payment"), dict):
        ck.report(
            ORDER_PAYMENT_NESTED,
            ("payment",),
            "The parameters of create-order-payment go at the top level of the body, not inside 'payment'.",
        )
    _check_methods(ck, body.get("method"))
    for field in ("redirectUrl", "cancelUrl"):
        check_url(ck, body.get(field), (field,), web_only=False)
    check_url(ck, body.get("webhookUrl"), ("webhookUrl",))
    fee = body.get("applicationFee")
    if isinstance(fee, dict) and fee.get("amount") is not None:
        check_amount(ck, fee["amount"], ("applicationFee", "amount"), order_currency=state.currency if state else None)
    if state is not None:
        _check_state(ck, state)
        _check_method_requirements(ck, body.get("method"), state)


def _check_method_requirements(ck: Checker, method: object, state: OrderState) -> None:
    """A new payment's method needs what it needs at create-order: billie an organization name in the order's
    billing address. Mollie checks it against the order, and answers 422 with no field (mollie/Shopware6#840).
    """
    methods = method if isinstance(method, list) else [method]
    if "billie" in methods and state.billing_organization is False:
        ck.report(
            BILLIE_ORGANIZATION,
            (),
            "A billing organization name is required for this payment method.",
        )


def _check_methods(ck: Checker, value: object) -> None:
    if value is None:
        return
    values = value if isinstance(value, list) else [value]
    for index, method in enumerate(values[:50]):
        path = ("method", index) if isinstance(value, list) else ("method",)
        if isinstance(method, str) and check_method_history(ck, path, method):
            continue
        if isinstance(method, str) and method in METHODS:
            continue
        note = " (create-order accepts it; create-order-payment does not list it)" if method in NOT_LISTED else ""
        shown = describe(method) if isinstance(method, str) else json_type(method)
        ck.report(
            ORDER_PAYMENT_METHOD,
            path,
            f"The method {shown!r} is not available for create-order-payment{note}.",
            actual=describe(method),
        )


def _check_state(ck: Checker, state: OrderState) -> None:
    if not check_order_status(ck, state, ("created",), "create a new payment for"):
        return
    payments = state.payments or ()
    unfinished = [status for status in payments if status not in FINISHED_PAYMENT_STATUSES]
    if unfinished:
        ck.report(
            OPEN_PAYMENT,
            (),
            f"Cannot create a new payment for order {state.id or 'the order'}: its payment is {unfinished[0]}; "
            "a new one can only be created after it expired, was canceled or failed.",
            actual=unfinished[0],
        )
    if len(payments) >= MAX_PAYMENTS:
        ck.report(
            PAYMENT_LIMIT,
            (),
            f"Cannot create a new payment for order {state.id or 'the order'}: it has {len(payments)} payments "
            f"already (at most {MAX_PAYMENTS}).",
            actual=str(len(payments)),
        )
