"""MkDocs hook: one page per rule, and the rule index, generated from the registry at build time.

Nothing generated is committed, so a page can never disagree with the code, and a rule cannot exist
without its page.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from mollie_preflight import RULES, Rule

_EVIDENCE = {
    "documented": "stated in Mollie's documentation",
    "live": "seen in the live API's 422 responses",
    "inferred": "inferred from Mollie's examples, formulas or related messages; can be switched off with "
    "`Options(inferred=False)`",
}


def rule_page(rule: Rule) -> str:
    lines = [
        f"# {rule.code} `{rule.name}`",
        "",
        rule.summary[:1].upper() + rule.summary[1:] + ".",
        "",
        "| | |",
        "|---|---|",
        f"| Default severity | **{rule.severity.value}** |",
        f"| Evidence | {rule.evidence.value}: {_EVIDENCE[rule.evidence.value]} |",
        f"| Specification | {', '.join(rule.spec)} |",
        "",
        "## Why Mollie refuses it",
        "",
        rule.why,
        "",
    ]
    if rule.mollie_message:
        lines += ["## Mollie's own message", "", f"> {rule.mollie_message}", ""]
    lines += [
        "## How to fix it",
        "",
        rule.fix,
        "",
        "## Turning it off or changing its severity",
        "",
        "```python",
        f'mp.Options(ignore=("{rule.code}",))',
        f'mp.Options(severities={{"{rule.code}": "{"warning" if rule.severity.value == "error" else "error"}"}})',
        "```",
        "",
        "or in `pyproject.toml`:",
        "",
        "```toml",
        "[tool.mollie-preflight]",
        f'ignore = ["{rule.code}"]',
        "```",
        "",
    ]
    return "\n".join(lines)


def index_page() -> str:
    lines = [
        "# Rules",
        "",
        "Every rule has a stable code that never changes meaning, a name, a default severity and the evidence "
        "it rests on. Select rules by code, code prefix (`MP2`) or name.",
        "",
        "| Code | Name | Severity | Evidence | What |",
        "|------|------|----------|----------|------|",
    ]
    for rule in RULES.values():
        lines.append(
            f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.severity.value} | {rule.evidence.value} "
            f"| {rule.summary} |"
        )
    return "\n".join(lines) + "\n"


def on_files(files: Files, config: Any) -> Files:
    files.append(File.generated(config, "rules/index.md", content=index_page()))
    for rule in RULES.values():
        files.append(File.generated(config, f"rules/{rule.code}.md", content=rule_page(rule)))
    return files
