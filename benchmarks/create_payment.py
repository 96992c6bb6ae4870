"""validate_payment on Mollie's create-payment reference example against a pydantic v2 model of the same rules.

    pip install -e '.[bench]' && python benchmarks/create_payment.py    # ~30 seconds
    python benchmarks/create_payment.py --quick                          # ~10 seconds

The bodies are the reference page's request example **verbatim** (``tests/data/payments/create-payment/``:
the Python/Node/PHP tabs' body, whose ``metadata`` is an object, and the cURL tab's, whose ``metadata`` is
the JSON text), as distinct copies that differ in values and never in keys (order number, amount, redirect
path, metadata), so that no cache keyed on a value decides a result. Every round runs every (body,
competitor) batch once, in a fresh random order, with the garbage collector paused inside a batch; round 0
warms up and is discarded. The table shows medians over rounds of µs per body and the ratio to the pydantic
model on the same input (a dict → ``model_validate``, bytes → ``model_validate_json``), and the fastest round
with its ratio. "walk" is
``validate_payment_fully``, the explaining walk without the fast path. Not a timed test.

The model is ``payments.py``'s ``PaymentBody`` (that script times all four Payments validators on one copy
of their examples); this one looks at create payment alone, in depth, and lets other scripts add rows
(``main(argv, competitors)``), e.g. an older checkout of the package to compare before and after.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

import orjson
import pydantic
from interleaved import BUILD, Run, measure
from payments import PaymentBody

from mollie_preflight import validate_payment
from mollie_preflight._create_payment import validate_payment_fully

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "tests" / "data" / "payments" / "create-payment"
#: Each body measured: the reference example as the SDK tabs send it, and as the cURL tab does.
BODIES = {
    "reference example (metadata object)": EXAMPLES / "reference-example.json",
    "reference example, cURL tab (metadata string)": EXAMPLES / "reference-example-curl.json",
}


def _from_bytes(blob: bytes) -> object:
    return validate_payment(orjson.loads(blob))


#: name → (takes bytes, callable). Other scripts may add rows (e.g. an older checkout of the package).
COMPETITORS: dict[str, tuple[bool, Run]] = {
    "pydantic dict": (False, PaymentBody.model_validate),
    "validate_payment dict": (False, validate_payment),
    "pydantic bytes": (True, PaymentBody.model_validate_json),
    "orjson + validate_payment bytes": (True, _from_bytes),
    "walk dict": (False, validate_payment_fully),
}


def copies(path: Path, count: int, seed: int = 19) -> list[dict[str, Any]]:
    """``count`` copies of the example at ``path``: new values in the same keys, never a key more or less."""
    verbatim: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["body"]
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        body = copy.deepcopy(verbatim)
        number = str(rng.randrange(10_000, 10_000_000))
        body["amount"]["value"] = f"{rng.randrange(1, 5_000)}.{rng.randrange(100):02d}"
        body["description"] = body["description"].replace("12345", number)
        body["redirectUrl"] = body["redirectUrl"].replace("12345", number)
        if isinstance(body["metadata"], dict):
            body["metadata"]["order_id"] = number
        else:
            body["metadata"] = body["metadata"].replace("12345", number)
        if _keys(body) != _keys(verbatim):
            raise SystemExit(f"a copy of {path.name} lost or gained a key")
        result.append(body)
    return result


def _keys(value: object) -> object:
    return {key: _keys(item) for key, item in value.items()} if isinstance(value, dict) else None


def sanity(inputs: dict[str, list[dict[str, Any]]], competitors: dict[str, tuple[bool, Run]]) -> None:
    """Every copy: no finding from any of our rows, accepted by pydantic."""
    for name, items in inputs.items():
        for body in items:
            PaymentBody.model_validate(body)
            for row, (takes_bytes, run) in competitors.items():
                if "pydantic" not in row and len(run(orjson.dumps(body) if takes_bytes else body)):  # type: ignore[arg-type]
                    raise SystemExit(f"sanity: {row} reports on a copy of {name!r}")


def report(samples: dict[tuple[str, str], list[float]], competitors: dict[str, tuple[bool, Run]]) -> None:
    """One table per body: each row's median µs (IQR) and fastest round, each as a ratio to pydantic's on
    the same input (on a loaded machine the fastest rounds are the least disturbed ones)."""
    med = {key: statistics.median(values) for key, values in samples.items()}
    best = {key: min(values) for key, values in samples.items()}
    for shape in dict.fromkeys(s for s, _ in samples):
        print(
            f"\n{shape}\n\n| row | input | median µs (IQR) | × pydantic | fastest µs | × pydantic |"
            "\n|---|---|---:|---:|---:|---:|"
        )
        for comp, (takes_bytes, _) in competitors.items():
            values = sorted(samples[shape, comp])
            q1, q3 = values[len(values) // 4], values[(3 * len(values)) // 4]
            anchor = (shape, "pydantic bytes" if takes_bytes else "pydantic dict")
            print(
                f"| {comp} | {'bytes' if takes_bytes else 'dict'} | {med[shape, comp]:.2f} ({q1:.2f}–{q3:.2f}) "
                f"| **{med[shape, comp] / med[anchor]:.2f}** | {best[shape, comp]:.2f} "
                f"| {best[shape, comp] / best[anchor]:.2f} |"
            )


def main(argv: list[str] | None = None, competitors: dict[str, tuple[bool, Run]] = COMPETITORS) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--bodies", type=int, default=500, help="distinct copies of each example")
    parser.add_argument("--quick", action="store_true", help="15 rounds, 200 copies")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.bodies = 15, 200
    inputs = {name: copies(path, args.bodies) for name, path in BODIES.items()}
    sanity(inputs, competitors)
    started = time.perf_counter()
    samples = measure(inputs, competitors, args.rounds)
    print(
        f"{BUILD}; pydantic {pydantic.VERSION}; {args.bodies} distinct copies a body; {args.rounds} interleaved rounds "
        f"({time.perf_counter() - started:.0f} s); µs per body, medians; × = ratio to pydantic on the same input"
    )
    report(samples, competitors)


if __name__ == "__main__":
    main()
