"""``new_checker``: how every validation call starts, its arguments checked and its ``Checker`` made.

A module of its own so that the compiled build compiles it (``_options``, which defines ``Options`` on
``Frozen``, cannot be): a call that finds nothing is otherwise a few microseconds of checks, and this was the
one Python frame on its way, a tenth of a compiled ``validate_payment``.
"""

from __future__ import annotations

from ._options import DEFAULT_OPTIONS, Options
from ._rules.checker import Checker, date_classes


def new_checker(options: object, today: object) -> Checker:
    """The checker of one validation call, its arguments checked first: a wrong ``options`` or ``today`` is
    the caller's programming error (``TypeError``), never a finding about the payload.

    Both are typed ``object`` because they are whatever the caller passed, checked here (compiled code would
    otherwise trust the annotation)."""
    if options is None and today is None:  # nearly every call: nothing to check
        return Checker(DEFAULT_OPTIONS, None)
    opts = options if options is not None else DEFAULT_OPTIONS
    if not isinstance(opts, Options):
        raise TypeError(f"options must be an Options instance, not {type(opts).__name__}")
    if today is None:
        return Checker(opts, None)
    date, date_time = date_classes()  # a datetime's time of day would be dropped silently: refused
    if not isinstance(today, date) or isinstance(today, date_time):
        raise TypeError(f"today must be a datetime.date, not {type(today).__name__}")
    return Checker(opts, today)
