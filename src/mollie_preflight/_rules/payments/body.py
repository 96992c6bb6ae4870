"""The core of a create-payment body: amount, description, and the lines with their sums.

The lines and their sums are the Orders API's, read through the ``PAYMENTS`` dialect: one implementation
of the arithmetic for both APIs.
"""

from __future__ import annotations

from typing import Final

from ..._findings import Severity
from .. import citations as cite
from ..checker import Checker
from ..family import BodyFamily
from ..orders.body import check_body_amount, check_lines_and_sums, clean_body_amount, clean_lines_and_sums
from ..rule import Evidence, Rule
from ..values import describe, is_blank, json_type
from .lines import PAYMENTS

REQUIRED: Final = ("amount", "description")
#: The schema's maximum; Mollie truncates longer descriptions per method instead of refusing them.
MAX_DESCRIPTION: Final = 255

PAYMENT_REQUIRED_FIELD = Rule(
    "MP910",
    "payment-required-field",
    Severity.ERROR,
    (
        cite.CREATE_PAYMENT.at("Body parameters"),
        cite.live("https://github.com/Viincenttt/MollieApi/issues/257"),
        cite.live("https://github.com/mollie/mollie-api-php/issues/185"),
    ),
    Evidence.DOCUMENTED,
    "amount or description is missing from a create-payment body",
    "Both are required on every payment; the description is what the customer sees on the checkout and on "
    "the bank statement (it replaces the Orders API's orderNumber). A missing amount is Mollie's first answer, "
    "before any non-existent parameter: a body whose every key ended in a space was refused for its amount.",
    "Send both; put the shop's order number in the description.",
    "The amount is required for payments",
)
#: The C# SDK's integration test (run against Mollie's API in test mode) sends an empty description and asserts
#: Mollie's 422 "The description is invalid".
_EMPTY_DESCRIPTION_REFUSED: Final = (
    "https://github.com/Viincenttt/MollieApi/blob/d9e4389a22d17f6dc776db0b8262030ed1c25d3e/"
    "tests/Mollie.Tests.Integration/Api/ApiExceptionTests.cs#L24"
)

PAYMENT_DESCRIPTION = Rule(
    "MP911",
    "payment-description",
    Severity.ERROR,
    (
        cite.CREATE_PAYMENT.at("description"),
        cite.UPDATE_PAYMENT.at("description"),
        cite.live(_EMPTY_DESCRIPTION_REFUSED),
    ),
    Evidence.LIVE,
    "description is not a non-blank string",
    "The description is a string shown to the customer; an empty one tells them nothing. Mollie refuses an "
    "empty description (422, seen live); a description of spaces only is held to the same rule by inference.",
    "Send a description such as 'Order #12345'.",
    "The description is invalid",
)
PAYMENT_DESCRIPTION_LONG = Rule(
    "MP912",
    "payment-description-long",
    Severity.WARNING,
    (cite.CREATE_PAYMENT.at("description"), cite.UPDATE_PAYMENT.at("description")),
    Evidence.DOCUMENTED,
    "description is longer than 255 characters",
    "Mollie's reference gives 255 characters as the absolute maximum and says longer descriptions are "
    "truncated, the maximum differing per method (KBC/CBC show 13 characters): the customer sees less.",
    "Keep the description short; put the essentials (the order number) first.",
)

RULES = (PAYMENT_REQUIRED_FIELD, PAYMENT_DESCRIPTION, PAYMENT_DESCRIPTION_LONG)


def check_payment_body(ck: Checker, payload: dict[object, object]) -> None:
    """Required fields, the amount, the description, and the lines with their sums.

    An empty ``lines`` array is no lines, as for ``null``: the reference makes lines optional and Mollie's own
    commercetools connector sends ``"lines": []`` on every payment whose merchant gave none (the methods that need
    lines say so themselves, MP950)."""
    for field in REQUIRED:
        if payload.get(field) is None:
            ck.report(PAYMENT_REQUIRED_FIELD, (field,), f"The '{field}' field is missing.")
    amount = check_body_amount(ck, payload)
    check_description(ck, payload.get("description"))
    lines = payload.get("lines")
    if lines is not None and lines != []:
        check_lines_and_sums(ck, amount, lines, PAYMENTS)


def check_description(ck: Checker, description: object) -> None:
    """MP911, MP912: the payment's ``description`` (``None``: absent) is a non-blank string, and one longer
    than 255 characters is truncated. Create and update payment take the same description, documented alike."""
    if description is None:
        return
    if not isinstance(description, str) or is_blank(description):
        what = json_type(description) if not isinstance(description, str) else "a blank string"
        ck.report(
            PAYMENT_DESCRIPTION,
            ("description",),
            f"The 'description' field must be a non-blank string, got {what}.",
            actual=describe(description),
        )
    elif len(description) > MAX_DESCRIPTION:
        ck.report(
            PAYMENT_DESCRIPTION_LONG,
            ("description",),
            f"The description is {len(description)} characters long; Mollie truncates it at "
            f"{MAX_DESCRIPTION} characters or fewer, depending on the method.",
            actual=describe(description),
        )


def clean_payment_body(payload: dict[object, object], ck: Checker) -> bool:
    """``check_payment_body`` would report nothing: a valid amount, a usual description, and no lines or
    lines that are clean and add up. When it answers so, it leaves the checker the amount's context, as the
    check would (the connect and methods families read it, walked or not)."""
    description, amount = payload.get("description"), payload.get("amount")
    if type(description) is not str or not description.strip() or len(description) > MAX_DESCRIPTION:
        return False
    if type(amount) is not dict:
        return False
    context = clean_body_amount(amount)
    if context is None:
        return False
    currency, decimals, minor = context
    lines = payload.get("lines")
    has_lines = lines is not None and lines != []  # ``[]`` is no lines, as for ``null`` (see the check)
    if has_lines and (
        type(lines) is not list or not clean_lines_and_sums(ck, lines, currency, decimals, minor, PAYMENTS)
    ):
        return False
    ck.order_currency, ck.order_amount, ck.order_decimals = currency, minor, decimals
    return True


#: This family's part of a create-payment body (composed in ``create_payment``).
CREATE_PAYMENT: Final[BodyFamily] = BodyFamily("payment_body", check_payment_body, clean_payment_body)
