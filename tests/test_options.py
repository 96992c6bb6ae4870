"""Options: rule selection, severities, inferred rules, and construction-time checks."""

from __future__ import annotations

import pytest

import mollie_preflight as mp

from .helpers import TODAY
from .payloads import example_order


def _order_with_two_findings() -> dict[str, object]:
    order = example_order()
    order["lines"][0]["vatAmount"]["value"] = "121.15"  # MP203, live evidence
    order["lines"][1]["productUrl"] = "/products/lock"  # MP012, seen live
    return order


def codes(options: mp.Options) -> list[str]:
    return [v.code for v in mp.validate_order(_order_with_two_findings(), today=TODAY, options=options)]


def test_default_runs_every_rule() -> None:
    assert codes(mp.Options()) == ["MP203", "MP012"]


def test_select_and_ignore_take_codes_prefixes_and_names() -> None:
    assert codes(mp.Options(select=("MP203",))) == ["MP203"]
    assert codes(mp.Options(select=("MP0", "MP20"), ignore=("line-vat-amount",))) == ["MP012"]
    assert codes(mp.Options(ignore=("MP2", "url-invalid"))) == []


def test_inferred_rules_can_be_switched_off() -> None:
    """MP407 is inferred and goes; MP012 was inferred until the evidence review found it refused live
    (mollie/Shopware6#31), so it stays with the live MP203."""
    assert mp.get_rule("MP407").evidence is mp.Evidence.INFERRED
    assert mp.get_rule("MP012").evidence is mp.Evidence.LIVE
    order = example_order()
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    order["lines"][1]["productUrl"] = "/products/lock"
    order["billingAddress"]["postalCode"] = "0000AA"  # MP407, inferred
    found = [v.code for v in mp.validate_order(order, today=TODAY)]
    assert sorted(found) == ["MP012", "MP203", "MP407"]
    kept = [v.code for v in mp.validate_order(order, today=TODAY, options=mp.Options(inferred=False))]
    assert kept == ["MP203", "MP012"]


def test_severities_can_be_changed() -> None:
    order = example_order()
    order["lines"][1]["metadata"] = "x" * 1005
    assert mp.validate_order(order, today=TODAY).ok
    strict = mp.Options(severities={"metadata-near-limit": "error"})
    report = mp.validate_order(order, today=TODAY, options=strict)
    assert [(v.code, v.severity) for v in report] == [("MP011", mp.Severity.ERROR)]
    assert not report.ok


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"select": ("MP999",)}, "select: 'MP999' matches no rule"),
        ({"ignore": ("vat",)}, "ignore: 'vat' matches no rule"),
        ({"severities": {"MP203": "fatal"}}, "'fatal' is not 'error' or 'warning'"),
        ({"severities": {"nope": "error"}}, "severities: 'nope' matches no rule"),
        ({"vat_ties": "bankers"}, "vat_ties must be"),
        ({"expires_at_max_days": 0}, "expires_at_max_days must be a positive int"),
        ({"klarna_expires_at_max_days": True}, "klarna_expires_at_max_days must be a positive int"),
    ],
)
def test_bad_options_fail_at_construction(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mp.Options(**kwargs)  # type: ignore[arg-type]


def test_options_are_frozen() -> None:
    options = mp.Options()
    with pytest.raises(AttributeError):
        options.inferred = False  # refused at run time (type checkers no longer flag it: not a dataclass)


def test_rules_registry_is_complete_and_consistent() -> None:
    assert list(mp.RULES) == sorted(mp.RULES)
    for code, rule in mp.RULES.items():
        assert code == rule.code
        assert rule.code.startswith("MP")
        assert rule.code[2:].isdigit()
        assert rule.name == rule.name.lower()
        assert " " not in rule.name
        assert rule.sources, f"{code} names no source"
        assert all(source.url.startswith("https://") for source in rule.sources)
        assert not rule.sources[0].live, f"{code}: the documentation page comes first, then the live answers"
        assert (rule.evidence is mp.Evidence.LIVE) <= any(source.live for source in rule.sources), code
        assert rule.summary
        assert rule.why
        assert rule.fix
        assert mp.get_rule(rule.name) is rule
        assert mp.get_rule(rule.code.lower()) is rule
    with pytest.raises(KeyError):
        mp.get_rule("MP999")
    with pytest.raises(TypeError):  # both builds: the pure one checks, the compiled one converts nothing
        mp.get_rule(203)  # type: ignore[arg-type]
