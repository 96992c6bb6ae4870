"""``validate_payment``: ``POST /v2/payments``, composed from its families exactly as ``validate_order`` is."""

from __future__ import annotations

import datetime
from typing import Final

from ._calls import new_checker
from ._findings import Report
from ._options import Options
from ._rules.checker import Checker
from ._rules.family import BodyFamily
from ._rules.orders.body import check_body_object
from ._rules.payments import body, connect, extras, methods, params

#: The rule families a create-payment body goes through, in order, once it is an object: the walk runs
#: their ``check``s (so this is the stable order of the findings), the fast path their ``clean``s.
CREATE_PAYMENT_FAMILIES: Final[tuple[BodyFamily, ...]] = (
    body.CREATE_PAYMENT,
    params.CREATE_PAYMENT,
    connect.CREATE_PAYMENT,
    extras.CREATE_PAYMENT,
    methods.CREATE_PAYMENT,
)


def validate_payment(payload: object, *, today: datetime.date | None = None, options: Options | None = None) -> Report:
    """Every way Mollie would refuse ``payload`` as a ``POST /v2/payments`` body, and every warning.

    ``payload`` is the body as plain JSON data. It is never modified, and no input makes this function
    raise: bad input is reported as findings. The lines follow the same rules (and codes) as the Orders
    API's, with the Payments API's names: ``description`` for ``name``, ``categories`` for ``category``.
    """
    ck = new_checker(options, today)
    if type(payload) is dict and is_clean(payload, ck):
        return _CLEAN
    return _walk(ck, payload)


def validate_payment_fully(
    payload: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """``validate_payment`` without its fast path: the walk alone, which every ``clean`` is held to."""
    return _walk(new_checker(options, today), payload)


def is_clean(body: dict[object, object], ck: Checker) -> bool:
    """The fast path: ``True`` only when every family's ``clean`` answers that its ``check`` has nothing
    to report."""
    for clean in _CLEANS:  # noqa: SIM110 - a loop: all() would build a generator per call
        if not clean(body, ck):
            return False
    return True


#: The families' ``clean``s, read off once: a clean body pays for no attribute look-up per family.
_CLEANS: Final = tuple(family.clean for family in CREATE_PAYMENT_FAMILIES)


def _walk(ck: Checker, payload: object) -> Report:
    if check_body_object(ck, payload) and isinstance(payload, dict):
        for family in CREATE_PAYMENT_FAMILIES:
            family.check(ck, payload)
    return Report(tuple(ck.findings), "create-payment")


#: The report of every clean body: reports are immutable, so one instance serves them all.
_CLEAN: Final = Report((), "create-payment")
