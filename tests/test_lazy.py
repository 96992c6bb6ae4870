"""``_lazy``: a value built on first use is built once, kept, and a failed build is not remembered."""

from __future__ import annotations

import re

import pytest

from mollie_preflight._lazy import DEFERRED_PATTERNS, deferred_pattern, on_first_use


def test_the_value_is_built_by_the_first_call_and_then_kept() -> None:
    builds: list[int] = []

    def build() -> list[int]:
        builds.append(1)
        return [len(builds)]

    value = on_first_use(build)
    assert builds == []
    first = value()
    assert first == [1]
    assert value() is first
    assert builds == [1]


def test_a_build_that_raises_is_built_again_by_the_next_call() -> None:
    attempts: list[int] = []

    def build() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("first attempt fails")
        return "built"

    value = on_first_use(build)
    with pytest.raises(OSError, match="first attempt fails"):
        value()
    assert value() == "built"
    assert value() == "built"
    assert len(attempts) == 2


def test_a_deferred_pattern_compiles_with_its_flags_and_is_registered() -> None:
    text = r"[a-z]+-deferred-test"
    pattern = deferred_pattern(text, re.IGNORECASE)
    try:
        assert DEFERRED_PATTERNS[text] is pattern
        compiled = pattern()
        assert compiled.pattern == text
        assert compiled.flags & re.IGNORECASE
        assert compiled.fullmatch("ABC-deferred-test") is not None
        assert pattern() is compiled
    finally:
        del DEFERRED_PATTERNS[text]  # the registry is the package's: leave only its own patterns there


def test_decimal_numbers_are_still_numbers_where_decimal_is_imported_on_first_use() -> None:
    # ``json.loads(..., parse_float=Decimal)`` bodies: the checks that import ``decimal`` late still see them.
    from decimal import Decimal

    from mollie_preflight._rules.common.amounts import string_for_number
    from mollie_preflight._rules.common.metadata import json_size_in_full
    from mollie_preflight._rules.values import describe, json_type

    assert json_type(Decimal("1.5")) == "number"
    assert describe(Decimal("12.50")) == "12.50"
    assert describe(Decimal("1E+100")) == "1E+100"
    # Sized by ``repr`` as before (``Decimal('1.5')``): an overestimate, so never a body wrongly passed.
    sized = len('{"a":,"b":[]}') + len(repr(Decimal("1.5"))) + len(repr(Decimal("2")))
    assert json_size_in_full({"a": Decimal("1.5"), "b": [Decimal("2")]}, 100) == sized
    assert string_for_number(Decimal("12.5"), 2) == "12.50"
    assert json_type(object()) == "non-JSON object"
