"""JSON text the linter writes: UTF-8 kept readable, but never a character that splits a line or that UTF-8
cannot carry.

``ensure_ascii=False`` keeps names and amounts readable (``€``, ``ö``), but then U+0085, U+2028 and U+2029
appear raw inside strings, and Python's ``str.splitlines`` (and many JSON Lines readers) treat them as line
breaks. Escaping exactly those three keeps every record on one line and the text valid JSON. A lone surrogate
(``"\\ud800"`` is valid JSON, and ``json.loads`` reads one from a file) would be raw too, and no UTF-8 writer can
encode it: the run stopped with an internal error. It is escaped the same way, as JSON allows.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

_LINE_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
#: A UTF-16 surrogate on its own: text that holds one cannot be encoded as UTF-8.
_SURROGATE: Final = re.compile("[\\ud800-\\udfff]")
#: ``json.dumps(value, ensure_ascii=False)``'s encoder, made once: ``json.dumps`` makes a new one on every
#: call that passes an option, ~1 µs a finding of the ``json`` and ``jsonl`` formats.
_ONE_LINE: Final = json.JSONEncoder(ensure_ascii=False)


def dumps(value: Any, *, indent: int | None = None) -> str:
    text = _ONE_LINE.encode(value) if indent is None else json.dumps(value, ensure_ascii=False, indent=indent)
    # ``str.translate`` walks the text character by character in Python-level lookups (~50 µs a finding);
    # three substring searches in C decide first whether there is anything to escape at all.
    if text.isascii():  # nearly every finding: nothing below can be in it
        return text
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_LINE_BREAKS)
    if _SURROGATE.search(text) is not None:
        text = _SURROGATE.sub(_escaped, text)
    return text


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"
