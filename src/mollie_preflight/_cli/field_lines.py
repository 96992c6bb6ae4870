"""The line a finding's field is on, inside the source text of one element of a JSON array export.

Array elements carry the line their ``{`` starts on; a finding about ``lines.3.vatAmount`` belongs on the
line of that value, maybe forty lines further down. Finding it needs the element's text, so it is done only
for an element that has findings (a clean element costs nothing): the text is walked along the finding's
JSON Pointer, skipping each sibling value with ``json``'s own scanner, and the newlines before the value are
counted. A path that the text does not have (a missing field is reported at the place it should be) stops
at the deepest part that exists.
"""

from __future__ import annotations

import json
import re
from typing import Final

_DECODER: Final = json.JSONDecoder()
_SPACE: Final = re.compile(r"[ \t\n\r]*")


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
        while source.startswith('"', position):
            name, position = json.decoder.scanstring(source, position + 1)  # type: ignore[attr-defined]
            position = _skip(source, _skip(source, position) + 1)  # past the colon
            if name == key:
                found = position
            position = _skip(source, _DECODER.raw_decode(source, position)[1])
            if not source.startswith(",", position):
                break
            position = _skip(source, position + 1)
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


def _skip(source: str, position: int) -> int:
    return _SPACE.match(source, position).end()  # type: ignore[union-attr]
