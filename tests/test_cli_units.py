"""The linter's parts in-process: readers, sniffing, the record checker, reporters."""

from __future__ import annotations

import datetime
import io
import json
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mollie_preflight._cli import progress as progress_module
from mollie_preflight._cli import readers
from mollie_preflight._cli.readers import read_json, read_jsonl
from mollie_preflight._cli.records import Finding, Record
from mollie_preflight._cli.reporters.github import annotation
from mollie_preflight._cli.sources import sniff
from mollie_preflight._cli.worker import RecordChecker, Settings

from .payloads import example_order

SETTINGS = Settings(options={}, today=datetime.date(2026, 11, 22))

json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
json_values = st.recursive(
    json_scalars | st.sampled_from([0.5, -1.25, 10.0, 1e-7]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


def _read(document: bytes, chunk: int | None = None) -> list[Record]:
    """``read_json`` over ``document``, reading ``chunk`` bytes at a time (so values are cut anywhere)."""
    with pytest.MonkeyPatch.context() as patch:
        if chunk is not None:
            patch.setattr(readers, "_CHUNK_BYTES", chunk)
        return list(read_json(io.BytesIO(document)))


def _as_json_loads_reads_it(document: object) -> list[tuple[int | None, object]]:
    """The records the reader must produce, from the document as ``json.loads`` builds it."""
    if isinstance(document, list):
        return list(enumerate(document))
    if isinstance(document, dict) and isinstance(document.get("orders"), list):
        return list(enumerate(document["orders"]))
    return [(None, document)]


json_documents = (
    json_values | st.lists(json_values, max_size=5) | st.fixed_dictionaries({"orders": st.lists(json_values)})
)


@given(json_documents, st.sampled_from([None, 0, 2]), st.sampled_from([None, 1, 3, 64]))
def test_the_reader_builds_what_json_loads_builds(document: object, indent: int | None, chunk: int | None) -> None:
    data = json.dumps(document, indent=indent, ensure_ascii=indent == 2).encode()
    records = _read(data, chunk)
    assert [(record.number, record.data) for record in records] == _as_json_loads_reads_it(document)
    assert all(record.error is None for record in records)


@st.composite
def json_texts_with_typos(draw: st.DrawFn) -> str:
    """JSON text of a generated document, then up to three characters inserted, deleted or replaced."""
    text = json.dumps(draw(json_documents), indent=draw(st.sampled_from([None, 1])))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        typo = draw(st.sampled_from([*'[]{},:"\\ \n0123456789.-eEtrufalsn', "\u00e9", "\x00"]))
        text = text[:at] + draw(st.sampled_from([typo, typo + text[at : at + 1], ""])) + text[at + 1 :]
    return text


@given(json_texts_with_typos(), st.sampled_from([None, 1, 2, 7]))
def test_the_reader_accepts_and_refuses_what_json_loads_does(text: str, chunk: int | None) -> None:
    data = text.encode("utf-8", "surrogatepass")
    records = _read(data, chunk)
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        assert records[-1].error is not None
        assert all(record.error is None for record in records[:-1])
        return
    if text.count('"orders"') < 2:  # a repeated orders array is read whole, where json.loads keeps the last
        assert [(record.number, record.data) for record in records] == _as_json_loads_reads_it(document)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_json_is_read_in_every_encoding_json_loads_reads(encoding: str) -> None:
    """Windows PowerShell's Out-File writes UTF-16 with a byte order mark."""
    data = json.dumps([{"orderNumber": "é1"}, {"orderNumber": 2}], indent=1, ensure_ascii=False).encode(encoding)
    records = _read(data, 3)
    assert [(record.number, record.line, record.data) for record in records] == [
        (0, 2, {"orderNumber": "é1"}),
        (1, 5, {"orderNumber": 2}),
    ]
    broken = _read("[1, 2]".encode("utf-16")[:-1])
    assert broken[-1].error == "the file is not valid UTF-16 text"


@given(
    st.lists(st.tuples(st.sampled_from(["", " ", "\n", "\r\n", "\n \n\t"]), json_values), max_size=6),
    st.sampled_from([None, 1, 5]),
)
def test_array_elements_carry_the_line_they_start_on(elements: list[tuple[str, object]], chunk: int | None) -> None:
    text, starts = "[", list[int]()
    for space, element in elements:
        text += ("," if starts else "") + space
        starts.append(1 + text.count("\n"))
        text += json.dumps(element, indent=1)
    records = _read((text + "\n]").encode(), chunk)
    assert [(record.number, record.line) for record in records] == list(enumerate(starts))


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (b"[1, {}, []]", [(0, 1, 1), (1, 1, {}), (2, 1, [])]),
        (b'{"meta": 1,\n "orders": [\n{"a": 1},\n 2]}', [(0, 3, {"a": 1}), (1, 4, 2)]),
        (b'{"orders": {"a": 1}}', [(None, 1, {"orders": {"a": 1}})]),
        (b'{"orders": [1], "orders": [2]}', [(0, 1, 1), (1, 1, 2)]),
        (b'\n\n{"amount": {"value": 1.5}}', [(None, 3, {"amount": {"value": 1.5}})]),
        (b'"text"', [(None, 1, "text")]),
        (b"{}", [(None, 1, {})]),
        (b"[]", []),
        (b'\xef\xbb\xbf[{"a": "\xc3\xa9"}]', [(0, 1, {"a": "\u00e9"})]),
    ],
)
def test_json_shapes(document: bytes, expected: list[tuple[int | None, int | None, object]]) -> None:
    records = _read(document)
    assert [(record.number, record.line, record.data) for record in records] == expected
    assert all(record.error is None for record in records)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (b'[{"a": 1},\n {"b": ]', (1, 2, "Expecting value (line 2, column 8)")),
        (b"[1,]", (1, 1, "Expecting value (line 1, column 4)")),
        (b"[1 2]", (1, 1, "Expecting ',' delimiter (line 1, column 4)")),
        (b"[1] x", (None, 1, "Extra data (line 1, column 5)")),
        (b'{"orders": [1, tru', (1, 1, "Expecting value (line 1, column 16)")),
        (b'{"a" 1}', (None, 1, "Expecting ':' delimiter (line 1, column 6)")),
        (b"{1: 2}", (None, 1, "Expecting property name enclosed in double quotes (line 1, column 2)")),
        (b'[1, "\xff"]', (None, 1, "the file is not valid UTF-8 text")),
        (b"", (None, None, "the file is empty")),
        (b" \n ", (None, None, "the file is empty")),
    ],
)
def test_invalid_json_is_a_record_with_an_error(document: bytes, expected: tuple[int | None, int | None, str]) -> None:
    records = _read(document)
    assert (records[-1].number, records[-1].line, records[-1].error) == expected
    assert all(record.error is None for record in records[:-1])


@pytest.mark.skipif(not hasattr(sys, "get_int_max_str_digits"), reason="no digit limit on this Python")
def test_an_integer_python_will_not_convert_is_a_record_with_an_error() -> None:
    digits = sys.get_int_max_str_digits() + 1
    (first, broken) = _read(b"[1, " + b"7" * digits + b"]")
    assert (first.data, broken.number, broken.line) == (1, 1, 1)
    # Python's words, without its hint to raise the limit; 3.10 says "the limit (4300)", 3.11 on "(4300 digits)".
    limit = rf"Exceeds the limit \({digits - 1}( digits)?\) for integer string conversion: value has {digits} digits"
    assert re.fullmatch(rf"{limit} \(line 1, column 5\)", broken.error or ""), broken.error


def test_a_broken_element_is_reported_without_reading_on() -> None:
    class Counting(io.BytesIO):
        taken = 0

        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            self.taken += len(data)
            return data

    stream = Counting(b'[{"a": 1}, {"b": ]' + b" " * 10_000_000 + b"]")
    (first, broken) = read_json(stream)
    assert (first.data, broken.number, broken.error) == ({"a": 1}, 1, "Expecting value (line 1, column 18)")
    assert stream.taken <= 1 << 16


def test_the_column_of_an_error_counts_from_the_start_of_its_line_across_chunks() -> None:
    document = b"[" + b'{"a": 1}, ' * 10_000 + b"{oops}]"
    (*elements, broken) = _read(document, 4096)
    assert len(elements) == 10_000
    assert broken.error == f"Expecting property name enclosed in double quotes (line 1, column {1 + 10 * 10_000 + 2})"


def test_an_element_longer_than_a_record_may_be_is_refused_without_reading_the_rest() -> None:
    from mollie_preflight._cli.readers import MAX_RECORD_BYTES

    for document in (
        b'[1, "' + b"x" * (MAX_RECORD_BYTES + 10) + b'", 2]',
        b'[1, "' + b"x" * (MAX_RECORD_BYTES * 3),  # never closed: the cap ends reading
    ):
        (first, broken) = _read(document)
        assert first.data == 1
        assert (broken.number, broken.line, broken.error) == (
            1,
            1,
            f"an element is more than {MAX_RECORD_BYTES:,} bytes long, more than an order may have (line 1, column 5)",
        )


def test_streaming_reader_builds_one_element_at_a_time() -> None:

    def endless() -> Iterator[bytes]:
        yield b"["
        while True:
            yield b'{"orderNumber": "x"},'

    class Source(io.RawIOBase):
        def __init__(self) -> None:
            self.chunks = endless()

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = next(self.chunks)
            buffer[: len(chunk)] = chunk
            return len(chunk)

    records = read_json(io.BufferedReader(Source()))
    first = [next(records) for _ in range(1000)]  # an endless array: only possible when streamed
    assert first[999] == Record(999, 1, data={"orderNumber": "x"}, source='{"orderNumber": "x"}')


def test_jsonl_numbers_lines_from_one_and_skips_blank_lines() -> None:
    records = list(read_jsonl(io.BytesIO(b'{"a": 1}\n\n  \n[2]\r\n{oops')))
    assert [(r.number, r.line, r.text) for r in records] == [
        (1, 1, b'{"a": 1}\n'),
        (4, 4, b"[2]\r\n"),
        (5, 5, b"{oops"),
    ]


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b'{"a": 1}\n{"a": 2}\n', "jsonl"),
        (b'\xef\xbb\xbf  {"a": 1}\n', "jsonl"),
        (b'{\n  "a": 1\n}\n', "json"),
        (b'{"a": 1}', "json"),
        (b"[\n{}\n]", "json"),
        (b"", "json"),
    ],
)
def test_sniff(head: bytes, fmt: str) -> None:
    assert sniff(head) == fmt


def test_checker_reports_invalid_json_with_its_line() -> None:
    outcome = RecordChecker(SETTINGS).check(Record(7, 7, b'{"orderNumber": "1",\n'))
    assert outcome.number == 7
    ((code, name, severity, field, _, message, expected, actual),) = outcome.findings
    assert (code, name, severity, field, expected, actual) == ("MP900", "invalid-json", "error", "", None, None)
    assert message.startswith("The record on line 7 is not valid JSON: ")


def test_checker_reads_the_order_number_and_applies_the_minimum_severity() -> None:
    order = example_order()
    order["orderNumber"] = 1337
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    text = json.dumps(order).encode()
    outcome = RecordChecker(SETTINGS).check(Record(1, 1, text))
    assert outcome.order_number == "1337"
    assert {f[0] for f in outcome.findings} == {"MP302", "MP203"}
    quiet = Settings(options={"severities": {"MP203": "warning"}}, today=SETTINGS.today, min_rank=2)
    assert {f[0] for f in RecordChecker(quiet).check(Record(1, 1, text)).findings} == {"MP302"}


@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_checker_never_raises(text: bytes) -> None:
    outcome = RecordChecker(SETTINGS).check(Record(1, 1, text))
    assert all(len(finding) == 8 for finding in outcome.findings)


def _finding(record: int | None, line: int | None, message: str = "m") -> Finding:
    return Finding(
        "a,b:c.jsonl", record, line, None, "MP203", "line-vat-amount", "error", "f", "/f", message, None, None
    )


def test_locations() -> None:
    assert _finding(3, 3).location() == "a,b:c.jsonl:3"
    assert _finding(3, None).location() == "a,b:c.jsonl[3]"
    assert _finding(3, 40).location() == "a,b:c.jsonl:40 [3]"
    assert _finding(None, 2).location() == "a,b:c.jsonl:2"
    assert _finding(None, None).location() == "a,b:c.jsonl"


def test_github_annotation_escapes_properties_and_data() -> None:
    text = annotation(_finding(3, 3, "50% off\nnext line"))
    assert (
        text
        == "::error file=a%2Cb%3Ac.jsonl,line=3,title=MP203 line-vat-amount::a,b:c.jsonl:3: f: 50%25 off%0Anext line"
    )


def test_progress_waits_a_second_then_shows_rate_and_clears(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 100.5, 102.0])
    monkeypatch.setattr("mollie_preflight._cli.progress.time.monotonic", lambda: next(clock))
    out = io.StringIO()
    bar = progress_module.Progress(out)
    bar.update(10, 0)
    assert out.getvalue() == ""
    bar.update(2000, 3)
    assert "2,000 orders checked, 1,000/s, 3 findings" in out.getvalue()
    bar.close()
    assert out.getvalue().endswith("\r\x1b[2K")


def test_text_output_escapes_control_characters_from_the_payload() -> None:
    from mollie_preflight._cli.reporters.text import line

    finding = _finding(1, 1, "got 'evil\n/tmp/x.jsonl:9: MP001 error forged\x1b[31m'")._replace(order_number="A\rB")
    text = line(finding)
    assert "\n" not in text
    assert "\r" not in text
    assert "\x1b" not in text
    assert text.endswith("got 'evil\\x0a/tmp/x.jsonl:9: MP001 error forged\\x1b[31m' (order A\\x0dB)")


def test_github_annotation_cannot_be_forged_by_a_value() -> None:
    text = annotation(_finding(1, 1, "x\n::error::forged\x1b"))
    assert "\n" not in text  # a workflow command must start a line: the forged one stays inside the message
    assert text.endswith("x%0A::error::forged\\x1b")


def test_progress_clear_takes_the_line_away_and_redraws_on_next_update(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 5.0, 5.05])
    monkeypatch.setattr("mollie_preflight._cli.progress.time.monotonic", lambda: next(clock))
    out = io.StringIO()
    bar = progress_module.Progress(out)
    bar.update(1, 0)
    bar.clear()
    assert out.getvalue().endswith("\r\x1b[2K")
    bar.update(2, 0)  # only 50 ms later, but a cleared line is redrawn at once
    assert out.getvalue().endswith("2 orders checked, 0/s, 0 findings")


@given(content=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".txt"])
def test_any_file_content_gives_findings_never_a_crash(suffix: str, content: bytes) -> None:
    import tempfile
    from contextlib import redirect_stdout
    from pathlib import Path

    from mollie_preflight._cli.main import main

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export{suffix}"
        path.write_bytes(content)
        with redirect_stdout(io.StringIO()) as out:
            status = main(
                ["check", "--isolated", "--jobs", "1", "--today", "2026-11-22", "--format", "jsonl", str(path)]
            )
    assert status in ((2,) if content.startswith(b"\x1f\x8b") else (0, 1))  # a broken gzip stream is an I/O error
    for text in out.getvalue().splitlines():
        assert json.loads(text)["file"] == str(path)


@pytest.mark.parametrize("depth", [501, 2000])
def test_deep_nesting_is_refused_as_invalid_json(depth: int) -> None:
    deep = b"[" + b'{"a": ' * depth + b"1" + b"}" * depth + b"]"
    (record,) = read_json(io.BytesIO(deep))
    assert record.error == "the JSON is nested more than 500 levels deep (line 1, column 2)"
    (record,) = read_json(io.BytesIO(b"[" + b"[" * 500 + b"]" * 500 + b"]"))
    assert record.error is None


def test_paths_in_sarif_and_annotations_are_normalised() -> None:
    from mollie_preflight._cli.reporters.fingerprints import artifact_uri

    assert artifact_uri("./exports/../exports/orders 1.jsonl") == "exports/orders%201.jsonl"
    assert artifact_uri("/data/orders.jsonl") == "file:///data/orders.jsonl"
    assert annotation(_finding(1, 1)._replace(file="./a.jsonl")).startswith("::error file=a.jsonl,line=1,")
