"""Coverage-guided fuzzing of ``validate_order`` with atheris (libFuzzer for Python).

Each input is read two ways, so the fuzzer explores both the parser-shaped and the structure-shaped space:

- as JSON text (the corpus holds real orders, which libFuzzer mutates byte by byte), validated as a body;
- as a value substituted at one path of a valid order, where the value is built from the fuzzer's bytes.

Every call must return a ``Report`` of ``Violation``s, never raise, and leave its input exactly as it was.
Anything else is a crash that libFuzzer saves as ``crash-*`` for reproduction.
"""

from __future__ import annotations

import copy
import datetime
import json
import sys
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports():
    import mollie_preflight as mp

TODAY = datetime.date(2026, 11, 22)
_EXAMPLE = json.loads((Path(__file__).parent / "corpus" / "valid-order.json").read_text())


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


_PATHS = [p for p in _paths(_EXAMPLE) if p]


def _value(fdp: atheris.FuzzedDataProvider, depth: int = 0) -> Any:
    kind = fdp.ConsumeIntInRange(0, 8 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return fdp.ConsumeBool()
    if kind == 2:
        return fdp.ConsumeInt(fdp.ConsumeIntInRange(1, 64))
    if kind == 3:
        return fdp.ConsumeFloat()
    if kind in (4, 5):
        return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
    if kind == 6:
        return [_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))]
    return {fdp.ConsumeUnicodeNoSurrogates(8): _value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))}


def _check(payload: Any) -> None:
    before = json.dumps(payload, sort_keys=True, default=repr)
    report = mp.validate_order(payload, today=TODAY)
    assert isinstance(report, mp.Report)
    for violation in report:
        assert isinstance(violation, mp.Violation)
        assert violation.message
        assert violation.code in mp.RULES
    assert json.dumps(payload, sort_keys=True, default=repr) == before, "validate_order mutated its input"


def test_one_input(data: bytes) -> None:
    try:
        payload = json.loads(data)
    except (ValueError, RecursionError):
        payload = None
    if payload is not None:
        _check(payload)
    fdp = atheris.FuzzedDataProvider(data)
    order = copy.deepcopy(_EXAMPLE)
    path = _PATHS[fdp.ConsumeIntInRange(0, len(_PATHS) - 1)]
    node = order
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = _value(fdp)
    _check(order)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
