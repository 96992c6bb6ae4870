"""``validate_order``: a clean body by the fast path, anything else walked by the rule modules into a ``Report``."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Final

from .findings import Report
from .options import DEFAULT_OPTIONS, Options
from .rules.checker import Checker
from .rules.clean_order import is_clean_order
from .rules.dates import check_dates
from .rules.methods import check_methods
from .rules.order import check_order
from .rules.payment import check_payment
from .rules.toplevel import check_top_level

#: The checks a create-order body goes through, in order, after ``check_order`` found it is an object.
#: Each takes the checker and the payload dict; findings come out in this order, so it is part of the
#: stable output order.
CREATE_ORDER_CHECKS: Final[tuple[Callable[[Checker, dict[object, object]], None], ...]] = (
    check_top_level,
    check_methods,
    check_payment,
    check_dates,
)


def validate_order(payload: object, *, today: datetime.date | None = None, options: Options | None = None) -> Report:
    """Every way Mollie would refuse ``payload`` as a ``POST /v2/orders`` body, and every warning.

    ``payload`` is the body as plain JSON data (what ``json.loads`` returns). It is never modified, and
    no input makes this function raise: bad input is reported as findings. ``today`` is the reference
    date for date rules (default: today in Europe/Amsterdam).
    """
    # Arguments of the wrong type are refused before anything else; with none given there is nothing to check.
    ck = _checker(options, today) if options is not None or today is not None else None
    # The fast path knows the documented method limits only; a profile's own (``Options(methods=)``) take the walk.
    if (options is None or options.methods is None) and is_clean_order(payload):
        return _CLEAN
    return _walk(ck or _checker(None, None), payload)


def validate_order_fully(
    payload: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """``validate_order`` without its whole-body fast path: the reference that fast path is tested against."""
    return _walk(_checker(options, today), payload)


def _walk(ck: Checker, payload: object) -> Report:
    if check_order(ck, payload) and isinstance(payload, dict):
        for check in CREATE_ORDER_CHECKS:
            check(ck, payload)
    return Report(tuple(ck.findings), "create-order")


#: The report of every clean body: reports are immutable, so one instance serves them all.
_CLEAN: Final = Report((), "create-order")


def _checker(options: Options | None, today: datetime.date | None) -> Checker:
    opts = options if options is not None else DEFAULT_OPTIONS
    if not isinstance(opts, Options):
        raise TypeError(f"options must be an Options instance, not {type(opts).__name__}")
    if today is not None and (not isinstance(today, datetime.date) or isinstance(today, datetime.datetime)):
        raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
    return Checker(opts, today)
