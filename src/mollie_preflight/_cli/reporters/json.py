"""``--format json``: one JSON array of findings, written element by element."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ..jsontext import dumps
from ..records import Finding
from .context import Context


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    write_array((finding.to_dict() for finding in findings), out)


def write_array(objects: Iterable[dict[str, Any]], out: TextIO) -> None:
    """A JSON array of ``objects``, one per line, written as each comes (``[]`` for none)."""
    separator = "[\n  "
    for value in objects:
        out.write(separator)
        out.write(dumps(value))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")
