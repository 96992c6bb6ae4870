"""Coverage-guided fuzzing of ``validate_order`` and ``validate_payment`` with atheris (libFuzzer for Python).

Each input is read two ways, so the fuzzer explores both the parser-shaped and the structure-shaped space:

- as JSON text (the corpus holds real bodies, which libFuzzer mutates byte by byte), validated as an Orders
  body and as a Payments body;
- as a value substituted at one path of a valid order or of a valid payment (``corpus/valid-payment.json`` is
  a payment with lines that Mollie created: Viincenttt/MollieApi's integration test), where the value is built
  from the fuzzer's bytes.

Every call must return a ``Report`` of ``Violation``s, never raise, and leave its input exactly as it was.
Anything else is a crash that libFuzzer saves as ``crash-*`` for reproduction.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import importlib
import json
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports(include=["mollie_preflight"]):
    import mollie_preflight as mp

    # The package imports its modules on first use (PEP 562), after this block, where nothing would be
    # instrumented and libFuzzer would see no coverage at all: import every module here. A module whose
    # optional dependency is missing (the client guard, Dask) is left out; the validators need none.
    for _module in pkgutil.walk_packages(mp.__path__, "mollie_preflight."):
        with contextlib.suppress(ImportError):
            importlib.import_module(_module.name)

TODAY = datetime.date(2026, 11, 22)
_CORPUS = Path(__file__).parent / "corpus"


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


Validator = Callable[..., mp.Report]
#: Each validator with its valid example and every path into it.
_TARGETS: list[tuple[Validator, Any, list[tuple[Any, ...]]]] = []
for _validate, _name in ((mp.validate_order, "valid-order.json"), (mp.validate_payment, "valid-payment.json")):
    _example = json.loads((_CORPUS / _name).read_text())
    _TARGETS.append((_validate, _example, [p for p in _paths(_example) if p]))


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


def _check(validate: Validator, payload: Any) -> None:
    before = json.dumps(payload, sort_keys=True, default=repr)
    report = validate(payload, today=TODAY)
    assert isinstance(report, mp.Report)
    for violation in report:
        assert isinstance(violation, mp.Violation)
        assert violation.message
        assert violation.code in mp.RULES
    assert json.dumps(payload, sort_keys=True, default=repr) == before, f"{validate.__name__} mutated its input"


def test_one_input(data: bytes) -> None:
    try:
        payload = json.loads(data)
    except (ValueError, RecursionError):
        payload = None
    if payload is not None:
        for validate, _, _ in _TARGETS:
            _check(validate, payload)
    fdp = atheris.FuzzedDataProvider(data)
    validate, example, paths = _TARGETS[fdp.ConsumeIntInRange(0, len(_TARGETS) - 1)]
    body = copy.deepcopy(example)
    path = paths[fdp.ConsumeIntInRange(0, len(paths) - 1)]
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = _value(fdp)
    _check(validate, body)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
