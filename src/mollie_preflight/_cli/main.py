"""The ``mollie-preflight`` command: ``check`` order and payment exports, list ``rules``, explain a ``rule``.

Exit status: 0 clean, 1 findings at or above the fail level (``--fail-on``, default ``error``), 2 usage,
configuration or I/O error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from .. import __version__
from .._apis import APIS
from .._compiled import COMPILED
from .._findings import Severity
from .._rules.checker import amsterdam_today
from . import config as config_module
from . import migrating
from .engine import Engine, default_jobs
from .errors import UsageError, WorkerCrash
from .jsontext import dumps
from .progress import Progress
from .records import CLI_RULES, Finding
from .reporters import MACHINE_FORMATS, REPORTERS, Context
from .selection import FileSelection
from .sources import InputError, expand, open_input
from .summary import Summary
from .worker import Settings

PROG = "mollie-preflight"
FORMATS = tuple(REPORTERS)
LEVELS = ("warning", "error")
API_CHOICES = (*APIS, "auto")
#: What ``--diff`` can show: unified diffs (``text``), or each change as JSON.
DIFF_FORMATS = ("text", "json", "jsonl")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description="Check Mollie Orders and Payments API payloads offline, before they are sent."
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__} ({'compiled' if COMPILED else 'pure Python'})"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser(
        "check", help="check order and payment exports (.json, .jsonl, .ndjson, optionally .gz)"
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; '-' reads stdin (default: .)")
    out = check.add_argument_group("output")
    out.add_argument("--format", "--output-format", dest="format", choices=FORMATS, default="text")
    out.add_argument("--statistics", action="store_true", help="show the number of findings per rule only")
    out.add_argument("-q", "--quiet", action="store_true", help="print findings only: no summary, no progress")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    out.add_argument("--stdin-filename", default="-", metavar="NAME", help="the name to report for stdin")
    files = check.add_argument_group("files (in directories; a file named on the command line is always checked)")
    files.add_argument("--include", action="append", metavar="PATTERNS", help="names to check (default: *.json, ...)")
    files.add_argument("--exclude", action="append", metavar="PATTERNS", help="paths to skip, replacing the defaults")
    files.add_argument("--extend-exclude", action="append", metavar="PATTERNS", help="paths to skip as well")
    files.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="skip what git ignores (default: on)",
    )
    rules = check.add_argument_group("rules")
    rules.add_argument("--select", action="append", metavar="CODES", help="codes, prefixes or names (comma list)")
    rules.add_argument("--ignore", action="append", metavar="CODES", help="codes, prefixes or names to skip")
    rules.add_argument("--severity", choices=LEVELS, help="report findings at or above this level (default: warning)")
    rules.add_argument("--fail-on", choices=LEVELS, help="exit 1 on findings at or above this level (default: error)")
    rules.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    rules.add_argument("--no-inferred", action="store_true", help="skip rules whose enforcement is only inferred")
    rules.add_argument(
        "--api",
        choices=API_CHOICES,
        help="the API the bodies are for; auto: each record by its shape (orderNumber: an order;"
        " a description and no orderNumber: a payment; default: auto)",
    )
    rules.add_argument("--today", metavar="YYYY-MM-DD", help="the reference date (default: today in Amsterdam)")
    fix = check.add_argument_group("fix")
    fix.add_argument("--fix", action="store_true", help="write corrected orders to --output (or --in-place)")
    fix.add_argument("--diff", action="store_true", help="show what --fix would change; write nothing")
    fix.add_argument("-o", "--output", metavar="PATH", help="where --fix writes: a file, or a directory for several")
    fix.add_argument("--in-place", action="store_true", help="let --fix rewrite the input files")
    fix.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix/--diff, also apply fixes that change money"
    )
    run = check.add_argument_group("run")
    run.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    run.add_argument("--config", metavar="PATH", help="a pyproject.toml to read instead of the discovered one")
    run.add_argument("--isolated", action="store_true", help="ignore every configuration file")

    listing = commands.add_parser("rules", help="list every rule")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    one = commands.add_parser("rule", help="explain one rule")
    one.add_argument("code", metavar="CODE", help="a rule code (MP203) or name (line-vat-amount)")
    one.add_argument("--format", choices=("text", "json"), default="text")
    commands.add_parser("schema", help="write the JSON Schema (2020-12) of the create-order body to stdout")
    migrating.add_parser(commands)
    return parser


def _tolerate_unencodable(*streams: TextIO) -> None:
    """Let ``streams`` write what their encoding cannot carry as a backslash escape (``\\ud800``) instead of
    stopping the run with an internal error. A finding quotes what the body holds, and a body may hold text no
    encoding can carry (a lone surrogate: ``"\\ud800"`` is valid JSON) or a legacy code page cannot (a terminal
    in cp1252). JSON output never needs it (``jsontext`` escapes what UTF-8 cannot carry); human text does."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerate_unencodable(sys.stdout, sys.stderr)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return check(args)
        if args.command == "rules":
            from .explain import list_rules

            list_rules(sys.stdout, args.format)
            return 0
        if args.command == "rule":
            from .explain import explain, find

            rule = find(args.code)
            if rule is None:
                raise UsageError(f"unknown rule {args.code!r} (see '{PROG} rules')")
            explain(rule, sys.stdout, args.format)
            return 0
        if args.command == "migrate":
            return migrating.migrate_command(args)
        if args.command == "schema":
            from .._schema import create_order_schema

            sys.stdout.write(dumps(create_order_schema(), indent=2) + "\n")
            return 0
        parser.print_help(sys.stderr)
        return 2
    except (UsageError, WorkerCrash, config_module.ConfigError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as exc:  # a bug of ours: say so in one line rather than a traceback
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc} (please report it)", file=sys.stderr)
        return 2


def check(args: argparse.Namespace) -> int:
    config = _config(args)
    settings = _settings(args, config)
    selection = _selection(args, config)
    fail_rank = Severity(args.fail_on or config.fail_on or "error").rank
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.statistics and args.format in ("sarif", "github", "gitlab", "junit"):
        raise UsageError(f"--statistics cannot be combined with --format {args.format}")
    if args.fix or args.diff or args.output or args.in_place or args.unsafe_fixes:
        return fix_command(args, settings, selection, fail_rank)
    out = sys.stdout
    summary = Summary()
    context = Context(summary, color=_color(args.color, out), quiet=args.quiet)
    show_progress = not args.quiet and args.format not in MACHINE_FORMATS and sys.stderr.isatty()
    progress = Progress(sys.stderr) if show_progress else None
    problems = summary.problems
    with Engine(settings, jobs) as engine:
        findings = summary.count(
            _findings(args.paths or ["."], selection, args.stdin_filename, engine, summary, problems, progress)
        )
        if progress is not None:
            findings = _clearing(findings, progress)
        try:
            if args.statistics:
                _statistics(findings, summary, out, args.format, quiet=args.quiet)
            else:
                REPORTERS[args.format](findings, out, context)
        finally:
            if progress is not None:
                progress.close()
    out.flush()
    for problem in problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    if problems:
        return 2
    return 1 if summary.max_rank >= fail_rank and not args.exit_zero else 0


def fix_command(args: argparse.Namespace, settings: Settings, selection: FileSelection, fail_rank: int) -> int:
    """``--fix`` / ``--diff``: one process, file by file; remaining findings are reported as usual."""
    from .fixing import Fixer, changes, diff, money_notes
    from .fixing_output import Destinations

    if args.diff and (args.output or args.in_place):
        raise UsageError("--diff writes nothing: drop --output/--in-place")
    if args.diff and args.format not in DIFF_FORMATS:
        raise UsageError(f"--diff shows changes as {', '.join(DIFF_FORMATS)}, not --format {args.format}")
    if not args.diff and not args.fix:
        raise UsageError("--output, --in-place and --unsafe-fixes go with --fix")
    if args.fix and not args.diff and bool(args.output) == bool(args.in_place):
        raise UsageError("--fix needs --output PATH or --in-place (never both)")
    summary = Summary()
    problems = summary.problems
    paths = list(_paths(args.paths or ["."], selection, problems))
    destinations = Destinations(paths, output=None if args.diff else args.output, in_place=args.in_place)
    out = sys.stderr if args.output == "-" else sys.stdout
    context = Context(summary, color=_color(args.color, out), quiet=args.quiet)
    fixer = Fixer(
        settings.build_options(), settings.today, settings.min_rank, unsafe=args.unsafe_fixes, api=settings.api
    )
    money: list[str] = []
    skipped: list[str] = []

    def findings() -> Iterator[Finding]:
        for path in paths:
            name = args.stdin_filename if path == "-" else path
            summary.files += 1
            try:
                with open_input(path) as (fmt, stream), destinations.open(path) as target:
                    for record in fixer.run(fmt, stream, target):
                        summary.records += 1
                        moved, left = money_notes(name, record)
                        money.extend(moved)
                        skipped.extend(left)
                        if record.changes:
                            summary.fixes += record.changes
                            summary.fixed_records += 1
                            if args.diff:
                                if rows is None:
                                    sys.stdout.write(diff(name, record))
                                else:
                                    rows.write_all(changes(name, record))
                        outcome = record.outcome
                        if outcome.findings:
                            summary.records_with_findings += 1
                        for line, raw in outcome.located():
                            yield Finding(name, outcome.number, line, outcome.order_number, *raw, outcome.api)
            except InputError as exc:
                problems.append(str(exc))
            except BrokenPipeError:  # our reader went away (``--diff | head``): not the input's fault
                raise
            except (OSError, EOFError, zlib.error) as exc:
                problems.append(f"{name}: cannot read or write: {getattr(exc, 'strerror', None) or exc}")

    rows = _Rows(sys.stdout, args.format) if args.diff and args.format != "text" else None
    if args.diff:
        for _ in summary.count(findings()):
            pass
        if rows is not None:
            rows.close()
        if not args.quiet:
            print(summary.fix_sentence(would=True), file=sys.stderr)
    else:
        REPORTERS[args.format](summary.count(findings()), out, context)
    out.flush()
    _list_money(money, skipped, would=args.diff)
    for problem in problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    if problems:
        return 2
    if args.diff:
        return 1 if (summary.fixes or skipped) and not args.exit_zero else 0
    return 1 if summary.max_rank >= fail_rank and not args.exit_zero else 0


def _list_money(money: list[str], skipped: list[str], *, would: bool) -> None:
    """Every change of money, before → after, and every unsafe fix left alone: never silent, even with -q."""
    if money:
        print(f"{'Would change' if would else 'Changed'} money (before → after):", file=sys.stderr)
        print("\n".join(money), file=sys.stderr)
    if skipped:
        print("Unsafe fixes not applied (they change money; add --unsafe-fixes to apply them):", file=sys.stderr)
        print("\n".join(skipped), file=sys.stderr)


def _findings(
    paths: list[str],
    selection: FileSelection,
    stdin_name: str,
    engine: Engine,
    summary: Summary,
    problems: list[str],
    progress: Progress | None,
) -> Iterator[Finding]:
    for path in _paths(paths, selection, problems):
        name = stdin_name if path == "-" else path
        summary.files += 1
        try:
            with open_input(path) as (fmt, stream):
                for checked in engine.check(path, fmt, stream):
                    summary.records += checked.records
                    summary.records_with_findings += len(checked.outcomes)
                    if checked.outcomes and progress is not None:
                        progress.clear()
                    for outcome in checked.outcomes:
                        for line, raw in outcome.located():
                            yield Finding(name, outcome.number, line, outcome.order_number, *raw, outcome.api)
                    if progress is not None:
                        progress.update(summary.records, summary.findings)
        except InputError as exc:
            problems.append(str(exc))
        except (OSError, EOFError, zlib.error) as exc:
            problems.append(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}")


def _clearing(findings: Iterator[Finding], progress: Progress) -> Iterator[Finding]:
    """``findings``, then the progress line taken away: the reporter's closing summary, written once the
    last finding is through, must start on a clean line (stdout and stderr share the terminal)."""
    yield from findings
    progress.close()


def _paths(paths: list[str], selection: FileSelection, problems: list[str]) -> Iterator[str]:
    for path in paths:
        try:
            yield from expand([path], selection)
        except InputError as exc:
            problems.append(str(exc))


def _config(args: argparse.Namespace) -> config_module.Config:
    if args.isolated:
        return config_module.Config()
    if args.config:
        path = Path(args.config)
        if not path.is_file():
            raise UsageError(f"{args.config}: no such configuration file")
        return config_module.load(path)
    found = config_module.discover(Path.cwd())
    return config_module.load(found) if found else config_module.Config()


def _selection(args: argparse.Namespace, config: config_module.Config) -> FileSelection:
    """Which files directories give: flags over the configuration file over the defaults (as ruff)."""
    here = Path.cwd()
    include = (here, _patterns(args.include)) if args.include else _from(config, config.include)
    exclude = (here, _patterns(args.exclude)) if args.exclude else _from(config, config.exclude)
    extend = [(config.base, config.extend_exclude)]
    if args.extend_exclude:
        extend.append((here, _patterns(args.extend_exclude)))
    respect = args.respect_gitignore if args.respect_gitignore is not None else config.respect_gitignore
    return FileSelection.of(
        include=include, exclude=exclude, extend_exclude=extend, respect_gitignore=respect is not False
    )


def _from(config: config_module.Config, patterns: tuple[str, ...] | None) -> tuple[Path, tuple[str, ...]] | None:
    return None if patterns is None else (config.base, patterns)


def _patterns(values: list[str]) -> tuple[str, ...]:
    """Patterns given as flags: repeated, or comma-separated in one value."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _settings(args: argparse.Namespace, config: config_module.Config) -> Settings:
    options: dict[str, Any] = {}
    select = _codes("--select", args.select) if args.select else config.select
    ignore = _codes("--ignore", args.ignore) if args.ignore else config.ignore
    if select is not None:
        options["select"] = select
    if ignore is not None:
        options["ignore"] = ignore
    if config.severities:
        options["severities"] = dict(config.severities)
    if args.no_inferred:
        options["inferred"] = False
    elif config.inferred is not None:
        options["inferred"] = config.inferred
    for key in ("vat_ties", "expires_at_max_days", "klarna_expires_at_max_days"):
        if getattr(config, key) is not None:
            options[key] = getattr(config, key)
    settings = Settings(
        options=options,
        today=_today(args.today),
        min_rank=Severity(args.severity or config.severity or "warning").rank,
        api=args.api or config.api or "auto",
    )
    try:
        settings.build_options()
    except (ValueError, TypeError) as exc:
        where = f" (in {config.path})" if config.path else ""
        raise UsageError(f"{exc}{where}") from None
    return settings


def _codes(flag: str, values: list[str]) -> tuple[str, ...]:
    """The selectors given with ``flag``, each checked here so that an unknown one is reported as the
    command line's mistake, never the configuration file's."""
    # The registry of every rule (~20 ms to import) only here: a run without selectors, and without findings
    # for the JSON and SARIF formats, never loads it.
    from .._rules.registry import matching
    from .explain import find

    codes = tuple(code.strip() for value in values for code in value.split(",") if code.strip())
    for code in codes:
        if not matching(code):
            raise UsageError(f"{flag}: {code!r} matches no rule code, prefix or name (see '{PROG} rules')")
        rule = find(code)
        if rule is not None and rule.code in CLI_RULES:
            raise UsageError(
                f"{rule.code} {rule.name} cannot be selected or ignored: an unreadable record is always reported"
            )
    return codes


def _today(value: str | None) -> datetime.date:
    if value is None:
        return amsterdam_today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from None


def _color(choice: str, out: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return out.isatty() and os.environ.get("TERM") != "dumb"


def _statistics(findings: Iterator[Finding], summary: Summary, out: TextIO, fmt: str, *, quiet: bool) -> None:
    for _ in findings:
        pass
    rows = summary.by_code.most_common()
    data = [{"code": code, "name": summary.names[code], "count": count} for code, count in rows]
    if fmt in ("json", "jsonl"):
        writer = _Rows(out, fmt)
        writer.write_all(data)
        writer.close()
        return
    width = max((len(f"{count:,}") for _, count in rows), default=1)
    for code, count in rows:
        out.write(f"{count:>{width},}  {code}  {summary.names[code]}\n")
    if not quiet:
        out.write(summary.sentence() + "\n")


class _Rows:
    """Objects written as they come: one JSON array (``json``) or one object a line (``jsonl``)."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self._out = out
        self._array = fmt == "json"
        self._separator = "[\n  "

    def write_all(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            text = dumps(row)
            if self._array:
                self._out.write(self._separator + text)
                self._separator = ",\n  "
            else:
                self._out.write(text + "\n")

    def close(self) -> None:
        if self._array:
            self._out.write("[]\n" if self._separator.startswith("[") else "\n]\n")


def _silence_stdout() -> None:
    """After a closed pipe (``| head``), point stdout at devnull so the interpreter's final flush is quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
