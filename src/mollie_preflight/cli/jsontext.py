"""JSON text the linter writes: UTF-8 kept readable, but never a character that splits a line.

``ensure_ascii=False`` keeps names and amounts readable (``€``, ``ö``), but then U+0085, U+2028 and U+2029
appear raw inside strings, and Python's ``str.splitlines`` (and many JSON Lines readers) treat them as line
breaks. Escaping exactly those three keeps every record on one line and the text valid JSON.
"""

from __future__ import annotations

import json
from typing import Any, Final

_LINE_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def dumps(value: Any, *, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_LINE_BREAKS)
