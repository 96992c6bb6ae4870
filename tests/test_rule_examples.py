"""Every rule's page shows a failing and a passing example (docs/rule_examples); here they are proven.

For each registered rule: the failing case yields the rule's code at the field its page names, the passing
case does not yield the code, and no rule exists without examples. The examples live beside the docs, not
in the library, and are imported from there.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import mollie_preflight as mp

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path.insert(0, str(DOCS))
examples: Any = importlib.import_module("rule_examples")
sys.path.remove(str(DOCS))


def test_every_rule_has_examples_and_every_example_a_rule() -> None:
    assert set(examples.EXAMPLES) == set(mp.RULES)


@pytest.mark.parametrize("code", sorted(mp.RULES))
def test_the_failing_example_yields_the_rule_at_the_field_shown(code: str) -> None:
    example = examples.EXAMPLES[code]
    fields = [v.field for v in examples.findings(example.endpoint, example.fail) if v.code == code]
    assert example.field in fields, fields


@pytest.mark.parametrize("code", sorted(mp.RULES))
def test_the_passing_example_does_not_yield_the_rule(code: str) -> None:
    example = examples.EXAMPLES[code]
    assert [str(v) for v in examples.findings(example.endpoint, example.ok) if v.code == code] == []


CREATE_ORDER = sorted(code for code, example in examples.EXAMPLES.items() if example.endpoint == "create-order")


@pytest.mark.parametrize("code", CREATE_ORDER)
def test_a_passing_create_order_example_passes_outright(code: str) -> None:
    """The page can show a passing create-order example as simply valid, with no other rule's finding."""
    example = examples.EXAMPLES[code]
    assert [str(v) for v in examples.findings(example.endpoint, example.ok)] == []


def test_the_base_payloads_are_clean() -> None:
    assert list(mp.validate_order(examples.ORDER, today=examples.TODAY)) == []
    assert list(mp.validate_shipment({}, order=examples.SNAPSHOT, today=examples.TODAY)) == []


def test_patches_do_not_touch_the_bases() -> None:
    before = json.dumps([examples.ORDER, examples.SNAPSHOT], sort_keys=True)
    for example in examples.EXAMPLES.values():
        for case in (example.fail, example.ok):
            examples.findings(example.endpoint, case)
    assert json.dumps([examples.ORDER, examples.SNAPSHOT], sort_keys=True) == before


def test_a_patch_sets_appends_and_deletes() -> None:
    patch = examples.Patch({"a": {"b": 1}, "c": [1, 2]}, {"a.b": 2, "c.2": 3, "c.0": examples.DELETE})
    assert examples.materialize(patch) == {"a": {"b": 2}, "c": [2, 3]}
    assert examples.shown_paths(patch) == ["a", "c.2", "c.0"]
    assert examples.shown_paths({"whole": "body"}) == [""]


@pytest.mark.parametrize("code", sorted(mp.RULES))
def test_the_switches_each_page_shows_work(code: str) -> None:
    """``Options(ignore=...)`` silences the failing example and ``severities=`` re-grades it, as the page says."""
    example = examples.EXAMPLES[code]
    other = "warning" if mp.RULES[code].severity is mp.Severity.ERROR else "error"
    for selector in (code, mp.RULES[code].name):
        silenced = examples.findings(example.endpoint, example.fail, mp.Options(ignore=(selector,)))
        assert code not in [v.code for v in silenced]
    regraded = examples.findings(example.endpoint, example.fail, mp.Options(severities={code: other}))
    assert {v.severity.value for v in regraded if v.code == code} == {other}


@pytest.mark.parametrize("code", sorted(mp.RULES))
def test_an_expected_value_is_one_value_to_send_never_a_range_or_a_choice(code: str) -> None:
    """``expected`` is the value that makes the finding go away; a window or a choice is for a person, so the
    finding leaves ``expected`` empty and its message (and Mollie's ``extra``) names the bounds."""
    example = examples.EXAMPLES[code]
    for v in examples.findings(example.endpoint, example.fail):
        if v.expected is not None:
            assert not v.expected.startswith(("<", ">", "≤", "≥")), (v.code, v.expected)
            assert " or " not in v.expected, (v.code, v.expected)
            assert ".." not in v.expected, (v.code, v.expected)
