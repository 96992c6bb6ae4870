"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

``tool.driver.rules`` is the whole registry (plus the linter's own rules), so a dashboard can show the
rule's summary, rationale and fix next to each result, and link its page (``helpUri``); ``results`` are
streamed one by one.

Each result carries a ``partialFingerprints`` entry, which GitHub code scanning uses to recognise an
alert again in the next commit's upload. It must not depend on where the record is in the file (an
export gains and loses orders all the time), so it is a hash of what identifies the finding: the file,
the order's ``orderNumber`` (or, for a record without one, the finding's message, which quotes its
values), the rule and the field, and which occurrence of that same identity in the file it is (two
records with the same order number or the same mistake stay two alerts). Only the current file's
identities are counted, so memory follows the largest file's findings, not the whole run's.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, Final, TextIO
from urllib.parse import quote

from ... import __version__
from ..._rules.rule import Rule
from ..jsontext import dumps
from ..links import rule_url
from ..records import Finding
from .context import Context

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


class Fingerprints:
    """Fingerprints of the findings of a run, given in order (see the module's docstring)."""

    def __init__(self) -> None:
        self._file: str | None = None
        self._seen: Counter[bytes] = Counter()

    def of(self, finding: Finding) -> str:
        import hashlib  # here, not at start-up: every run loads the reporters, few write SARIF

        uri = artifact_uri(finding.file)
        if uri != self._file:
            self._file = uri
            self._seen.clear()
        who = ("order", finding.order_number) if finding.order_number is not None else ("message", finding.message)
        key = "\x1f".join((uri, *who, finding.code, finding.field))
        identity = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()  # a lone surrogate is valid JSON
        self._seen[identity] += 1
        return f"{identity.hex()[:32]}:{self._seen[identity]}"


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative and normalised (``./a/../b.jsonl`` → ``b.jsonl``),
    as code-scanning services match them against the repository's files.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(os.path.normpath(path).replace(os.sep, "/"))
