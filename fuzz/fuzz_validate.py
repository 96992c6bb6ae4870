"""Coverage-guided fuzzing of every endpoint's validator with atheris (libFuzzer for Python).

The examples are the repository's own: the seed corpus's valid order and payment (``corpus/``), and every
recorded live answer (``tests/data/live/<endpoint>/``: a body and, for the endpoints that read one, the order
or payment it was sent for). ``update-payment`` takes its reference examples (``tests/data/payments/``), and
``update-shipment``, which has no recorded case, the shipped order of a create-shipment case.

Each input is read two ways, so the fuzzer explores both the parser-shaped and the structure-shaped space:

- as JSON text (the corpus holds real bodies, which libFuzzer mutates byte by byte), validated as an Orders
  body and as a Payments body, and as the snapshot of one example of a snapshot-taking endpoint;
- as a value substituted at one path of one example's body or snapshot, built from the fuzzer's bytes.

Every call must return a ``Report`` of ``Violation``s with known codes, never raise, and leave its body and
its snapshot exactly as they were. Anything else is a crash that libFuzzer saves as ``crash-*``.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import importlib
import json
import pkgutil
import sys
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
_DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
#: The endpoints that read a payment snapshot (``payment=``); the other snapshot-taking ones read an order.
_PAYMENT_ENDPOINTS = frozenset({"create-capture", "create-payment-refund", "update-payment"})


class Example:
    """One call to fuzz: an endpoint, its body, and the snapshot keyword and value it is sent with (if any)."""

    def __init__(self, endpoint: str, body: Any, keyword: str | None = None, snapshot: Any = None) -> None:
        self.endpoint, self.body, self.keyword, self.snapshot = endpoint, body, keyword, snapshot
        self.paths = [("body", *path) for path in _paths(body) if path]
        if keyword is not None:
            self.paths += [("snapshot", *path) for path in _paths(snapshot) if path]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _examples() -> list[Example]:
    found = [
        Example("create-order", json.loads((_CORPUS / "valid-order.json").read_text())),
        Example("create-payment", json.loads((_CORPUS / "valid-payment.json").read_text())),
    ]
    shipped_order = None
    for path in sorted((_DATA / "live").glob("*/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        endpoint = case["endpoint"]
        keyword = "payment" if endpoint in _PAYMENT_ENDPOINTS else "order"
        snapshot = case.get(keyword)
        found.append(Example(endpoint, case["body"], keyword if snapshot is not None else None, snapshot))
        if endpoint == "create-shipment" and snapshot is not None and shipped_order is None:
            shipped_order = snapshot
    for path in sorted((_DATA / "payments" / "update-payment").glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))["body"]
        found.append(Example("update-payment", body))
    if shipped_order is not None:
        tracking = {"carrier": "PostNL", "code": "3SKABA000000000", "url": "https://postnl.nl/tracktrace/?B=3SKABA"}
        found.append(Example("update-shipment", {"tracking": tracking}, "order", shipped_order))
    missing = set(mp.ENDPOINTS) - {example.endpoint for example in found}
    if missing:
        raise SystemExit(f"no example to fuzz for {sorted(missing)}")
    return found


_EXAMPLES = _examples()
_WITH_SNAPSHOT = [example for example in _EXAMPLES if example.keyword is not None]


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


def _fingerprint(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr)


def _check(endpoint: str, body: Any, keyword: str | None = None, snapshot: Any = None) -> None:
    before = _fingerprint([body, snapshot])
    extra = {keyword: snapshot} if keyword is not None else {}
    report = mp.validate(body, endpoint, today=TODAY, **extra)
    assert isinstance(report, mp.Report)
    for violation in report:
        assert isinstance(violation, mp.Violation)
        assert violation.message
        assert violation.code in mp.RULES
    assert _fingerprint([body, snapshot]) == before, f"{endpoint} mutated its input"


def _replace(root: Any, path: tuple[Any, ...], value: Any) -> None:
    node = root
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    try:
        payload = json.loads(data)
    except (ValueError, RecursionError):
        payload = None
    if payload is not None:
        _check("create-order", payload)
        _check("create-payment", payload)
        host = _WITH_SNAPSHOT[fdp.ConsumeIntInRange(0, len(_WITH_SNAPSHOT) - 1)]
        _check(host.endpoint, copy.deepcopy(host.body), host.keyword, payload)
    example = _EXAMPLES[fdp.ConsumeIntInRange(0, len(_EXAMPLES) - 1)]
    if not example.paths:
        return
    body, snapshot = copy.deepcopy(example.body), copy.deepcopy(example.snapshot)
    where, *path = example.paths[fdp.ConsumeIntInRange(0, len(example.paths) - 1)]
    _replace(body if where == "body" else snapshot, tuple(path), _value(fdp))
    _check(example.endpoint, body, example.keyword, snapshot)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
