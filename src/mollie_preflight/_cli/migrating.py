"""``mollie-preflight migrate``: Orders create bodies out of an export, Payments create bodies in, each checked.

A shop moving to the Payments API has its orders as exports (JSONL, JSON arrays, gzip). This writes every
record as ``migrate_order`` rewrites it, one JSON object per line, and reports what moved and what Mollie
would answer: ``migrate_order`` itself never validates, so the command runs ``validate_payment`` on each
result. Nothing is written over an input, and the output appears whole or not at all (a temporary file
moved into place), as ``check --fix`` does.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from .._migration import migrate_order
from .errors import UsageError
from .jsontext import dumps
from .readers import parse_text, read_json, read_jsonl
from .records import Record
from .sources import STDIN, InputError, open_input


def add_parser(commands: Any) -> None:
    """The ``migrate`` subcommand's arguments."""
    migrate = commands.add_parser(
        "migrate", help="rewrite Orders create bodies as Payments create bodies, each checked, with a report"
    )
    migrate.add_argument("paths", nargs="+", metavar="PATH", help="order exports (.json, .jsonl, .gz); '-' is stdin")
    migrate.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="PATH",
        help="where the payment bodies go, one per line (default: stdout)",
    )
    migrate.add_argument("--report", metavar="PATH", help="also write the report as JSON to PATH")
    migrate.add_argument("--today", metavar="YYYY-MM-DD", help="the reference date (default: today in Amsterdam)")
    migrate.add_argument("-q", "--quiet", action="store_true", help="report records with errors only")


def migrate_command(args: argparse.Namespace) -> int:
    """Exit 0 when every migrated body is free of errors, 1 when one is not (or a record cannot be read)."""
    today = _today(args.today)
    if args.output != STDIN and args.output in args.paths:
        raise UsageError("--output must not be one of the inputs")
    entries: list[dict[str, Any]] = []
    failed = False
    with _destination(args.output) as target:
        for path in args.paths:
            for entry in _migrate_file(path, target, today):
                entries.append(entry)
                failed |= bool(entry["errors"]) or entry.get("invalid") is not None
                if not args.quiet or entry["errors"] or entry.get("invalid"):
                    sys.stderr.write(_text(entry))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as report:
            report.write(dumps(entries, indent=2) + "\n")
    errors = sum(len(entry["errors"]) for entry in entries)
    sys.stderr.write(f"Migrated {len(entries):,} records; {errors:,} errors in the payment bodies.\n")
    return 1 if failed else 0


def _today(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today must be a date written YYYY-MM-DD, not {text!r}") from None


def _records(fmt: str, stream: IO[bytes]) -> Iterator[Record]:
    return read_json(stream) if fmt == "json" else read_jsonl(stream)


def _migrate_file(path: str, target: IO[str], today: datetime.date | None) -> Iterator[dict[str, Any]]:
    try:
        with open_input(path) as (fmt, stream):
            for record in _records(fmt, stream):
                data, error = (record.data, record.error) if record.text is None else parse_text(record.text)
                where = {"file": path, "record": record.number, "line": record.line}
                if error is not None:
                    yield {**where, "orderNumber": None, "invalid": error, "changes": [], "errors": [], "warnings": []}
                    continue
                migration = migrate_order(data)
                report = migration.check(today=today)
                target.write(dumps(migration.body) + "\n")
                order_number = data.get("orderNumber") if isinstance(data, dict) else None
                yield {
                    **where,
                    "orderNumber": order_number if isinstance(order_number, str) else None,
                    "changes": [
                        {"from": move.source, "to": move.target, "reason": move.reason} for move in migration.changes
                    ],
                    "errors": [violation.to_dict() for violation in report.errors],
                    "warnings": [violation.to_dict() for violation in report.warnings],
                }
    except InputError as exc:
        raise UsageError(str(exc)) from None
    except (OSError, EOFError) as exc:
        raise UsageError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def _text(entry: dict[str, Any]) -> str:
    """One record's report for a person: where it is, what moved, what Mollie would refuse."""
    where = entry["file"] + (f":{entry['line']}" if entry["line"] is not None else "")
    name = f" (order {entry['orderNumber']})" if entry["orderNumber"] else ""
    if entry.get("invalid") is not None:
        return f"{where}: MP900 not valid JSON, not migrated: {entry['invalid']}\n"
    lines = [f"{where}{name}: {len(entry['changes'])} changes"]
    lines += [f"  {change['from']} → {change['to'] or 'dropped'}: {change['reason']}" for change in entry["changes"]]
    for level in ("errors", "warnings"):
        lines += [f"  {v['code']} {v['severity']} {v['field']}: {v['message']}" for v in entry[level]]
    return "\n".join(lines) + "\n"


@contextmanager
def _destination(path: str) -> Iterator[IO[str]]:
    """stdout, or a file that appears complete or not at all (gzipped when its name ends in ``.gz``)."""
    if path == STDIN:
        yield sys.stdout
        return
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".migrate-", suffix=".tmp")
    os.close(handle)
    try:
        opened: IO[str] = (
            gzip.open(temporary, "wt", encoding="utf-8")  # noqa: SIM115 - closed by the with below
            if path.endswith(".gz")
            else open(temporary, "w", encoding="utf-8")  # noqa: SIM115
        )
        with opened as target:
            yield target
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
