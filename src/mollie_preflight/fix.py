"""``fix_order``: correct the figures of a create-order body that follow from the merchant's own figures.

A fix is trustworthy only when there is exactly one right answer and it changes no decision of the
merchant. So ``fix_order`` rewrites two kinds of values and nothing else:

- derived figures: ``lines[].totalAmount``, ``lines[].vatAmount`` and ``amount`` (the validator's
  findings already carry the value each should have, computed from the correct upstream figures; a
  derived amount that is missing or unreadable is rebuilt whole, in the order's currency);
- the spelling of an amount: ``16.1`` or ``"16.1"`` → ``"16.10"``, ``"-0.00"`` → ``"0.00"``, ``"eur"`` →
  ``"EUR"``, only where the number itself stays exactly the same.

Unit prices, quantities, discounts, VAT rates and names are never changed: when one of them is wrong,
the fix cannot know what the merchant meant, and the remaining findings in ``FixResult.report`` say so.
Nor is a derived figure recomputed while a figure it derives from is unreadable: the result would
only spread the error.

Fixes are taken only from an explicit allow-list of (code, path shape) pairs, applied to a copy, and the
copy is validated again until nothing more can be fixed (a few rounds at most: a reformatted unit price can
make a line total computable, whose correction then feeds the order amount).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from .create_order import validate_order
from .derived import derived_amounts
from .findings import Path, Report, Violation, render_field, render_pointer
from .jsoncopy import copy_json
from .options import Options
from .rules.values import describe

#: Amount objects of a create-order body whose spelling may be corrected.
_LINE_AMOUNTS: Final = frozenset({"unitPrice", "discountAmount", "totalAmount", "vatAmount"})
#: Amount objects whose *value* is derived from other figures and is recomputed.
_DERIVED_LINE_AMOUNTS: Final = frozenset({"totalAmount", "vatAmount"})
#: Rounds of validate-and-fix; two are needed at most (spelling, then figures), the rest is a safety margin.
MAX_ROUNDS: Final = 5


@dataclass(frozen=True, slots=True)
class Change:
    """One value ``fix_order`` replaced: where (``path``), what was there, what is there now, and why
    (``code``, the finding it resolves).
    """

    path: Path
    old: object
    new: object
    code: str

    @property
    def field(self) -> str:
        """Mollie's dotted form of ``path``: ``lines.0.vatAmount.value``."""
        return render_field(self.path)

    @property
    def pointer(self) -> str:
        """RFC 6901 JSON Pointer of ``path``: ``/lines/0/vatAmount/value``."""
        return render_pointer(self.path)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "field": self.field, "pointer": self.pointer, "old": self.old, "new": self.new}

    def __str__(self) -> str:
        """``lines.0.vatAmount.value: "121.15" → "121.14" (MP203)``; an absent value shows as ``null``."""
        return f"{self.field}: {_show(self.old)} → {_show(self.new)} ({self.code})"


def _show(value: object) -> str:
    """A value as JSON when it is small and plain (strings quoted, so ``16.1`` and ``"16.1"`` differ)."""
    flat = isinstance(value, dict) and len(value) <= 4 and all(_is_scalar(v) for v in value.values())
    if _is_scalar(value) or flat:
        text = json.dumps(value, ensure_ascii=False, default=describe)
        if len(text) <= 120:
            return text
    return describe(value)


def _is_scalar(value: object) -> bool:
    return (
        value is None or isinstance(value, str | bool | float) or (isinstance(value, int) and value.bit_length() < 64)
    )


@dataclass(frozen=True, slots=True)
class FixResult:
    """The corrected copy, every change made to it, and the findings that remain in it."""

    payload: Any
    changes: tuple[Change, ...]
    report: Report

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def fix_order(payload: object, *, options: Options | None = None, today: datetime.date | None = None) -> FixResult:
    """Correct the derived figures and amount spelling of a create-order body; never touch its input.

    Only rules enabled by ``options`` are fixed (a rule the caller ignores is left as it is). The result's
    ``report`` is the validation of the corrected payload with the same ``options`` and ``today``.
    """
    fixed = copy_json(payload)
    changes: dict[Path, Change] = {}
    report = validate_order(fixed, today=today, options=options)
    for _ in range(MAX_ROUNDS):
        edits = _edits(fixed, report)
        applied = [edit for edit in edits if _apply(fixed, edit, changes)]
        if not applied:
            break
        report = validate_order(fixed, today=today, options=options)
    kept = tuple(change for change in changes.values() if not _same(change.old, change.new))
    return FixResult(fixed, kept, report)


@dataclass(frozen=True, slots=True)
class _Edit:
    path: Path
    new: object
    code: str
    #: Sets a derived figure to a computed value (as opposed to re-spelling the same value).
    derives: bool = False


def _edits(payload: object, report: Report) -> list[_Edit]:
    """This round's edits: what the findings say, and whole derived amounts where the sent one is unusable.

    A derived amount that cannot be read at all (``"abc"``, ``{}``, missing, another currency) yields no
    ``expected`` value; since it is derived, it is rebuilt from the figures it derives from, when those are
    valid. Edits inside a rebuilt amount are dropped: the rebuild supersedes them.
    """
    blocked = _blocked_roots(report)
    edits = [edit for edit in map(_edit_for, report) if edit is not None and not _is_blocked(edit, blocked)]
    broken: dict[Path, str] = {}
    for finding in report:
        root = _derived_root(finding.path)
        if root is not None and finding.code in _UNUSABLE and _edit_for(finding) is None:
            broken.setdefault(root, finding.code)
    if not broken:
        return edits
    rebuilt = [
        _Edit(path, amount, broken[path], derives=True)
        for path, amount in derived_amounts(payload).items()
        if path in broken and path not in blocked
    ]
    roots = {edit.path for edit in rebuilt}
    return rebuilt + [edit for edit in edits if _derived_root(edit.path) not in roots]


def _blocked_roots(report: Report) -> frozenset[Path]:
    """Derived amounts that must wait: a figure they derive from is unreadable or refused.

    The validator checks a line's VAT against the total *as sent* when the correct total cannot be
    computed; fixing the VAT then would spread a wrong figure instead of correcting one. So a derived
    amount is fixed only once every figure it comes from is clean (possibly after this round's spelling
    fixes, in a later round).
    """
    blocked: set[Path] = set()
    for finding in report:
        path = finding.path
        if finding.code not in _BLOCKING or path[:1] != ("lines",) or len(path) < 3 or not isinstance(path[1], int):
            continue
        if path[2] in _TOTAL_INPUTS:
            blocked.update({("amount",), ("lines", path[1], "totalAmount"), ("lines", path[1], "vatAmount")})
        elif path[2] == "vatRate":
            blocked.add(("lines", path[1], "vatAmount"))
    return frozenset(blocked)


def _is_blocked(edit: _Edit, blocked: frozenset[Path]) -> bool:
    """Whether ``edit`` changes a derived *figure* that must wait (spelling fixes never wait)."""
    return edit.derives and _derived_root(edit.path) in blocked


#: The figures a line total is computed from (its VAT also needs ``vatRate``).
_TOTAL_INPUTS: Final = frozenset({"unitPrice", "quantity", "discountAmount"})

#: Findings that make an amount unreadable (or absent) without saying what it should be.
_UNUSABLE: Final = frozenset({"MP101", "MP102", "MP103", "MP105", "MP106", "MP107", "MP201", "MP301"})
#: Findings that make an input figure of a derived amount unusable.
_BLOCKING: Final = _UNUSABLE | {"MP104", "MP106", "MP207", "MP212"}


def _derived_root(path: Path) -> Path | None:
    """The derived amount (``amount``, ``lines.N.totalAmount``, ``lines.N.vatAmount``) ``path`` is in."""
    if path[:1] == ("amount",):
        return ("amount",)
    if _is_line_amount(path[:3], _DERIVED_LINE_AMOUNTS):
        return path[:3]
    return None


def _edit_for(finding: Violation) -> _Edit | None:
    """The edit that resolves ``finding``, when it is on the allow-list and its correct value is known."""
    fixer = _FIXERS.get(finding.code)
    if fixer is None or finding.expected is None:
        return None
    return fixer(finding.path, finding.expected, finding.code)


def _derived_value(path: Path, expected: str, code: str) -> _Edit | None:
    """MP202 / MP203 / MP304 are reported at the amount object; the fix replaces its ``value``.

    A negative order amount is never valid, so when the lines add up to less than zero the lines are
    wrong, not the amount, and it is left alone.
    """
    if path == ("amount",) and expected.startswith("-"):
        return None
    if path == ("amount",) or _is_line_amount(path, _DERIVED_LINE_AMOUNTS):
        return _Edit((*path, "value"), expected, code, derives=True)
    return None


def _amount_spelling(path: Path, expected: str, code: str) -> _Edit | None:
    """MP102 / MP103 / MP104 carry an ``expected`` only when it is the same number, spelled right."""
    if path[-1:] == ("value",) and _is_amount(path[:-1]):
        return _Edit(path, expected, code)
    return None


def _currency_case(path: Path, expected: str, code: str) -> _Edit | None:
    """MP105 carries an ``expected`` only for a supported code written in lower case."""
    if path[-1:] == ("currency",) and _is_amount(path[:-1]) and expected.isupper():
        return _Edit(path, expected, code)
    return None


_FIXERS: Final[dict[str, Callable[[Path, str, str], _Edit | None]]] = {
    "MP102": _amount_spelling,  # amount-value-string
    "MP103": _amount_spelling,  # amount-value-format
    "MP104": _amount_spelling,  # amount-negative-zero
    "MP105": _currency_case,  # amount-currency
    "MP202": _derived_value,  # line-total-amount
    "MP203": _derived_value,  # line-vat-amount
    "MP304": _derived_value,  # order-amount-mismatch
}


def _is_amount(path: Path) -> bool:
    return path == ("amount",) or _is_line_amount(path, _LINE_AMOUNTS)


def _is_line_amount(path: Path, names: frozenset[str]) -> bool:
    return len(path) == 3 and path[0] == "lines" and isinstance(path[1], int) and path[2] in names


def _apply(payload: object, edit: _Edit, changes: dict[Path, Change]) -> bool:
    """Set ``edit.path`` in ``payload``; record the change (merged with earlier ones at the same path)."""
    *parents, last = edit.path
    node = payload
    for key in parents:
        node = _child(node, key)
    if not isinstance(node, dict) or (last not in node and not isinstance(edit.new, dict)):
        return False
    old = node.get(last)
    if _same(old, edit.new):
        return False
    node[last] = edit.new
    earlier = changes.get(edit.path)
    changes[edit.path] = Change(edit.path, earlier.old if earlier else old, edit.new, edit.code)
    return True


def _same(old: object, new: object) -> bool:
    """Whether ``old`` already is ``new`` (a JSON number ``16.1`` is not the string ``"16.10"``)."""
    return type(old) is type(new) and old == new


def _child(node: object, key: str | int) -> object:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None
