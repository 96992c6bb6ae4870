"""``fix_order``: recompute what is derived, and nothing the merchant decided.

The validator already says, for every derived figure that is wrong, the value it should have — computed
from the merchant's own unit prices, quantities, discounts and rates, consistently across the order (see
``rules/lines``). Fixing is therefore applying those ``expected`` values, for an explicit allow-list of
rules whose expected value is a pure derivation or an exact re-spelling of the same number:

- line ``totalAmount`` and ``vatAmount``, and the order ``amount`` (MP202, MP203, MP304);
- an amount value written the wrong way but meaning one exact number: ``"16.1"`` → ``"16.10"``, a JSON
  number → a string, ``"-0.00"`` → ``"0.00"`` (MP102, MP103, MP104);
- a currency code in lower case (MP105).

Everything else (a unit price, a quantity, a discount, a VAT rate, a name) is a decision, so it is left
alone, and the findings that remain in ``FixResult.report`` say what still needs a person. Fixes run in
rounds, because a re-spelled amount can unlock a formula check that could not run before; the rounds are
bounded and stop as soon as nothing changes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Final

from .findings import Path, Report, Violation, render_field, render_pointer
from .options import Options
from .validate import validate_order

#: Rule code → the last path element its ``expected`` value replaces (``"value"``: the amount's value).
_FIXABLE: Final[dict[str, str]] = {
    "MP202": "value",
    "MP203": "value",
    "MP304": "value",
    "MP102": "",
    "MP103": "",
    "MP104": "",
    "MP105": "",
}
_MAX_ROUNDS: Final = 4


@dataclass(frozen=True, slots=True)
class Change:
    """One value ``fix_order`` replaced: where, what it was, what it is now, and the rule it satisfies."""

    path: Path
    old: object
    new: object
    code: str

    @property
    def field(self) -> str:
        return render_field(self.path)

    @property
    def pointer(self) -> str:
        return render_pointer(self.path)


@dataclass(frozen=True, slots=True)
class FixResult:
    """The corrected copy, every change made, and the report of the corrected copy (what is left)."""

    payload: Any
    changes: tuple[Change, ...]
    report: Report


def fix_order(payload: object, *, options: Options | None = None, today: datetime.date | None = None) -> FixResult:
    """A corrected deep copy of a create-order body, with every derived figure recomputed.

    The input is never modified. Only the rules listed in this module's docstring are applied, and only
    where the finding carries an ``expected`` value; everything else stays as sent.
    """
    fixed = _deep_copy(payload)
    changes: list[Change] = []
    report = validate_order(fixed, today=today, options=options)
    for _ in range(_MAX_ROUNDS):
        applied = [change for v in report if (change := _apply(fixed, v)) is not None]
        if not applied:
            break
        changes += applied
        report = validate_order(fixed, today=today, options=options)
    return FixResult(fixed, tuple(changes), report)


def _apply(payload: object, violation: Violation) -> Change | None:
    """Apply one finding's ``expected`` value when its rule is fixable; the change made, if any."""
    suffix = _FIXABLE.get(violation.code)
    if suffix is None or violation.expected is None:
        return None
    path = (*violation.path, suffix) if suffix else violation.path
    parent = _container(payload, path[:-1])
    key = path[-1]
    if not isinstance(parent, dict) or key not in parent:
        return None
    old = parent[key]
    if old == violation.expected:
        return None
    parent[key] = violation.expected
    return Change(path, old, violation.expected, violation.code)


def _container(payload: object, path: Path) -> object:
    node = payload
    for key in path:
        if isinstance(node, dict):
            present = key in node
        else:
            present = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if not present:
            return None
        node = node[key]  # type: ignore[index]
    return node


def _deep_copy(value: object) -> Any:
    """A deep copy of JSON-like data that neither recurses (any depth) nor loops (cycles are kept as
    cycles); anything that is not a dict, list or tuple is shared: it is immutable, or not JSON anyway.
    """
    if not isinstance(value, dict | list | tuple):
        return value
    memo: dict[int, Any] = {}
    root = _empty_like(value)
    memo[id(value)] = root
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, child in items:
            if isinstance(child, dict | list | tuple):
                copied = memo.get(id(child))
                if copied is None:
                    copied = memo[id(child)] = _empty_like(child)
                    stack.append((child, copied))
            else:
                copied = child
            if isinstance(target, dict):
                target[key] = copied
            else:
                target.append(copied)
    return root


def _empty_like(value: dict[Any, Any] | list[Any] | tuple[Any, ...]) -> dict[Any, Any] | list[Any]:
    """Arrays come back as lists, whatever sequence type they were: JSON has only the one."""
    return {} if isinstance(value, dict) else []
