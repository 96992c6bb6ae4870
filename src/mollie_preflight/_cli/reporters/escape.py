"""Making payload-derived text safe for a terminal or a CI log.

Messages quote values from the payload. A value with a newline or an ANSI escape sequence must not be
able to forge an extra finding line, a fake workflow command, or recolour the terminal, so control
characters are shown as ``\\xNN`` escapes in line-oriented outputs (JSON and SARIF escape them anyway).
"""

from __future__ import annotations

from typing import Final

_CONTROLS: Final = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
_CONTROLS.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def printable(text: str) -> str:
    """``text`` with every control character (C0, DEL, C1, line/paragraph separators) escaped."""
    if text.isprintable():  # none of those is printable: the usual case costs one scan in C, no translate
        return text
    return text.translate(_CONTROLS)
