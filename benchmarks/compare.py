"""Side-by-side timing of mollie-preflight against a pydantic anchor, JSON Schema validators and the
bare JSON parse, on the docs example and on generated 10- and 100-line orders.

    pip install -e '.[bench]' && python benchmarks/compare.py [--quick]

Every round runs every (case, competitor) batch once, in a fresh random order, so machine noise hits
all competitors alike; a batch walks all distinct payloads of its case once. The table shows the median
over rounds of µs per order, its interquartile range, and the ratio to the pydantic anchor on the same
input (dict → ``model_validate``, bytes → ``model_validate_json``). Not a timed test: nothing fails on
a slow machine, apart from the sanity step, which refuses to time a competitor that accepts a broken
order it should catch.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import fastjsonschema
import jsonschema  # type: ignore[import-untyped]
import orjson
import phonenumbers
import pydantic
from interleaved import time_batch
from orders import corpus
from pydantic_anchor import Order
from schema_anchor import ORDER_SCHEMA
from shapes import VALID, bodies

import mollie_preflight
from mollie_preflight import validate_order

TARGET = 0.5
DOCS = next(iter(VALID))  # Mollie's create-order example, verbatim


@dataclass(frozen=True)
class Competitor:
    name: str
    takes_bytes: bool
    run: Callable[[Any], object]
    #: ``True`` when the competitor refuses the input (raises, or returns a report with errors).
    refuses: Callable[[Any], bool]
    #: The broken orders (``BREAKS``) it must refuse; the sanity step stops the run when it does not.
    must_catch: tuple[str, ...] = ()
    #: ``False`` for reference rows that validate nothing (the JSON parse floor, the phone parse).
    validates: bool = True


@dataclass
class Case:
    name: str
    dicts: list[dict[str, Any]]
    blobs: list[bytes] = field(init=False)

    def __post_init__(self) -> None:
        self.blobs = [orjson.dumps(d) for d in self.dicts]


def _raises(run: Callable[[Any], object], *errors: type[BaseException]) -> Callable[[Any], bool]:
    def refuses(value: Any) -> bool:
        try:
            run(value)
        except errors:
            return True
        return False

    return refuses


def _preflight_bytes(blob: bytes) -> mollie_preflight.Report:
    return validate_order(orjson.loads(blob))


def _phone_only(order: dict[str, Any]) -> bool:
    return bool(phonenumbers.is_valid_number(phonenumbers.parse(order["billingAddress"]["phone"], None)))


def competitors() -> list[Competitor]:
    schema_class = jsonschema.validators.validator_for(ORDER_SCHEMA)
    schema_class.check_schema(ORDER_SCHEMA)
    jsonschema_validate = schema_class(ORDER_SCHEMA).validate  # built once: the cached validator class
    fast_validate = fastjsonschema.compile(ORDER_SCHEMA)
    invalid = pydantic.ValidationError
    schema_invalid = jsonschema.ValidationError
    fast_invalid = fastjsonschema.JsonSchemaException
    # validate_order must catch what its core rules cover today; address and locale rules are other branches.
    core = (*ARITHMETIC, "value as JSON number")
    return [
        Competitor(
            "pydantic model_validate_json",
            True,
            Order.model_validate_json,
            _raises(Order.model_validate_json, invalid),
            BREAKS,
        ),
        Competitor(
            "pydantic model_validate", False, Order.model_validate, _raises(Order.model_validate, invalid), BREAKS
        ),
        Competitor(
            "jsonschema (structure only)",
            False,
            jsonschema_validate,
            _raises(jsonschema_validate, schema_invalid),
            STRUCTURE,
        ),
        Competitor(
            "fastjsonschema (structure only)", False, fast_validate, _raises(fast_validate, fast_invalid), STRUCTURE
        ),
        Competitor("orjson.loads (floor)", True, orjson.loads, lambda _: False, validates=False),
        Competitor(
            "phonenumbers parse+valid (1 phone)", False, _phone_only, lambda o: not _phone_only(o), validates=False
        ),
        Competitor("validate_order(dict)", False, validate_order, lambda o: not validate_order(o).ok, core),
        Competitor("orjson.loads + validate_order", True, _preflight_bytes, lambda b: not _preflight_bytes(b).ok, core),
    ]


ANCHOR = {True: "pydantic model_validate_json", False: "pydantic model_validate"}


# --- sanity -------------------------------------------------------------------------------------------


def _broken(order: dict[str, Any], how: str) -> dict[str, Any]:
    bad = copy.deepcopy(order)
    line = bad["lines"][0]
    if how == "wrong VAT (+0.01)":
        line["vatAmount"]["value"] = _shift(line["vatAmount"]["value"])
    elif how == "wrong line total":
        line["totalAmount"]["value"] = _shift(line["totalAmount"]["value"])
    elif how == "wrong order amount":
        bad["amount"]["value"] = _shift(bad["amount"]["value"])
    elif how == "value as JSON number":
        line["unitPrice"]["value"] = 1.5
    elif how == "locale not allowed":
        bad["locale"] = "xx_XX"
    elif how == "invalid phone (E.164 shape)":
        bad["billingAddress"]["phone"] = "+31000000000"
    elif how == "postalCode missing (NL)":
        bad["billingAddress"]["country"] = "NL"
        bad["billingAddress"].pop("postalCode", None)
    return bad


def _shift(value: str) -> str:
    """The amount string one minor unit higher (two decimals)."""
    negative = value.startswith("-")
    minor = int(value.lstrip("-").replace(".", "")) * (-1 if negative else 1) + 1
    sign = "-" if minor < 0 else ""
    digits = str(abs(minor)).rjust(3, "0")
    return f"{sign}{digits[:-2]}.{digits[-2:]}"


BREAKS = (
    "wrong VAT (+0.01)",
    "wrong line total",
    "wrong order amount",
    "value as JSON number",
    "locale not allowed",
    "invalid phone (E.164 shape)",
    "postalCode missing (NL)",
)
ARITHMETIC = ("wrong VAT (+0.01)", "wrong line total", "wrong order amount")
STRUCTURE = ("value as JSON number", "locale not allowed", "postalCode missing (NL)")


def sanity(cases: list[Case], comps: list[Competitor]) -> list[str]:
    """Every validator accepts every generated order and refuses the broken ones it must catch."""
    lines = []
    for comp in comps:
        if not comp.validates:
            continue
        for case in cases:
            inputs = case.blobs if comp.takes_bytes else case.dicts
            refused = sum(comp.refuses(x) for x in inputs)
            if refused:
                raise SystemExit(f"sanity: {comp.name} refuses {refused} valid orders of {case.name}")
    base = cases[-1].dicts[0]
    header = "| broken order | " + " | ".join(c.name for c in comps if c.validates) + " |"
    lines += [header, "|" + "---|" * (1 + sum(c.validates for c in comps))]
    for how in BREAKS:
        bad = _broken(base, how)
        cells = []
        for comp in comps:
            if not comp.validates:
                continue
            caught = comp.refuses(orjson.dumps(bad) if comp.takes_bytes else bad)
            if how in comp.must_catch and not caught:
                raise SystemExit(f"sanity: {comp.name} accepts an order with {how}")
            cells.append("refused" if caught else "**accepted**")
        lines.append(f"| {how} | " + " | ".join(cells) + " |")
    return lines


# --- timing -------------------------------------------------------------------------------------------


def measure(cases: list[Case], comps: list[Competitor], rounds: int) -> dict[tuple[str, str], list[float]]:
    samples: dict[tuple[str, str], list[float]] = {(c.name, p.name): [] for c in cases for p in comps}
    rng = random.Random(7)
    batches = [(case, comp) for case in cases for comp in comps]
    for round_no in range(rounds + 1):  # round 0 warms up and is thrown away
        rng.shuffle(batches)
        for case, comp in batches:
            elapsed = time_batch(comp.run, case.blobs if comp.takes_bytes else case.dicts)
            if round_no:
                samples[case.name, comp.name].append(elapsed)
    return samples


def import_times(rounds: int) -> dict[str, list[float]]:
    """Cold import in fresh interpreters (interpreter start excluded), interleaved, in ms.

    "Cold" means a new process, not missing bytecode: an installed package has its ``.pyc`` files, so
    each statement runs once untimed with bytecode writing allowed (``PYTHONDONTWRITEBYTECODE`` removed
    for the children), and compile time is measured for nobody.
    """
    statements = {
        "from mollie_preflight import validate_order": "from mollie_preflight import validate_order",
        "import mollie_preflight": "import mollie_preflight",
        "from mollie_preflight import * (whole public API)": "from mollie_preflight import *",
        "from pydantic import BaseModel": "from pydantic import BaseModel",
        "import pydantic_anchor (models + phonenumbers)": "import pydantic_anchor",
    }
    results: dict[str, list[float]] = {name: [] for name in statements}
    order = list(statements)
    rng = random.Random(11)
    bench_dir = sys.path[0]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

    def timed(name: str) -> float:
        code = (
            f"import sys, time; sys.path.insert(0, {bench_dir!r}); t = time.perf_counter_ns(); "
            f"{statements[name]}; print(time.perf_counter_ns() - t)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        return int(out.stdout) / 1e6

    for name in order:
        timed(name)  # writes bytecode where it is missing
    for _ in range(rounds):
        rng.shuffle(order)
        for name in order:
            results[name].append(timed(name))
    return results


def quartiles(values: list[float]) -> tuple[float, float, float]:
    q1, _, q3 = statistics.quantiles(values, n=4) if len(values) > 1 else (values[0],) * 3
    return q1, statistics.median(values), q3


def table(cases: list[Case], comps: list[Competitor], samples: dict[tuple[str, str], list[float]]) -> list[str]:
    lines = [
        "| competitor | input | " + " | ".join(f"{c.name}: µs/order (IQR) | × anchor" for c in cases) + " |",
        "|---|---|" + "---:|---:|" * len(cases),
    ]
    for comp in comps:
        cells = []
        for case in cases:
            q1, median, q3 = quartiles(samples[case.name, comp.name])
            anchor = statistics.median(samples[case.name, ANCHOR[comp.takes_bytes]])
            cells += [f"{median:,.1f} ({q1:,.1f}–{q3:,.1f})", f"{median / anchor:.2f}"]
        lines.append(f"| {comp.name} | {'bytes' if comp.takes_bytes else 'dict'} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=60, help="timed rounds (default 60)")
    parser.add_argument("--import-rounds", type=int, default=21, help="fresh interpreters per import (default 21)")
    parser.add_argument("--payloads", type=int, default=100, help="distinct 2-line and 10-line orders (default 100)")
    parser.add_argument("--quick", action="store_true", help="25 rounds, 11 import rounds, 60 payloads")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.import_rounds, args.payloads = 25, 11, 60
    large = max(10, args.payloads // 5)
    cases = [
        Case(DOCS, bodies(DOCS, args.payloads)),
        Case("10 lines", corpus(10, args.payloads)),
        Case("100 lines", corpus(100, large)),
    ]
    comps = competitors()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {_cpu()}; pydantic {pydantic.VERSION}, "
        f"jsonschema {_version('jsonschema')}, fastjsonschema {fastjsonschema.VERSION}, orjson {orjson.__version__}"
    )
    print(f"distinct payloads: {args.payloads} / {args.payloads} / {large}; rounds: {args.rounds}\n")
    print("Sanity (a 100-line order, broken one way at a time):\n")
    print("\n".join(sanity(cases, comps)), "\n", sep="")
    started = time.perf_counter()
    samples = measure(cases, comps, args.rounds)
    print(f"Validation, median of {args.rounds} interleaved rounds ({time.perf_counter() - started:.0f} s):\n")
    print("\n".join(table(cases, comps, samples)), "\n", sep="")
    imports = import_times(args.import_rounds)
    print(f"Cold import, fresh interpreter, median of {args.import_rounds} interleaved rounds:\n")
    print("| import | ms (IQR) | × pydantic |\n|---|---:|---:|")
    base = statistics.median(imports["from pydantic import BaseModel"])
    for name, values in imports.items():
        q1, median, q3 = quartiles(values)
        print(f"| {name} | {median:.1f} ({q1:.1f}–{q3:.1f}) | {median / base:.2f} |")
    print("\nTargets (≤ 0.5× the pydantic anchor on the same input):")
    for case in cases:
        for comp in ("validate_order(dict)", "orjson.loads + validate_order"):
            ratio = statistics.median(samples[case.name, comp]) / statistics.median(
                samples[case.name, ANCHOR[comp.startswith("orjson")]]
            )
            print(f"  {case.name:24} {comp:30} {ratio:.2f}×  {'met' if ratio <= TARGET else 'NOT met'}")
    ratio = statistics.median(imports["from mollie_preflight import validate_order"]) / base
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"  {'import':24} {'from … import validate_order':30} {ratio:.2f}×  {verdict}")


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "?")
    except OSError:
        model = platform.processor() or "?"

    return f"{model} × {os.cpu_count()}"


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


if __name__ == "__main__":
    main()
