"""The MkDocs hooks that generate pages: tested as plain functions, so the test suite needs no MkDocs."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

import mollie_preflight as mp

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path.insert(0, str(DOCS / "hooks"))
rule_pages: Any = importlib.import_module("rule_pages")
readme_performance: Any = importlib.import_module("readme_performance")
sys.path.remove(str(DOCS / "hooks"))


def test_the_index_has_a_row_per_rule_with_code_name_severity_and_summary() -> None:
    index = rule_pages.index_page()
    for rule in mp.RULES.values():
        row = f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.severity.value} | {rule.evidence.value} "
        assert f"{row}| {rule.summary} |" in index


@pytest.mark.parametrize("code", sorted(mp.RULES))
def test_a_rule_page_shows_the_finding_the_library_gives(code: str) -> None:
    rule = mp.RULES[code]
    example = rule_pages.examples.EXAMPLES[code]
    page = rule_pages.rule_page(rule)
    assert page.startswith(f"# {code} `{rule.name}`")
    assert f'"field": "{example.field}"' in page
    assert f"no `{code}` finding" in page
    assert rule.fix in page
    assert (rule.mollie_message or "") in page


def test_a_live_rule_links_its_documentation_and_the_threads_with_the_live_answer() -> None:
    page = rule_pages.rule_page(mp.RULES["MP203"])
    assert "| Mollie's documentation | [Mollie API reference: Create order](https://docs.mollie.com/reference/" in page
    assert "[mollie/mollie-api-python#158](https://github.com/mollie/mollie-api-python/issues/158)" in page


@pytest.mark.parametrize("code", sorted(mp.RULES))
def test_a_rule_page_quotes_mollie_with_a_source_or_says_the_wording_is_ours(code: str) -> None:
    rule = mp.RULES[code]
    page = rule_pages.rule_page(rule)
    if rule.mollie_message:
        quoted = page.split("## Mollie's own message\n\n", 1)[1]
        assert quoted.startswith(f"> {rule.mollie_message}\n\n")
        source = quoted.split("\n\n", 2)[1]
        live = any(source.live for source in rule.sources)
        assert source.startswith("As quoted in [") if live else source.startswith("Mollie's wording as we recorded")
    else:
        assert "The wording of this finding is ours" in page
        assert "We believe Mollie enforces the rule because" in page


def test_the_index_counts_the_rules_by_evidence() -> None:
    assert f"{len(mp.RULES)} rules: " in rule_pages.index_page()


def test_the_bases_page_shows_both_payloads() -> None:
    page = rule_pages.bases_page()
    assert "## The example order" in page
    assert '"id": "odl_lock"' in page


def test_long_strings_are_shortened_and_amounts_stay_on_one_line() -> None:
    assert rule_pages._shorten({"note": "x" * 100}) == {"note": "x" * 40 + "… (100 characters)"}
    amount = {"currency": "EUR", "value": "1.00"}
    assert rule_pages._json({"amount": amount}) == '{\n  "amount": {"currency": "EUR", "value": "1.00"}\n}'
    assert rule_pages._json([amount]) == '[{"currency": "EUR", "value": "1.00"}]'


def test_the_readme_performance_section_is_copied_with_its_headings_demoted() -> None:
    readme = "# Project\n\n## Performance\n\nIntro.\n\n### Table\n\n| a |\n\n## Next\n\nNot this."
    assert readme_performance.performance_section(readme) == "Intro.\n\n#### Table\n\n| a |\n"
    assert "benchmarks/" in readme_performance.performance_section("# Project\n")


def test_the_why_page_has_the_marker_the_hook_replaces() -> None:
    why = (DOCS / "why.md").read_text(encoding="utf-8")
    assert readme_performance.MARKER.search(why)
    assert readme_performance.on_page_markdown(why, None, None, None).count("<!-- performance") == 0


def test_the_fixes_page_lists_every_rule_with_its_fixability_from_the_registry() -> None:
    page = rule_pages.fixes_page()
    for rule in mp.RULES.values():
        assert f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.fixability.value} |" in page
    assert "| [MP210](MP210.md) | `line-reduction-positive` | unsafe |" in page
    assert "| [MP212](MP212.md) | `line-vat-rate` | safe |" in page
    assert "| [MP403](MP403.md) | `address-name` | none |" in page


def test_a_rule_page_shows_its_fixability() -> None:
    assert "| Fixability | [**unsafe**](fixes.md)" in rule_pages.rule_page(mp.RULES["MP304"])
    assert "| Fixability | [**safe**](fixes.md)" in rule_pages.rule_page(mp.RULES["MP203"])
