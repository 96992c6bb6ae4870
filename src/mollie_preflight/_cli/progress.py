"""A one-line progress indicator on stderr for long runs at a terminal: records, records/s, findings.

It stays silent for the first second, so short runs never flicker, and it is only created for a terminal
with human-readable output (never in CI logs or when stdout is SARIF/JSON). The delay can be set with the
environment variable ``MOLLIE_PREFLIGHT_PROGRESS_DELAY`` (seconds), so tests do not depend on how fast the
machine is.
"""

from __future__ import annotations

import os
import time
from typing import Final, TextIO

_DELAY: Final = 1.0
_INTERVAL: Final = 0.2


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get("MOLLIE_PREFLIGHT_PROGRESS_DELAY", _DELAY)))
    except ValueError:
        return _DELAY


class Progress:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._start = time.monotonic()
        self._next = self._start + _delay()
        self._shown = False

    def update(self, records: int, findings: int) -> None:
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + _INTERVAL
        rate = records / max(now - self._start, 1e-9)
        self._stream.write(f"\r\x1b[2K{records:,} orders checked, {rate:,.0f}/s, {findings:,} findings")
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Take the line away before other output reaches the terminal; the next update redraws it."""
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
            self._shown = False
            self._next = 0.0

    def close(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
            self._shown = False
