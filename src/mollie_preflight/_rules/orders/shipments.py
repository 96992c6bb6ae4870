"""Create and update shipment."""

from __future__ import annotations

from typing import Final

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import check_amount
from ..common.urls import check_url
from ..rule import Evidence, Rule
from ..values import describe, is_blank, json_type
from .partial import NOTHING_TO_PROCESS, SHIP, Planned, RequestLine, plan, read_request_lines
from .snapshot import OrderState
from .status import ORDER_STATUS

MAX_TRACKING: Final = 100
SHIPPABLE_ORDER_STATUSES: Final = ("paid", "authorized", "shipping")
FIELDS: Final = ("lines", "tracking", "routing", "testmode")

SHIPMENT_TRACKING = Rule(
    "MP712",
    "shipment-tracking",
    Severity.ERROR,
    (cite.CREATE_SHIPMENT, cite.UPDATE_SHIPMENT, cite.CREATE_ORDER_REFUND),
    Evidence.DOCUMENTED,
    "tracking is missing where required, or lacks carrier or code, or one is over 100 characters",
    "Tracking is optional on a new shipment but the one thing an update changes; carrier and code are both "
    "required in it, each at most 100 characters.",
    'Send "tracking": {"carrier": "PostNL", "code": "3SKABA000000000", "url": "https://…"}.',
)
SHIPMENT_ROUTING = Rule(
    "MP713",
    "shipment-routing",
    Severity.ERROR,
    (cite.CREATE_PAYMENT, cite.CREATE_SHIPMENT),
    Evidence.DOCUMENTED,
    "routing is not an array of {amount, destination: {type: organization, organizationId}}",
    "Mollie Connect routes captured funds to organizations; each route names one, and with several routes "
    "each needs its amount.",
    "Send destination.type 'organization' with an organizationId (not 'me'), and an amount per route.",
)

RULES = (SHIPMENT_TRACKING, SHIPMENT_ROUTING)


def check_tracking(ck: Checker, tracking: object, *, required: bool) -> None:
    path: Path = ("tracking",)
    if tracking is None:
        if required:
            ck.report(SHIPMENT_TRACKING, path, "The 'tracking' field is required to update a shipment.")
        return
    if not isinstance(tracking, dict):
        ck.report(
            SHIPMENT_TRACKING,
            path,
            f"The 'tracking' field must be an object, got {json_type(tracking)}.",
            actual=describe(tracking),
        )
        return
    for key in ("carrier", "code"):
        value = tracking.get(key)
        where = (*path, key)
        if value is None:
            ck.report(SHIPMENT_TRACKING, where, f"The tracking '{key}' field is required.")
        elif not isinstance(value, str) or is_blank(value):
            ck.report(
                SHIPMENT_TRACKING,
                where,
                f"The tracking '{key}' field must be a non-empty string, got {json_type(value)}.",
                actual=describe(value),
            )
        elif len(value) > MAX_TRACKING:
            ck.report(
                SHIPMENT_TRACKING,
                where,
                f"The tracking '{key}' field is {len(value)} characters long; at most {MAX_TRACKING} are allowed.",
                actual=describe(value),
            )
    check_url(ck, tracking.get("url"), (*path, "url"), tolerant=True)


def check_routing(ck: Checker, routing: object, currency: str | None) -> None:
    if routing is None:
        return
    if not isinstance(routing, list) or not routing:
        ck.report(
            SHIPMENT_ROUTING,
            ("routing",),
            f"The 'routing' field must be a non-empty array, got {describe(routing)!r}.",
            actual=describe(routing),
        )
        return
    for index, route in enumerate(routing[:1000]):
        path: Path = ("routing", index)
        if not isinstance(route, dict):
            ck.report(SHIPMENT_ROUTING, path, f"Route {index} must be an object, got {json_type(route)}.")
            continue
        if route.get("amount") is None:
            if len(routing) > 1:
                ck.report(SHIPMENT_ROUTING, (*path, "amount"), f"Route {index} needs an amount when there are several.")
        else:
            check_amount(ck, route["amount"], (*path, "amount"), order_currency=currency)
        _check_destination(ck, route.get("destination"), (*path, "destination"), index)


def _check_destination(ck: Checker, destination: object, path: Path, index: int) -> None:
    if not isinstance(destination, dict):
        ck.report(SHIPMENT_ROUTING, path, f"Route {index} needs a destination object.", actual=describe(destination))
        return
    if destination.get("type") != "organization":
        ck.report(
            SHIPMENT_ROUTING,
            (*path, "type"),
            f"Route {index}: the destination type must be 'organization'.",
            expected="organization",
            actual=describe(destination.get("type")),
        )
    organization = destination.get("organizationId")
    if not isinstance(organization, str) or not organization.startswith("org_"):
        ck.report(
            SHIPMENT_ROUTING,
            (*path, "organizationId"),
            f"Route {index}: the destination needs an organizationId such as 'org_12345' (not 'me').",
            actual=describe(organization),
        )


def shipment_lines(ck: Checker, body: dict[object, object], state: OrderState | None) -> list[RequestLine] | None:
    """The request lines, or ``None`` when the body ships everything that is left (no or empty ``lines``)."""
    lines = body.get("lines")
    if lines is None or lines == []:
        return None
    return read_request_lines(ck, lines, state.currency if state else None) or []


def plan_shipment(ck: Checker, requests: list[RequestLine] | None, state: OrderState) -> list[Planned]:
    """Check the shipment against the snapshot; the steps it consists of when it is valid."""
    if state.status not in SHIPPABLE_ORDER_STATUSES:
        # Mollie's text since 2022 (https://github.com/mollie/mollie-api-php/issues/617,
        # https://github.com/mollie/magento2/issues/582); the reason follows it.
        ck.report(
            ORDER_STATUS,
            (),
            f'This order cannot be shipped. (Order {state.id or "the order"} is "{state.status}": a shipment needs '
            "a paid or authorized order.)",
            actual=state.status,
        )
        return []
    if requests is not None:
        return plan(ck, requests, state, SHIP)
    everything = [RequestLine(("lines",), "", line.id, None, None, False) for line in state.lines if line.shippable > 0]
    if not everything:
        ck.report(NOTHING_TO_PROCESS, (), "Nothing is left to be shipped in this order.", expected="0")
        return []
    return plan(ck, everything, state, SHIP)
