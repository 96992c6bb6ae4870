"""Checking records: the work that runs in the worker processes (or in-process with ``--jobs 1``).

A worker is set up once with the run's settings (``init_worker``), then checks either batches of records
the parent read (``check_records_in_worker``; it parses raw JSON text itself, so the parent only splits
lines), or byte ranges of a plain JSONL file or JSON array that it reads itself (``check_chunk_in_worker``,
``check_array_range_in_worker``, see ``chunks``). Either way it answers with a ``Checked``: a count and the
outcomes that have findings.
"""

from __future__ import annotations

import datetime
import signal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, overload

from .._apis import Api, CreateValidator, detect_api, validator_for
from .._findings import Severity, Violation
from .._options import Options
from .._rules.common.record import INVALID_JSON
from .chunks import Chunk, open_range
from .field_lines import field_line
from .readers import parse_text, read_json_range, read_jsonl
from .records import Checked, Outcome, RawFinding, Record, SpanUnreadable


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs, in picklable form (``Options`` is rebuilt from ``options`` in each process)."""

    options: Mapping[str, Any]
    today: datetime.date
    min_rank: int = Severity.WARNING.rank
    #: ``orders``, ``payments``, or ``auto``: each record by the API its shape says (``detect_api``).
    api: Api | Literal["auto"] = "auto"

    def build_options(self) -> Options:
        return Options(**self.options)


class RecordChecker:
    """Validates records with fixed options and date.

    Per record it does only what the output needs: most records are clean, and of a clean one nothing but
    its count is reported (``Checked``), so its order number is not read, no outcome is built for it and its
    (empty) report is not flattened. The validator of each API is looked up once per checker, not per record.
    """

    def __init__(self, settings: Settings) -> None:
        self._options = settings.build_options()
        self._today = settings.today
        self._min_rank = settings.min_rank
        self._api = settings.api
        #: The validator of each API met so far; filled on first use, so a run that only meets orders never
        #: loads the Payments rules (``validator_for``).
        self._validators: dict[Api, CreateValidator] = {}

    def check(self, record: Record) -> Outcome:
        """``record``'s outcome: its findings (none when it is clean), order number and API."""
        return self._check(record, keep_clean=True)

    @overload
    def _check(self, record: Record, *, keep_clean: Literal[True]) -> Outcome: ...
    @overload
    def _check(self, record: Record, *, keep_clean: bool) -> Outcome | None: ...

    def _check(self, record: Record, *, keep_clean: bool) -> Outcome | None:
        """``record``'s outcome; ``None`` for a clean record unless ``keep_clean`` (``check_all`` drops them)."""
        if record.error is not None:
            return invalid_json(record.number, record.line, record.error)
        data = record.data
        if record.text is not None:
            data, error = parse_text(record.text)
            if error is not None:
                if isinstance(record.text, str):  # an array element's text, its end found by counting braces
                    raise SpanUnreadable(record.number)
                return invalid_json(record.number, record.line, error)
        api = detect_api(data) if self._api == "auto" else self._api
        validate = self._validators.get(api) or self._validators.setdefault(api, validator_for(api))
        report = validate(data, today=self._today, options=self._options)
        findings = flatten(report, self._min_rank) if report.violations else ()
        if not findings:
            return Outcome(record.number, record.line, order_number(data), (), None, api) if keep_clean else None
        lines = None
        if record.source is not None and record.line is not None:
            lines = tuple(field_line(record.source, record.line, raw[4]) for raw in findings)
        return Outcome(record.number, record.line, order_number(data), findings, lines, api)

    def check_all(self, records: Iterable[Record]) -> Checked:
        """Check ``records`` one at a time (never holding them all); keep the outcomes with findings."""
        count = 0
        outcomes: list[Outcome] = []
        for record in records:
            count += 1
            outcome = self._check(record, keep_clean=False)
            if outcome is not None:
                outcomes.append(outcome)
        return Checked(count, tuple(outcomes))

    def check_chunk(self, path: str, chunk: Chunk) -> Checked:
        """Read and check one byte range of a JSONL file, exactly as the serial reader would read those lines."""
        with open_range(path, chunk) as stream:
            return self.check_all(read_jsonl(stream, chunk.first_line))

    def check_array_range(self, path: str, chunk: Chunk, last: bool) -> Checked:
        """Read and check one byte range of a JSON array (``chunks.plan_array``); its elements are numbered
        from 0, and the engine adds the count of the ranges before. ``SpanUnreadable`` when it is not whole
        elements."""
        with open_range(path, chunk) as stream:
            return self.check_all(read_json_range(stream, chunk.first_line, last))


def flatten(report: Iterable[Violation], min_rank: int) -> tuple[RawFinding, ...]:
    """The findings at or above ``min_rank`` as flat tuples, cheap to pickle."""
    return tuple(
        (v.code, v.name, v.severity.value, v.field, v.pointer, v.message, v.expected, v.actual)
        for v in report
        if v.severity.rank >= min_rank
    )


def invalid_json(number: int | None, line: int | None, why: str) -> Outcome:
    """The outcome of a record that could not be read: one ``MP900`` finding."""
    where = f" on line {line}" if line is not None else ""
    message = f"The record{where} is not valid JSON: {why}."
    finding: RawFinding = (INVALID_JSON.code, INVALID_JSON.name, "error", "", "", message, None, None)
    return Outcome(number, line, None, (finding,))


def order_number(data: object) -> str | None:
    """The record's ``orderNumber`` for reports (a string, or an int rendered as one), else ``None``."""
    if isinstance(data, dict):
        number = data.get("orderNumber")
        if isinstance(number, str):
            return number[:80]
        if isinstance(number, int) and not isinstance(number, bool) and number.bit_length() < 64:
            return str(number)
    return None


# --- process-pool entry points: one checker per worker process --------------------------------------

_WORKER: RecordChecker | None = None


def init_worker(settings: Settings) -> None:
    """Set up a pool process; Ctrl-C is left to the parent, which shuts the pool down cleanly."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = RecordChecker(settings)


def check_records_in_worker(batch: list[Record]) -> Checked:
    assert _WORKER is not None, "init_worker was not called"
    return _WORKER.check_all(batch)


def check_chunk_in_worker(path: str, chunk: Chunk) -> Checked:
    assert _WORKER is not None, "init_worker was not called"
    return _WORKER.check_chunk(path, chunk)


def check_array_range_in_worker(path: str, chunk: Chunk, last: bool) -> Checked:
    assert _WORKER is not None, "init_worker was not called"
    return _WORKER.check_array_range(path, chunk, last)
