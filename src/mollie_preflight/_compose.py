"""A request body's validation, composed from its rule families: one way for every endpoint that has them
(create order, create payment).

Each family's ``clean`` is asked first, and only a family that answers "maybe" is walked (its ``check``): a
body with one wrong cent pays for the family that explains it, not for the walk of every family, and a clean
body is answered by the cleans alone (the fast path). Findings come out in the families' order either way, the
walk's order. ``walk_body`` runs every ``check``: the reference the test run holds each ``clean`` to.
"""

from __future__ import annotations

from ._findings import Report
from ._rules.checker import Checker
from ._rules.family import BodyFamily
from ._rules.orders.body import check_body_object


def validate_body(ck: Checker, payload: object, families: tuple[BodyFamily, ...], clean: Report) -> Report:
    """Every finding of ``families`` on ``payload``; ``clean`` is the endpoint's report of a body with nothing
    to report (reports are immutable, so one instance serves every such body)."""
    if type(payload) is not dict:  # not an object, or a dict subclass: the walk decides, finding and all
        return walk_body(ck, payload, families, clean.endpoint)
    for family in families:
        if not family.clean(payload, ck):
            family.check(ck, payload)
    return Report(tuple(ck.findings), clean.endpoint) if ck.findings else clean


def walk_body(ck: Checker, payload: object, families: tuple[BodyFamily, ...], endpoint: str) -> Report:
    """Every finding of ``families`` on ``payload``, every family's ``check`` run: no ``clean`` asked."""
    if check_body_object(ck, payload) and isinstance(payload, dict):
        for family in families:
            family.check(ck, payload)
    return Report(tuple(ck.findings), endpoint)
