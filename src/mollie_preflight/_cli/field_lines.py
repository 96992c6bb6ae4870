"""The line a finding's field is on, inside the source text of one element of a JSON array export.

Array elements carry the line their ``{`` starts on; a finding about ``lines.3.vatAmount`` belongs on the
line of that value, maybe forty lines further down. Finding it needs the element's text, so it is done only
for an element that has findings (a clean element costs nothing): the text is walked along the finding's
JSON Pointer, skipping each sibling value with ``json``'s own scanner, and the newlines before the value are
counted. A path that the text does not have (a missing field is reported at the place it should be) stops
at the deepest part that exists.

A repeated member name is located where ``json`` reads it, at its last occurrence, so the walk of an object
goes on past the member it found; but only when a later member of that name may exist at all: when no text
further on spells the name followed by a colon (``_later_spelling``), the walk stops there, without
decoding the member's value (for ``lines.0.vatAmount``, the whole ``lines`` array) or the members after it.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Final

_DECODER: Final = json.JSONDecoder()
_SPACE: Final = re.compile(r"[ \t\n\r]*")
#: A member name without escapes, its colon and the white space around it (the name is the group).
_PLAIN_NAME: Final = re.compile(r'"([^"\\]*)"[ \t\n\r]*:[ \t\n\r]*')
#: The comma between two members or elements, with the white space around it.
_COMMA: Final = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")


def field_line(source: str, first_line: int, pointer: str) -> int:
    """The line of the value at ``pointer`` (RFC 6901) in ``source``, which starts on ``first_line``."""
    position = _locate(source, _SPACE.match(source, 0).end(), _segments(pointer))  # type: ignore[union-attr]
    return first_line + source.count("\n", 0, position)


def _segments(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]] if pointer else []


def _locate(source: str, position: int, segments: list[str]) -> int:
    """Where the value of ``segments`` starts, or where the deepest existing part of it starts."""
    for segment in segments:
        found = _member(source, position, segment) if source.startswith("{", position) else None
        if source.startswith("[", position) and segment.isdigit():
            found = _element(source, position, int(segment))
        if found is None:
            return position
        position = found
    return position


def _member(source: str, position: int, key: str) -> int | None:
    """Where the value of member ``key`` of the object at ``position`` starts (the last one, as json keeps)."""
    found = None
    position = _skip(source, position + 1)
    try:
        while True:
            plain = _PLAIN_NAME.match(source, position)  # one C call past a name without escapes and its colon
            if plain is not None:
                name, position = plain.group(1), plain.end()
            elif source.startswith('"', position):
                name, position = json.decoder.scanstring(source, position + 1)  # type: ignore[attr-defined]
                position = _skip(source, _skip(source, position) + 1)  # past the colon
            else:
                break
            if name == key:
                found = position
                if _later_spelling(key).search(source, position) is None:
                    return found
            following = _COMMA.match(source, _DECODER.raw_decode(source, position)[1])
            if following is None:
                break
            position = following.end()
    except ValueError:
        pass
    return found


def _element(source: str, position: int, index: int) -> int | None:
    """Where element ``index`` of the array at ``position`` starts."""
    position = _skip(source, position + 1)
    try:
        for _ in range(index):
            position = _skip(source, _DECODER.raw_decode(source, position)[1])
            if not source.startswith(",", position):
                return None
            position = _skip(source, position + 1)
    except ValueError:
        return None
    return None if source.startswith("]", position) else position


#: The escapes JSON has besides ``\\uXXXX``, by the character they stand for.
_SHORT_ESCAPES: Final = {
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


@functools.lru_cache(maxsize=256)
def _later_spelling(key: str) -> re.Pattern[str]:
    """A pattern for every way JSON text can write ``key`` as a member name, colon included: each character
    as itself, as ``\\uXXXX`` (either case; a pair of them beyond U+FFFF) or as its short escape. It may also
    match what is no member name (a string value, a nested object's member), never the other way round, so
    finding no match proves that no later member has that name."""
    parts = []
    for character in key:
        code = ord(character)
        units = [code] if code <= 0xFFFF else [0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)]
        forms = [re.escape(character), "".join(_unicode_escape(unit) for unit in units)]
        if character in _SHORT_ESCAPES:
            forms.append(re.escape(_SHORT_ESCAPES[character]))
        parts.append(f"(?:{'|'.join(forms)})")
    return re.compile(f'"{"".join(parts)}"[ \\t\\n\\r]*:')


def _unicode_escape(unit: int) -> str:
    """A pattern for ``\\uXXXX`` of the UTF-16 code unit ``unit``, its hex digits in either case."""
    return "\\\\u" + "".join(f"[{digit}{digit.upper()}]" if digit.isalpha() else digit for digit in f"{unit:04x}")


def _skip(source: str, position: int) -> int:
    return _SPACE.match(source, position).end()  # type: ignore[union-attr]
