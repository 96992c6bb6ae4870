"""Bodies nobody here wrote: request bodies copied from public SDK test suites, plugin tests and Mollie's
reference pages, each checked for exactly the findings its file records.

Our own tests pass on bodies shaped by us; a library that is wrong on what shops really send blocks paying
customers (or, through a "safe" fix, changes what they pay). Each file under ``tests/data/wild/<endpoint>/``
holds one body as its source holds it (``converted_from`` when a PHP array, Python dict or JavaScript object
was turned into JSON value for value), the URL of the file at its commit, the snapshot the source's test
read first (``order`` / ``payment``), and ``expect``: ``"no-error"`` for a body its source sends as valid, or
the findings (``code`` and ``field``) it must get, with ``why``: the reference page or live answer that says
the body is wrong (SDK fixtures are often fakes: made-up ids, totals that do not add up).
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest

import mollie_preflight as mp

WILD = Path(__file__).parent / "data" / "wild"
#: A fixed day, so that no body's verdict changes with the calendar.
TODAY = datetime.date(2026, 12, 6)
KEYS = {"endpoint", "source", "body", "expect", "why"}
OPTIONAL = {"converted_from", "order", "payment", "snapshot_source", "params"}
CONVERSIONS = {"php array", "python dict", "js object", "ts object", "ruby hash", "c# object"}
#: A source is a file of a public repository at one commit, and a line in it.
SOURCE = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/\S+#L\d+")


def _load() -> list[Any]:
    params = []
    for path in sorted(WILD.glob("*/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        params.append(pytest.param(case, id=f"{path.parent.name}/{path.stem}"))
    return params


CASES = _load()
VALID_ORDERS = [c for c in CASES if c.values[0]["endpoint"] == "create-order" and c.values[0]["expect"] == "no-error"]


def _report(case: dict[str, Any]) -> mp.Report:
    snapshots = {key: case[key] for key in ("order", "payment") if key in case}
    return mp.validate(case["body"], case["endpoint"], today=TODAY, **snapshots, **case.get("params", {}))


def _expected(case: dict[str, Any]) -> list[tuple[str, str]]:
    expect = case["expect"]
    if expect == "no-error":
        return []
    findings = expect if isinstance(expect, list) else [expect]
    return sorted((f["code"], f["field"]) for f in findings)


def _repository(case: dict[str, Any]) -> str:
    return "/".join(case["source"].split("/")[3:5])


def test_the_collection_is_large_and_comes_from_many_sources() -> None:
    cases = [c.values[0] for c in CASES]
    endpoints = {c["endpoint"] for c in cases}
    assert len(cases) >= 110
    assert len({_repository(c) for c in cases}) >= 15
    assert {"create-order", "create-payment", "create-shipment", "create-order-refund", "create-capture"} <= endpoints
    assert {"create-payment-refund", "update-payment", "update-order"} <= endpoints
    assert sum(c["expect"] == "no-error" for c in cases) >= 40
    assert len(VALID_ORDERS) >= 7
    assert {c["body"]["amount"]["currency"] for c in cases if c["endpoint"] == "create-order"} >= {"EUR", "USD"}


@pytest.mark.parametrize("case", CASES)
def test_every_case_is_a_sourced_fact(case: dict[str, Any]) -> None:
    assert KEYS <= set(case) <= KEYS | OPTIONAL
    assert SOURCE.fullmatch(case["source"]), case["source"]
    assert case["endpoint"] in mp.ENDPOINTS
    assert case.get("converted_from", "php array") in CONVERSIONS
    assert case["why"].strip()
    if case["expect"] != "no-error":
        assert _expected(case), "a body expected to fail names its findings"
    if "order" in case or "payment" in case:
        assert SOURCE.fullmatch(case["snapshot_source"] + "#L1")


@pytest.mark.parametrize("case", CASES)
def test_each_body_gets_exactly_the_errors_its_file_records(case: dict[str, Any]) -> None:
    before = copy.deepcopy(case)
    report = _report(case)
    assert sorted((v.code, v.field) for v in report.errors) == _expected(case), [str(v) for v in report.errors]
    assert case == before


@pytest.mark.parametrize("case", VALID_ORDERS)
def test_a_valid_order_migrates_to_a_valid_payment_of_the_same_amount(case: dict[str, Any]) -> None:
    migration = mp.migrate_order(case["body"])
    assert migration.check(today=TODAY).errors == ()
    assert migration.body["amount"] == case["body"]["amount"]


def _totals(body: dict[str, Any]) -> list[Any]:
    return [line.get("totalAmount") for line in body["lines"]]


@pytest.mark.parametrize("case", VALID_ORDERS)
def test_safe_fixes_never_change_what_the_customer_pays(case: dict[str, Any]) -> None:
    before = copy.deepcopy(case["body"])
    result = mp.fix_order(case["body"], today=TODAY)
    assert result.money_changes == ()
    assert result.payload["amount"] == before["amount"]
    assert _totals(result.payload) == _totals(before)
    assert result.report.errors == ()
    assert case["body"] == before
