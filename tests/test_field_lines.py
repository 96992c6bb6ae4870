"""JSON-array exports report a finding on the line of its field, not of its element's ``{``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mollie_preflight._cli.field_lines import field_line
from mollie_preflight._cli.main import main

from .payloads import example_order


def _orders() -> list[dict[str, Any]]:
    broken = example_order()
    broken["orderNumber"] = "B-1"
    broken["lines"][1]["vatAmount"]["value"] = "57.28"
    broken["billingAddress"]["country"] = "nl"
    return [example_order(), broken]


def _line_of(text: str, needle: str, after: int = 0) -> int:
    """The 1-based line of the first ``needle`` at or after line ``after``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= after and needle in line:
            return number
    raise AssertionError(needle)


def _check(path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["check", "--isolated", "--today", "2026-11-22", "-q", "--format", fmt, str(path)]) == 1
    return capsys.readouterr().out


def test_pretty_printed_arrays_report_the_fields_line_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.json"
    text = json.dumps({"exported": "today", "orders": _orders()}, indent=2)
    path.write_text(text)
    element = _line_of(text, '"orderNumber": "B-1"') - 2  # the second element's "{"
    country = _line_of(text, '"country": "nl"')
    vat = _line_of(text, '"vatAmount"', _line_of(text, '"name": "Bike lock"', element))
    findings = json.loads(_check(path, "json", capsys))
    assert [(f["code"], f["record"], f["line"]) for f in findings] == [("MP203", 1, vat), ("MP406", 1, country)]
    assert element < country < vat
    text_out = _check(path, "text", capsys).splitlines()
    assert text_out[0].startswith(f"{path}:{vat} [1]: MP203")
    assert text_out[1].startswith(f"{path}:{country} [1]: MP406")
    sarif = json.loads(_check(path, "sarif", capsys))
    regions = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]]
    assert regions == [vat, country]
    github = _check(path, "github", capsys).splitlines()
    assert github[0].startswith(f"::error file={path},line={vat},")


def test_minified_arrays_report_the_line_the_element_is_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "orders.json"
    compact = [json.dumps(order, separators=(",", ":")) for order in _orders()]
    path.write_text("[\n" + ",\n".join(compact) + "\n]\n")
    findings = json.loads(_check(path, "json", capsys))
    assert [(f["code"], f["line"]) for f in findings] == [("MP203", 3), ("MP406", 3)]
    path.write_text(json.dumps(_orders(), separators=(",", ":")))
    assert [f["line"] for f in json.loads(_check(path, "json", capsys))] == [1, 1]


@pytest.mark.parametrize(
    ("pointer", "line"),
    [
        ("", 10),
        ("/amount", 11),
        ("/lines/0/vatAmount", 14),
        ("/lines/0/vatAmount/value", 15),
        ("/lines/1/a~1b", 16),
        ("/lines/5", 12),  # no such element: the array's line
        ("/lines/0/missing", 13),  # a missing field: the object it belongs in
        ("/nope", 10),
    ],
)
def test_field_line_follows_the_pointer_through_the_text(pointer: str, line: int) -> None:
    source = '{\n  "amount": {"currency": "EUR", "value": "1"},\n  "lines": [\n    {"name": "a",\n'
    source += '     "vatAmount": {\n        "value": "x"}},\n    {"a/b": 1}\n  ]\n}'
    assert field_line(source, 10, pointer) == line


def test_a_repeated_key_is_located_where_json_reads_it() -> None:
    assert field_line('{"a": 1,\n"a": 2}', 1, "/a") == 2


_NAMES = ["a", "b", "a/b", "~", "é", "😀", 'q"', "tab\t"]


def _spelling(name: str, how: int) -> str:
    """``name`` as a JSON string: as ``json.dumps`` writes it (``how`` 0), with UTF-8 kept (1), or with every
    character as ``\\uXXXX``, upper-case hex (2)."""
    if how < 2:
        return json.dumps(name, ensure_ascii=how == 0)
    units = name.encode("utf-16-be")
    return '"' + "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04X}" for i in range(0, len(units), 2)) + '"'


members = st.lists(
    st.tuples(
        st.sampled_from(_NAMES),
        st.integers(0, 2),
        # a value that repeats a name the way a key or a string would: what the shortcut must not be misled by
        st.sampled_from(["1", '{"a": 1, "é": [2]}', '"\\"a\\": 1"', '["a", {"b": {}}]', '"😀"']),
    ),
    min_size=1,
    max_size=8,
)


@given(members, st.sampled_from(_NAMES), st.booleans())
def test_a_member_is_located_at_its_last_occurrence_however_its_name_is_spelled(
    written: list[tuple[str, int, str]], name: str, nested: bool
) -> None:
    """One member a line, so the line of each is known; ``json.loads`` keeps the last of a repeated name."""
    body = "{\n" + ",\n".join(f"{_spelling(key, how)}: {value}" for key, how, value in written) + "\n}"
    source = '{"lines": [],\n "outer": ' + body + ',\n "after": {"a": 2}}' if nested else body
    first = 2 if nested else 1  # the line of the object's "{"
    lines = [first + 1 + index for index, (key, _, _) in enumerate(written) if key == name]
    pointer = ("/outer/" if nested else "/") + name.replace("~", "~0").replace("/", "~1")
    document = json.loads(source)
    assert (name in (document["outer"] if nested else document)) == bool(lines)
    assert field_line(source, 1, pointer) == (lines[-1] if lines else first)
