"""``--format junit``: JUnit XML as CI services read it, a failed test case per finding, and always well-formed."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .payloads import example_order
from .test_cli_e2e import broken_order, check, records, write_jsonl


def _export(tmp_path: Path) -> Path:
    warned = dict(example_order(), orderNumber="J-2")
    warned["lines"][0]["quantity"] = "1"  # MP215, a warning
    return write_jsonl(tmp_path / "orders.jsonl", [broken_order("J-1"), example_order(), warned], garbage_at=1)


def _xml(result: subprocess.CompletedProcess[str]) -> ET.Element:
    return ET.fromstring(result.stdout.encode())


def test_every_finding_is_a_failed_test_case_of_its_files_suite(tmp_path: Path) -> None:
    path = _export(tmp_path)
    other = write_jsonl(tmp_path / "more.jsonl", [broken_order("K-1")])
    result = check("--format", "junit", str(path), str(other))
    assert result.returncode == 1
    root = _xml(result)
    wanted = records(check("--format", "jsonl", str(path), str(other)))
    assert {f["code"] for f in wanted} >= {"MP203", "MP215", "MP900"}
    assert root.tag == "testsuites"
    assert [suite.get("name") for suite in root] == [str(path), str(other)]
    cases = [case for suite in root for case in suite]
    assert len(cases) == len(wanted)
    for case, finding in zip(cases, wanted, strict=True):
        failure = case.find("failure")
        assert failure is not None
        assert case.get("classname") == finding["file"]
        assert finding["code"] in (case.get("name") or "")
        assert (failure.get("type"), failure.get("message")) == (finding["severity"], finding["message"])
        shown = failure.text or ""
        for label in ("expected", "actual", "field"):
            if finding[label]:
                assert f"{label}: {finding[label]}" in shown.splitlines()
    first = cases[0]
    assert first.get("name") == f"{path}:1 (order J-1): MP203 lines.0.vatAmount"


def test_text_from_the_payload_cannot_break_the_xml(tmp_path: Path) -> None:
    """Controls, XML's forbidden non-characters, a lone surrogate (valid JSON) and markup, in a quoted value."""
    order = broken_order('<J&"3">\x01\x1b[31m\ufffe')
    order["lines"][0]["name"] = "</failure></testcase>"
    text = json.dumps(order).replace("\\ufffe", "\\ufffe\\ud800")
    path = tmp_path / "hostile.jsonl"
    path.write_text(text + "\n", encoding="utf-8")
    result = check("--format", "junit", str(path))
    assert result.returncode == 1, result.stderr
    cases = [case for suite in _xml(result) for case in suite]
    name = cases[0].get("name") or ""
    assert '(order <J&"3">\\x01\\x1b[31m\\ufffe\\ud800)' in name
    assert all(c >= " " for c in result.stdout.replace("\n", ""))


def test_a_run_without_findings_is_one_passing_test_case(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "clean.jsonl", [example_order()])
    result = check("--format", "junit", str(path))
    assert result.returncode == 0
    cases: list[Any] = [case for suite in _xml(result) for case in suite]
    assert [(c.get("name"), list(c)) for c in cases] == [("no findings", [])]


def test_an_input_that_cannot_be_read_is_an_error_not_a_pass(tmp_path: Path) -> None:
    missing = tmp_path / "gone.jsonl"
    result = check("--format", "junit", str(missing))
    assert result.returncode == 2
    cases = [case for suite in _xml(result) for case in suite]
    assert len(cases) == 1
    error = cases[0].find("error")
    assert error is not None
    assert error.get("message") == f"{missing}: no such file or directory"


def test_statistics_cannot_be_a_junit_report(tmp_path: Path) -> None:
    result = check("--format", "junit", "--statistics", str(write_jsonl(tmp_path / "c.jsonl", [example_order()])))
    assert result.returncode == 2
    assert "--statistics cannot be combined with --format junit" in result.stderr
