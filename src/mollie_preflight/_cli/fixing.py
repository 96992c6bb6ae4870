"""``--fix``, ``--diff``: corrected orders written to a new file (or, on request, over the input).

Fixing goes through ``mollie_preflight._fix.fix_order``, one order at a time. It knows the Orders API
only: a record checked as a payment (``--api payments``, or ``auto`` and a payment's shape) is reported by
``validate_payment`` and copied unchanged. Records it does not change
are copied byte for byte, so a fixed export differs from the original only where something was wrong.
JSONL is fixed line by line in constant memory; a ``.json`` document is loaded whole (its other
top-level keys are kept as they are). A record that is not valid JSON is copied unchanged and reported.
"""

from __future__ import annotations

import datetime
import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Literal

from .._apis import Api, detect_api, validator_for
from .._options import Options
from .errors import UsageError
from .jsontext import dumps
from .readers import ORDERS_KEY, parse_text
from .records import Outcome
from .worker import flatten, invalid_json, order_number

if TYPE_CHECKING:
    from .._fix import Change


@dataclass
class FixedRecord:
    """One record after fixing: what to write, what changed (``edits``, as ``fix.Change`` objects), what is
    still wrong.

    ``money`` are the applied changes that moved money and ``skipped`` the unsafe fixes left alone, each as
    ``field: before → after (code)``: they are listed to the user, so no amount changes unseen.
    """

    outcome: Outcome
    before: object
    after: object
    edits: tuple[Change, ...] = ()
    money: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()

    @property
    def changes(self) -> int:
        return len(self.edits)


class Fixer:
    def __init__(
        self,
        options: Options,
        today: datetime.date,
        min_rank: int,
        *,
        unsafe: bool = False,
        api: Api | Literal["auto"] = "orders",
    ) -> None:
        try:
            from .._fix import fix_order
        except ImportError:
            raise UsageError("--fix and --diff need mollie_preflight._fix, which this installation lacks") from None

        self._fix_order = fix_order
        self._options = options
        self._today = today
        self._min_rank = min_rank
        self._unsafe = unsafe
        self._api = api

    def fix(self, number: int | None, line: int | None, data: object) -> FixedRecord:
        api = detect_api(data) if self._api == "auto" else self._api
        if api == "payments":
            report = validator_for(api)(data, options=self._options, today=self._today)
            outcome = Outcome(number, line, order_number(data), flatten(report, self._min_rank), api=api)
            return FixedRecord(outcome, data, data)
        result = self._fix_order(data, options=self._options, today=self._today, unsafe=self._unsafe)
        findings = flatten(result.report, self._min_rank)
        outcome = Outcome(number, line, order_number(result.payload), findings, api=api)
        money = tuple(str(change) for change in result.money_changes)
        skipped = tuple(str(change) for change in result.skipped)
        return FixedRecord(outcome, data, result.payload, tuple(result.changes), money, skipped)

    def run(self, fmt: str, source: IO[bytes], target: IO[bytes]) -> Iterator[FixedRecord]:
        """Fix ``source`` (in format ``fmt``, as the readers name them) into ``target``."""
        return self.json(source, target) if fmt == "json" else self.jsonl(source, target)

    def jsonl(self, source: IO[bytes], target: IO[bytes]) -> Iterator[FixedRecord]:
        """Fix a JSONL stream into ``target``, yielding each record as it is done."""
        for number, text in enumerate(source, 1):
            if not text.strip():
                target.write(text)
                continue
            data, error = parse_text(text)
            if error is not None:
                target.write(text)
                yield FixedRecord(invalid_json(number, number, error), None, None)
                continue
            record = self.fix(number, number, data)
            if record.changes:
                ending = b"\r\n" if text.endswith(b"\r\n") else b"\n" if text.endswith(b"\n") else b""
                target.write(dumps(record.after).encode() + ending)
            else:
                target.write(text)
            yield record

    def json(self, source: IO[bytes], target: IO[bytes]) -> Iterator[FixedRecord]:
        """Fix a whole JSON document (one order, an array, or ``{"orders": [...]}``) into ``target``."""
        original = source.read()
        try:
            document = json.loads(original)
        except (ValueError, RecursionError) as exc:
            target.write(original)
            yield FixedRecord(invalid_json(None, None, str(exc)), None, None)
            return
        records: list[FixedRecord] = []
        if isinstance(document, list):
            records = [self.fix(index, None, order) for index, order in enumerate(document)]
            fixed: Any = [record.after for record in records]
        elif isinstance(document, dict) and isinstance(document.get(ORDERS_KEY), list):
            records = [self.fix(index, None, order) for index, order in enumerate(document[ORDERS_KEY])]
            fixed = {**document, ORDERS_KEY: [record.after for record in records]}
        else:
            records = [self.fix(None, None, document)]
            fixed = records[0].after
        if any(record.changes for record in records):
            target.write(dumps(fixed, indent=2).encode() + b"\n")
        else:
            target.write(original)
        yield from records


def changes(name: str, record: FixedRecord) -> list[dict[str, Any]]:
    """What ``--diff --format json``/``jsonl`` shows of one record: each change, located like a finding."""
    where = {"file": name, "record": record.outcome.number, "line": record.outcome.line}
    where["orderNumber"] = record.outcome.order_number
    return [{**where, **edit.to_dict()} for edit in record.edits]


def money_notes(name: str, record: FixedRecord) -> tuple[list[str], list[str]]:
    """The record's money changes and its unsafe fixes left alone, each as one line naming file and record."""
    where = _where(name, record)
    return [f"  {where}: {note}" for note in record.money], [f"  {where}: {note}" for note in record.skipped]


def _where(name: str, record: FixedRecord) -> str:
    return name if record.outcome.number is None else f"{name} (record {record.outcome.number})"


def diff(name: str, record: FixedRecord) -> str:
    """A unified diff of one record, pretty-printed, labelled with the file and the record."""
    where = _where(name, record)
    before = dumps(record.before, indent=2).splitlines(keepends=True)
    after = dumps(record.after, indent=2).splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"a/{where}", f"b/{where}", n=2))
