"""From an example's description to the payload it stands for and the findings the library gives for it."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import mollie_preflight as mp

from .bases import ORDER, PAYMENT, SNAPSHOT, TODAY


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


#: A patch value that removes the key (or list element) instead of setting it.
DELETE: Final = _Delete()

#: The endpoints whose snapshot is a payment (``payment=``); the others take an order (``order=``).
PAYMENT_ENDPOINTS: Final = frozenset({"create-capture", "create-payment-refund", "update-payment"})

#: The endpoint name of a raw export record (a line of JSONL), checked as the linter and ``validate_records`` do.
RECORD: Final = "record"


@dataclass(frozen=True)
class Patch:
    """Changes to a base payload, by Mollie's dotted field path (``lines.0.vatAmount.value``)."""

    base: Mapping[str, Any]
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """One call of a validator: the body, and the order snapshot (``order=``) and line id when it needs them."""

    body: Any
    order: Any = None
    line_id: str | None = None


@dataclass(frozen=True)
class Example:
    """A rule's failing and passing case; ``field`` is where the failing case's finding must point."""

    field: str
    fail: Case
    ok: Case
    endpoint: str = "create-order"


def materialize(value: Any) -> Any:
    """The payload a case's body or order stands for: a patch applied to a copy of its base, else the value."""
    if not isinstance(value, Patch):
        return copy.deepcopy(value)
    payload = copy.deepcopy(dict(value.base))
    for path, new in value.changes.items():
        _set(payload, path.split("."), new if new is DELETE else copy.deepcopy(new))
    return payload


def _set(node: Any, keys: list[str], value: Any) -> None:
    *parents, last = keys
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        index = int(last)
        if value is DELETE:
            del node[index]
        elif index == len(node):
            node.append(value)
        else:
            node[index] = value
    elif value is DELETE:
        del node[last]
    else:
        node[last] = value


def findings(endpoint: str, case: Case, options: mp.Options | None = None) -> list[mp.Violation]:
    """Every finding the library reports for ``case`` at ``endpoint`` on ``TODAY`` (all rules, unless ``options``)."""
    body = materialize(case.body)
    if endpoint == RECORD:
        return [found.violation for found in mp.validate_records([body], today=TODAY, options=options)]
    params: dict[str, Any] = {"line_id": case.line_id} if case.line_id is not None else {}
    if endpoint in PAYMENT_ENDPOINTS:
        params["payment"] = materialize(case.order)
    else:
        params["order"] = materialize(case.order)
    return list(mp.validate(body, endpoint, today=TODAY, options=options, **params))


def shown_paths(value: Any) -> list[str]:
    """The parts of a patched payload worth showing: each changed top-level key, or the changed line.

    ``""`` (the whole payload) for a value that is not a patch.
    """
    if not isinstance(value, Patch):
        return [""]
    shown: list[str] = []
    for path in value.changes:
        keys = path.split(".")
        depth = 2 if len(keys) > 1 and keys[1].isdigit() else 1
        prefix = ".".join(keys[:depth])
        if prefix not in shown:
            shown.append(prefix)
    return shown


def order(changes: Mapping[str, Any] | None = None) -> Patch:
    """The example create-order body with ``changes``."""
    return Patch(ORDER, changes or {})


def snapshot(changes: Mapping[str, Any] | None = None) -> Patch:
    """The example order snapshot with ``changes``."""
    return Patch(SNAPSHOT, changes or {})


def payment(changes: Mapping[str, Any] | None = None) -> Patch:
    """The example payment snapshot (authorized, manual capture) with ``changes``."""
    return Patch(PAYMENT, changes or {})
