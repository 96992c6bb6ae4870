"""The record checker's per-record path: what it skips for clean records, and what it must still do.

``RecordChecker.check_all`` (every record of the linter goes through it) builds no outcome for a clean
record, looks each API's validator up once per checker, and decodes UTF-8 lines itself; these tests hold
that a mixed export is still checked record by record by its own API, and that the decoding reads exactly
what ``json.loads`` reads.
"""

from __future__ import annotations

import codecs
import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._apis import Api, CreateValidator
from mollie_preflight._cli import worker as worker_module
from mollie_preflight._cli.readers import parse_text, parse_text_in_full
from mollie_preflight._cli.records import Record
from mollie_preflight._cli.worker import RecordChecker, Settings

from .payloads import example_order

TODAY = datetime.date(2026, 11, 22)
#: Mollie's create-payment reference example (https://docs.mollie.com/reference/create-payment).
PAYMENT: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data/payments/create-payment/reference-example.json").read_text(encoding="utf-8")
)["body"]


def _text(body: object) -> bytes:
    return json.dumps(body).encode() + b"\n"


def _broken_order() -> dict[str, Any]:
    order = example_order()
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    return order


def _short_payment_amount() -> dict[str, Any]:
    payment = copy.deepcopy(PAYMENT)
    payment["amount"]["value"] = "10.0"
    return payment


def _mixed_records() -> list[Record]:
    """A payment first (so the Orders validator is not the first one met), clean and broken bodies of both
    APIs interleaved, and an unreadable line."""
    bodies = [PAYMENT, example_order(), _short_payment_amount(), _broken_order(), PAYMENT, example_order()]
    records = [Record(number, number, _text(body)) for number, body in enumerate(bodies, 1)]
    return [*records, Record(7, 7, b'{"orderNumber": \n'), Record(8, 8, _text(_broken_order()))]


def _rows(settings: Settings, records: list[Record]) -> tuple[int, list[tuple[Any, ...]]]:
    checked = RecordChecker(settings).check_all(records)
    rows = [
        (outcome.number, outcome.order_number, outcome.api, code, field, expected, actual)
        for outcome in checked.outcomes
        for code, _, _, field, _, _, expected, actual in outcome.findings
    ]
    return checked.records, rows


def test_auto_checks_each_record_of_a_mixed_batch_by_its_own_api_and_keeps_only_findings() -> None:
    count, rows = _rows(Settings(options={}, today=TODAY), _mixed_records())
    assert count == 8
    assert rows == [
        (3, None, "payments", "MP103", "amount.value", "10.00", "10.0"),
        (4, "2026-0042", "orders", "MP203", "lines.0.vatAmount", "121.14", "121.15"),
        (7, None, None, "MP900", "", None, None),
        (8, "2026-0042", "orders", "MP203", "lines.0.vatAmount", "121.14", "121.15"),
    ]


def test_a_fixed_api_checks_every_record_by_it() -> None:
    count, rows = _rows(Settings(options={}, today=TODAY, api="payments"), [Record(1, 1, _text(example_order()))])
    assert count == 1
    assert rows[0] == (1, "2026-0042", "payments", "MP910", "description", None, None)
    assert {row[2] for row in rows} == {"payments"}


def test_each_api_s_validator_is_looked_up_once_per_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[Api] = []

    def counting(api: Api) -> CreateValidator:
        looked_up.append(api)
        return mp.validate_payment if api == "payments" else mp.validate_order

    monkeypatch.setattr(worker_module, "validator_for", counting)
    checker = RecordChecker(Settings(options={}, today=TODAY))
    assert checker.check_all(_mixed_records()).records == 8
    assert checker.check_all(_mixed_records()).records == 8
    assert looked_up == ["payments", "orders"]


def test_check_still_gives_a_clean_record_its_order_number_and_api() -> None:
    checker = RecordChecker(Settings(options={}, today=TODAY))
    order = checker.check(Record(2, 2, _text(example_order())))
    assert (order.number, order.order_number, order.api, order.findings) == (2, "2026-0042", "orders", ())
    payment = checker.check(Record(3, 3, _text(PAYMENT)))
    assert (payment.number, payment.order_number, payment.api, payment.findings) == (3, None, "payments", ())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


@given(json_values, st.sampled_from(_ENCODINGS), st.sampled_from(["", "\n", "\r\n", " \n"]))
def test_decoding_lines_reads_what_json_loads_reads(value: object, encoding: str, ending: str) -> None:
    text = (json.dumps(value, ensure_ascii=False) + ending).encode(encoding, "surrogatepass")
    assert repr(parse_text(text)) == repr(parse_text_in_full(text))


@given(st.binary(max_size=40) | st.sampled_from([codecs.BOM_UTF8 + b"{}", b'"\xed\xa0\x80"', b"1\x00\r\n", b"\x00\n"]))
def test_decoding_bytes_that_are_not_json_gives_json_loads_result_or_message(text: bytes) -> None:
    assert repr(parse_text(text)) == repr(parse_text_in_full(text))
