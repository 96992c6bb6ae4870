"""Many records at once: every finding keeps its origin, through pickling and through Dask partitions."""

from __future__ import annotations

import functools
import json
import pickle
from pathlib import Path
from typing import Any

import dask.bag
from hypothesis import given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight.records import RecordFinding, validate_records, validate_text_partition

from .helpers import TODAY
from .payloads import example_order


def wrong_vat(order_number: str) -> dict[str, Any]:
    payload = example_order()
    payload["orderNumber"] = order_number
    payload["lines"][1]["vatAmount"]["value"] = "57.28"
    return payload


def valid(order_number: str) -> dict[str, Any]:
    payload = example_order()
    payload["orderNumber"] = order_number
    return payload


def origin(finding: RecordFinding) -> tuple[object, ...]:
    v = finding.violation
    return (finding.source, finding.index, finding.line, finding.key, v.code, v.field, v.expected)


def test_pairs_keep_their_key_and_position() -> None:
    records = [("a", valid("A-1")), ("b", wrong_vat("B-2")), ("c", valid("C-3"))]

    findings = validate_records(records, today=TODAY, source="batch-7")

    assert [origin(f) for f in findings] == [("batch-7", 1, None, "b", "MP203", "lines.1.vatAmount", "57.27")]
    assert findings[0].order_number == "B-2"


def test_json_lines_are_keyed_by_order_number_and_line() -> None:
    lines = [json.dumps(valid("A-1")), "", json.dumps(wrong_vat("B-2")).encode(), "{not json", "[]"]

    findings = validate_records(lines, today=TODAY, source="orders.jsonl")

    assert [origin(f) for f in findings] == [
        ("orders.jsonl", 2, 3, "B-2", "MP203", "lines.1.vatAmount", "57.27"),
        ("orders.jsonl", 3, 4, None, "MP001", "", None),
        ("orders.jsonl", 4, 5, None, "MP001", "", None),
    ]
    assert findings[1].violation.message.startswith("The record is not valid JSON: Expecting property name")


def test_start_continues_the_numbering_of_an_earlier_chunk() -> None:
    findings = validate_records([json.dumps(wrong_vat("B-2"))], today=TODAY, start=41)
    assert [(f.index, f.line) for f in findings] == [(41, 42)]


def test_options_apply_to_every_record_including_unparsable_lines() -> None:
    options = mp.Options(ignore=("MP001",), severities={"MP203": "warning"})
    findings = validate_records(["nope", ("k", wrong_vat("B-2"))], today=TODAY, options=options)
    assert [(f.violation.code, f.violation.severity) for f in findings] == [("MP203", mp.Severity.WARNING)]


def test_to_dict_is_flat_and_json_ready() -> None:
    (finding,) = validate_records([("k", wrong_vat("B-2"))], today=TODAY, source="s")
    data = finding.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert (data["source"], data["index"], data["key"], data["orderNumber"]) == ("s", 0, "k", "B-2")
    assert (data["code"], data["field"], data["expected"]) == ("MP203", "lines.1.vatAmount", "57.27")


def test_findings_options_and_the_function_pickle() -> None:
    options = mp.Options(select=("MP2",), severities={"MP203": "warning"})
    task = functools.partial(validate_records, options=options, today=TODAY, source="s")
    findings = pickle.loads(pickle.dumps(task))([("k", wrong_vat("B-2"))])
    assert pickle.loads(pickle.dumps(findings)) == findings
    assert pickle.loads(pickle.dumps(options)) == options
    assert [f.violation.severity for f in findings] == [mp.Severity.WARNING]


@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.binary(max_size=30),
            st.tuples(st.none() | st.integers() | st.text(max_size=5), st.recursive(st.none(), st.lists)),
            st.integers(),
            st.none(),
        ),
        max_size=5,
    )
)
def test_never_raises_on_odd_records(records: list[object]) -> None:
    findings = validate_records(records, today=TODAY)
    assert all(0 <= f.index < len(records) for f in findings)


def test_deeply_nested_line_is_a_finding_not_a_crash() -> None:
    (finding,) = validate_records(["[" * 100_000 + "]" * 100_000], today=TODAY)
    assert finding.violation.code == "MP001"


# --- Dask: one partition per file, positions are line numbers in the file -------------------------------


def test_dask_bag_route_keeps_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        "\n".join([json.dumps(valid("A-1")), json.dumps(wrong_vat("A-2"))]) + "\n", encoding="utf-8"
    )
    (tmp_path / "b.jsonl").write_text(
        "\n".join([json.dumps(wrong_vat("B-1")), "", "oops", json.dumps(valid("B-4"))]) + "\n", encoding="utf-8"
    )
    bag = dask.bag.read_text(str(tmp_path / "*.jsonl"), include_path=True, blocksize=None)  # type: ignore[no-untyped-call]
    assert bag.npartitions == 2

    findings = bag.map_partitions(validate_text_partition, today=TODAY).compute(scheduler="synchronous")

    found = sorted((Path(f.source or "").name, f.line, f.key, f.violation.code) for f in findings)
    assert found == [
        ("a.jsonl", 2, "A-2", "MP203"),
        ("b.jsonl", 1, "B-1", "MP203"),
        ("b.jsonl", 3, None, "MP001"),
    ]


def test_partition_function_matches_the_plain_function() -> None:
    texts = [json.dumps(wrong_vat("A-1")), json.dumps(wrong_vat("A-2"))]
    pairs = [(text + "\n", "x.jsonl") for text in texts]
    assert validate_text_partition(pairs, today=TODAY) == validate_records(texts, today=TODAY, source="x.jsonl")
