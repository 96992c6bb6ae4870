"""What flows through the linter: a ``Record`` read from a file, and a ``Finding`` reported about it.

Both are plain named tuples so that batches of them cross process boundaries cheaply: a worker receives
raw JSON text (``Record.text``) rather than parsed objects whenever the reader can give it, and answers
with flat tuples instead of rich objects.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, Final, NamedTuple

from .._findings import Severity
from .._rules.common.record import INVALID_JSON

#: Rules the linter always reports: an unreadable record cannot be selected away or ignored, like a syntax
#: error in a source linter. (MP900 lives in the core registry, which ``validate_records`` shares.)
CLI_RULES: Final = {INVALID_JSON.code: INVALID_JSON}
#: Each severity's rank by its value, as a finding carries it: read per finding, where building the enum
#: member from its value (``Severity(value)``) costs ten times the look-up.
_RANKS: Final = {severity.value: severity.rank for severity in Severity}


class Record(NamedTuple):
    """One order as read from an export, before validation.

    ``number`` is how people find it again: the 1-based line of a JSONL file, the 0-based index in a JSON
    array, ``None`` for a file holding a single order. ``line`` is the source line when known (for SARIF
    and annotations). Exactly one of ``text`` (raw JSON still to parse), ``data`` (already parsed) or
    ``error`` (why it could not be read) is meaningful.
    """

    number: int | None
    line: int | None
    text: bytes | str | None = None
    data: object = None
    error: str | None = None
    #: The source text of an array element read as ``data`` (it starts on ``line``): where a finding's field
    #: is, found only when the element has findings (``field_lines``).
    source: str | None = None


#: A finding as a worker returns it: code, name, severity, field, pointer, message, expected, actual.
RawFinding = tuple[str, str, str, str, str, str, str | None, str | None]


class Outcome(NamedTuple):
    """The result of checking one record, as a worker returns it."""

    number: int | None
    line: int | None
    order_number: str | None
    findings: tuple[RawFinding, ...]
    #: The line of each finding's field, when the record's source text is known (array elements).
    lines: tuple[int, ...] | None = None
    #: The API the record was checked as (``orders`` or ``payments``); ``None`` when it was not checked
    #: (an unreadable record).
    api: str | None = None

    def located(self) -> Iterator[tuple[int | None, RawFinding]]:
        """Each finding with the line to report it on: its field's line when known, else the record's."""
        if self.lines is None:
            return ((self.line, raw) for raw in self.findings)
        return zip(self.lines, self.findings, strict=True)


class Checked(NamedTuple):
    """The result of checking a run of records (a batch, or a byte range of a file), as a worker returns it.

    Only the outcomes with findings travel back: the parent needs nothing else from a clean record than
    that it was counted, and most records are clean, so this keeps the parent's share of the work small.
    """

    records: int
    outcomes: tuple[Outcome, ...]


class SpanUnreadable(Exception):
    """Text cut out of a JSON array by counting brackets cannot be read as cut: an element handed out as
    text (``read_json(..., texts=True)``) is not one valid JSON value, or a byte range of the array
    (``chunks.plan_array``) is not whole elements. A string held an unbalanced bracket, or the file is
    broken there. Not a finding: the engine reads the input again from the first record not yet reported,
    the serial way, which reports whatever is really there."""


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
    #: The API the record was checked as; ``None`` for a record that could not be read.
    api: str | None = None

    @property
    def rank(self) -> int:
        return _RANKS[self.severity]

    def location(self) -> str:
        """``orders.jsonl:12`` (a line), ``orders.json:40 [3]`` (an array element: its first line, then its
        index) or ``order.json``. A JSON-lines record is numbered by its line, so an index is shown only
        where it is something else."""
        if self.line is None:
            return self.file if self.record is None else f"{self.file}[{self.record}]"
        if self.record is None or self.record == self.line:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line} [{self.record}]"

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
            "fixability": fixability_of(self.code),
            "api": self.api,
        }


@functools.cache
def fixability_of(code: str) -> str:
    """The fixability of the rule behind ``code`` (``none`` for a code no rule has), as JSON output shows it.
    Asked per finding, answered once per code: rules are made once, at import."""
    from .._rules.registry import RULES

    rule = RULES.get(code)
    return rule.fixability.value if rule is not None else "none"
