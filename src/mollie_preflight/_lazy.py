"""Values built on first use instead of at import: the one way the package defers work.

``from mollie_preflight import validate_order`` is what checkout code pays at start-up, and a clean body
never needs the patterns, tables and modules that only explain a finding. Those are built by a function
wrapped in ``on_first_use``, called where they are needed; nothing is deferred that a clean body asks for,
because the call would then cost every body a little instead of the import once.

``on_first_use`` is ``functools.cache`` on a function of no arguments, with what that guarantees spelt out:

- bounded: one value per function, kept for the life of the process;
- thread-safe: the cache's update is atomic; two threads that race the first call may both build, and
  each gets an equal value (the builders are pure), so the race costs time, never a wrong answer;
- exception-safe: a builder that raises caches nothing, so the next call builds again.
"""

from __future__ import annotations

import functools
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Final, TypeVar

    T = TypeVar("T")

#: Every pattern ``deferred_pattern`` made, by its text: ``tests/test_regex_safety.py`` compiles and attacks
#: them with the patterns compiled at import, so deferring a pattern never hides it from that test.
DEFERRED_PATTERNS: Final[dict[str, Callable[[], re.Pattern[str]]]] = {}


def on_first_use(build: Callable[[], T]) -> Callable[[], T]:
    """``build``'s value, built by the first call and then kept (see the module's docstring)."""
    return functools.cache(build)


def deferred_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``re.compile(pattern, flags)`` by the first call, for a path clean bodies never take."""
    compiled = on_first_use(lambda: re.compile(pattern, flags))
    DEFERRED_PATTERNS[pattern] = compiled
    return compiled
