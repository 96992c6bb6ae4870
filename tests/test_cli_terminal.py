"""The linter as a person sees it at a terminal, and the summary it closes with (issue 20)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from mollie_preflight._cli.summary import Summary

from .payloads import example_order
from .terminal import run_on_a_terminal, screen
from .test_cli_e2e import TODAY, broken_order, check, run, script, write_jsonl

#: Enough orders for several batches of the in-process checker, so the progress line is drawn and redrawn.
_ORDERS = 600


def _export(tmp_path: Path) -> Path:
    orders = [broken_order(f"T-{i}") if i % 100 == 0 else example_order() for i in range(_ORDERS)]
    return write_jsonl(tmp_path / "orders.jsonl", orders)


def _on_screen(*args: str) -> list[str]:
    environment = {**os.environ, "MOLLIE_PREFLIGHT_PROGRESS_DELAY": "0", "NO_COLOR": "1"}
    command = [script(), "check", "--isolated", "--today", TODAY, "--jobs", "1", *args]
    status, shown = run_on_a_terminal(command, environment, timeout=120)
    assert status == 1, shown
    assert b"orders checked" in shown  # the progress line was drawn: the test is about erasing it
    return screen(shown)


def test_the_progress_line_is_gone_before_the_summary(tmp_path: Path) -> None:
    lines = _on_screen(str(_export(tmp_path)))
    assert len(lines) == 7
    assert all(line.split()[1:3] == ["MP203", "error"] for line in lines[:6])
    assert lines[6] == "Found 6 errors in 6 of 600 orders (1 file)."


def test_the_progress_line_is_gone_before_the_statistics(tmp_path: Path) -> None:
    lines = _on_screen("--statistics", str(_export(tmp_path)))
    assert lines == ["6  MP203  line-vat-amount", "Found 6 errors in 6 of 600 orders (1 file)."]


def test_quiet_statistics_print_the_table_only(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("Q-1"), broken_order("Q-2")])
    result = check("-q", "--statistics", str(path))
    assert (result.returncode, result.stdout) == (1, "2  MP203  line-vat-amount\n")


def test_every_count_in_the_summary_has_thousands_separators() -> None:
    summary = Summary(files=1, records=150_000, records_with_findings=3_000, by_severity=Counter(error=3_000))
    assert summary.sentence() == "Found 3,000 errors in 3,000 of 150,000 orders (1 file)."


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_an_unknown_selector_on_the_command_line_is_not_blamed_on_the_config(tmp_path: Path, flag: str) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mollie-preflight]\nignore = ["MP210"]\n')
    path = write_jsonl(tmp_path / "o.jsonl", [example_order()])
    result = run("check", "--today", TODAY, flag, "MP9999", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"mollie-preflight: error: {flag}: 'MP9999' matches no rule code, prefix or name "
        "(see 'mollie-preflight rules')\n"
    )
