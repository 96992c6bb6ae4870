"""Which order status allows which write endpoint."""

from __future__ import annotations

from collections.abc import Collection

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Rule
from .snapshot import OrderState

ORDER_STATUS = Rule(
    "MP806",
    "order-status",
    Severity.ERROR,
    (
        cite.UPDATE_ORDER_LINE,
        cite.MANAGE_ORDER_LINES,
        cite.CANCEL_ORDER,
        cite.ORDER_STATUS_CHANGES,
        cite.CREATE_SHIPMENT,
        cite.CREATE_ORDER_PAYMENT,
        cite.live("https://github.com/mollie/magento2/issues/240"),
        cite.live("https://github.com/mollie/mollie-api-php/issues/617"),
        cite.live("https://github.com/mollie/magento2/issues/582"),
        cite.live("https://github.com/mollie/Shopware6/issues/575"),
        cite.live("https://github.com/mollie/magento2/issues/129"),
        cite.live("https://github.com/mollie/magento2/issues/250"),
    ),
    Evidence.DOCUMENTED,
    "the order's status does not allow this request",
    "Each write endpoint works only in some order statuses (status-changes guide): lines can be changed only "
    "before shipping starts, a shipment needs a paid or authorized order, a finished order cannot change.",
    "Fetch the order and act on its current status: refund instead of cancel once paid, cancel instead of "
    "refund while authorized.",
    'Cannot create a new payment for order ord_8wmqcHMN4U when the order status is "completed".',
)

RULES = (ORDER_STATUS,)


def check_order_status(
    ck: Checker, state: OrderState, allowed: Collection[str], what: str, path: Path = (), hint: str = ""
) -> bool:
    """Report when the order's status is not in ``allowed``; ``what`` names the request ("ship this order")."""
    if state.status in allowed:
        return True
    order = state.id or "the order"
    ck.report(
        ORDER_STATUS,
        path,
        f'Cannot {what} order {order} when the order status is "{state.status}".{hint}',
        actual=state.status,
    )
    return False
