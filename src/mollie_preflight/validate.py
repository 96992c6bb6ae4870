"""The public entry points: walk a payload, let the rule modules report, return a ``Report``."""

from __future__ import annotations

import datetime

from .findings import Report
from .options import DEFAULT_OPTIONS, Options
from .rules.checker import Checker
from .rules.order import check_order


def validate_order(
    payload: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """Every way Mollie would refuse ``payload`` as a ``POST /v2/orders`` body, and every warning.

    ``payload`` is the body as plain JSON data (what ``json.loads`` returns). It is never modified, and
    no input makes this function raise: bad input is reported as findings. ``today`` is the reference
    date for date rules (default: today in Europe/Amsterdam).
    """
    opts = options if options is not None else DEFAULT_OPTIONS
    if not isinstance(opts, Options):
        raise TypeError(f"options must be an Options instance, not {type(opts).__name__}")
    ck = Checker(opts.policy, opts, today)
    check_order(ck, payload, vat_tie_either=opts.tie_either)
    return Report(tuple(ck.findings), "create-order")
