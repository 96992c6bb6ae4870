"""Create payment refund (``POST /v2/payments/{id}/refunds``): give back money a payment collected.

A payment refund names an amount, not lines: the Payments API's counterpart of an order refund, which named
the lines. Marketplace operators may also pull routed funds back (``reverseRouting``, ``routingReversals``).
"""

from __future__ import annotations

import re
from typing import Final

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import check_amount
from ..common.metadata import check_metadata
from ..orders.requests import MAX_REPORTED
from ..rule import Evidence, Rule
from ..values import describe, json_type
from .requests import check_payment_amount, check_payment_description
from .snapshot import PaymentState

FIELDS: Final = (
    "amount",
    "description",
    "metadata",
    "externalReference",
    "reverseRouting",
    "routingReversals",
    "testmode",
    "lines",
)
#: Methods whose payments Mollie cannot refund: the money was a prepaid card or a voucher.
NOT_REFUNDABLE_METHODS: Final = frozenset({"paysafecard", "giftcard", "voucher"})
#: Routed funds exist only in euro.
ROUTING_CURRENCY: Final = "EUR"
_ORGANIZATION_ID: Final = re.compile(r"org_.+", re.DOTALL)

REFUND_AMOUNT_MISSING = Rule(
    "MP980",
    "payment-refund-amount-missing",
    Severity.ERROR,
    (
        cite.CREATE_REFUND.at("amount"),
        cite.live("https://github.com/duncanmcclean/simple-commerce/issues/1231"),
        cite.live("https://github.com/mollie/mollie-api-php/issues/326"),
    ),
    Evidence.LIVE,
    "a payment refund without an amount",
    "A payment refund refunds an amount, which the reference marks as required; unlike an order refund it "
    "has no lines from which Mollie could work the amount out. Seen live (2018, 2025): Mollie answers with the "
    "words it uses for a payment without an amount.",
    "Send the amount to refund, at most the payment's amountRemaining.",
    "The amount is required for payments",
)
REFUND_DESCRIPTION_MISSING = Rule(
    "MP981",
    "payment-refund-description-missing",
    Severity.WARNING,
    (cite.CREATE_REFUND.at("description"),),
    Evidence.DOCUMENTED,
    "a payment refund without a description",
    "The reference marks the description as required, yet its own request examples leave it out; it is what "
    "the shopper sees on the bank statement, so a description is worth sending either way.",
    "Send a description of at most 255 characters, such as 'Refund for order 12345'.",
)
REFUND_EXTERNAL_REFERENCE = Rule(
    "MP982",
    "payment-refund-external-reference",
    Severity.WARNING,
    (cite.CREATE_REFUND, cite.CHANGELOG_REFUND_EXTERNAL_REFERENCE),
    Evidence.DOCUMENTED,
    "a payment refund sends externalReference, which is read-only",
    "Mollie's changelog corrected the reference: externalReference was documented as writable by mistake; Mollie "
    "sets it, a request cannot.",
    "Leave externalReference out; keep your own reference in metadata.",
)
REFUND_LINES = Rule(
    "MP983",
    "payment-refund-lines",
    Severity.WARNING,
    (cite.CREATE_REFUND, cite.CREATE_ORDER_REFUND, cite.MIGRATING_ORDERS_TO_PAYMENTS),
    Evidence.DOCUMENTED,
    "a payment refund sends lines, which only order refunds take",
    "The Payments API refunds an amount: 'lines' is a parameter of the Orders API's refund "
    "(POST /v2/orders/{id}/refunds) and does nothing here.",
    "Send the refunded lines' total as amount, or refund through the order when the payment belongs to one.",
)
REFUND_ROUTING_SHAPE = Rule(
    "MP984",
    "payment-refund-routing-shape",
    Severity.ERROR,
    (cite.CREATE_REFUND.at("routingReversals"),),
    Evidence.DOCUMENTED,
    "reverseRouting is not a boolean, or routingReversals is not a list of {amount in EUR, source organization}",
    "routingReversals names, per connected organization (type 'organization', an id 'org_…'), the euro amount "
    "to pull back; reverseRouting is a boolean. Only euro payments are routed.",
    'Send reverseRouting: true, or routingReversals: [{"amount": {...}, "source": {"type": "organization", '
    '"organizationId": "org_…"}}].',
)
REFUND_ROUTING_COMBINATION = Rule(
    "MP985",
    "payment-refund-routing-combination",
    Severity.WARNING,
    (cite.CREATE_REFUND.at("reverseRouting"),),
    Evidence.INFERRED,
    "reverseRouting together with routingReversals, or reverseRouting on a partial refund",
    "reverseRouting pulls back all routed funds and is meant for a full refund; routingReversals pulls back "
    "chosen amounts for a partial one. Both at once contradict each other.",
    "Send reverseRouting for a full refund, routingReversals for a partial one, never both.",
)
REFUND_EXCEEDS_REMAINING = Rule(
    "MP986",
    "payment-refund-exceeds-remaining",
    Severity.ERROR,
    (
        cite.CREATE_REFUND.at("amount"),
        cite.GET_PAYMENT.at("amountRemaining"),
        cite.REFUNDS,
        cite.live("https://github.com/mollie/magento2/issues/246"),
    ),
    Evidence.LIVE,
    "a payment refund of more than the payment's amountRemaining",
    "amountRemaining is what can still be refunded; refunding more than the payment is off unless Mollie "
    "enabled it for the account. Seen live (2020): a refund of a payment already refunded in the dashboard.",
    "Refund at most the payment's amountRemaining.",
    "The specified amount cannot be refunded",
)
REFUND_METHOD = Rule(
    "MP987",
    "payment-refund-method",
    Severity.ERROR,
    (cite.REFUNDS, cite.VOUCHERS, cite.GIFT_CARDS),
    Evidence.DOCUMENTED,
    "a refund of a payment made with paysafecard, a gift card or a voucher",
    "Mollie cannot refund these methods: the money sits on a prepaid card or a voucher, not in a bank account.",
    "Settle the refund another way (a bank transfer, store credit).",
)
REFUND_NOTHING_COLLECTED = Rule(
    "MP988",
    "payment-refund-nothing-collected",
    Severity.ERROR,
    (cite.REFUNDS, cite.PAYMENT_STATUS, cite.CAPTURES_API),
    Evidence.INFERRED,
    "a refund of a payment that collected no money (not paid, nothing captured)",
    "Only collected money can be given back: an open, canceled, expired or failed payment took none, and an "
    "authorized one only what was captured of it. Release an authorization instead of refunding it.",
    "Refund paid payments; release an authorized payment's hold with POST /v2/payments/{id}/release-authorization.",
)

RULES = (
    REFUND_AMOUNT_MISSING,
    REFUND_DESCRIPTION_MISSING,
    REFUND_EXTERNAL_REFERENCE,
    REFUND_LINES,
    REFUND_ROUTING_SHAPE,
    REFUND_ROUTING_COMBINATION,
    REFUND_EXCEEDS_REMAINING,
    REFUND_METHOD,
    REFUND_NOTHING_COLLECTED,
)


def check_refund_body(ck: Checker, body: dict[object, object], state: PaymentState | None) -> int | None:
    """The body's own fields; the amount to refund in minor units, or ``None`` when it is missing or invalid."""
    description = body.get("description")
    if description is None:
        ck.report(
            REFUND_DESCRIPTION_MISSING,
            ("description",),
            "The refund has no description; the reference marks it as required.",
        )
    check_payment_description(ck, description)
    check_metadata(ck, body.get("metadata"), ("metadata",))
    if "externalReference" in body:
        ck.report(
            REFUND_EXTERNAL_REFERENCE,
            ("externalReference",),
            "The 'externalReference' of a refund is read-only; Mollie ignores or refuses it in a request.",
            actual=describe(body["externalReference"]),
        )
    if "lines" in body:
        ck.report(
            REFUND_LINES,
            ("lines",),
            "A payment refund takes no 'lines'; refund an amount, or the lines through the order's refund endpoint.",
            actual=describe(body["lines"]),
        )
    _check_routing(ck, body)
    value = body.get("amount")
    if value is None:
        ck.report(REFUND_AMOUNT_MISSING, ("amount",), "The 'amount' field is missing.")
        return None
    money = check_payment_amount(ck, value, ("amount",), state)
    return money.minor if money is not None else None


def _check_routing(ck: Checker, body: dict[object, object]) -> None:
    reverse = body.get("reverseRouting")
    if reverse is not None and not isinstance(reverse, bool):
        ck.report(
            REFUND_ROUTING_SHAPE,
            ("reverseRouting",),
            f"The 'reverseRouting' field must be a boolean, got {json_type(reverse)}.",
            actual=describe(reverse),
        )
    reversals = body.get("routingReversals")
    if reversals is None:
        return
    if not isinstance(reversals, list):
        ck.report(
            REFUND_ROUTING_SHAPE,
            ("routingReversals",),
            f"The 'routingReversals' field must be an array, got {json_type(reversals)}.",
            actual=describe(reversals),
        )
        return
    start = len(ck.findings)
    for index, reversal in enumerate(reversals):
        _check_reversal(ck, reversal, ("routingReversals", index))
        if len(ck.findings) - start >= MAX_REPORTED:  # a list of thousands of bad items is one mistake
            break
    if reverse is True and reversals:
        ck.report(
            REFUND_ROUTING_COMBINATION,
            ("reverseRouting",),
            "reverseRouting pulls back all routed funds, routingReversals chosen amounts; send one of them.",
            actual="true",
        )


def _check_reversal(ck: Checker, reversal: object, path: Path) -> None:
    if not isinstance(reversal, dict):
        ck.report(
            REFUND_ROUTING_SHAPE,
            path,
            f"A routing reversal must be an object with amount and source, got {json_type(reversal)}.",
            actual=describe(reversal),
        )
        return
    amount = reversal.get("amount")
    if amount is None:
        ck.report(REFUND_ROUTING_SHAPE, (*path, "amount"), "A routing reversal needs an amount.")
    else:
        money = check_amount(ck, amount, (*path, "amount"))
        if money is not None and money.currency != ROUTING_CURRENCY:
            ck.report(
                REFUND_ROUTING_SHAPE,
                (*path, "amount", "currency"),
                f"Routed funds are in {ROUTING_CURRENCY}; a routing reversal in {money.currency} cannot exist.",
                expected=ROUTING_CURRENCY,
                actual=money.currency,
            )
    source = reversal.get("source")
    if not isinstance(source, dict):
        ck.report(
            REFUND_ROUTING_SHAPE,
            (*path, "source"),
            f"A routing reversal's source must be an object with type and organizationId, got {json_type(source)}.",
            actual=describe(source),
        )
        return
    kind = source.get("type")
    if kind != "organization":
        ck.report(
            REFUND_ROUTING_SHAPE,
            (*path, "source", "type"),
            f"A routing reversal's source type must be 'organization', got {describe(kind)!r}.",
            expected="organization",
            actual=describe(kind),
        )
    organization = source.get("organizationId")
    if not isinstance(organization, str) or not _ORGANIZATION_ID.fullmatch(organization):
        ck.report(
            REFUND_ROUTING_SHAPE,
            (*path, "source", "organizationId"),
            f"A routing reversal's organizationId must be an organization id such as 'org_12345', "
            f"got {describe(organization)!r}.",
            actual=describe(organization),
        )


def plan_payment_refund(ck: Checker, body: dict[object, object], minor: int | None, state: PaymentState) -> int | None:
    """The amount the refund would give back (minor units), or ``None`` with findings when it cannot."""
    ok = True
    if state.method in NOT_REFUNDABLE_METHODS:
        ck.report(
            REFUND_METHOD,
            (),
            f"Payments made with {state.method} cannot be refunded.",
            actual=state.method,
        )
        ok = False
    if state.collected <= 0:
        ck.report(
            REFUND_NOTHING_COLLECTED,
            (),
            f"The payment is {state.status} and collected no money; there is nothing to refund."
            + (" Release the authorization instead." if state.status == "authorized" else ""),
            actual=state.status,
        )
        return None
    if minor is None:
        return None
    if minor > state.remaining:
        ck.report(
            REFUND_EXCEEDS_REMAINING,
            ("amount", "value"),
            f"The refund of {state.shown(minor)} is more than the {state.shown(state.remaining)} that can still be "
            f"refunded (amountRemaining).",
            expected=state.money(state.remaining)["value"] if state.remaining > 0 else None,
            actual=state.money(minor)["value"],
        )
        ok = False
    if body.get("reverseRouting") is True and minor < state.amount:
        ck.report(
            REFUND_ROUTING_COMBINATION,
            ("reverseRouting",),
            f"reverseRouting pulls back all routed funds, but this refund of {state.shown(minor)} is partial; "
            f"send routingReversals with the amounts to pull back instead.",
            actual="true",
        )
    return minor if ok else None
