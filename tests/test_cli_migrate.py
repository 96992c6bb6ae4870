"""``mollie-preflight migrate``: the installed script over real exports, the bodies, the report, the exit code."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import mollie_preflight as mp

from .payloads import docs_example_order
from .test_cli_e2e import EXAMPLES, TODAY, run


def migrate(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = run("migrate", "--today", TODAY, *args, stdin=stdin)
    return result.returncode, result.stdout, result.stderr


def test_clean_orders_become_payments_mollie_would_accept(tmp_path: Path) -> None:
    out = tmp_path / "payments.jsonl"
    code, stdout, stderr = migrate(str(EXAMPLES / "clean-orders.jsonl"), "--output", str(out))
    assert (code, stdout) == (0, "")
    bodies = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    orders = [json.loads(line) for line in (EXAMPLES / "clean-orders.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [body["description"] for body in bodies] == [order["orderNumber"] for order in orders]
    assert [body["amount"] for body in bodies] == [order["amount"] for order in orders]
    assert all(mp.validate_payment(body).ok for body in bodies)
    assert "orderNumber → description" in stderr
    assert stderr.endswith("Migrated 3 records; 0 errors in the payment bodies.\n")


def test_broken_orders_carry_their_errors_across_and_exit_1(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    code, stdout, stderr = migrate(str(EXAMPLES / "broken-orders.jsonl"), "--quiet", "--report", str(report))
    assert code == 1
    assert len(stdout.splitlines()) == 3  # the record that is not JSON is not migrated
    entries = json.loads(report.read_text(encoding="utf-8"))
    assert [(entry["record"], [(e["code"], e["field"]) for e in entry["errors"]]) for entry in entries] == [
        (1, [("MP203", "lines.0.vatAmount")]),
        (2, [("MP304", "amount")]),
        (3, [("MP102", "lines.0.unitPrice.value")]),
        (4, []),
    ]
    assert entries[3]["invalid"].startswith("Expecting ':' delimiter")
    assert entries[0]["errors"][0]["expected"] == "112.64"
    assert "MP900 not valid JSON, not migrated" in stderr


def test_mollies_example_from_a_json_file_and_stdin_into_gzip(tmp_path: Path) -> None:
    source = tmp_path / "order.json"
    source.write_text(json.dumps(docs_example_order()), encoding="utf-8")
    out = tmp_path / "payments.jsonl.gz"
    code, _, stderr = migrate(str(source), "-o", str(out))
    assert code == 0, stderr
    [body] = [json.loads(line) for line in gzip.decompress(out.read_bytes()).decode().splitlines()]
    assert (body["method"], body["captureMode"], body["description"]) == ("klarna", "manual", "1337")
    assert "consumerDateOfBirth → dropped" in stderr
    code, stdout, _ = migrate("-", stdin=json.dumps(docs_example_order()).encode())
    assert (code, json.loads(stdout)) == (0, body)


def test_usage_errors_are_exit_2_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, _, stderr = migrate(str(tmp_path / "missing.jsonl"), "-o", str(out))
    assert code == 2
    assert "missing.jsonl" in stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind
    same = tmp_path / "orders.jsonl"
    same.write_text("{}\n", encoding="utf-8")
    code, _, stderr = migrate(str(same), "-o", str(same))
    assert (code, same.read_text(encoding="utf-8")) == (2, "{}\n")
    assert "--output must not be one of the inputs" in stderr
    assert run("migrate", "--today", "22-11-2026", str(same)).returncode == 2
