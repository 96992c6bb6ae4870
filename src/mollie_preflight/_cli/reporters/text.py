"""``--format text`` (the default): one line per finding, for people; coloured on a terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, TextIO

from ..records import Finding
from .context import Context
from .escape import printable

_BOLD: Final = "\x1b[1m"
_DIM: Final = "\x1b[2m"
_RED: Final = "\x1b[31m"
_YELLOW: Final = "\x1b[33m"
_CYAN: Final = "\x1b[36m"
_GREEN: Final = "\x1b[32m"
_RESET: Final = "\x1b[0m"


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    paint = _Paint(context.color)
    for finding in findings:
        out.write(line(finding, paint))
        out.write("\n")
    if not context.quiet:
        summary = context.summary
        colour = _GREEN if not summary.findings else _RED if summary.errors else _YELLOW
        out.write(paint(summary.sentence(), colour) + "\n")


def line(finding: Finding, paint: _Paint | None = None) -> str:
    """``orders.jsonl:3: MP203 error lines.0.vatAmount: <message> [expected 1, actual 2] (order 2026-7)``;
    a finding without an expected value shows ``[actual 2]`` only.

    Every part that comes from the input is escaped (``printable``) before it is painted.
    """
    paint = paint or _Paint(False)
    level = paint(finding.severity, _RED if finding.severity == "error" else _YELLOW)
    parts = [f"{paint(printable(finding.location()), _BOLD)}: {paint(finding.code, _BOLD)} {level}"]
    if finding.field:
        parts.append(f" {paint(printable(finding.field), _CYAN)}:")
    parts.append(f" {printable(finding.message)}")
    if finding.expected is not None or finding.actual is not None:
        # Without one right value there is no "expected" to show: the message says what a person must decide.
        shown = [f"expected {_show(finding.expected)}"] if finding.expected is not None else []
        shown += [f"actual {_show(finding.actual)}"] if finding.actual is not None else []
        parts.append(paint(printable(f" [{', '.join(shown)}]"), _DIM))
    if finding.order_number is not None:
        parts.append(paint(f" (order {printable(finding.order_number)})", _DIM))
    return "".join(parts)


def _show(value: str | None) -> str:
    return "—" if value is None else repr(value) if value == "" or value != value.strip() else value


class _Paint:
    """Wraps text in an ANSI style when colour is on; the identity otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.enabled else text
