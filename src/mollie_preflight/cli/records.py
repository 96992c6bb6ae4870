"""What flows through the linter: a ``Record`` read from a file, and a ``Finding`` reported about it.

Both are plain named tuples so that batches of them cross process boundaries cheaply: a worker receives
raw JSON text (``Record.text``) rather than parsed objects whenever the reader can give it, and answers
with flat tuples instead of rich objects.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple

from ..findings import Severity
from ..rules.rule import Evidence, Rule

#: Not a rule of the Orders API but of the export file: a record the linter could not read as JSON.
#: It lives outside the core registry (the core never sees unparsed text) and cannot be switched off,
#: like a syntax error in a source linter; codes ``MP9xx`` are reserved for the linter.
INVALID_JSON: Final = Rule(
    "MP900",
    "invalid-json",
    Severity.ERROR,
    (),
    Evidence.DOCUMENTED,
    "a record of the export is not valid JSON",
    "Mollie refuses a body that is not JSON before it looks at any field; the record cannot be checked.",
    "Repair the export: one complete JSON object per line (JSONL), or one valid JSON document (.json).",
    "The request body is not valid JSON.",
)

#: The linter's own rules, listed and explained next to the registry's.
CLI_RULES: Final = {INVALID_JSON.code: INVALID_JSON}


class Record(NamedTuple):
    """One order as read from an export, before validation.

    ``number`` is how people find it again: the 1-based line of a JSONL file, the 0-based index in a JSON
    array, ``None`` for a file holding a single order. ``line`` is the source line when known (for SARIF
    and annotations). Exactly one of ``text`` (raw JSON still to parse), ``data`` (already parsed) or
    ``error`` (why it could not be read) is meaningful.
    """

    number: int | None
    line: int | None
    text: bytes | None = None
    data: object = None
    error: str | None = None


#: A finding as a worker returns it: code, name, severity, field, pointer, message, expected, actual.
RawFinding = tuple[str, str, str, str, str, str, str | None, str | None]


class Outcome(NamedTuple):
    """The result of checking one record, as a worker returns it."""

    number: int | None
    line: int | None
    order_number: str | None
    findings: tuple[RawFinding, ...]


class Finding(NamedTuple):
    """One reported problem, located in a file and a record: what every reporter writes."""

    file: str
    record: int | None
    line: int | None
    order_number: str | None
    code: str
    name: str
    severity: str
    field: str
    pointer: str
    message: str
    expected: str | None
    actual: str | None

    @property
    def rank(self) -> int:
        return Severity(self.severity).rank

    def location(self) -> str:
        """``orders.jsonl:12`` (a line), ``orders.json[3]`` (an array index) or ``order.json``."""
        if self.record is None:
            return self.file if self.line is None else f"{self.file}:{self.line}"
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return f"{self.file}[{self.record}]"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a finding, shared by the ``json`` and ``jsonl`` formats."""
        return {
            "file": self.file,
            "record": self.record,
            "line": self.line,
            "orderNumber": self.order_number,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "field": self.field,
            "pointer": self.pointer,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
        }
