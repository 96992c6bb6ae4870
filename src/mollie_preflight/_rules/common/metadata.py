"""``metadata`` (order, line, refund): any JSON value of about 1 kB at most."""

from __future__ import annotations

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Rule
from ..values import is_decimal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

#: The limit we enforce: Mollie documents "approximately 1kB"; we read it as 1024 bytes of compact JSON.
LIMIT: Final = 1024
#: From here on we warn, because the exact limit is unknown.
WARN_FROM: Final = 1000

METADATA_TOO_LARGE = Rule(
    "MP010",
    "metadata-too-large",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("metadata"),),
    Evidence.INFERRED,
    "metadata is larger than 1024 bytes of compact JSON",
    "Mollie accepts metadata of approximately 1 kB on orders, lines and refunds and refuses larger values.",
    "Store the data on your side and put only a reference (an id) in metadata.",
)
METADATA_NEAR_LIMIT = Rule(
    "MP011",
    "metadata-near-limit",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("metadata"),),
    Evidence.INFERRED,
    "metadata is between 1000 and 1024 bytes, close to Mollie's approximate limit",
    "The documented limit is 'approximately 1kB'; values this close to it may be refused.",
    "Keep metadata well under 1000 bytes.",
)
VALUE_NOT_JSON = Rule(
    "MP002",
    "value-not-json",
    Severity.ERROR,
    (cite.HANDLING_ERRORS,),
    Evidence.DOCUMENTED,
    "a value cannot be sent as JSON (a set, a custom object, a non-string key)",
    "The request body is JSON; a value JSON cannot represent never reaches Mollie as intended.",
    "Convert the value to a JSON type (string, number, boolean, null, array or object with string keys).",
)

RULES = (VALUE_NOT_JSON, METADATA_TOO_LARGE, METADATA_NEAR_LIMIT)

_ESCAPED: Final = frozenset('"\\\b\f\n\r\t')


def _string_size(text: str) -> int:
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return len(text) + 2  # the common case, decided in C: nothing to escape, one byte per character
    size = len(text.encode("utf-8", "surrogatepass")) + 2
    for ch in text:
        if ch in _ESCAPED:
            size += 1
        elif ch < " ":
            size += 5
    return size


def is_surely_within(value: object, limit: int) -> bool:
    """``True`` when ``value`` is a string, or a flat object of strings, whose JSON is at most ``limit``
    bytes whatever the characters: no string character takes more than six bytes of JSON (a control
    character escaped as ``\\u00XX``; UTF-8 needs at most four), so counting characters settles the usual
    small metadata without looking at any of them (a string is what form-encoded requests send, such as
    the cURL examples). ``False`` only means "measure it" (``json_size``).
    """
    if type(value) is str:
        return 6 * len(value) + 2 <= limit
    if type(value) is not dict:
        return False
    characters = 0
    for key, text in value.items():
        if type(text) is not str or type(key) is not str:
            return False
        characters += len(key) + len(text)
    # Braces 2, per pair two pairs of quotes, a colon and a comma (one too many): 1 + 6 per pair.
    return (1 + 6 * len(value) + 6 * characters if value else 2) <= limit


def json_size(value: object, limit: int) -> int | str:
    """Size in bytes of ``value`` as compact UTF-8 JSON, counted up to just past ``limit``.

    Metadata is nearly always one small flat object of plain strings; that is sized from its joined text
    first (a handful of C-level string tests), and anything else (or anything past ``limit``) is walked
    by ``json_size_in_full``, with the same result.
    """
    if type(value) is dict and value and len(value) <= 64:
        try:
            joined = "".join([text for pair in value.items() for text in pair])  # TypeError unless all strings
        except TypeError:
            return json_size_in_full(value, limit)
        # Nothing to escape and one byte per character: each string is its length plus two quotes.
        if joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined:
            size = len(joined) + 6 * len(value) + 1  # quotes, colon and comma per pair, and the braces
            if size <= limit:
                return size
    return json_size_in_full(value, limit)


def json_size_in_full(value: object, limit: int) -> int | str:
    """The walk behind ``json_size``, for any JSON value.

    Iterative and budgeted: deep nesting cannot exhaust the stack and a reference cycle cannot loop, since
    every visited node adds at least one byte and the walk stops once ``limit`` is passed. Returns a
    description of the offending value instead when something in it is not JSON.
    """
    size = 0
    stack: list[object] = [value]
    while stack:
        if size > limit:
            return size
        item = stack.pop()
        if isinstance(item, str):
            size += _string_size(item)
        elif item is None or isinstance(item, bool):
            size += 4 if item is None or item is True else 5
        elif isinstance(item, int):
            size += len(str(item)) if item.bit_length() < 4000 else limit + 1
        elif isinstance(item, float):
            size += min(len(repr(item)), limit + 1)
        elif isinstance(item, dict):
            size += 2 + max(len(item) - 1, 0)
            for key, child in item.items():
                if not isinstance(key, str):
                    return f"a key of type {type(key).__name__}"
                size += _string_size(key) + 1
                stack.append(child)
                if size > limit:
                    break
        elif isinstance(item, (list, tuple)):
            size += 2 + max(len(item) - 1, 0)
            stack.extend(item[: limit + 1])
        elif is_decimal(item):
            size += min(len(repr(item)), limit + 1)
        else:
            return f"a value of type {type(item).__name__}"
    return size


def check_metadata(ck: Checker, value: object, path: Path, prefix: str = "") -> None:
    """Metadata Mollie refuses (not JSON, too large) or that is close to its limit."""
    if value is None:
        return
    size = json_size(value, LIMIT)
    if isinstance(size, str):
        ck.report(VALUE_NOT_JSON, path, f"{prefix}The metadata contains {size}, which JSON cannot represent.")
    elif size > LIMIT:
        ck.report(
            METADATA_TOO_LARGE,
            path,
            f"{prefix}The metadata is too large: more than {LIMIT} bytes of JSON (at least {size}).",
            actual=f"{size} bytes",
        )
    elif size > WARN_FROM:
        ck.report(
            METADATA_NEAR_LIMIT,
            path,
            f"{prefix}The metadata is {size} bytes of JSON, close to Mollie's limit of about 1 kB.",
            actual=f"{size} bytes",
        )


def clean_metadata(value: object) -> bool:
    """``check_metadata`` would report nothing: absent, or surely (or measured) within ``WARN_FROM`` bytes."""
    if value is None or is_surely_within(value, WARN_FROM):
        return True
    size = json_size(value, WARN_FROM)
    return type(size) is int and size <= WARN_FROM
