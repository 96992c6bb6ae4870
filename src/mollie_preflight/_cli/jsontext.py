"""JSON text the linter writes: UTF-8 kept readable, but never a character that splits a line.

``ensure_ascii=False`` keeps names and amounts readable (``€``, ``ö``), but then U+0085, U+2028 and U+2029
appear raw inside strings, and Python's ``str.splitlines`` (and many JSON Lines readers) treat them as line
breaks. Escaping exactly those three keeps every record on one line and the text valid JSON.
"""

from __future__ import annotations

import json
from typing import Any, Final

_LINE_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
#: ``json.dumps(value, ensure_ascii=False)``'s encoder, made once: ``json.dumps`` makes a new one on every
#: call that passes an option, ~1 µs a finding of the ``json`` and ``jsonl`` formats.
_ONE_LINE: Final = json.JSONEncoder(ensure_ascii=False)


def dumps(value: Any, *, indent: int | None = None) -> str:
    text = _ONE_LINE.encode(value) if indent is None else json.dumps(value, ensure_ascii=False, indent=indent)
    # ``str.translate`` walks the text character by character in Python-level lookups (~50 µs a finding);
    # three substring searches in C decide first whether there is anything to escape at all.
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return text.translate(_LINE_BREAKS)
    return text
