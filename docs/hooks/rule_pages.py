"""MkDocs hook: one page per rule, and the rule index, generated from the registry at build time.

Nothing generated is committed, so a page can never disagree with the code, and a rule cannot exist
without its page. The examples on a page come from ``docs/rule_examples`` and the findings shown under them
are produced here, at build time, by running the library on them: no output on a page is written by hand.
"""

from __future__ import annotations

import json
import pprint
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mollie_preflight import RULES, Rule, Severity, Source, Violation

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import rule_examples as examples
from rule_examples.cases import RECORD

sys.path.pop(0)

_EVIDENCE = {
    "documented": "stated in Mollie's documentation",
    "live": "seen in the live API's 422 responses (public issue threads)",
    "inferred": "inferred from Mollie's examples, formulas or related messages; switched off with "
    "`Options(inferred=False)` or `--no-inferred`",
}
_VALIDATOR = {
    "create-order": "mp.validate_order(order, today=TODAY)",
    RECORD: "mp.validate_records([line], today=TODAY)",
}
_FIXABILITY = {
    "none": "a person decides; its findings carry no `expected` value",
    "safe": "`check --fix` and `fix_order` apply it: the spelling changes, never the meaning",
    "unsafe": "it changes money; applied only with `--unsafe-fixes` or `fix_order(..., unsafe=True)`",
}
#: Strings longer than this are shortened on the pages (a 1,000-byte metadata note helps nobody).
_LONGEST = 72
_BASES = "examples.md"


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _LONGEST:
        return f"{value[:40]}… ({len(value)} characters)"
    if isinstance(value, dict):
        return {key: _shorten(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shorten(item) for item in value]
    return value


def _block(value: Any, title: str = "", *, shorten: bool = True) -> list[str]:
    """A code block: JSON when the value is JSON, Python's spelling otherwise (the MP002 example holds a set)."""
    heading = f' title="{title}"' if title else ""
    if isinstance(value, str) and not title:
        return [f"```text{heading}", value, "```"]
    value = _shorten(value) if shorten else value
    try:
        text, language = _json(value), "json"
    except TypeError:
        text, language = pprint.pformat(value, width=100, sort_dicts=False), "python"
    return [f"```{language}{heading}", text, "```"]


def _json(value: Any, indent: str = "") -> str:
    """JSON with two-space indents, but small objects and arrays (an amount) on one line, as people write it."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or (len(flat) + len(indent) <= 80 and flat.count("{") <= 1):
        return flat
    inner = indent + "  "
    if isinstance(value, list):
        items = [inner + _json(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    if not all(isinstance(key, str) for key in value):
        raise TypeError("not a JSON object")
    items = [f"{inner}{json.dumps(key)}: {_json(item, inner)}" for key, item in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def _fragments(value: Any, what: str, anchor: str) -> list[str]:
    """The parts of a case's body (or order snapshot) that differ from its base, or the whole of it."""
    if not isinstance(value, examples.Patch):
        return [f"{what}:", "", *_block(value), ""]
    if not value.changes:
        return [f"{what}: [the example {anchor}]({_BASES}#the-example-{anchor}) as it is.", ""]
    lines = [f"{what}: [the example {anchor}]({_BASES}#the-example-{anchor}) with", ""]
    for path, new in value.changes.items():
        if new is examples.DELETE:
            lines.append(f"- `{path}` removed")
        elif isinstance(new, dict | list | set):
            lines.append(f"- `{path}` set as shown below")
        else:
            lines.append(f"- `{path}` set to `{json.dumps(_shorten(new), ensure_ascii=False)}`")
    lines.append("")
    payload = examples.materialize(value)
    for path in examples.shown_paths(value):
        found, node = _lookup(payload, path)
        lines += (_block(node, path) if found else [f"`{path}` removed"]) + [""]
    return lines


def _lookup(payload: Any, path: str) -> tuple[bool, Any]:
    node = payload
    for key in path.split("."):
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            return False, None
    return True, node


def _call(endpoint: str, case: Any) -> str:
    if endpoint in _VALIDATOR:
        return _VALIDATOR[endpoint]
    keyword = "payment" if endpoint in examples.PAYMENT_ENDPOINTS else "order"
    extra = f", {keyword}=snapshot" if case.order is not None else ""
    extra += f', line_id="{case.line_id}"' if case.line_id else ""
    return f'mp.validate(body, "{endpoint}"{extra}, today=TODAY)'


def _finding(violation: Violation) -> dict[str, Any]:
    data = violation.to_dict()
    del data["pointer"]
    return data


def _case(rule: Rule, endpoint: str, case: Any, *, failing: bool) -> list[str]:
    what = "The JSON line" if endpoint == RECORD else ("The order" if endpoint == "create-order" else "The body")
    lines = _fragments(case.body, what, "order") if endpoint != RECORD else [f"{what}:", "", *_block(case.body), ""]
    if case.order is not None and endpoint in examples.PAYMENT_ENDPOINTS:
        lines += _fragments(case.order, "The payment snapshot (`payment=`)", "snapshot")
    elif case.order is not None:
        lines += _fragments(case.order, "The order snapshot (`order=`)", "snapshot")
    lines += [f"`{_call(endpoint, case)}` reports:", ""]
    found = examples.findings(endpoint, case)
    own = [v for v in found if v.code == rule.code]
    others = sorted({v.code for v in found} - {rule.code})
    if failing:
        lines += _block([_finding(v) for v in own] if len(own) > 1 else _finding(own[0]), shorten=False)
    else:
        lines.append(f"no `{rule.code}` finding" + ("; no finding at all." if not found else "."))
    if others:
        links = ", ".join(f"[{code}]({code}.md)" for code in others)
        lines += ["", f"The same payload also gives {links}, which the page of each explains."]
    return [*lines, ""]


def _switches(rule: Rule) -> list[str]:
    other = "warning" if rule.severity is Severity.ERROR else "error"
    lines = [
        "```python",
        f'mp.Options(ignore=("{rule.code}",))  # or its name, "{rule.name}", or a prefix such as "{rule.code[:3]}"',
        f'mp.Options(severities={{"{rule.code}": "{other}"}})',
    ]
    if rule.evidence.value == "inferred":
        lines.append("mp.Options(inferred=False)  # every inferred rule at once")
    lines += ["```", ""]
    example = examples.EXAMPLES[rule.code]
    if example.endpoint not in ("create-order", RECORD):
        return [
            *lines,
            f"Pass the options to `{_call(example.endpoint, example.fail).split('(')[0]}` (`options=`). The linter "
            "checks create-order bodies, so this rule does not occur in its output.",
            "",
        ]
    lines += [
        "In `pyproject.toml`, for the linter:",
        "",
        "```toml",
        "[tool.mollie-preflight]",
        f'ignore = ["{rule.code}"]',
        f'severities = {{ {rule.code} = "{other}" }}',
        "```",
        "",
        f"or on the command line: `mollie-preflight check --ignore {rule.code} exports/`"
        + (" (`--no-inferred` for every inferred rule)." if rule.evidence.value == "inferred" else "."),
        "",
    ]
    if rule.code == "MP900":
        lines += ["The linter reports a record that is not JSON whatever is selected: it cannot check it.", ""]
    return lines


def _link(source: Source) -> str:
    """A Markdown link to one source, with the section of the page it points at."""
    label = source.title.removeprefix("Live answer: ")
    return f"[{label}]({source.url})" + (f", section `{source.section}`" if source.section else "")


def _sources(rule: Rule) -> list[str]:
    """Table rows linking the rule's sources: Mollie's documentation pages, then the recorded live answers."""
    docs = [source for source in rule.sources if not source.live]
    live = [source for source in rule.sources if source.live]
    rows = [f"| Mollie's documentation | {'; '.join(_link(source) for source in docs)} |"] if docs else []
    if live:
        rows.append(f"| Live answers | {', '.join(_link(source) for source in live)} |")
    return rows


#: Why we believe Mollie refuses what a rule reports, by evidence, for rules whose wording is ours.
_BELIEF = {
    "documented": "Mollie's documentation states the requirement (the sources above)",
    "live": "the live API was seen refusing it, in words not recorded closely enough to quote",
    "inferred": "it follows from Mollie's examples, formulas or related messages; it has not been seen refused "
    "word for word, which is why inferred rules can be switched off",
}


def _message(rule: Rule) -> list[str]:
    """Mollie's live message quoted with where it was seen, or a plain statement that the wording is ours."""
    live = [source for source in rule.sources if source.live]
    if rule.mollie_message:
        if live:
            where = f"As quoted in {', '.join(_link(source) for source in live)}."
        else:
            where = "Mollie's wording as we recorded it; no public record of this answer is linked yet."
        return ["## Mollie's own message", "", f"> {rule.mollie_message}", "", where, ""]
    return [
        "## The message",
        "",
        "The wording of this finding is ours: Mollie's own message for this mistake is not on public record. "
        f"We believe Mollie enforces the rule because {_BELIEF[rule.evidence.value]}.",
        "",
    ]


def _sentence(summary: str) -> str:
    """The summary as a sentence; a leading field name (``vatAmount``) keeps its spelling."""
    first = summary.split(" ", 1)[0]
    return (summary[:1].upper() + summary[1:] if first.islower() else summary) + "."


def rule_page(rule: Rule) -> str:
    example = examples.EXAMPLES[rule.code]
    lines = [
        f"# {rule.code} `{rule.name}`",
        "",
        _sentence(rule.summary),
        "",
        "| | |",
        "|---|---|",
        f"| Default severity | **{rule.severity.value}** |",
        f"| Fixability | [**{rule.fixability.value}**](fixes.md): {_FIXABILITY[rule.fixability.value]} |",
        f"| Evidence | **{rule.evidence.value}**: {_EVIDENCE[rule.evidence.value]} |",
        *_sources(rule),
        f"| Endpoint | `{example.endpoint if example.endpoint != RECORD else 'order exports (the linter)'}` |",
        "",
        "## Why Mollie refuses it",
        "",
        rule.why,
        "",
    ]
    lines += _message(rule)
    lines += [
        "## Example",
        "",
        f"`TODAY` is `datetime.date({examples.TODAY.year}, {examples.TODAY.month}, {examples.TODAY.day})`; "
        f"the findings below are produced by the library when this page is built.",
        "",
        "### Refused",
        "",
        *_case(rule, example.endpoint, example.fail, failing=True),
        "### Accepted",
        "",
        *_case(rule, example.endpoint, example.ok, failing=False),
        "## How to fix it",
        "",
        rule.fix,
        "",
        "## Turning it off or changing its severity",
        "",
        *_switches(rule),
    ]
    return "\n".join(lines)


def _census() -> str:
    count = Counter(rule.evidence.value for rule in RULES.values())
    return (
        f"{len(RULES)} rules: {count['documented']} documented by Mollie, {count['live']} seen in live 422 "
        f"responses, {count['inferred']} inferred (`Options(inferred=False)` or `--no-inferred` skips those)."
    )


def index_page() -> str:
    lines = [
        "# Rules",
        "",
        "Every rule has a stable code that never changes meaning, a name, a default severity and the evidence "
        "it rests on. Select rules by code, code prefix (`MP2`) or name. The search box finds a rule by any of "
        "them, or by words of Mollie's error message.",
        "",
        _census(),
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


def fixes_page() -> str:
    """Every rule's fixability, read from the registry, so the page cannot disagree with ``fix_order``."""
    lines = [
        "# Fixes",
        "",
        "`mollie-preflight check --fix` (and `fix_order`) correct what has exactly one right value. Each rule "
        "declares how far a fix of it may go, as ruff's rules do:",
        "",
        "- **safe**: the spelling of a value changes, never its meaning: an amount written `16.1` becomes "
        '`"16.10"`, `eur` becomes `EUR`, a country `nl` becomes `NL`, a locale `nl-NL` becomes `nl_NL`, a '
        '`vatRate` `21` becomes `"21.00"`, a phone number `+31 6 12345678` becomes `+31612345678` (only when '
        "phonenumbers reads it one way), and a line's `totalAmount` or `vatAmount` is derived again from "
        "inputs that agree with the line's type. `--fix` applies these.",
        "- **unsafe**: money changes: a unit price's sign that contradicts its line's type, or the order "
        "`amount` moved by more than two minor units (the tolerance `reconcile` uses). Applied only with "
        "`--unsafe-fixes` (`fix_order(..., unsafe=True)`), and every such change is listed with its value "
        "before and after, in the diff and in the summary.",
        "- **none**: a person decides. A finding of such a rule carries no `expected` value, and its message "
        "says what must be decided.",
        "",
        "A rule marked safe or unsafe fixes only the findings that carry an `expected` value (or a derived "
        "amount that is missing or unreadable, which is rebuilt); when a line's inputs contradict its own type, "
        "nothing is derived from them and the finding on the contradictory input says so.",
        "",
        "| Code | Name | Fixability | How to fix it |",
        "|------|------|------------|---------------|",
    ]
    for rule in RULES.values():
        lines.append(f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.fixability.value} | {rule.fix} |")
    return "\n".join(lines) + "\n"


def bases_page() -> str:
    return "\n".join(
        [
            "# The payloads the rule examples start from",
            "",
            "Each rule page shows only what its example changes. Create-order examples change this order, a valid "
            "one (the figures of Mollie's own create-order example):",
            "",
            "## The example order",
            "",
            *_block(examples.ORDER),
            "",
            "Examples of the other endpoints send their body whole, and pass this snapshot of the same order, as "
            "`GET /v2/orders/{id}` returns it once paid, as `order=`:",
            "",
            "## The example snapshot",
            "",
            *_block(examples.SNAPSHOT),
            "",
            "Examples of the Payments API endpoints that move money after creation (create capture, create "
            "payment refund, update payment) pass this payment, as `GET /v2/payments/{id}` returns it once the "
            "shopper authorized it, as `payment=`:",
            "",
            "## The example payment",
            "",
            *_block(examples.PAYMENT),
            "",
        ]
    )


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File  # here, so the page functions can be tested without MkDocs

    files.append(File.generated(config, "rules/index.md", content=index_page()))
    files.append(File.generated(config, f"rules/{_BASES}", content=bases_page()))
    files.append(File.generated(config, "rules/fixes.md", content=fixes_page()))
    for rule in RULES.values():
        files.append(File.generated(config, f"rules/{rule.code}.md", content=rule_page(rule)))
    return files
