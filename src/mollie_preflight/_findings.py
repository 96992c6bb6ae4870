"""What a validation returns: findings (``Violation``), their ``Severity``, and the ``Report``.

A finding is machine-readable first (stable ``code``, ``path``, ``expected``/``actual`` strings) and
human-readable second (``message``, in Mollie's own wording where the live API's text is known), in the
spirit of pydantic's error dicts. ``Report.to_problem()`` renders the first error as the RFC 7807
document Mollie itself answers with, so code that handles Mollie's 422 handles ours the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum

from ._frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final, overload

    #: A message written when it is first read: a module-level function and its arguments (picklable by name).
    Deferred = tuple[Callable[..., str], tuple[Any, ...]]

PathElement = str | int
Path = tuple[PathElement, ...]

_DOCS: Final = "https://docs.mollie.com/reference/v2/orders-api/"
_DOCUMENTATION: Final[dict[str, str]] = {
    "create-order": _DOCS + "create-order",
    "update-order": _DOCS + "update-order",
    "update-order-line": _DOCS + "update-order-line",
    "manage-order-lines": _DOCS + "manage-order-lines",
    "cancel-order-lines": _DOCS + "cancel-order-lines",
    "cancel-order": _DOCS + "cancel-order",
    "create-order-payment": _DOCS + "create-order-payment",
    "create-shipment": "https://docs.mollie.com/reference/v2/shipments-api/create-shipment",
    "update-shipment": "https://docs.mollie.com/reference/v2/shipments-api/update-shipment",
    "create-order-refund": "https://docs.mollie.com/reference/v2/refunds-api/create-order-refund",
}


#: The ``title`` Mollie's problem documents carry for each status it answers a bad request with.
_TITLES: Final[dict[int, str]] = {400: "Bad Request", 422: "Unprocessable Entity"}


class Severity(str, Enum):
    """How bad a finding is. ``ERROR``: Mollie answers 422 (documented or seen live). ``WARNING``: a
    documented recommendation, or a rule whose enforcement by Mollie is inferred.
    """

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """Ordering for ``--fail-on``-style thresholds: a higher rank is more severe."""
        return 2 if self is Severity.ERROR else 1


def render_field(path: Path) -> str:
    """Mollie's ``field`` notation: dots and 0-based indices, ``("lines", 0, "vatAmount") → lines.0.vatAmount``."""
    return ".".join(str(part) for part in path)


def render_pointer(path: Path) -> str:
    """RFC 6901 JSON Pointer for ``path`` (``~`` and ``/`` escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


_SLOTS: Final = ("code", "name", "severity", "path", "expected", "actual", "extra", "status", "precedence")


class Violation(Frozen):
    """One finding: which rule, where in the payload, what was expected and what was found.

    Immutable and compared like the frozen dataclass it was (``extra``, ``status`` and ``precedence`` take no
    part in equality). Its ``message`` may be given as ``(function, args)`` (``Deferred``): the text is then
    written when it is first read, as pydantic-core and msgspec do, because most findings of a validation are
    never read (a caller asks ``report.ok``) and writing one can cost more than finding it (a VAT message
    formats three amounts). ``field`` and ``pointer`` are worked out from ``path`` on access for the same
    reason. A pickled finding carries its written message, so workers and their parent agree on it.
    """

    __slots__ = (*_SLOTS, "_message")
    __match_args__ = ("code", "name", "severity", "path", "message", "expected", "actual")
    _FIELDS = ("code", "name", "severity", "path", "message", "expected", "actual", "extra", "status", "precedence")
    #: ``extra``, ``status`` and ``precedence`` take no part in equality (as before, when this was a dataclass).
    _COMPARED = _FIELDS[:7]

    code: str
    name: str
    severity: Severity
    path: Path
    expected: str | None
    actual: str | None
    extra: Mapping[str, Any] | None
    #: The HTTP status Mollie answers this finding with when it is not the usual 422 (400 for some state errors).
    status: int | None
    #: How early Mollie checks what this finding is about: ``Report.to_problem()`` gives the error with the
    #: highest precedence (the walk order decides among equals). 0 for nearly all findings.
    precedence: int
    _message: str | Deferred

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        path: Path,
        message: str | Deferred,
        expected: str | None = None,
        actual: str | None = None,
        extra: Mapping[str, Any] | None = None,
        status: int | None = None,
        precedence: int = 0,
    ) -> None:
        _set_code(self, code)
        _set_name(self, name)
        _set_severity(self, severity)
        _set_path(self, path)
        _set_message(self, message)
        _set_expected(self, expected)
        _set_actual(self, actual)
        _set_extra(self, extra)
        _set_status(self, status)
        _set_precedence(self, precedence)

    @property
    def message(self) -> str:
        """The finding in words (Mollie's own wording where the live API's text is known)."""
        message = self._message
        if isinstance(message, str):
            return message
        render, args = message
        text: str = render(*args)
        _set_message(self, text)  # another thread may write the same text at the same time: harmless
        return text

    @property
    def field(self) -> str:
        return render_field(self.path)

    @property
    def pointer(self) -> str:
        return render_pointer(self.path)

    def __reduce__(self) -> tuple[type[Violation], tuple[object, ...]]:
        """Pickled with its message written: a worker's finding reaches its parent as plain data."""
        return (Violation, (*self._key(), self.extra, self.status, self.precedence))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, the shape every machine-readable output of this library uses."""
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "field": self.field,
            "pointer": self.pointer,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
        }
        if self.extra:
            data["extra"] = dict(self.extra)
        return data

    def __str__(self) -> str:
        where = self.field or "<payload>"
        return f"{where}: {self.code} {self.message}"


# Slots are filled through their descriptors: ``Violation`` refuses ``setattr`` (it is immutable), and this is
# cheaper than ``Frozen._assign`` (~0.9 against ~1.4 µs a finding, and findings are made on hot paths).
(
    _set_code,
    _set_name,
    _set_severity,
    _set_path,
    _set_expected,
    _set_actual,
    _set_extra,
    _set_status,
    _set_precedence,
    _set_message,
) = (getattr(Violation, slot).__set__ for slot in (*_SLOTS, "_message"))


class PreflightError(Exception):
    """Base class of the exceptions this library raises on purpose."""


class OrderValidationError(PreflightError, ValueError):
    """Raised by ``Report.raise_for_errors()``: the payload would be refused. Carries every finding."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.violations: tuple[Violation, ...] = report.violations
        errors = report.errors
        first = report.first_error
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}" if first else "payload has errors")


def _precedence(violation: Violation) -> int:
    return violation.precedence


class Report(Frozen, Sequence[Violation]):
    """Every finding for one payload, in a stable order (the order the payload is walked in).

    A ``Report`` is a sequence of ``Violation``; ``ok`` is true when none has severity ``error``.
    """

    __slots__ = ("endpoint", "violations")
    _FIELDS = _COMPARED = ("violations", "endpoint")

    violations: tuple[Violation, ...]
    endpoint: str

    def __init__(self, violations: tuple[Violation, ...] = (), endpoint: str = "create-order") -> None:
        _set_violations(self, violations)  # through the slots' descriptors, as ``Violation``: one per validation
        _set_endpoint(self, endpoint)

    @property
    def ok(self) -> bool:
        return not any(v.severity is Severity.ERROR for v in self.violations)

    @property
    def errors(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity is Severity.WARNING)

    def __iter__(self) -> Iterator[Violation]:
        return iter(self.violations)

    def __len__(self) -> int:
        return len(self.violations)

    if TYPE_CHECKING:  # ``typing`` is not imported at run time (benchmarks/PROFILE.md, "the import")

        @overload
        def __getitem__(self, index: int) -> Violation: ...
        @overload
        def __getitem__(self, index: slice) -> Sequence[Violation]: ...

    def __getitem__(self, index: int | slice) -> Violation | Sequence[Violation]:
        return self.violations[index]

    @property
    def first_error(self) -> Violation | None:
        """The error Mollie would report, or ``None``: the one place that decides it, for ``to_problem()`` and
        ``OrderValidationError``'s message alike.

        Mollie stops at the first error it finds, and it does not check in the order the findings are listed
        (the walk order, kept stable for output): an order amount that is not the sum of the line totals as
        sent is reported before anything wrong with the lines or addresses. So it is the error with the highest
        ``precedence``, the first one listed among equals.
        """
        errors = self.errors
        return max(errors, key=_precedence) if errors else None  # max keeps the first of equals: the walk order

    def raise_for_errors(self) -> None:
        """Raise ``OrderValidationError`` carrying every finding when the payload has an error."""
        if not self.ok:
            raise OrderValidationError(self)

    def to_problem(self) -> dict[str, Any] | None:
        """The error Mollie would report as the problem document its API answers with (HTTP 422, or 400 where
        Mollie answers a state error with Bad Request), or ``None``.

        The error is ``first_error``.
        """
        first = self.first_error
        if first is None:
            return None
        status = first.status or 422
        problem: dict[str, Any] = {"status": status, "title": _TITLES.get(status, "Unprocessable Entity")}
        problem["detail"] = first.message
        if first.path:
            problem["field"] = first.field
        if first.extra:
            problem["extra"] = dict(first.extra)
        href = _DOCUMENTATION.get(self.endpoint, "https://docs.mollie.com/overview/handling-errors")
        problem["_links"] = {"documentation": {"href": href, "type": "text/html"}}
        return problem


_set_violations, _set_endpoint = Report.violations.__set__, Report.endpoint.__set__  # type: ignore[attr-defined]
