"""The timing loop the body benchmarks share (``mix.py``, ``create_payment.py``; ``compare.py`` its batch).

Every round runs every (body, competitor) batch once, in a fresh random order, with the garbage collector
paused inside a batch and run between batches, so that no competitor is favoured by the machine's drift or
by another's garbage; round 0 warms up and is discarded.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from typing import Any

import orjson

from mollie_preflight._compiled import COMPILED

Run = Callable[[Any], object]

#: Which build of mollie-preflight is timed: each table says so, as the two builds differ about twofold
#: (``MOLLIE_PREFLIGHT_COMPILE=1 pip install -e .`` or ``python setup.py build_ext --inplace`` for compiled).
BUILD = f"mollie-preflight {'compiled (mypyc)' if COMPILED else 'pure Python'}"


def measure(
    inputs: dict[str, list[dict[str, Any]]], competitors: dict[str, tuple[bool, Run]], rounds: int
) -> dict[tuple[str, str], list[float]]:
    """µs per body of every (body, competitor) batch, one sample per round; a competitor that takes bytes
    (``True`` in its pair) gets each body as ``orjson.dumps`` wrote it."""
    blobs = {name: [orjson.dumps(b) for b in items] for name, items in inputs.items()}
    samples: dict[tuple[str, str], list[float]] = {(s, c): [] for s in inputs for c in competitors}
    batches = list(samples)
    rng = random.Random(17)
    for round_no in range(rounds + 1):
        rng.shuffle(batches)
        for shape, comp in batches:
            takes_bytes, run = competitors[comp]
            items: list[Any] = blobs[shape] if takes_bytes else inputs[shape]
            elapsed = time_batch(run, items)
            if round_no:
                samples[shape, comp].append(elapsed)
    return samples


def time_batch(run: Run, items: list[Any]) -> float:
    """µs per item of ``run`` over ``items``, the garbage collector run before and paused during the batch."""
    gc.collect()
    gc.disable()
    start = time.perf_counter_ns()
    for item in items:
        run(item)
    elapsed = time.perf_counter_ns() - start
    gc.enable()
    return elapsed / len(items) / 1000
