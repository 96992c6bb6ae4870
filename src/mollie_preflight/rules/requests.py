"""What every request body of the other Orders endpoints shares: it is an object, ``testmode`` is a boolean
that matches the order's mode, and fields the endpoint does not take are pointed out.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import islice
from typing import Final

from ..findings import Path, Severity
from . import citations as cite
from .checker import Checker
from .order import PAYLOAD_NOT_OBJECT
from .rule import Evidence, Rule
from .snapshot import OrderState
from .toplevel import UNKNOWN_FIELD
from .values import describe, json_type

TESTMODE_TYPE = Rule(
    "MP716",
    "testmode-type",
    Severity.ERROR,
    (cite.CREATE_ORDER_PAYMENT,),
    Evidence.DOCUMENTED,
    "testmode is not a JSON boolean",
    "testmode (for access tokens) is a boolean; a string such as 'true' is not one.",
    "Send true or false, or leave testmode out when you use an API key.",
)
TESTMODE_MISMATCH = Rule(
    "MP813",
    "testmode-mismatch",
    Severity.ERROR,
    (cite.CREATE_ORDER_PAYMENT,),
    Evidence.DOCUMENTED,
    "testmode says test while the order is live, or the other way round",
    "With an access token, testmode selects where the order is looked up; the wrong mode finds no order.",
    "Send testmode: true exactly for test orders (mode 'test').",
)

RULES = (TESTMODE_TYPE, TESTMODE_MISMATCH)

#: A body with thousands of stray keys is one mistake, not thousands: report the first few.
MAX_REPORTED: Final = 20


def check_body(ck: Checker, payload: object, *, optional: bool = False) -> dict[object, object] | None:
    """The body as a dict, or ``None`` with a finding (an absent body is fine where ``optional``)."""
    if isinstance(payload, dict):
        return payload
    if payload is None and optional:
        return {}
    ck.report(
        PAYLOAD_NOT_OBJECT,
        (),
        f"The request body must be a JSON object, got {json_type(payload)}.",
        actual=describe(payload),
    )
    return None


def check_testmode(ck: Checker, body: dict[object, object], state: OrderState | None) -> None:
    value = body.get("testmode")
    if value is None:
        return
    if not isinstance(value, bool):
        ck.report(
            TESTMODE_TYPE,
            ("testmode",),
            f"The 'testmode' field must be a boolean, got {json_type(value)}.",
            expected="true" if value in ("true", 1) else "false" if value in ("false", 0) else None,
            actual=describe(value),
        )
        return
    if state is not None and state.mode in ("test", "live") and value != (state.mode == "test"):
        ck.report(
            TESTMODE_MISMATCH,
            ("testmode",),
            f"The order is a {state.mode} order, but testmode is {'true' if value else 'false'}.",
            expected="true" if state.mode == "test" else "false",
            actual="true" if value else "false",
        )


def check_unknown_fields(
    ck: Checker, body: dict[object, object], known: Collection[str], endpoint: str, path: Path = ()
) -> None:
    """Warn about each key of ``body`` that is not in ``known`` (at most ``MAX_REPORTED`` of them)."""
    if not ck.wants(UNKNOWN_FIELD):
        return
    unknown = (key for key in body if key not in known)
    for key in islice(unknown, MAX_REPORTED):
        ck.report(
            UNKNOWN_FIELD,
            (*path, key if isinstance(key, str) else describe(key)),
            f"The {endpoint} endpoint does not take the '{describe(key)}' field; it is ignored or refused.",
            actual=describe(key),
        )
