"""``--format jsonl``: one JSON object per finding per line, for ``jq`` and log pipelines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..jsontext import dumps
from ..records import Finding
from .context import Context


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    for finding in findings:
        out.write(dumps(finding.to_dict()))
        out.write("\n")
