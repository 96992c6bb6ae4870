"""``validate_order`` is total: any JSON-like input gives findings, never an exception, a mutation, a hang,
or a verdict that depends on the caller's decimal context.
"""

from __future__ import annotations

import copy
import decimal
import sys
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp

from .helpers import TODAY
from .payloads import example_order

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)

_deep: Any = "x"
for _ in range(50_000):
    _deep = {"a": _deep}
_cyclic: dict[str, Any] = {}
_cyclic["me"] = _cyclic

HOSTILE: list[Any] = [
    "1e999999999",
    "9" * 100_000,
    "١٢٣.٠٠",
    "NaN",
    "-0.00",
    "\ud800",
    "\x00",
    "€" * 10_000,
    float("nan"),
    float("inf"),
    -0.0,
    1e308,
    10**4000,
    -(10**4000),
    Decimal("1e999999999"),
    Decimal("NaN"),
    True,
    [],
    {},
    [None] * 10_000,
    _deep,
    _cyclic,
    {1: "non-str key", (2, 3): "tuple key"},
    {"currency": "EUR", "value": "1e999999999"},
    {"currency": "EUR", "value": 1e308},
    b"bytes",
    object(),
    {"a", "set"},
]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a JSON structure, the containers included."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


EXAMPLE_PATHS = [p for p in paths(example_order()) if p]


def substituted(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    order = example_order()
    node: Any = order
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return order


def fingerprint(value: Any, *, apart: object = None) -> list[Any]:
    """A flat, iterative record of a structure (identity of containers, repr of leaves): deep nesting and
    cycles cannot make it recurse, and any mutation anywhere changes it.

    A container that is ``apart`` is recorded by its identity only, not entered: the caller fingerprints it
    whole on its own (a hostile value shared by many calls, fingerprinted once around all of them, not twice
    around each: 50,000 levels of it cost ~0.1 s a walk).
    """
    out: list[Any] = []
    stack = [value]
    seen: set[int] = {id(apart)} if isinstance(apart, dict | list | set | tuple) else set()
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list | set | tuple):
            out.append((type(item).__name__, id(item), len(item)))
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, dict):
                out.extend(repr(k) for k in item)
                stack.extend(item.values())
            else:
                stack.extend(item)
        else:
            out.append(repr(item) if not isinstance(item, int) or item.bit_length() < 1000 else item.bit_length())
    return out


def assert_total(payload: Any, *, apart: object = None) -> mp.Report:
    """Validate and check the promises: a Report of Violations, input untouched (but for ``apart``, which the
    caller checks: ``fingerprint``), bounded time.

    The time bound is CPU time of this process, so a busy machine cannot fail it; it guards against a
    pathology (quadratic work, a hostile number expanded), which would cost seconds, not a fraction of one.
    """
    before = fingerprint(payload, apart=apart)
    started = time.process_time()
    report = mp.validate_order(payload, today=TODAY)
    elapsed = time.process_time() - started
    assert isinstance(report, mp.Report)
    assert all(isinstance(v, mp.Violation) and v.message for v in report)
    assert fingerprint(payload, apart=apart) == before
    # The bound catches pathologies (quadratic or worse, a hostile number expanded), which cost seconds; it
    # is this process's CPU time, yet a busy machine still slows it (caches, frequency: 0.32 s was seen once
    # for work of 0.1 s), and coverage's tracer several times more.
    bound = 1.0 if sys.gettrace() is None else 3.0
    assert elapsed < bound, f"{elapsed:.3f}s: a pathology, not a benchmark"
    return report


@given(json_values)
def test_any_json_at_the_top_level(payload: Any) -> None:
    assert_total(payload)


@given(st.sampled_from(EXAMPLE_PATHS), json_values)
def test_any_json_at_any_path_of_a_valid_order(path: tuple[Any, ...], value: Any) -> None:
    assert_total(substituted(path, value))


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: type(v).__name__)
def test_hostile_values_at_the_top_level(value: Any) -> None:
    assert not assert_total(value).ok


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: type(v).__name__)
def test_hostile_values_at_every_path(value: Any) -> None:
    before = fingerprint(value)
    for path in EXAMPLE_PATHS:
        assert_total(substituted(path, value), apart=value)
    assert fingerprint(value) == before


def test_hostile_amount_values_are_findings_not_computations() -> None:
    order = example_order()
    order["lines"][0]["unitPrice"]["value"] = "1e999999999"
    order["lines"][0]["quantity"] = 10**4000
    report = assert_total(order)
    assert [(v.code, v.field) for v in report.errors] == [
        ("MP207", "lines.0.quantity"),
        ("MP103", "lines.0.unitPrice.value"),
    ]


def test_ten_thousand_lines_are_linear() -> None:
    """Ten times the lines cost about ten times the CPU, not a hundred: measured as a ratio, so neither a
    busy machine nor coverage's tracer (nor the test run's re-checks of every fast verdict) can fail it."""

    def cost(count: int) -> float:
        order = example_order()
        order["lines"] = [copy.deepcopy(order["lines"][1]) for _ in range(count)]
        order["amount"]["value"] = str(mp.order_amount(order["lines"]))
        started = time.process_time()
        report = mp.validate_order(order, today=TODAY)
        elapsed = time.process_time() - started
        assert list(report) == []
        return elapsed

    # The best of a few runs each: one collection of the 10,000-line body's garbage, or another process taking
    # the core, can cost more than the whole check (the compiled build takes ~2 ms for 1,000 lines).
    small = min(cost(1_000) for _ in range(3))
    assert min(cost(10_000) for _ in range(3)) < 30 * small + 0.05, "quadratic in the number of lines"


def test_the_callers_decimal_context_changes_nothing() -> None:
    order = example_order()
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    expected = [v.to_dict() for v in mp.validate_order(order, today=TODAY)]
    hostile = decimal.Context(prec=1, rounding=decimal.ROUND_FLOOR, traps=list(decimal.getcontext().flags))
    with decimal.localcontext(hostile):
        got = [v.to_dict() for v in mp.validate_order(order, today=TODAY)]
        assert decimal.getcontext().prec == 1
    assert got == expected


def test_threads_give_the_same_verdicts_as_one_thread() -> None:
    orders = []
    for index in range(40):
        order = example_order()
        order["lines"][index % 2]["vatAmount"]["value"] = f"{index}.00"
        orders.append(order)
    expected = [[v.to_dict() for v in mp.validate_order(o, today=TODAY)] for o in orders]
    results: dict[int, list[list[dict[str, Any]]]] = {}

    def work(worker: int) -> None:
        decimal.setcontext(decimal.Context(prec=2, traps=[decimal.Inexact]))
        results[worker] = [[v.to_dict() for v in mp.validate_order(o, today=TODAY)] for o in orders]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[n] == expected for n in range(8))


def _snapshot_like() -> st.SearchStrategy[Any]:
    """Order snapshots: arbitrary JSON, or a plausible order whose values are replaced by arbitrary JSON."""
    line = st.fixed_dictionaries(
        {"id": st.text(max_size=8), "status": json_values, "quantity": json_values},
        optional={"shippableQuantity": json_values, "totalAmount": json_values, "discountAmount": json_values},
    )
    plausible = st.fixed_dictionaries(
        {"id": st.just("ord_1"), "status": json_values, "lines": st.lists(line, max_size=3) | json_values}
    )
    payment = st.fixed_dictionaries(
        {"id": st.just("tr_1"), "status": json_values, "amount": json_values},
        optional=dict.fromkeys(("amountCaptured", "amountRemaining", "captureBefore", "method"), json_values),
    )
    return json_values | plausible | payment


#: The Payments API endpoints take the snapshot as payment=, the Orders ones as order=.
PAYMENT_ENDPOINTS = frozenset({"create-capture", "create-payment-refund", "update-payment"})


def _snapshot_keyword(endpoint: str, snapshot: Any) -> dict[str, Any]:
    if endpoint in ("create-order", "create-payment"):
        return {}
    return {"payment" if endpoint in PAYMENT_ENDPOINTS else "order": snapshot}


@given(st.sampled_from(sorted(mp.ENDPOINTS)), json_values, _snapshot_like())
def test_every_endpoint_is_total_on_any_body_and_any_order_snapshot(endpoint: str, body: Any, order: Any) -> None:
    before = (fingerprint(body), fingerprint(order))
    report = mp.validate(body, endpoint, today=TODAY, **_snapshot_keyword(endpoint, order))
    assert isinstance(report, mp.Report)
    assert all(isinstance(v, mp.Violation) and v.message for v in report)
    assert (fingerprint(body), fingerprint(order)) == before


@pytest.mark.parametrize("endpoint", sorted(mp.ENDPOINTS))
@pytest.mark.parametrize("value", HOSTILE[:20], ids=lambda v: type(v).__name__)
def test_every_endpoint_is_total_on_hostile_values(endpoint: str, value: Any) -> None:
    started = time.process_time()
    report = mp.validate(value, endpoint, today=TODAY, **_snapshot_keyword(endpoint, value))
    assert isinstance(report, mp.Report)
    assert time.process_time() - started < 0.25
