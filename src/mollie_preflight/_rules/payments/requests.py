"""What the requests on an existing payment share: an amount in the payment's currency that moves money
(more than zero), a description of at most 255 characters, and ``testmode`` matching the payment's mode.

The amount itself is read by ``amounts.check_amount`` (shape, string value, decimals, currency code); this
module adds only what depends on the payment.
"""

from __future__ import annotations

from typing import Final

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import Money, check_amount
from ..orders.requests import TESTMODE_MISMATCH, check_testmode
from ..rule import Evidence, Rule
from ..values import check_optional_text
from .snapshot import PaymentState

#: The length limit of a capture's and a payment refund's description.
MAX_DESCRIPTION: Final = 255

PAYMENT_REQUEST_CURRENCY = Rule(
    "MP972",
    "payment-request-currency",
    Severity.ERROR,
    (cite.CREATE_CAPTURE.at("amount"), cite.CREATE_REFUND.at("amount")),
    Evidence.DOCUMENTED,
    "a capture's or refund's amount is not in the payment's currency",
    "A capture or refund moves money of the payment itself, so it is in the payment's currency; Mollie answers "
    "'The amount contains an invalid currency' (field amount.currency).",
    "Send the amount in the currency of the payment (its amount.currency).",
    "The amount contains an invalid currency",
)
PAYMENT_REQUEST_ZERO = Rule(
    "MP973",
    "payment-request-amount-zero",
    Severity.ERROR,
    (cite.CREATE_CAPTURE.at("amount"), cite.CREATE_REFUND.at("amount")),
    Evidence.INFERRED,
    "a capture's or refund's amount is zero",
    "A capture or refund of nothing moves no money; leave the amount out to capture everything that is "
    "authorized, and send no refund at all instead of one of zero.",
    "Send the amount to capture or refund, more than zero.",
)
PAYMENT_REQUEST_DESCRIPTION = Rule(
    "MP974",
    "payment-request-description",
    Severity.ERROR,
    (cite.CREATE_CAPTURE.at("description"), cite.CREATE_REFUND.at("description")),
    Evidence.DOCUMENTED,
    "the description of a capture or payment refund is not a string of at most 255 characters",
    "The reference gives each of these descriptions a maximum length of 255 characters, and a string type (a "
    "payment's own description, on create and update payment, is payment-description and "
    "payment-description-long: Mollie truncates it instead).",
    "Send a string of at most 255 characters.",
)

RULES = (PAYMENT_REQUEST_CURRENCY, PAYMENT_REQUEST_ZERO, PAYMENT_REQUEST_DESCRIPTION)


def check_payment_amount(ck: Checker, value: object, path: Path, state: PaymentState | None) -> Money | None:
    """The amount as ``Money`` when it is valid, more than zero and (with a snapshot) in the payment's currency."""
    money = check_amount(ck, value, path)
    if money is None:
        return None
    if state is not None and money.currency != state.currency:
        ck.report(
            PAYMENT_REQUEST_CURRENCY,
            (*path, "currency"),
            f"The amount contains an invalid currency: {money.currency}, while the payment is in {state.currency}.",
            expected=state.currency,
            actual=money.currency,
        )
        return None
    if money.minor == 0:
        ck.report(
            PAYMENT_REQUEST_ZERO,
            (*path, "value"),
            f"The amount {money.plain()} moves no money; send more than zero.",
            actual=money.plain(),
        )
        return None
    return money


def check_payment_description(ck: Checker, value: object) -> None:
    """An optional description: ``None`` is absent, anything else a string of at most ``MAX_DESCRIPTION``."""
    check_optional_text(ck, PAYMENT_REQUEST_DESCRIPTION, value, ("description",), MAX_DESCRIPTION)


def check_payment_testmode(ck: Checker, body: dict[object, object], state: PaymentState | None) -> None:
    """``testmode`` is a boolean (the shared check) and, with a snapshot, says the payment's own mode."""
    check_testmode(ck, body, None)
    value = body.get("testmode")
    mismatch = state is not None and state.mode in ("test", "live") and value != (state.mode == "test")
    if isinstance(value, bool) and state is not None and mismatch:
        ck.report(
            TESTMODE_MISMATCH,
            ("testmode",),
            f"The payment is a {state.mode} payment, but testmode is {'true' if value else 'false'}.",
            expected="true" if state.mode == "test" else "false",
            actual="true" if value else "false",
        )
