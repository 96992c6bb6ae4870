"""``--format json``: one JSON array of findings, written element by element."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..jsontext import dumps
from ..records import Finding
from .context import Context


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    separator = "[\n  "
    for finding in findings:
        out.write(separator)
        out.write(dumps(finding.to_dict()))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")
