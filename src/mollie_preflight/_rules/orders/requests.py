"""What every request body of the other Orders endpoints shares: it is an object, ``testmode`` is a boolean
that matches the order's mode, and fields the endpoint does not take are pointed out.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import islice
from typing import Final

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Rule
from ..values import closest, describe, json_type
from .body import PAYLOAD_NOT_OBJECT
from .snapshot import OrderState
from .toplevel import UNKNOWN_FIELD, report_non_existent

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

NULL_PARAMETER = Rule(
    "MP717",
    "null-parameter",
    Severity.ERROR,
    (cite.UPDATE_ORDER, cite.live("https://github.com/mollie/mollie-api-php/issues/541")),
    Evidence.LIVE,
    "a parameter of an update request is sent as null",
    "Update order takes no null: Mollie reads a null parameter as one that does not exist and refuses it "
    "(an SDK that always sent shippingAddress, null when the order had none, was refused live). A parameter "
    "cannot be cleared this way; create-order, by contrast, takes null as absent.",
    "Leave the parameter out instead of sending null.",
    'Non-existent body parameter "shippingAddress" for this API call. Did you mean: "shippingAddress.city"?',
)

RULES = (TESTMODE_TYPE, TESTMODE_MISMATCH, NULL_PARAMETER)

#: Mollie's "Did you mean" for a null object parameter names its first sub-parameter (alphabetically).
_FIRST_SUB_PARAMETER: Final = {"billingAddress": "city", "shippingAddress": "city"}

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


def check_non_existent_parameters(
    ck: Checker, body: dict[object, object], known: Collection[str], *, skip_null: bool = True
) -> None:
    """MP718 for each key of ``body`` not in ``known``, where Mollie is seen refusing unknown parameters (update
    order, cancel order lines). A ``null`` is left to ``check_null_parameters`` where ``skip_null``: one finding
    per key; elsewhere an unknown key is reported whatever its value, as create order reports it."""
    unknown = (key for key, value in body.items() if key not in known and not (skip_null and value is None))
    choices = sorted(known)
    for key in islice(unknown, MAX_REPORTED):
        meant = closest(key, choices) if isinstance(key, str) else None
        report_non_existent(ck, key, body[key], f"did you mean {meant}?" if meant else "", meant)


def check_null_parameters(ck: Checker, body: dict[object, object]) -> None:
    """Report each top-level ``null`` with Mollie's live text and its "Did you mean" hint (update order)."""
    nulls = (key for key, value in body.items() if value is None and isinstance(key, str))
    for key in islice(nulls, MAX_REPORTED):
        sub = _FIRST_SUB_PARAMETER.get(key)
        hint = f' Did you mean: "{key}.{sub}"?' if sub else ""
        ck.report(
            NULL_PARAMETER,
            (key,),
            f'Non-existent body parameter "{key}" for this API call.{hint}',
            expected=f"{key}.{sub}" if sub else None,
            actual="null",
        )
