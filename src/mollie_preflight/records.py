"""Validate many create bodies (orders, payments, or both mixed) at once, keeping where each finding came from.

A batch is split across processes or machines (Dask, Spark), so a finding must carry its own origin: the
source (a file name), the record's position in it and the order's ``orderNumber``. Everything here is a
plain module-level function or a frozen dataclass, so it pickles and can be shipped to workers.

Raw JSON lines are parsed here; a line that is not JSON is reported with rule MP900 (invalid-json), as the
linter reports it, instead of stopping the batch.
"""

from __future__ import annotations

import datetime
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final, Literal

from ._apis import APIS, Api, detect_api, validator_for
from ._findings import Violation
from ._options import DEFAULT_OPTIONS, Options
from ._rules.checker import Checker, amsterdam_today
from ._rules.common.record import INVALID_JSON

_API_CHOICES: Final = (*APIS, "auto")
#: Longest parser message quoted in a finding.
_MAX_REASON = 120


@dataclass(frozen=True)
class RecordFinding:
    """One finding of one record: the ``violation`` and where the record is.

    ``index`` is the record's 0-based position in its source; ``line`` is its 1-based line number when
    the record was a line of text (blank lines count); ``key`` is the caller's key of a pair, or the
    ``orderNumber`` when the record has one and no key was given; ``api`` is the API the record was
    checked as (``orders`` or ``payments``), ``None`` for a record that is not JSON.
    """

    violation: Violation
    index: int
    source: str | None = None
    line: int | None = None
    key: str | None = None
    order_number: str | None = None
    api: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A flat, JSON-ready dict: the origin, then ``Violation.to_dict()`` (for data frames and logs)."""
        origin: dict[str, Any] = {
            "source": self.source,
            "index": self.index,
            "line": self.line,
            "key": self.key,
            "orderNumber": self.order_number,
            "api": self.api,
        }
        return origin | self.violation.to_dict()


def validate_records(
    records: Iterable[object],
    *,
    options: Options | None = None,
    today: datetime.date | None = None,
    source: str | None = None,
    start: int = 0,
    api: Api | Literal["auto"] = "auto",
) -> list[RecordFinding]:
    """Every finding of every record, in input order, each with its origin.

    A record is a raw JSON text (``str`` or ``bytes``, one line of a JSON-lines file) or a
    ``(key, payload)`` tuple whose payload is already JSON data; anything else is taken as a payload.

    ``source`` names where the records come from (a file name); ``start`` is the position of the first
    record in that source, for callers that feed it in chunks. Blank text lines are skipped but still
    counted, so ``line`` is the line number in the file. ``today`` is resolved once for the whole batch
    (pass it explicitly when workers may run across midnight). ``api`` is ``"orders"``, ``"payments"``, or
    ``"auto"``: each record by the API its shape says (``detect_api``). Never raises on bad records.
    """
    if api not in _API_CHOICES:
        raise ValueError(f"api must be one of {', '.join(_API_CHOICES)}, not {api!r}")
    opts = options if options is not None else DEFAULT_OPTIONS
    day = today if today is not None else amsterdam_today()
    findings: list[RecordFinding] = []
    for index, record in enumerate(records, start):
        line: int | None = None
        key: str | None = None
        if isinstance(record, (str, bytes)):
            line = index + 1
            if not record.strip():
                continue
            payload, problem = _parse(record)
        elif isinstance(record, tuple) and len(record) == 2:
            key = None if record[0] is None else str(record[0])
            payload, problem = record[1], None
        else:
            payload, problem = record, None
        order_number = _order_number(payload)
        checked_as: Api | None = None
        if problem is None:
            checked_as = detect_api(payload) if api == "auto" else api
            violations: Iterable[Violation] = validator_for(checked_as)(payload, today=day, options=opts)
        else:
            violations = _unparsable(problem, opts, day)
        findings.extend(
            RecordFinding(v, index, source, line, key if key is not None else order_number, order_number, checked_as)
            for v in violations
        )
    return findings


def validate_text_partition(
    lines: Iterable[tuple[str, str]],
    *,
    options: Options | None = None,
    today: datetime.date | None = None,
    api: Api | Literal["auto"] = "auto",
) -> list[RecordFinding]:
    """``validate_records`` for one Dask partition of ``dask.bag.read_text(..., include_path=True)``.

    Elements are ``(line, path)`` pairs; each run of one path is validated with ``source=path``. Read with
    ``blocksize=None`` (one partition per file) so that positions are line numbers in the file::

        bag = dask.bag.read_text("orders-*.jsonl", include_path=True, blocksize=None)
        findings = bag.map_partitions(validate_text_partition, today=day).compute()
    """
    findings: list[RecordFinding] = []
    for path, run in itertools.groupby(lines, key=_path_of):
        findings.extend(validate_records(_texts(run), options=options, today=today, source=path, api=api))
    return findings


def _path_of(element: tuple[str, str]) -> str:
    return element[1]


def _texts(run: Iterable[tuple[str, str]]) -> Iterator[str]:
    return (text for text, _ in run)


def _parse(text: str | bytes) -> tuple[object, str | None]:
    """The JSON data of ``text``, or why it is not JSON. Deep nesting and huge numbers are refused too."""
    try:
        return json.loads(text), None
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        reason = str(error) if isinstance(error, ValueError) else "it is nested too deeply"
        return None, reason


def _unparsable(reason: str, options: Options, today: datetime.date) -> list[Violation]:
    ck = Checker(options, today)
    ck.report(INVALID_JSON, (), f"The record is not valid JSON: {reason[:_MAX_REASON]}.")
    return ck.findings


def _order_number(payload: object) -> str | None:
    if isinstance(payload, dict):
        value = payload.get("orderNumber")
        if isinstance(value, str):
            return value
    return None
