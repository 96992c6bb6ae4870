"""Describing arbitrary (possibly hostile) payload values for messages, cheaply and without raising."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Final

    from .._findings import Path
    from .checker import Checker
    from .rule import Rule

_MAX_SHOWN: Final = 80


def json_type(value: object) -> str:
    """The JSON type name of a value (``object``, ``array``, ``string``, ``number``, ``boolean``, ``null``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    if is_decimal(value):
        return "number"
    return f"non-JSON {type(value).__name__}"


def is_decimal(value: object) -> bool:
    """``value`` is a ``Decimal`` (``json.loads(..., parse_float=Decimal)`` gives them for JSON numbers).

    Asked last, after the JSON types, and ``decimal`` imported here rather than with the module: no clean
    body asks, so ``from mollie_preflight import validate_order`` does not pay for importing it.
    """
    from decimal import Decimal

    return isinstance(value, Decimal)


def describe_typed(value: object) -> str:
    """``actual`` where the JSON type is the problem: ``89.95 (a JSON number)``, ``"1" (a JSON string)``, so a
    reader sees what to change when the value looks right (a string is quoted, as JSON writes it)."""
    shown = f'"{describe(value)}"' if isinstance(value, str) else describe(value)
    return f"{shown} (a JSON {json_type(value)})"


def describe(value: object) -> str:
    """A short rendering of ``value`` for ``actual``: strings as they are, other values as JSON would show
    them, everything cut to a bounded length (a 10 MB string or a 10 000-digit int costs nothing here).
    """
    if isinstance(value, str):
        text = value
    elif value is None:
        return "null"
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, int):
        if value.bit_length() > 200:
            return f"<integer of about {int(value.bit_length() * 0.30103)} digits>"
        text = str(value)
    elif isinstance(value, float):
        text = repr(value)[:_MAX_SHOWN]
    elif isinstance(value, dict):
        return f"<object with {len(value)} key{'s' if len(value) != 1 else ''}>"
    elif isinstance(value, (list, tuple)):
        return f"<array of {len(value)}>"
    elif is_decimal(value):
        text = str(value)[:_MAX_SHOWN]
    else:
        return f"<{type(value).__name__}>"
    if len(text) > _MAX_SHOWN:
        return text[: _MAX_SHOWN - 1] + "…"
    return text


def is_blank(value: str) -> bool:
    return not value.strip()


def is_absent(value: object) -> bool:
    """A field that is not there for Mollie: ``null``, or a string of white space only."""
    return value is None or (isinstance(value, str) and is_blank(value))


def object_or_report(ck: Checker, rule: Rule, value: object, path: Path, subject: str) -> dict[object, object] | None:
    """``value`` when it is a JSON object; otherwise report "``subject`` must be an object" and ``None``."""
    if isinstance(value, dict):
        return value
    ck.report(rule, path, f"{subject} must be an object, got {json_type(value)}.", actual=describe(value))
    return None


def check_optional_text(ck: Checker, rule: Rule, value: object, path: Path, limit: int) -> None:
    """An optional text field under ``rule``: ``None`` is absent, anything else a string of at most ``limit``
    characters (a refund's, a capture's description)."""
    if value is None:
        return
    field = path[-1]
    if not isinstance(value, str):
        ck.report(rule, path, f"The '{field}' field must be a string, got {json_type(value)}.", actual=describe(value))
    elif len(value) > limit:
        ck.report(
            rule,
            path,
            f"The '{field}' field is {len(value)} characters long; at most {limit} are allowed.",
            actual=describe(value),
        )


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` was probably meant to be (difflib similarity ≥ 0.8), for "did you mean" hints.

    Words longer than 64 characters get no suggestion: no parameter name is that long, and the
    comparison's cost grows with the length. difflib is imported here, on the first misspelling.
    """
    if len(word) > 64:
        return None
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.8)
    return close[0] if close else None
