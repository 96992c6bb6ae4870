"""Money that leaves the payment: a platform's ``applicationFee`` and split payments' ``routing``.

Both take a share of the payment for someone else, so both are bounded by the payment's own amount; the
Orders API's 10 %/€2.00 cap on application fees does not exist here, only the room Mollie's own fee needs.
"""

from __future__ import annotations

from typing import Final

from ..._findings import Path, Severity
from ..._money import format_minor
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import check_amount
from ..common.dates import parse_date
from ..family import BodyFamily
from ..orders.payment_object import check_application_fee_shape, check_id_prefix
from ..rule import Evidence, Rule
from ..values import describe, json_type, object_or_report

PAYMENT_APPLICATION_FEE = Rule(
    "MP954",
    "payment-application-fee",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("applicationFee"), cite.APPLICATION_FEES, cite.CHANGELOG),
    Evidence.DOCUMENTED,
    "applicationFee is not an object with an amount of at least 0.01 and a description of at most 255 characters",
    "An application fee moves part of a connected merchant's payment to the platform; Mollie's changelog "
    "corrected the reference to say both amount and description are required (the generated SDK models still "
    "mark them optional).",
    'Send {"amount": {"currency": "EUR", "value": "0.50"}, "description": "Platform fee"}.',
)
APPLICATION_FEE_ROOM = Rule(
    "MP955",
    "application-fee-room",
    Severity.WARNING,
    (cite.APPLICATION_FEES, cite.CREATE_PAYMENT.at("applicationFee")),
    Evidence.DOCUMENTED,
    "the application fee leaves no room for Mollie's own fee (above amount − (0.35 + 6 % of the amount) in EUR)",
    "Mollie takes its own fee from the same payment: a €0.99 fee on a €1.00 payment is refused. The "
    "application-fees guide bounds the fee by the amount minus €0.35 and 6 % of the amount; the real margin "
    "depends on the method's price, so this is a warning.",
    "Lower the fee, or charge it on larger payments only.",
)
ROUTING = Rule(
    "MP956",
    "routing",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("routing"),),
    Evidence.DOCUMENTED,
    "routing is not an array of {amount in EUR, destination {type organization, organizationId}, releaseDate}, "
    "or the payment is not in EUR",
    "A route sends part of the payment to another organization's balance: Mollie's reference requires its "
    "amount and destination, allows only the destination type 'organization', and routes EUR payments only.",
    'Send [{"amount": {"currency": "EUR", "value": "5.00"}, "destination": {"type": "organization", '
    '"organizationId": "org_…"}}].',
)
ROUTING_EXCEEDS_AMOUNT = Rule(
    "MP957",
    "routing-exceeds-amount",
    Severity.WARNING,
    (cite.CREATE_PAYMENT.at("routing"),),
    Evidence.INFERRED,
    "the routes add up to more than the payment's amount",
    "Mollie's reference says whatever is not routed stays with the organization that created the payment: "
    "the routes share out the amount, so together they cannot be more than it.",
    "Make the routes add up to at most the amount.",
)
ROUTING_WITH_APPLICATION_FEE = Rule(
    "MP958",
    "routing-with-application-fee",
    Severity.WARNING,
    (cite.CREATE_PAYMENT.at("routing"), cite.CREATE_PAYMENT.at("applicationFee")),
    Evidence.INFERRED,
    "a payment sends both routing and applicationFee",
    "Routing splits a payment created on one's own account; an application fee is charged by an OAuth "
    "platform on a connected merchant's payment. Mollie documents them for different set-ups and not their "
    "combination.",
    "Send one of them: routing for split payments, applicationFee for a platform's fee.",
)

RULES = (PAYMENT_APPLICATION_FEE, APPLICATION_FEE_ROOM, ROUTING, ROUTING_EXCEEDS_AMOUNT, ROUTING_WITH_APPLICATION_FEE)

#: Mollie's share as the guide gives it, in EUR cents and hundredths: amount − (35 + 6/100 × amount).
_FIXED_FEE_CENTS: Final = 35
_FEE_PERCENT: Final = 6


def check_connect(ck: Checker, payload: dict[object, object]) -> None:
    fee = payload.get("applicationFee")
    if fee is not None:
        _check_application_fee(ck, fee)
    routing = payload.get("routing")
    if routing is not None:
        _check_routing(ck, routing)
        if fee is not None:
            ck.report(
                ROUTING_WITH_APPLICATION_FEE,
                ("routing",),
                "The payment sends both routing and applicationFee; Mollie documents them for different set-ups "
                "(split payments on one's own account, a platform's fee on a connected account).",
            )


def _check_application_fee(ck: Checker, value: object) -> None:
    where: Path = ("applicationFee",)
    money = check_application_fee_shape(ck, PAYMENT_APPLICATION_FEE, value, where)
    if money is None:
        return
    amount = ck.order_amount
    if money.currency != "EUR" or ck.order_currency != "EUR" or amount is None:
        return
    # fee ≤ amount − (0.35 + 0.06 × amount), in hundredths of a cent so that nothing is rounded
    room = 100 * amount - 100 * _FIXED_FEE_CENTS - _FEE_PERCENT * amount
    if 100 * money.minor > room:
        most = "nothing" if room < 100 else f"€{format_minor(room // 100, 2)}"
        ck.report(
            APPLICATION_FEE_ROOM,
            (*where, "amount"),
            f"The application fee of €{money.plain()} leaves too little for Mollie's own fee on a payment of "
            f"€{format_minor(amount, 2)}: at most {most} (the amount − (€0.35 + 6 %)).",
            actual=money.plain(),
        )


def _check_routing(ck: Checker, value: object) -> None:
    if not isinstance(value, (list, tuple)):
        ck.report(
            ROUTING,
            ("routing",),
            f"The 'routing' field must be an array of routes, got {json_type(value)}.",
            actual=describe(value),
        )
        return
    if value and ck.order_currency is not None and ck.order_currency != "EUR":
        ck.report(
            ROUTING,
            ("routing",),
            f"Only EUR payments can be routed; this payment is in {ck.order_currency}.",
            actual=ck.order_currency,
        )
    total: int | None = 0
    for index, route in enumerate(value):
        routed = _check_route(ck, route, ("routing", index))
        total = None if routed is None or total is None else total + routed
    amount = ck.order_amount
    if total is not None and amount is not None and ck.order_currency == "EUR" and total > amount:
        ck.report(
            ROUTING_EXCEEDS_AMOUNT,
            ("routing",),
            f"The routes add up to €{format_minor(total, 2)}, more than the payment's €{format_minor(amount, 2)}.",
            actual=format_minor(total, 2),
        )


def _check_route(ck: Checker, value: object, path: Path) -> int | None:
    """Check one route; its amount in EUR cents when it is readable, else ``None``."""
    route = object_or_report(ck, ROUTING, value, path, f"Route {path[-1]}")
    if route is None:
        return None
    routed = None
    if route.get("amount") is None:
        ck.report(ROUTING, (*path, "amount"), f"Route {path[-1]} needs an amount.")
    else:
        money = check_amount(ck, route["amount"], (*path, "amount"))
        if money is not None and money.currency != "EUR":
            ck.report(
                ROUTING,
                (*path, "amount", "currency"),
                f"Route {path[-1]} is in {money.currency}; only EUR can be routed.",
                expected="EUR",
                actual=money.currency,
            )
        elif money is not None:
            routed = money.minor
    _check_destination(ck, route.get("destination"), (*path, "destination"))
    if route.get("releaseDate") is not None:
        parse_date(ck, route["releaseDate"], (*path, "releaseDate"))
    return routed


def _check_destination(ck: Checker, value: object, path: Path) -> None:
    if value is None:
        ck.report(ROUTING, path, f"Route {path[-2]} needs a destination.")
        return
    destination = object_or_report(ck, ROUTING, value, path, "The route's destination")
    if destination is None:
        return
    kind = destination.get("type")
    if kind != "organization":
        folded = kind.strip().lower() if isinstance(kind, str) else None
        ck.report(
            ROUTING,
            (*path, "type"),
            f"The destination type {describe(kind)!r} is not 'organization', the only type Mollie routes to.",
            expected="organization" if folded == "organization" else None,
            actual=describe(kind),
        )
    if destination.get("organizationId") is None:
        ck.report(ROUTING, (*path, "organizationId"), "The route's destination needs an organizationId (org_…).")
    else:
        check_id_prefix(ck, destination["organizationId"], (*path, "organizationId"), "org_")


def clean_connect(payload: dict[object, object], ck: Checker) -> bool:
    """``check_connect`` would report nothing: true only without a fee and routes (those take the walk)."""
    return payload.get("applicationFee") is None and payload.get("routing") is None


#: This family's part of a create-payment body (composed in ``create_payment``).
CREATE_PAYMENT: Final[BodyFamily] = BodyFamily("payment_connect", check_connect, clean_connect)
