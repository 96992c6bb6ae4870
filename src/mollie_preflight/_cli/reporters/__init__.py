"""Reporters: one module per output format, each with the same ``write(findings, out, context)`` function.

``findings`` is consumed once, in order, and may be endless in principle: every reporter writes as it
goes (the JSON and SARIF ones open their array first and close it at the end), so output starts with the
first finding and memory does not grow with the number of findings. ``context.summary`` is complete once
the iterator is exhausted, for the closing summary lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final, TextIO

from ..records import Finding
from . import github, gitlab, json, jsonl, junit, sarif, text
from .context import Context

Reporter = Callable[[Iterable[Finding], TextIO, Context], None]

REPORTERS: Final[dict[str, Reporter]] = {
    "text": text.write,
    "json": json.write,
    "jsonl": jsonl.write,
    "sarif": sarif.write,
    "github": github.write,
    "gitlab": gitlab.write,
    "junit": junit.write,
}

#: Formats meant for machines: no colour, no progress bar.
MACHINE_FORMATS: Final = frozenset({"json", "jsonl", "sarif", "github", "gitlab", "junit"})

__all__ = ["MACHINE_FORMATS", "REPORTERS", "Context", "Reporter"]
