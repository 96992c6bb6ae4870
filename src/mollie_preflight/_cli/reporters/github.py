"""``--format github``: GitHub Actions workflow commands, so findings show up as annotations on the files.

GitHub displays only the first 10 error and 10 warning annotations of a step, so the reporter emits at
most that many of each and closes with a ``notice`` that gives the totals and says how many were left out
(run with ``--format text`` in the log, or upload SARIF, to see every finding).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Final, TextIO

from ..records import Finding
from .context import Context
from .escape import printable

#: Annotations GitHub shows per step and level.
MAX_PER_LEVEL: Final = 10


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    shown = {"error": 0, "warning": 0}
    for finding in findings:
        if shown.get(finding.severity, MAX_PER_LEVEL) >= MAX_PER_LEVEL:
            continue
        shown[finding.severity] += 1
        out.write(annotation(finding) + "\n")
    summary = context.summary
    left_out = summary.findings - sum(shown.values())
    if not context.quiet or left_out:
        more = f" {left_out:,} more not annotated (GitHub shows {MAX_PER_LEVEL} per level)." if left_out else ""
        out.write(f"::notice title=mollie-preflight::{_data(summary.sentence() + more)}\n")


def annotation(finding: Finding) -> str:
    properties = [f"file={_property(os.path.normpath(finding.file))}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_property(f'{finding.code} {finding.name}')}")
    where = finding.location() + (f" (order {finding.order_number})" if finding.order_number is not None else "")
    field = f"{finding.field}: " if finding.field else ""
    return f"::{finding.severity} {','.join(properties)}::{_data(f'{where}: {field}{finding.message}')}"


def _data(text: str) -> str:
    """GitHub's escaping of a command's message; other control characters are shown, not sent."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
