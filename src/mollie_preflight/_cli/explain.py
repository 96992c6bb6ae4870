"""``mollie-preflight rules`` and ``mollie-preflight rule CODE``: the registry, for people and scripts."""

from __future__ import annotations

import json
import textwrap
from typing import Any, TextIO

from .._rules.registry import RULES, get_rule
from .._rules.rule import Fixability, Rule
from .links import rule_url
from .records import CLI_RULES

_FIXABILITY = {
    Fixability.NONE: "none (a person decides; findings carry no expected value)",
    Fixability.SAFE: "safe ('check --fix' applies it; spelling changes, never meaning)",
    Fixability.UNSAFE: "unsafe (it changes money: applied only with '--unsafe-fixes', listed before/after)",
}


def all_rules() -> list[Rule]:
    return list(RULES.values())


def find(code_or_name: str) -> Rule | None:
    try:
        return get_rule(code_or_name)
    except KeyError:
        return CLI_RULES.get(code_or_name.upper()) or next(
            (rule for rule in CLI_RULES.values() if rule.name == code_or_name.lower()), None
        )


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "evidence": rule.evidence.value,
        "sources": [
            {"title": source.title, "section": source.section, "url": source.url, "live": source.live}
            for source in rule.sources
        ],
        "summary": rule.summary,
        "why": rule.why,
        "fix": rule.fix,
        "mollieMessage": rule.mollie_message,
        "url": rule_url(rule.code),
        "fixability": rule.fixability.value,
    }


def list_rules(out: TextIO, fmt: str) -> None:
    rules = all_rules()
    if fmt == "json":
        out.write(json.dumps([rule_dict(rule) for rule in rules], indent=2, ensure_ascii=False) + "\n")
        return
    width = max(len(rule.name) for rule in rules)
    for rule in rules:
        out.write(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.evidence.value:<10}  ")
        out.write(f"{rule.summary}\n")


def explain(rule: Rule, out: TextIO, fmt: str) -> None:
    if fmt == "json":
        out.write(json.dumps(rule_dict(rule), indent=2, ensure_ascii=False) + "\n")
        return
    sections = [
        f"{rule.code} {rule.name}",
        f"Severity: {rule.severity.value} by default · Evidence: {rule.evidence.value}",
        f"What: {rule.summary}",
        f"Why: {rule.why}",
        f"Fix: {rule.fix}",
        f"Fixability: {_FIXABILITY[rule.fixability]}",
    ]
    if rule.mollie_message:
        sections.append(f"Example of Mollie's answer (HTTP 422): {rule.mollie_message}")
    for section in sections:
        out.write(textwrap.fill(section, width=100, subsequent_indent="    ", break_long_words=False) + "\n")
    out.write("Sources:\n")
    for source in rule.sources:
        out.write(f"  - {source}\n")
    out.write(f"Docs: {rule_url(rule.code)}\n")  # never wrapped: a terminal makes it a link only whole
