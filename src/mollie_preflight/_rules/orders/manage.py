"""Manage order lines: ``add``, ``update`` and ``cancel`` operations in one request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ..._findings import Path, Severity
from ..._vat import vat_minor
from .. import citations as cite
from ..checker import Checker
from ..common.lines import LineFigures, check_line
from ..rule import Evidence, Rule
from ..values import describe, json_type
from .partial import (
    LINE_NOT_IN_ORDER,
    Action,
    Planned,
    check_line_id,
    check_line_status,
    plan_line,
    read_request_line,
)
from .requests import check_unknown_fields
from .snapshot import OrderState
from .updates import LINE_FIELDS, UPDATE, active_figures, check_line_editable, check_line_update, check_resulting_order

OPERATIONS: Final = ("add", "update", "cancel")
FIELDS: Final = ("operations", "testmode")
#: A request with more operations than an order can have lines is refused before any work.
MAX_OPERATIONS: Final = 10_000

#: A manage-cancel works on lines of an order that is not paid yet, so created lines can be cancelled too.
MANAGE_CANCEL: Final = Action(
    "cancel",
    "cancelled",
    frozenset({"created", "authorized"}),
    lambda line: line.remaining,
    {"canceled": "the line was cancelled already"},
)

MANAGE_OPERATIONS = Rule(
    "MP704",
    "manage-operations",
    Severity.ERROR,
    (cite.MANAGE_ORDER_LINES,),
    Evidence.DOCUMENTED,
    "operations is not a non-empty array of {operation: add|update|cancel, data: object}",
    "Manage order lines applies a list of operations in one re-authorization; each needs its kind and data.",
    'Send "operations": [{"operation": "update", "data": {"id": "odl_…", "name": "…"}}].',
)

RULES = (MANAGE_OPERATIONS,)


@dataclass(slots=True)
class ManagePlan:
    """What a valid manage request does: lines added, updated (by id) and cancelled."""

    added: list[LineFigures] = field(default_factory=list)
    updated: dict[str, LineFigures] = field(default_factory=dict)
    cancelled: list[Planned] = field(default_factory=list)
    valid: bool = True


def check_operations(ck: Checker, body: dict[object, object], state: OrderState | None) -> ManagePlan:
    result = ManagePlan()
    operations = body.get("operations")
    if not isinstance(operations, list) or not operations or len(operations) > MAX_OPERATIONS:
        ck.report(
            MANAGE_OPERATIONS,
            ("operations",),
            f"The 'operations' field must be a non-empty array of operations, got {describe(operations)!r}.",
            actual=describe(operations),
        )
        result.valid = False
        return result
    if state is not None and not check_line_editable(ck, state, "change the lines of"):
        state = None
        result.valid = False
    currency = state.currency if state else ck.order_currency
    if currency is not None:
        ck.order_currency = currency
    for index, operation in enumerate(operations):
        _check_operation(ck, operation, index, state, result)
    if state is not None and result.valid:
        check_resulting_order(ck, _resulting_figures(state, result), state, ("operations",))
    return result


def _check_operation(ck: Checker, operation: object, index: int, state: OrderState | None, result: ManagePlan) -> None:
    path: Path = ("operations", index)
    prefix = f"Operation {index} is invalid. "
    if not isinstance(operation, dict):
        ck.report(MANAGE_OPERATIONS, path, f"{prefix}An operation must be an object, got {json_type(operation)}.")
        result.valid = False
        return
    kind, data = operation.get("operation"), operation.get("data")
    if kind not in OPERATIONS:
        ck.report(
            MANAGE_OPERATIONS,
            (*path, "operation"),
            f"{prefix}The 'operation' field must be one of add, update, cancel, got {describe(kind)!r}.",
            actual=describe(kind),
        )
    if not isinstance(data, dict):
        ck.report(
            MANAGE_OPERATIONS,
            (*path, "data"),
            f"{prefix}The 'data' field must be an object, got {json_type(data)}.",
            actual=describe(data),
        )
    if kind not in OPERATIONS or not isinstance(data, dict):
        result.valid = False
        return
    where: Path = (*path, "data")
    if kind == "add":
        figures = check_line(ck, data, index, path=where, prefix=prefix)
        if figures is None or figures.total is None or figures.vat is None:
            result.valid = False
        else:
            result.added.append(figures)
    elif kind == "update":
        _check_update(ck, data, where, prefix, state, result)
    else:
        request = read_request_line(ck, data, where, prefix, state.currency if state else None)
        step = plan_line(ck, request, state, MANAGE_CANCEL) if request is not None and state is not None else None
        if step is not None:
            result.cancelled.append(step)
        elif state is not None:
            result.valid = False


def _check_update(
    ck: Checker, data: dict[object, object], where: Path, prefix: str, state: OrderState | None, result: ManagePlan
) -> None:
    line_id = check_line_id(ck, data.get("id"), where, prefix)
    check_unknown_fields(ck, data, (*LINE_FIELDS, "id"), "manage-order-lines update", where)
    line = state.by_id.get(line_id) if state is not None and line_id is not None else None
    figures = check_line_update(ck, data, where, prefix, line.type if line else None)
    if state is None or line_id is None:
        return
    if line is None:
        ck.report(
            LINE_NOT_IN_ORDER,
            (*where, "id"),
            f"{prefix}The order line {line_id} does not belong to order {state.id or 'the order'}.",
            actual=line_id,
        )
        result.valid = False
    elif not check_line_status(ck, line, where, prefix, UPDATE):
        result.valid = False
    elif figures is not None:
        result.updated[line_id] = figures


def _resulting_figures(state: OrderState, result: ManagePlan) -> list[tuple[int, int]]:
    cancelled = {step.line.id: step for step in result.cancelled}
    figures: list[tuple[int, int]] = []
    for line in state.lines:
        new = result.updated.get(line.id)
        if new is not None and new.total is not None and new.vat is not None:
            total, vat = new.total, new.vat
        else:
            total, vat = active_figures(line)
        step = cancelled.get(line.id)
        if step is not None and line.rate is not None:
            total -= step.amount
            vat = vat_minor(total, line.rate)
        figures.append((total, vat))
    figures.extend((f.total or 0, f.vat or 0) for f in result.added)
    return figures
