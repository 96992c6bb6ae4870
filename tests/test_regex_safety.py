"""Every compiled regular expression in the package runs in linear time on worst-case input.

The patterns are collected from the modules themselves, so a pattern added later is covered without
anyone remembering to list it. Each is run with ``match`` and ``fullmatch`` (how the code uses them) on long
strings built to provoke backtracking: runs of one character class followed by a character that makes the
match fail at the very end.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Iterator

import pytest

import mollie_preflight

_LENGTH = 20_000
_ATOMS = ("a", "0", "9", "-", ".", " ", "@", "_", "+", "aa.", "0.", "a-", "1 ", "\u00e9", "Ab1")
_ENDINGS = ("", "!", "\x00", ".", "@", " ", "-")


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for info in pkgutil.walk_packages(mollie_preflight.__path__, "mollie_preflight."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"{info.name}.{name}", value


def _postal_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    from mollie_preflight._reference.postal_codes import POSTAL_CODES
    from mollie_preflight._rules.common.address import postal_code_pattern

    for country in POSTAL_CODES:
        pattern = postal_code_pattern(country)
        assert pattern is not None
        yield f"postal code {country}", pattern


def _deferred_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """The patterns compiled on first use (``_lazy.deferred_pattern``); every module is imported by now."""
    from mollie_preflight._lazy import DEFERRED_PATTERNS

    for text, compiled in DEFERRED_PATTERNS.items():
        yield f"deferred {text}", compiled()


PATTERNS = dict(_patterns()) | dict(_postal_patterns()) | dict(_deferred_patterns())


def test_patterns_were_found() -> None:
    assert "mollie_preflight._vat._RATE" in PATTERNS
    assert r"deferred (-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?" in PATTERNS  # money's, compiled on first use


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_input(name: str) -> None:
    pattern = PATTERNS[name]
    worst = 0.0
    for atom in _ATOMS:
        body = (atom * (_LENGTH // len(atom)))[:_LENGTH]
        for ending in _ENDINGS:
            text = body + ending
            started = time.perf_counter()
            pattern.match(text)
            pattern.fullmatch(text)
            worst = max(worst, time.perf_counter() - started)
    assert worst < 0.05, f"{name} took {worst:.3f}s on a {_LENGTH}-character input: backtracking"
