"""``fix_order``: correct what has exactly one right value in a create-order body, and say what changed.

A fix is trustworthy only when there is exactly one right answer. Each rule declares how far its fix may
go (``Rule.fixability``):

- *safe* fixes change how a value is written, never what it means: an amount's spelling (``16.1`` →
  ``"16.10"``, ``"-0.00"`` → ``"0.00"``), a code's case (``eur`` → ``EUR``, ``nl`` → ``NL``), a locale's form
  (``nl-NL`` → ``nl_NL``), ``vatRate`` ``21`` → ``"21.00"``, a quantity ``"2"`` → ``2``, a phone number in
  E.164, and a line's ``totalAmount`` (within ``tolerance``) and ``vatAmount`` derived again from inputs that
  agree with the line's type (a derived amount that is missing or unreadable is rebuilt whole, in the order's
  currency);
- *unsafe* fixes change money: a unit price whose sign contradicts its line's type (when the line's own
  total and VAT show it), any change of the order ``amount`` beyond ``tolerance`` minor units (the two
  ``reconcile`` allows by default), a line's ``totalAmount`` that is more than ``tolerance`` off its price,
  quantity and discount (then one of those is wrong too, and which is the merchant's call), and a derived
  figure of a line whose price or total such a fix changes.

``fix_order`` applies the safe fixes; with ``unsafe=True`` it applies the unsafe ones too. Every change is
listed in ``FixResult.changes`` (``Change.unsafe`` and ``Change.money`` say which moved money), and every
unsafe fix it left alone in ``FixResult.skipped``, with its value before and after: an unsafe fix never
happens silently.

Quantities' meaning, discounts, VAT rates' values and names are never changed: when one is wrong the fix
cannot know what the merchant meant, and the remaining findings in ``FixResult.report`` say so. Nor is a
derived figure recomputed while a figure it derives from is unreadable or contradicts the line's type:
the result would only spread the error.

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

from ._create_order import validate_order
from ._derived import derived_amounts
from ._findings import Path, Report, Violation, render_field, render_pointer
from ._jsoncopy import copy_json
from ._money import InvalidValue, currency_decimals, parse_value
from ._options import Options
from ._reconciliation import DEFAULT_TOLERANCE
from ._rules.common.amounts import string_for_number
from ._rules.values import describe

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
    #: The fix changes money the merchant decided (a price's sign, the order amount beyond the tolerance).
    unsafe: bool = False
    #: The number of an amount changed (not merely its spelling): the customer or a line is charged otherwise.
    money: bool = False

    @property
    def field(self) -> str:
        """Mollie's dotted form of ``path``: ``lines.0.vatAmount.value``."""
        return render_field(self.path)

    @property
    def pointer(self) -> str:
        """RFC 6901 JSON Pointer of ``path``: ``/lines/0/vatAmount/value``."""
        return render_pointer(self.path)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "field": self.field,
            "pointer": self.pointer,
            "old": self.old,
            "new": self.new,
            "unsafe": self.unsafe,
            "money": self.money,
        }

    def __str__(self) -> str:
        """``lines.0.vatAmount.value: "121.15" → "121.14" (MP203)``; an absent value shows as ``null``; an
        unsafe fix says so: ``lines.1.unitPrice.value: "10.00" → "-10.00" (MP210, unsafe)``."""
        return f"{self.field}: {_show(self.old)} → {_show(self.new)} ({self.code}{', unsafe' if self.unsafe else ''})"


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
        value is None or isinstance(value, (str, bool, float)) or (isinstance(value, int) and value.bit_length() < 64)
    )


@dataclass(frozen=True, slots=True)
class FixResult:
    """The corrected copy, every change made to it, and the findings that remain in it."""

    payload: Any
    changes: tuple[Change, ...]
    report: Report
    #: Unsafe fixes found but not applied (``unsafe=False``): what ``unsafe=True`` would change, and why.
    skipped: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def money_changes(self) -> tuple[Change, ...]:
        """The changes that moved money (each with its value before and after)."""
        return tuple(change for change in self.changes if change.money)


def fix_order(
    payload: object,
    *,
    options: Options | None = None,
    today: datetime.date | None = None,
    unsafe: bool = False,
    tolerance: int = DEFAULT_TOLERANCE,
) -> FixResult:
    """Apply the safe fixes to a copy of a create-order body (with ``unsafe=True``, the unsafe ones too).

    The order ``amount`` moves by at most ``tolerance`` minor units (default 2, as in ``reconcile``) unless
    ``unsafe`` is true. Only rules enabled by ``options`` are fixed (a rule the caller ignores is left as it
    is). The result's ``report`` is the validation of the corrected payload with the same ``options`` and
    ``today``; ``skipped`` lists the unsafe fixes left alone. The input is never touched.
    """
    if isinstance(tolerance, bool) or not isinstance(tolerance, int) or tolerance < 0:
        raise ValueError(f"tolerance must be a non-negative int (minor units), not {tolerance!r}")
    fixed = copy_json(payload)
    changes: dict[Path, Change] = {}
    skipped: dict[Path, Change] = {}
    report = validate_order(fixed, today=today, options=options)
    for _ in range(MAX_ROUNDS):
        edits = [_judged(edit, fixed, report, changes, tolerance) for edit in _edits(fixed, report)]
        for edit in edits:
            if edit.unsafe and not unsafe:
                skipped.setdefault(edit.path, _change(edit, _value_at(fixed, edit.path), changes))
        applied = [edit for edit in edits if (unsafe or not edit.unsafe) and _apply(fixed, edit, changes)]
        if not applied:
            break
        report = validate_order(fixed, today=today, options=options)
    kept = tuple(change for change in changes.values() if not _same(change.old, change.new))
    pending = tuple(change for path, change in skipped.items() if path not in changes)
    return FixResult(fixed, kept, report, pending)


@dataclass(frozen=True, slots=True)
class _Edit:
    path: Path
    new: object
    code: str
    #: Sets a derived figure to a computed value (as opposed to re-spelling the same value).
    derives: bool = False
    #: Changes money the merchant decided; applied only with ``unsafe=True``.
    unsafe: bool = False
    #: Changes the number of an amount (a derived figure, a price's sign), not merely its spelling.
    money: bool = False


def _judged(edit: _Edit, payload: object, report: Report, changes: dict[Path, Change], tolerance: int) -> _Edit:
    """``edit`` marked unsafe when it moves the order amount beyond ``tolerance``, or derives a figure of a line
    whose price an unsafe fix changes (pending in ``report`` or already applied) or whose total is more than
    ``tolerance`` off its price, quantity and discount."""
    if edit.unsafe or not edit.money:
        return edit
    root = _derived_root(edit.path)
    if root == ("amount",):
        earlier = changes.get(edit.path)
        before = _value_at(payload, edit.path) if earlier is None else earlier.old
        amount = payload.get("amount") if isinstance(payload, dict) else None
        if not _within(before, edit.new, _currency_of(amount), tolerance):
            return _replace(edit, unsafe=True)
        return edit
    if root is not None and (
        _line_price_in_doubt(root[1], report, changes) or _line_total_jumps(root[1], payload, report, tolerance)
    ):
        return _replace(edit, unsafe=True)
    return edit


def _replace(edit: _Edit, *, unsafe: bool) -> _Edit:
    return _Edit(edit.path, edit.new, edit.code, edit.derives, unsafe, edit.money)


def _line_price_in_doubt(index: object, report: Report, changes: dict[Path, Change]) -> bool:
    """Whether line ``index`` has a price an unsafe fix changes (found now, or changed in an earlier round)."""
    price = ("lines", index, "unitPrice")
    pending = any(finding.path == price and finding.code in _SIGN_CODES for finding in report)
    return pending or any(change.unsafe and change.path[:3] == price for change in changes.values())


def _line_total_jumps(index: str | int, payload: object, report: Report, tolerance: int) -> bool:
    """Whether line ``index``'s total is corrected by more than ``tolerance`` minor units.

    A total a cent or two off ``unitPrice × quantity − discountAmount`` is a rounding slip with one right
    value. A larger gap means the price, the quantity or the discount is wrong too, and which of them is the
    merchant's call: rewriting the total would change what the line charges on the customer's invoice. So
    that total, and the VAT derived from it, are unsafe fixes. A total that is missing or unreadable says
    nothing to contradict, and is rebuilt safely.
    """
    path = ("lines", index, "totalAmount")
    for finding in report:
        if finding.path == path and finding.code == "MP202" and finding.expected is not None:
            total = _value_at(payload, path)
            line = _value_at(payload, path[:2])
            # The line's own currency: the order amount may be the very figure that is missing.
            currency = _currency_of(total) or (_currency_of(line.get("unitPrice")) if isinstance(line, dict) else None)
            before = total.get("value") if isinstance(total, dict) else None
            return _readable(before, currency) and not _within(before, finding.expected, currency, tolerance)
    return False


def _readable(value: object, currency: object) -> bool:
    """Whether an amount value of ``currency`` can be read at all, however it is spelled."""
    return _within(value, value, currency, 0)


def _within(before: object, after: object, currency: object, tolerance: int) -> bool:
    """Whether an amount of ``currency`` moves by at most ``tolerance`` minor units (an unreadable one always
    moves); ``after`` may be a whole amount object, whose own currency then counts."""
    if isinstance(after, dict):
        currency, after = after.get("currency"), after.get("value")
    decimals = currency_decimals(currency.upper()) if isinstance(currency, str) else None
    if decimals is None:
        return False
    if isinstance(before, dict):
        before = before.get("value")
    old, new = _amount_minor(before, decimals), _amount_minor(after, decimals)
    return old is not None and new is not None and abs(new - old) <= tolerance


def _currency_of(node: object) -> object:
    """The ``currency`` of an amount object (``None`` when there is none to read)."""
    return node.get("currency") if isinstance(node, dict) else None


def _amount_minor(value: object, decimals: int) -> int | None:
    """The number an amount value stands for, in minor units, however it is spelled (``None`` if unreadable)."""
    text = value.strip() if isinstance(value, str) else string_for_number(value, decimals)
    if text is None:
        return None
    parsed = parse_value(text, decimals)
    if isinstance(parsed, InvalidValue) and parsed.suggestion is not None:
        parsed = parse_value(parsed.suggestion, decimals)
    return parsed if isinstance(parsed, int) else None


def _edits(payload: object, report: Report) -> list[_Edit]:
    """This round's edits: what the findings say, and whole derived amounts where the sent one is unusable.

    A derived amount that cannot be read at all (``"abc"``, ``{}``, missing, another currency) yields no
    ``expected`` value; since it is derived, it is rebuilt from the figures it derives from, when those are
    valid. Edits inside a rebuilt amount are dropped: the rebuild supersedes them.
    """
    blocked = _blocked_roots(report)
    found = (_edit_for(finding, _value_at(payload, finding.path)) for finding in report)
    edits = [edit for edit in found if edit is not None and not _is_blocked(edit, blocked)]
    broken: dict[Path, str] = {}
    for finding in report:
        root = _derived_root(finding.path)
        if root is not None and finding.code in _UNUSABLE and _edit_for(finding, None) is None:
            broken.setdefault(root, finding.code)
    if not broken:
        return edits
    rebuilt = [
        _Edit(path, amount, broken[path], derives=True, unsafe=path == ("amount",), money=True)
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


def _edit_for(finding: Violation, current: object) -> _Edit | None:
    """The edit that resolves ``finding`` (about the value ``current``), when it is on the allow-list and its
    correct value is known."""
    fixer = _FIXERS.get(finding.code)
    if fixer is None or finding.expected is None:
        return None
    if finding.code in _SAME_LETTERS and not _same_letters(current, finding.expected):
        return None
    return fixer(finding.path, finding.expected, finding.code)


#: Rules whose ``expected`` may also be a guess (a country's name, a language without its region): fixed
#: only when the value sent has the same letters, written otherwise.
_SAME_LETTERS: Final = frozenset({"MP405", "MP603"})


def _same_letters(current: object, expected: str) -> bool:
    """``" nl "``/``"NL"``, ``"nl-NL"``/``"nl_NL"``: the same letters in another case or with other separators."""
    if not isinstance(current, str):
        return False
    fold = str.maketrans("", "", " -_")
    return current.translate(fold).lower() == expected.translate(fold).lower()


#: Findings on a unit price whose sign contradicts the line's type.
_SIGN_CODES: Final = frozenset({"MP208", "MP209", "MP210"})


def _derived_value(path: Path, expected: str, code: str) -> _Edit | None:
    """MP202 / MP203 / MP304 are reported at the amount object; the fix replaces its ``value``.

    A negative order amount is never valid, so when the lines add up to less than zero the lines are
    wrong, not the amount, and it is left alone.
    """
    if path == ("amount",) and expected.startswith("-"):
        return None
    if path == ("amount",) or _is_line_amount(path, _DERIVED_LINE_AMOUNTS):
        return _Edit((*path, "value"), expected, code, derives=True, money=True)
    return None


def _turned_price(path: Path, expected: str, code: str) -> _Edit | None:
    """MP208 / MP209 / MP210 expect a turned unit price only when the line's own total and VAT show that the
    price lost its sign; the fix changes a price, so it is unsafe."""
    if _is_line_amount(path, frozenset({"unitPrice"})):
        return _Edit((*path, "value"), expected, code, unsafe=True, money=True)
    return None


def _respelled(*names: str) -> Callable[[Path, str, str], _Edit | None]:
    """A fixer writing ``expected`` (a string) at a field called one of ``names``: the same value, spelled right."""

    def fixer(path: Path, expected: str, code: str) -> _Edit | None:
        return _Edit(path, expected, code) if path[-1:] and path[-1] in names else None

    return fixer


def _whole_quantity(path: Path, expected: str, code: str) -> _Edit | None:
    """MP207 expects a number only for ``2.0``, MP215 for ``"2"``: the JSON integer of the same value."""
    if path[-1:] == ("quantity",) and expected.isascii() and expected.isdigit():
        return _Edit(path, int(expected), code)
    return None


def _boolean(path: Path, expected: str, code: str) -> _Edit | None:
    """MP608 expects ``true``/``false`` only for the same word sent as a string."""
    if expected in ("true", "false"):
        return _Edit(path, expected == "true", code)
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
    "MP204": _respelled("type"),  # line-type: "Shipping-Fee" → "shipping_fee"
    "MP205": _respelled("category"),  # line-category: "Meal" → "meal", "gifts_and_flowers" → "gift"
    "MP207": _whole_quantity,  # line-quantity: 2.0 → 2
    "MP208": _turned_price,  # line-unit-price-negative
    "MP209": _turned_price,  # line-gift-card-not-negative
    "MP210": _turned_price,  # line-reduction-positive
    "MP212": _respelled("vatRate"),  # line-vat-rate: 21.5 → "21.50"
    "MP214": _respelled("vatRate"),  # line-vat-rate-number: 21 → "21.00", the string the docs ask for
    "MP215": _whole_quantity,  # line-quantity-string: "2" → 2, the integer the docs ask for
    "MP213": _respelled("sku"),  # line-sku: 42 → "42"
    "MP302": _respelled("orderNumber"),  # order-number: 1337 → "1337"
    "MP304": _derived_value,  # order-amount-mismatch
    "MP405": _respelled("country"),  # address-country: " nl " → "NL" (only when unambiguous)
    "MP406": _respelled("country"),  # address-country-case: "nl" → "NL"
    "MP420": _respelled("phone"),  # phone: "+31 6 12345678" → "+31612345678" (phonenumbers reads it one way)
    "MP421": _respelled("email"),  # email: " anna@example.org " → "anna@example.org"
    "MP603": _respelled("locale"),  # locale: "nl-NL" → "nl_NL" (the same letters only)
    "MP608": _boolean,  # boolean-field: "true" → true
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
    changes[edit.path] = _change(edit, old, changes)
    return True


def _change(edit: _Edit, old: object, changes: dict[Path, Change]) -> Change:
    """The ``Change`` ``edit`` makes to a value now ``old``, merged with an earlier one at the same path."""
    earlier = changes.get(edit.path)
    unsafe = edit.unsafe or (earlier is not None and earlier.unsafe)
    money = edit.money or (earlier is not None and earlier.money)
    return Change(edit.path, earlier.old if earlier else old, edit.new, edit.code, unsafe, money)


def _value_at(payload: object, path: Path) -> object:
    node = payload
    for key in path:
        node = _child(node, key)
    return node


def _same(old: object, new: object) -> bool:
    """Whether ``old`` already is ``new`` (a JSON number ``16.1`` is not the string ``"16.10"``)."""
    return type(old) is type(new) and old == new


def _child(node: object, key: str | int) -> object:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None
