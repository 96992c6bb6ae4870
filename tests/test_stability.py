"""What callers build on stays put: rule codes, public names, and the shape of findings.

SDKs and CI configurations refer to rule codes (``--ignore MP011``, ``Options(ignore=...)``) and to public
names; a code that silently changed meaning or a name that disappeared would break them without a
failing import. The committed lists beside this module are the record of what was published.
"""

from __future__ import annotations

import re
from pathlib import Path

import mollie_preflight as mp
from mollie_preflight._cli.records import Finding
from mollie_preflight._rules.registry import RULES

HERE = Path(__file__).parent


def _entries(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_every_published_rule_code_keeps_its_name_and_severity() -> None:
    published = [line.split() for line in _entries("rule_codes.txt")]
    current = {code: [rule.code, rule.name, rule.severity.value] for code, rule in RULES.items()}
    changed = [entry for entry in published if current.get(entry[0]) != entry]
    assert changed == [], "a published rule code changed or disappeared; a new meaning needs a new code"


def test_every_rule_code_is_recorded() -> None:
    recorded = {line.split()[0] for line in _entries("rule_codes.txt")}
    assert sorted(set(RULES) - recorded) == [], "append the new rules to tests/rule_codes.txt"


def test_codes_are_never_reused_for_another_name() -> None:
    names = [line.split()[1] for line in _entries("rule_codes.txt")]
    assert len(names) == len(set(names))


def test_every_published_public_name_is_still_exported() -> None:
    published = _entries("public_names.txt")
    assert [name for name in published if name not in mp.__all__ or not hasattr(mp, name)] == []
    assert sorted(set(mp.__all__) - set(published)) == [], "append new public names to tests/public_names.txt"


def test_a_finding_keeps_its_fields() -> None:
    violation = mp.validate_order({}).errors[0]
    assert set(violation.to_dict()) >= {"code", "name", "severity", "field", "pointer", "message", "expected", "actual"}
    for attribute in ("code", "name", "severity", "path", "field", "pointer", "message", "expected", "actual", "extra"):
        assert hasattr(violation, attribute), attribute


def test_the_linters_json_findings_keep_their_keys() -> None:
    finding = Finding("a.jsonl", 1, 1, "1", "MP203", "line-vat-amount", "error", "f", "/f", "m", "1.00", "1.01")
    assert list(finding.to_dict()) == [
        "file", "record", "line", "orderNumber", "code", "name", "severity", "field", "pointer", "message",
        "expected", "actual", "fixability", "api",
    ]  # fmt: skip


def test_the_changelog_counts_the_rules_the_release_has() -> None:
    """The release notes say how many rules the first release has and which codes they span: a rule added without
    the count is a sentence readers trust that is no longer true."""
    changelog = (HERE.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    stated = re.search(r"\((\d+) rules, (MP\d+)–(MP\d+)\)", changelog)
    assert stated is not None
    assert (int(stated[1]), stated[2], stated[3]) == (len(RULES), min(RULES), max(RULES))
