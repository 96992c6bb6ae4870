"""``--format gitlab``: a GitLab Code Quality report, one issue per finding, fingerprinted as SARIF's results are."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from mollie_preflight._cli.reporters.gitlab import project_path
from mollie_preflight._cli.reporters.sarif import FINGERPRINT

from .payloads import example_order
from .test_cli_e2e import broken_order, check, records, write_jsonl


def _export(tmp_path: Path) -> Path:
    """Errors and a warning, two orders with the same mistake, a record without an order number, garbage."""
    warned = dict(example_order(), orderNumber="G-3")
    warned["lines"][0]["quantity"] = "1"  # MP215, a warning
    nameless = broken_order("G-4")
    del nameless["orderNumber"]
    orders = [broken_order("G-1"), example_order(), broken_order("G-1"), warned, nameless]
    (tmp_path / "exports").mkdir()
    return write_jsonl(tmp_path / "exports" / "orders.jsonl", orders, garbage_at=2)


def _report(*args: str, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    result = check("--format", "gitlab", *args, env=env)
    assert result.returncode == 1, result.stderr
    report: list[dict[str, Any]] = json.loads(result.stdout)
    return report


def test_every_finding_is_one_issue_in_the_code_quality_format(tmp_path: Path) -> None:
    path = _export(tmp_path)
    report = _report(str(path))
    wanted = records(check("--format", "jsonl", str(path)))
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in report] == [
        (f["code"], f["line"]) for f in wanted
    ]
    assert {f["code"] for f in wanted} >= {"MP203", "MP215", "MP900"}
    for issue, finding in zip(report, wanted, strict=True):
        assert issue["type"] == "issue"
        assert issue["severity"] == {"error": "major", "warning": "minor"}[finding["severity"]]
        assert issue["location"]["path"] == os.path.normpath(finding["file"])
        order = f"order {finding['orderNumber']}, " if finding["orderNumber"] is not None else ""
        field = f"{finding['field']}: " if finding["field"] else ""
        assert issue["description"] == f"{finding['code']} {order}{field}{finding['message']}"
    assert report[0]["description"].startswith(
        "MP203 order G-1, lines.0.vatAmount: Order line 0 is invalid. VAT amount is off."
    )


def test_fingerprints_are_unique_and_the_same_as_sarifs(tmp_path: Path) -> None:
    """GitLab shows only the first issue of a fingerprint: two orders with the same mistake stay two issues.
    The fingerprint is SARIF's, which does not move when orders are added above (test_cli_sarif)."""
    path = _export(tmp_path)
    fingerprints = [issue["fingerprint"] for issue in _report(str(path))]
    assert len(set(fingerprints)) == len(fingerprints)
    sarif = json.loads(check("--format", "sarif", str(path)).stdout)
    assert fingerprints == [r["partialFingerprints"][FINGERPRINT] for r in sarif["runs"][0]["results"]]


def test_a_path_below_the_gitlab_checkout_is_made_relative_to_it(tmp_path: Path) -> None:
    path = _export(tmp_path)
    report = _report(str(path.resolve()), env={"CI_PROJECT_DIR": str(tmp_path.resolve())})
    assert {issue["location"]["path"] for issue in report} == {"exports/orders.jsonl"}


@pytest.mark.parametrize(
    ("path", "root", "shown"),
    [
        ("/builds/shop/exports/orders.jsonl", "/builds/shop", "exports/orders.jsonl"),
        ("/builds/shop/./exports/../orders.jsonl", "/builds/shop/", "orders.jsonl"),
        ("/data/orders.jsonl", "/builds/shop", "/data/orders.jsonl"),  # outside the checkout: as given
        ("/builds/shopping/orders.jsonl", "/builds/shop", "/builds/shopping/orders.jsonl"),
        ("./exports/orders.jsonl", "/builds/shop", "exports/orders.jsonl"),
        ("/builds/shop/orders.jsonl", "", "/builds/shop/orders.jsonl"),  # not on GitLab
    ],
)
def test_project_path(monkeypatch: pytest.MonkeyPatch, path: str, root: str, shown: str) -> None:
    monkeypatch.setenv("CI_PROJECT_DIR", root)
    assert project_path(path) == shown


def test_no_findings_is_an_empty_report(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "clean.jsonl", [example_order()])
    result = check("--format", "gitlab", str(path))
    assert (result.returncode, result.stdout) == (0, "[]\n")


def test_statistics_cannot_be_a_code_quality_report(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "clean.jsonl", [example_order()])
    result = check("--format", "gitlab", "--statistics", str(path))
    assert result.returncode == 2
    assert "--statistics cannot be combined with --format gitlab" in result.stderr
