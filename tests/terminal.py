"""Running the linter the way a person does: stdout and stderr on one pseudo-terminal, and what it shows.

``shown`` replays the bytes the way a terminal draws them (carriage return, erase line, newline), so a test
asserts the lines a person reads, not the bytes that produced them: a progress line that was not erased
before the next output is still on screen, glued to it.
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Sequence

_ERASE_LINE = "\x1b[2K"


def run_on_a_terminal(command: Sequence[str], environment: dict[str, str], timeout: float) -> tuple[int, bytes]:
    """Run ``command`` with stdout and stderr on one pseudo-terminal: its exit status and every byte shown."""
    import pty

    controller, terminal = pty.openpty()
    shown = bytearray()
    try:
        process = subprocess.Popen(
            list(command), stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal, env=environment
        )
        os.close(terminal)
        deadline = time.monotonic() + timeout
        while True:
            ready, _, _ = select.select([controller], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                process.kill()
                raise TimeoutError(f"{command} did not finish in {timeout} s")
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # every writer is gone: all was read
                break
            if not chunk:
                break
            shown += chunk
        status = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(controller)
    return status, bytes(shown)


def screen(shown: bytes) -> list[str]:
    """The lines a terminal shows after drawing ``shown``: ``\\r`` returns to the start of the line, the
    erase-line sequence blanks it, and anything written after a return overwrites what was there."""
    lines: list[str] = []
    current: list[str] = []
    column = 0
    text = shown.decode("utf-8", "replace").replace("\r\n", "\n")
    index = 0
    while index < len(text):
        if text.startswith(_ERASE_LINE, index):
            current, index = [], index + len(_ERASE_LINE)
            continue
        char = text[index]
        index += 1
        if char == "\n":
            lines.append("".join(current).rstrip())
            current, column = [], 0
        elif char == "\r":
            column = 0
        else:
            if column < len(current):
                current[column] = char
            else:
                current.extend(" " * (column - len(current)))
                current.append(char)
            column += 1
    if current:
        lines.append("".join(current).rstrip())
    return lines
