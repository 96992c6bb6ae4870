"""``--diff`` in a pipeline: a reader that stops early is not an input error, and ``--format`` is honoured."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .test_cli_e2e import TODAY, broken_order, check, script, write_jsonl


def test_a_reader_that_stops_early_is_not_blamed_on_the_input(tmp_path: Path) -> None:
    # Far more diff than a pipe holds, so the linter is still writing when the reader goes away (``| head``).
    path = write_jsonl(tmp_path / "export.jsonl", [broken_order(f"H-{i}") for i in range(1_500)])
    command = [script(), "check", "--isolated", "--today", TODAY, "--jobs", "1", "--diff", str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    status = process.wait(timeout=120)
    errors = process.stderr.read().decode()
    process.stderr.close()
    assert first.startswith(b"--- a/")
    assert status == 1
    assert errors == ""


def test_diff_as_json_is_every_change_located_like_a_finding(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("J-1"), broken_order("J-2", "1.00")])
    result = check("--diff", "--format", "json", str(path))
    assert result.returncode == 1
    change: dict[str, object] = {"file": str(path), "line": None, "code": "MP203", "field": "lines.0.vatAmount.value"}
    change |= {"pointer": "/lines/0/vatAmount/value", "new": "121.14", "unsafe": False, "money": True}
    assert json.loads(result.stdout) == [
        {**change, "record": 1, "line": 1, "orderNumber": "J-1", "old": "121.15"},
        {**change, "record": 2, "line": 2, "orderNumber": "J-2", "old": "1.00"},
    ]
    as_lines = check("--diff", "--format", "jsonl", str(path))
    assert [json.loads(line) for line in as_lines.stdout.splitlines()] == json.loads(result.stdout)
    assert as_lines.stderr.splitlines() == [
        "Would fix 2 problems in 2 orders.",
        "Would change money (before → after):",
        f'  {path} (record 1): lines.0.vatAmount.value: "121.15" → "121.14" (MP203)',
        f'  {path} (record 2): lines.0.vatAmount.value: "1.00" → "121.14" (MP203)',
    ]


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_diff_refuses_a_format_it_cannot_show(tmp_path: Path, fmt: str) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("F-1")])
    result = check("--diff", "--format", fmt, str(path))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"mollie-preflight: error: --diff shows changes as text, json, jsonl, not --format {fmt}\n"
