"""Fixability is part of a rule: the registry declares it, and every place that shows a rule shows it."""

from __future__ import annotations

import io
import json

import pytest

import mollie_preflight as mp
from mollie_preflight._cli.explain import explain, rule_dict
from mollie_preflight._cli.records import Finding
from mollie_preflight._cli.reporters.sarif import descriptor


@pytest.mark.parametrize(
    ("code", "fixability"),
    [
        ("MP102", mp.Fixability.SAFE),  # 16.1 → "16.10"
        ("MP203", mp.Fixability.SAFE),  # a derived line figure
        ("MP212", mp.Fixability.SAFE),  # 21 → "21.00"
        ("MP406", mp.Fixability.SAFE),  # "nl" → "NL"
        ("MP420", mp.Fixability.SAFE),  # "+31 6 12345678" → "+31612345678"
        ("MP603", mp.Fixability.SAFE),  # "nl-NL" → "nl_NL"
        ("MP210", mp.Fixability.UNSAFE),  # a price's sign
        ("MP304", mp.Fixability.UNSAFE),  # the amount the customer pays
        ("MP403", mp.Fixability.NONE),  # a name: a person decides
    ],
)
def test_the_registry_declares_each_rules_fixability(code: str, fixability: mp.Fixability) -> None:
    assert mp.RULES[code].fixability is fixability


def test_rule_code_shows_the_fixability_in_text_and_json() -> None:
    text = io.StringIO()
    explain(mp.RULES["MP210"], text, "text")
    assert "Fixability: unsafe (it changes money" in text.getvalue()
    data = io.StringIO()
    explain(mp.RULES["MP212"], data, "json")
    assert json.loads(data.getvalue())["fixability"] == "safe"
    assert rule_dict(mp.RULES["MP403"])["fixability"] == "none"


def test_json_findings_and_sarif_rules_carry_the_fixability() -> None:
    finding = Finding(
        "o.json", 0, 3, "1", "MP210", "line-reduction-positive", "error", "lines.1.unitPrice", "", "m", None, None
    )
    assert finding.to_dict()["fixability"] == "unsafe"
    assert descriptor(mp.RULES["MP102"])["properties"]["fixability"] == "safe"
    assert descriptor(mp.RULES["MP403"])["properties"]["fixability"] == "none"
