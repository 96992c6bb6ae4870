"""SARIF as GitHub code scanning reads it: a page per rule, and alerts that survive edits of the export."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import mollie_preflight as mp
from mollie_preflight._cli.links import DOCS_URL, rule_url
from mollie_preflight._cli.reporters.sarif import FINGERPRINT

from .payloads import example_order
from .test_cli_e2e import ROOT, broken_order, check, sarif_schema, write_jsonl


def _sarif(path: Path) -> dict[str, Any]:
    result = check("--format", "sarif", str(path))
    assert result.returncode == 1, result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def _fingerprints(log: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (r["ruleId"], r["properties"]["orderNumber"] or "", r["partialFingerprints"][FINGERPRINT])
        for r in log["runs"][0]["results"]
    ]


def test_every_rule_links_its_page_and_the_log_is_valid_sarif(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    path = write_jsonl(tmp_path / "o.jsonl", [broken_order("S-1"), example_order()], garbage_at=1)
    log = _sarif(path)
    jsonschema.Draft7Validator(sarif_schema()).validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["helpUri"] for rule in rules] == [f"{DOCS_URL}rules/{code}/" for code in mp.RULES]
    assert all(set(result["partialFingerprints"]) == {FINGERPRINT} for result in log["runs"][0]["results"])


def test_a_fingerprint_does_not_move_when_records_are_added_before_it(tmp_path: Path) -> None:
    before = _sarif(write_jsonl(tmp_path / "o.jsonl", [example_order(), broken_order("A-1"), broken_order("A-2")]))
    no_locale = example_order()
    no_locale["orderNumber"] = "NEW"
    del no_locale["locale"]
    after = _sarif(write_jsonl(tmp_path / "o.jsonl", [no_locale, broken_order("N-1"), *[broken_order("A-1")] * 2]))
    kept = _fingerprints(before)[0]
    assert kept[:2] == ("MP203", "A-1")
    found = _fingerprints(after)
    assert found[2] == kept  # two records and three lines later, the same alert
    assert found[3][:2] == ("MP203", "A-1")
    assert found[3][2] != kept[2]  # a second order with the same number is a second alert
    assert len({fingerprint for *_, fingerprint in found}) == len(found)


def test_records_without_an_order_number_are_told_apart_by_their_mistake(tmp_path: Path) -> None:
    first, second = broken_order("X"), broken_order("Y", "1.00")
    del first["orderNumber"], second["orderNumber"]
    log = _sarif(write_jsonl(tmp_path / "o.jsonl", [first, second]))
    again = _sarif(write_jsonl(tmp_path / "o.jsonl", [example_order(), second, first]))
    assert sorted(_fingerprints(log)) == sorted(_fingerprints(again))


def test_the_docs_url_is_the_documentation_sites_address() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: (\S+)$", config, re.MULTILINE)[1] == DOCS_URL  # type: ignore[index]
    assert rule_url("MP203") == DOCS_URL + "rules/MP203/"
