"""The linter on hostile files: a finding or a clean error, the right exit code, and bounded memory."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .payloads import example_order
from .test_cli_e2e import script

TODAY = "2026-11-22"
#: Measures the linter's peak memory from outside: the wrapper's children are just the linter.
_WRAPPER = (
    "import resource, subprocess, sys;"
    "r = subprocess.run(sys.argv[1:], capture_output=True);"
    "sys.stdout.buffer.write(r.stdout);"
    "sys.stderr.buffer.write(r.stderr);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
    "sys.exit(r.returncode)"
)


def lint(path: Path, *args: str) -> tuple[int, list[dict[str, object]], str, int]:
    """Exit code, JSONL findings, stderr (without the measurement) and peak memory in KiB."""
    command = [sys.executable, "-c", _WRAPPER, script(), "check", "--isolated", "--today", TODAY, "--jobs", "1"]
    result = subprocess.run([*command, "--format", "jsonl", *args, str(path)], capture_output=True, timeout=300)
    *messages, peak = result.stderr.decode().splitlines()
    findings = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return result.returncode, findings, "\n".join(messages), int(peak)


def test_a_truncated_jsonl_file_reports_the_broken_line_and_checks_the_rest(tmp_path: Path) -> None:
    good = json.dumps(example_order())
    path = tmp_path / "truncated.jsonl"
    path.write_text(good + "\n" + good[: len(good) // 2])
    code, findings, _, _ = lint(path)
    assert code == 1
    assert [(f["code"], f["record"]) for f in findings] == [("MP900", 2)]


def test_a_truncated_json_document_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "truncated.json"
    path.write_text(json.dumps([example_order(), example_order()])[:-40])
    code, findings, _, _ = lint(path)
    assert code == 1
    assert [f["code"] for f in findings][-1] == "MP900"


def test_invalid_utf8_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"orderNumber": "caf\xe9"}\n' + json.dumps(example_order()).encode() + b"\n")
    code, findings, _, _ = lint(path)
    assert code == 1
    assert [(f["code"], f["record"]) for f in findings] == [("MP900", 1)]
    assert "not valid UTF-8" in str(findings[0]["message"])


@pytest.mark.parametrize(("name", "expected_code", "expected"), [("empty.jsonl", 0, []), ("empty.json", 1, ["MP900"])])
def test_empty_files(tmp_path: Path, name: str, expected_code: int, expected: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    code, findings, _, _ = lint(path)
    assert code == expected_code
    assert [f["code"] for f in findings] == expected


def test_a_gzip_bomb_is_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as stream:
        stream.write(b'{"orderNumber": "')
        for _ in range(64):
            stream.write(b"x" * (1 << 20))  # 64 MiB of one line, about 64 KiB compressed
        stream.write(b'"}\n')
        stream.write(json.dumps(example_order()).encode() + b"\n")
    code, findings, _, peak = lint(path)
    assert code == 1
    assert [(f["code"], f["record"]) for f in findings] == [("MP900", 1)]
    assert "67,108,884 bytes long, more than the 8,388,608 bytes" in str(findings[0]["message"])
    assert peak < 120 * 1024, f"peak memory {peak} KiB for a 64 MiB line"


def test_one_enormous_line_is_skipped_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "enormous.jsonl"
    path.write_bytes(b'{"name": "' + b"y" * (20 << 20) + b'"}')  # 20 MiB, no newline at the end
    code, findings, _, peak = lint(path)
    assert code == 1
    assert [(f["code"], f["record"]) for f in findings] == [("MP900", 1)]
    assert peak < 120 * 1024


def test_a_missing_file_is_a_usage_error_with_one_line(tmp_path: Path) -> None:
    code, findings, stderr, _ = lint(tmp_path / "nope.jsonl")
    assert code == 2
    assert findings == []
    assert len(stderr.strip().splitlines()) == 1
    assert "nope.jsonl" in stderr


@pytest.mark.parametrize(
    ("name", "text", "record"),
    [("export.jsonl", "{}\n", 1), ("export.json", "[{}]", None)],  # a document is not read past bad bytes
)
def test_an_encoded_lone_surrogate_is_not_utf8_in_a_line_as_in_a_document(
    tmp_path: Path, name: str, text: str, record: int | None
) -> None:
    """The bytes ``ED A0 80`` encode the lone surrogate U+D800, which UTF-8 forbids (RFC 3629). ``json.loads``
    reads them (it decodes with ``surrogatepass``), so a JSON Lines record holding them used to be checked
    while the same bytes in a JSON document were MP900."""
    order = json.dumps(example_order()).encode().replace(b'"nl_NL"', b'"nl\xed\xa0\x80"')
    assert b"\xed\xa0\x80" in order
    path = tmp_path / name
    path.write_bytes(text.encode().replace(b"{}", order))
    code, findings, _, _ = lint(path)
    assert code == 1
    assert [(f["code"], f["record"]) for f in findings] == [("MP900", record)]
    assert "not valid UTF-8" in str(findings[0]["message"])


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github"])
def test_a_lone_surrogate_in_a_body_is_quoted_in_every_format(tmp_path: Path, fmt: str) -> None:
    """``"\\ud800"`` is valid JSON, and a finding quotes it: every format writes it as an escape, where the run
    used to stop with an internal error (UTF-8 cannot carry a lone surrogate)."""
    order = example_order()
    order["locale"] = "nl\ud800"
    path = tmp_path / "surrogate.jsonl"
    path.write_text(json.dumps(order) + "\n", encoding="ascii")
    command = [sys.executable, script(), "check", "--isolated", "--today", TODAY, "--jobs", "1", "--format", fmt]
    result = subprocess.run([*command, str(path)], capture_output=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr == b""
    output = result.stdout.decode("utf-8")
    assert "nl\\ud800" in output
    if fmt == "jsonl":
        findings = [json.loads(line) for line in output.splitlines()]
        assert [(f["code"], f["field"], f["actual"]) for f in findings] == [("MP603", "locale", "nl\ud800")]
