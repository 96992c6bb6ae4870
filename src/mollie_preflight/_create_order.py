"""``validate_order``: the families' ``clean``s composed as the fast path, their ``check``s as the walk."""

from __future__ import annotations

from ._calls import new_checker
from ._compose import validate_body, walk_body
from ._findings import Report
from ._options import Options
from ._rules.checker import Checker
from ._rules.common import dates, methods
from ._rules.family import BodyFamily
from ._rules.orders import body, payment_object, toplevel

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
    return validate_body(new_checker(options, today), payload, CREATE_ORDER_FAMILIES, _CLEAN)


def validate_order_fully(
    payload: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """``validate_order`` without asking the families' ``clean``s: every family's ``check`` runs (the order
    family still takes a clean line's figures from ``clean_line``, which the test run holds to ``check_line``)."""
    return walk_body(new_checker(options, today), payload, CREATE_ORDER_FAMILIES, "create-order")


def is_clean(body: dict[object, object], ck: Checker) -> bool:
    """The fast path: ``True`` only when every family's ``clean`` answers that its ``check`` has nothing
    to report, so the walk would find nothing at all."""
    for family in CREATE_ORDER_FAMILIES:  # noqa: SIM110 - a loop: all() would build a generator per call
        if not family.clean(body, ck):
            return False
    return True


#: The report of every clean body: reports are immutable, so one instance serves them all.
_CLEAN: Final = Report((), "create-order")
