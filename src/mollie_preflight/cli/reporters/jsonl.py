"""``--format jsonl``: one JSON object per finding per line, for ``jq`` and log pipelines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..records import Finding
from .context import Context


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    for finding in findings:
        out.write(json.dumps(finding.to_dict(), ensure_ascii=False))
        out.write("\n")
