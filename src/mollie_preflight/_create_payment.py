"""``validate_payment``: ``POST /v2/payments``, composed from its families exactly as ``validate_order`` is."""

from __future__ import annotations

from ._calls import new_checker
from ._compose import validate_body, walk_body
from ._findings import Report
from ._options import Options
from ._rules.family import BodyFamily
from ._rules.payments import body, connect, extras, methods, params

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Final

#: The rule families a create-payment body goes through, in order, once it is an object: the walk runs
#: their ``check``s (so this is the stable order of the findings); ``validate_payment`` asks each one's
#: ``clean`` first and walks only the families that may have findings, as ``validate_order`` does.
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
    return validate_body(new_checker(options, today), payload, CREATE_PAYMENT_FAMILIES, _CLEAN)


def validate_payment_fully(
    payload: object, *, today: datetime.date | None = None, options: Options | None = None
) -> Report:
    """``validate_payment`` without asking the families' ``clean``s: every family's ``check`` runs (the body
    family still takes a clean line's figures from ``clean_line``, which the test run holds to ``check_line``)."""
    return walk_body(new_checker(options, today), payload, CREATE_PAYMENT_FAMILIES, "create-payment")


#: The report of every clean body: reports are immutable, so one instance serves them all.
_CLEAN: Final = Report((), "create-payment")
