"""``validate_order``: the families' ``clean``s composed as the fast path, their ``check``s as the walk."""

from __future__ import annotations

from ._calls import new_checker
from ._findings import Report
from ._options import Options
from ._rules.checker import Checker
from ._rules.common import dates, methods
from ._rules.family import BodyFamily
from ._rules.orders import body, payment_object, toplevel
from ._rules.orders.body import check_body_object

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Final

#: The rule families a create-order body goes through, in order, once it is an object. The walk runs
#: their ``check``s (findings come out in this order, so it is part of the stable output order);
#: ``validate_order`` asks each one's ``clean`` first and walks only the families that may have findings.
CREATE_ORDER_FAMILIES: Final[tuple[BodyFamily, ...]] = (
    body.CREATE_ORDER,
    toplevel.CREATE_ORDER,
    methods.CREATE_ORDER,
    payment_object.CREATE_ORDER,
    dates.CREATE_ORDER,
)


def validate_order(payload: object, *, today: datetime.date | None = None, options: Options | None = None) -> Report:
    """Every way Mollie would refuse ``payload`` as a ``POST /v2/orders`` body, and every warning.

    ``payload`` is the body as plain JSON data (what ``json.loads`` returns). It is never modified, and
    no input makes this function raise: bad input is reported as findings. ``today`` is the reference
    date for date rules (default: today in Europe/Amsterdam).
    """
    ck = new_checker(options, today)
    if type(payload) is not dict:
        return _walk(ck, payload)
    # Each family's ``clean`` first: a family with nothing to report is not walked, so a body with one
    # wrong cent pays for the one family that explains it, not for the walk of all five. A clean body is
    # answered by the cleans alone (the fast path); findings come out in the walk's order either way.
    for family in CREATE_ORDER_FAMILIES:
        if not family.clean(payload, ck):
            family.check(ck, payload)
    return Report(tuple(ck.findings), "create-order") if ck.findings else _CLEAN


def validate_order_fully(
    payload: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """``validate_order`` without asking the families' ``clean``s: every family's ``check`` runs (the order
    family still takes a clean line's figures from ``clean_line``, which the test run holds to ``check_line``)."""
    return _walk(new_checker(options, today), payload)


def is_clean(body: dict[object, object], ck: Checker) -> bool:
    """The fast path: ``True`` only when every family's ``clean`` answers that its ``check`` has nothing
    to report, so the walk would find nothing at all."""
    for family in CREATE_ORDER_FAMILIES:  # noqa: SIM110 - a loop: all() would build a generator per call
        if not family.clean(body, ck):
            return False
    return True


def _walk(ck: Checker, payload: object) -> Report:
    if check_body_object(ck, payload) and isinstance(payload, dict):
        for family in CREATE_ORDER_FAMILIES:
            family.check(ck, payload)
    return Report(tuple(ck.findings), "create-order")


#: The report of every clean body: reports are immutable, so one instance serves them all.
_CLEAN: Final = Report((), "create-order")
