"""``--format junit``: JUnit XML, the test report Jenkins, GitLab (``artifacts: reports: junit:``), Azure
Pipelines, CircleCI and most CI services show as failed tests.

Each file checked is a ``testsuite``; each finding is a ``testcase`` with a ``failure`` (JUnit knows no
warnings: a warning is a failure of ``type="warning"``; ``--severity error`` leaves them out). A run without
findings is one passing test case, so a CI service shows a green report, not an empty one; an input that
could not be read (the run exits 2) is a test case with an ``error``, so the report is not green then.

Test suites carry no counts: those would have to be known before the suite's first test case, and the report
is written as the findings come, in constant memory; the services count the test cases themselves.

Text from the payload is escaped for XML and for the log: control characters as ``\\xNN`` (as in the
other line-oriented formats), the two non-characters XML 1.0 forbids as ``\\uFFFE`` and ``\\uFFFF``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, TextIO
from xml.sax.saxutils import escape, quoteattr

from ..records import Finding
from .context import Context
from .escape import printable

#: What XML 1.0 cannot carry that ``printable`` leaves as it is.
_NON_CHARACTERS: Final = {0xFFFE: "\\ufffe", 0xFFFF: "\\uffff"}


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mollie-preflight">\n')
    suite: str | None = None
    for finding in findings:
        if finding.file != suite:
            if suite is not None:
                out.write("  </testsuite>\n")
            suite = finding.file
            out.write(f"  <testsuite name={_attribute(suite)}>\n")
        out.write(testcase(finding))
    if suite is not None:
        out.write("  </testsuite>\n")
    problems = context.summary.problems  # complete once the findings are
    if problems or suite is None:
        out.write('  <testsuite name="mollie-preflight">\n')
        for problem in problems:
            out.write(
                f'    <testcase classname="mollie-preflight" name={_attribute(problem)}>\n'
                f'      <error type="unreadable-input" message={_attribute(problem)}/>\n'
                "    </testcase>\n"
            )
        if not problems:
            out.write('    <testcase classname="mollie-preflight" name="no findings"/>\n')
        out.write("  </testsuite>\n")
    out.write("</testsuites>\n")


def testcase(finding: Finding) -> str:
    """A failed test case for ``finding``: named by its place, rule and field, the message as the failure's."""
    order = f" (order {finding.order_number})" if finding.order_number is not None else ""
    field = f" {finding.field}" if finding.field else ""
    name = f"{finding.location()}{order}: {finding.code}{field}"
    details = [f"{finding.code} {finding.name} ({finding.severity})"]
    details += [f"{label}: {value}" for label, value in _details(finding) if value is not None]
    text = "\n".join(_text(line) for line in details)
    return (
        f"    <testcase classname={_attribute(finding.file)} name={_attribute(name)}>\n"
        f"      <failure type={_attribute(finding.severity)} message={_attribute(finding.message)}>{text}</failure>\n"
        "    </testcase>\n"
    )


def _details(finding: Finding) -> list[tuple[str, str | None]]:
    return [
        ("record", None if finding.record is None else str(finding.record)),
        ("field", finding.field or None),
        ("pointer", finding.pointer or None),
        ("expected", finding.expected),
        ("actual", finding.actual),
        ("message", finding.message),
    ]


def _text(line: str) -> str:
    """One line of element text, escaped for the log and for XML."""
    return escape(_safe(line))


def _attribute(text: str) -> str:
    return quoteattr(_safe(text))


def _safe(text: str) -> str:
    return printable(text).translate(_NON_CHARACTERS)
