"""Every body shape a shop sends, timed against pydantic v2 with the same rules, from a dict and from bytes.

    pip install -e '.[bench]' && python benchmarks/mix.py            # ~3 minutes
    python benchmarks/mix.py --quick                                  # ~1 minute

Each shape (``shapes.py``: Mollie's verbatim example, the realistic mix, invalid bodies) has many distinct
bodies. Every round runs every (shape, competitor) batch once, in a fresh random order, with the garbage
collector paused inside a batch; round 0 warms up and is discarded. The table shows medians over rounds of
µs per body and their ratios to the pydantic anchor on the same input (dict → ``model_validate``, bytes →
``model_validate_json``; invalid bodies: pydantic raising its ``ValidationError``, caught). The "walk"
column is ``validate_order_fully``: the explaining walk without the whole-body fast path, so its ratio to
``validate_order`` shows what a body costs when the fast path does not take it. Not a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import orjson
import pydantic
from compare import import_times
from interleaved import BUILD, Run, measure
from pydantic_anchor import Order
from shapes import INVALID, VALID, bodies, docs_example, line_count, verbatim_copy_keeps_every_key

from mollie_preflight import validate_order
from mollie_preflight._create_order import validate_order_fully


def _pydantic(validate: Run) -> Run:
    invalid = pydantic.ValidationError

    def run(value: Any) -> object:
        try:
            return validate(value)
        except invalid:
            return None

    return run


def _from_bytes(blob: bytes) -> object:
    return validate_order(orjson.loads(blob))


COMPETITORS: dict[str, tuple[bool, Run]] = {
    "pydantic dict": (False, _pydantic(Order.model_validate)),
    "pydantic bytes": (True, _pydantic(Order.model_validate_json)),
    "validate_order dict": (False, validate_order),
    "orjson + validate_order bytes": (True, _from_bytes),
    "walk dict": (False, validate_order_fully),
}


def sanity(inputs: dict[str, list[dict[str, Any]]]) -> None:
    """Valid shapes: no finding (the verbatim example: no error) and accepted by pydantic; invalid ones
    refused by both. The verbatim example's warnings are printed: it is measured as Mollie wrote it."""
    if not verbatim_copy_keeps_every_key(inputs[next(iter(VALID))][0]):
        raise SystemExit("sanity: a copy of the docs example lost or gained a key")
    for name, items in inputs.items():
        for body in items:
            report = validate_order(body)
            try:
                Order.model_validate(body)
                anchor_ok = True
            except pydantic.ValidationError as error:
                anchor_ok = False
                why = error
            verbatim = name == next(iter(VALID))
            if name in VALID and ((not report.ok if verbatim else len(report)) or not anchor_ok):
                detail = [f"{v.code} {v.field} {v.message}" for v in report] if len(report) else why
                raise SystemExit(f"sanity: a valid body of {name!r} is refused: {detail}")
            if name in INVALID and (report.ok or anchor_ok):
                raise SystemExit(f"sanity: a body of {name!r} is accepted")
    warnings = sorted({f"{v.code} at {v.field}" for v in validate_order(docs_example())})
    if warnings:
        print(f"note: Mollie's verbatim example carries warnings (its fast path walks a family): {', '.join(warnings)}")
    assert validate_order(docs_example()).ok


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--bodies", type=int, default=40, help="distinct bodies per 2- and 10-line shape")
    parser.add_argument("--import-rounds", type=int, default=11)
    parser.add_argument("--quick", action="store_true", help="10 rounds, 20 bodies, 5 import rounds")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.bodies, args.import_rounds = 10, 20, 5
    names = [*VALID, *INVALID]
    inputs = {n: bodies(n, args.bodies if line_count(n) < 100 else max(5, args.bodies // 4)) for n in names}
    sanity(inputs)
    started = time.perf_counter()
    samples = measure(inputs, COMPETITORS, args.rounds)
    med = {key: statistics.median(values) for key, values in samples.items()}
    print(
        f"{BUILD}; pydantic {pydantic.VERSION}; {args.rounds} interleaved rounds "
        f"({time.perf_counter() - started:.0f} s); µs per body, medians; × = ratio to pydantic on the same input\n"
    )
    print(
        "| shape | pydantic dict | validate_order dict | × | pydantic bytes | orjson + validate_order | × "
        "| walk dict | walk ÷ validate_order |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    ratios: dict[str, tuple[float, float]] = {}
    for name in names:
        pd, vd = med[name, "pydantic dict"], med[name, "validate_order dict"]
        pb, vb = med[name, "pydantic bytes"], med[name, "orjson + validate_order bytes"]
        walk = med[name, "walk dict"]
        ratios[name] = (vd / pd, vb / pb)
        print(
            f"| {name} | {pd:,.1f} | {vd:,.1f} | **{vd / pd:.2f}** | {pb:,.1f} | {vb:,.1f} | **{vb / pb:.2f}** "
            f"| {walk:,.1f} | {walk / vd:.2f} |"
        )
    valid = [ratios[n] for n in VALID]
    print(
        f"\nmedian of the valid mix: {statistics.median(r[0] for r in valid):.2f}× from a dict, "
        f"{statistics.median(r[1] for r in valid):.2f}× from bytes"
    )
    imports = import_times(args.import_rounds)
    base = statistics.median(imports["from pydantic import BaseModel"])
    ours = statistics.median(imports["from mollie_preflight import validate_order"])
    print(f"import: from mollie_preflight import validate_order {ours:.1f} ms = {ours / base:.2f}× pydantic\n")
    docs = next(iter(VALID))
    checks = [
        (f"{docs} from a dict ≤ 0.35×", ratios[docs][0] <= 0.35),
        ("every valid shape ≤ 0.40× from a dict", all(r[0] <= 0.40 for r in valid)),
        ("every valid shape ≤ 0.50× from bytes", all(r[1] <= 0.50 for r in valid)),
        ("median of the mix ≤ 0.33× from a dict", statistics.median(r[0] for r in valid) <= 0.33),
        ("invalid bodies ≤ 1.0× pydantic's error path", all(ratios[n][0] <= 1.0 for n in INVALID)),
        ("import ≤ 0.25× pydantic", ours / base <= 0.25),
    ]
    print("Targets:")
    for text, met in checks:
        print(f"  {text:55} {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
