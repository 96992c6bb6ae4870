"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

``tool.driver.rules`` is the whole registry (plus the linter's own rules), so a dashboard can show the
rule's summary, rationale and fix next to each result, and link its page (``helpUri``); ``results`` are
streamed one by one.

Each result carries a ``partialFingerprints`` entry, which GitHub code scanning uses to recognise an
alert again in the next commit's upload (``fingerprints.py``: it does not move when orders are added above
the finding).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, TextIO

from ... import __version__
from ..._rules.rule import Rule
from ..jsontext import dumps
from ..links import rule_url
from ..records import Finding
from .context import Context
from .fingerprints import Fingerprints, artifact_uri

SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI: Final = "https://pypi.org/project/mollie-preflight/"
#: The key of our fingerprint in ``partialFingerprints`` (versioned: a new recipe is a new key).
FINGERPRINT: Final = "molliePreflightFinding/v1"


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    from ..explain import all_rules  # the registry of every rule: loaded by this format, not at every start-up

    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    driver = {
        "name": "mollie-preflight",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [descriptor(rule) for rule in rules],
    }
    head = {"$schema": SCHEMA, "version": "2.1.0"}
    out.write(dumps(head)[:-1])
    out.write(', "runs": [{"tool": {"driver": ')
    out.write(dumps(driver))
    out.write('}, "columnKind": "unicodeCodePoints", "results": [')
    separator = "\n"
    fingerprints = Fingerprints()
    for finding in findings:
        out.write(separator)
        out.write(dumps(result(finding, index.get(finding.code), fingerprints.of(finding))))
        separator = ",\n"
    out.write("\n]}]}\n")


def descriptor(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor`` for ``rule``."""
    help_text = f"{rule.summary}\n\nWhy: {rule.why}\n\nFix: {rule.fix}"
    if rule.mollie_message:
        help_text += f"\n\nMollie's message: {rule.mollie_message}"
    properties: dict[str, Any] = {"evidence": rule.evidence.value, "tags": ["mollie", rule.evidence.value]}
    if rule.sources:
        properties["sources"] = [source.url for source in rule.sources]
    properties["fixability"] = rule.fixability.value
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text},
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": properties,
    }


def result(finding: Finding, rule_index: int | None, fingerprint: str) -> dict[str, Any]:
    """A ``result`` for ``finding``: the file and line, and the record and field as a logical location."""
    logical = finding.location() if not finding.field else f"{finding.location()}/{finding.field}"
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": artifact_uri(finding.file)},
        "region": {"startLine": finding.line if finding.line is not None else 1},
    }
    data: dict[str, Any] = {
        "ruleId": finding.code,
        "level": finding.severity,
        "message": {"text": f"{finding.field}: {finding.message}" if finding.field else finding.message},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": logical, "kind": "object"}],
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {
            "record": finding.record,
            "orderNumber": finding.order_number,
            "field": finding.field,
            "pointer": finding.pointer,
            "expected": finding.expected,
            "actual": finding.actual,
        },
    }
    if rule_index is not None:
        data["ruleIndex"] = rule_index
    return data
