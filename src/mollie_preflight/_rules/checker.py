"""The per-call collector that rule checks report findings to.

A ``Checker`` lives for one validation call. It knows which rules are enabled and at which severity
(from the caller's options), and the context a check needs from elsewhere in the payload (the order currency,
``today``). Checks ask ``wants(rule)`` before building an expensive message, so a disabled rule costs
one dictionary look-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from time import time as _clock

from .._findings import Path, Violation
from .._lazy import on_first_use
from .rule import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Any

    from .._findings import Deferred
    from .settings import RuleSettings


#: Amsterdam's date, and the clock reading (``time.time()``) up to which it holds: the next midnight there.
#: No day before the first call: ``datetime`` is imported by the first call that needs a date, not at import.
_day: tuple[datetime.date | None, float] = (None, 0.0)


def amsterdam_today() -> datetime.date:
    """Today's date in Europe/Amsterdam, Mollie's home time zone.

    Worked out once per Amsterdam day, not per call: a date rule on every order (a date of birth) would
    otherwise pay for a time-zone conversion each time (~2 µs, a twentieth of a whole order's fast path).
    The cached day holds until the next midnight there, read from the same clock as ``datetime.now``
    (``time.time``).
    """
    global _day
    day, until = _day
    now = _clock()
    if now < until and day is not None:
        return day
    import datetime
    from zoneinfo import ZoneInfo

    amsterdam = ZoneInfo("Europe/Amsterdam")
    local = datetime.datetime.fromtimestamp(now, amsterdam)
    day = local.date()
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), amsterdam)
    _day = (day, midnight.timestamp())
    return day


def _import_date_classes() -> tuple[type[datetime.date], type[datetime.datetime]]:
    import datetime

    return datetime.date, datetime.datetime


#: ``(datetime.date, datetime.datetime)``, imported by the first call that reads a date (a ``today=``, a
#: date in the body) instead of with this module: most calls read none, and importing ``datetime`` was a
#: fifteenth of ``from mollie_preflight import validate_order``. A call costs ~50 ns, an ``import`` ~150.
date_classes = on_first_use(_import_date_classes)


class Checker:
    __slots__ = ("_today", "findings", "lines_read", "options", "order_amount", "order_currency", "order_decimals")

    def __init__(self, options: RuleSettings, today: datetime.date | None) -> None:
        # ``options.severity_of`` is asked when a check reports, not bound here: most calls report nothing,
        # and binding a method of a Python object was a tenth of making a compiled checker.
        self._today = today
        self.options = options
        self.findings: list[Violation] = []
        #: The order's currency once ``amount`` has been read; lines are compared against it.
        self.order_currency: str | None = None
        #: The order amount in minor units and its currency's decimals, when ``amount`` is valid.
        self.order_amount: int | None = None
        self.order_decimals: int | None = None
        #: What a family's ``clean`` already read of the lines before it answered "maybe", for the same family's
        #: walk in the same call to take instead of reading it again (the order family's ``LinesRead``); only
        #: the family that leaves it reads it, so the kernel does not know its type.
        self.lines_read: object = None

    @property
    def today(self) -> datetime.date:
        """The reference date, read once per call: the caller's ``today=`` or Amsterdam's date."""
        if self._today is None:
            self._today = amsterdam_today()
        return self._today

    def wants(self, rule: Rule) -> bool:
        return self.options.severity_of(rule) is not None

    def report(
        self,
        rule: Rule,
        path: Path,
        message: str | Deferred,
        *,
        expected: str | None = None,
        actual: str | None = None,
        extra: Mapping[str, Any] | None = None,
        status: int | None = None,
        precedence: int = 0,
    ) -> None:
        """Record a finding; ``status`` is Mollie's HTTP status for it when that is not 422, ``precedence``
        how early Mollie checks it when that is before the walk order (``Report.to_problem()``).

        ``message`` is the text, or ``(function, args)`` when writing it costs more than a plain f-string
        (amounts formatted for a message): the finding writes it when it is first read (``Violation``).
        """
        severity = self.options.severity_of(rule)
        if severity is None:
            return
        self.findings.append(
            Violation(rule.code, rule.name, severity, path, message, expected, actual, extra, status, precedence)
        )
