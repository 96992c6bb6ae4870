"""Throughput and memory of ``mollie-preflight check`` on a generated export (a script, not a test).

    python benchmarks/cli_throughput.py [--records 100000] [--grow 4] [--repeat 3] [--input jsonl|json]
    python benchmarks/cli_throughput.py --mixed [--records 20000] [--repeat 3]

``--input json`` writes the same orders as one JSON array on one line (what ``json.dump`` writes) instead of
JSON lines; the plain loop then reads it with one ``json.load``.

Measures, on the same file:
- a plain Python loop: ``json.loads`` + ``validate_order`` per line (the floor the CLI is compared with);
- the CLI with ``--jobs 1`` and ``--jobs 2`` (wall time → records/s, overhead over the loop, speed-up; the
  overhead also by CPU time, which others' load on a shared machine disturbs less);
- the CLI's peak memory (max RSS of the largest process, ``--jobs 1`` and ``--jobs 2``) for N and ``grow`` × N
  records.
Targets: overhead ≤ 15 % at ``--jobs 1``, ≥ 1.7× with ``--jobs 2``, memory growth < 20 % for 4× input.

With ``--mixed``, instead: the CLI (``--api auto``, ``--jobs 1`` and ``--jobs 2``) on an Orders-only export
and on a mixed one of the same size, every other record the same order moved to the Payments API
(``migrate_order``), so each record is checked by its own API. Target: the mixed export within 10 % of
the Orders-only one.

With ``--repeat N`` the three timings are taken N times, interleaved (loop, --jobs 1, --jobs 2, loop, ...);
the fastest and the median of each are shown, and the speed-up between both (on a shared machine the
fastest run is the least disturbed one, the median the typical one). The load average is printed before and
after, and the CPU seconds (user + system, all processes) of each CLI run, so that a disturbed run can be
recognised.

``--baseline DIR`` also times ``--jobs 1`` and ``--jobs 2`` of the ``mollie_preflight`` package found in
``DIR`` (put first on ``PYTHONPATH``; e.g. ``git archive REV src/mollie_preflight`` unpacked there),
interleaved with the rest: before and after in one run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import mollie_preflight as mp

TODAY = datetime.date(2026, 11, 22)
#: Runs the CLI and reports its peak RSS, CPU seconds and wall seconds. The wall time is taken here, around
#: the CLI's process alone (its interpreter start-up, imports and exit included): this wrapper's own
#: start-up (~20 ms) is no part of the CLI's time.
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime, wall)\n"
)


def make_order(rng: random.Random, number: int) -> dict[str, Any]:
    """A realistic order with 1–6 lines; about one in ten has a deliberate one-cent VAT mistake."""
    lines = []
    for index in range(rng.randint(1, 6)):
        quantity = rng.randint(1, 4)
        unit = f"{rng.randint(100, 50000) / 100:.2f}"
        total = mp.line_total(unit, quantity)
        rate = rng.choice(["21.00", "9.00", "0.00"])
        vat = mp.vat_amount(total, rate, "EUR")
        lines.append(
            {
                "type": "physical",
                "sku": f"SKU-{number}-{index}",
                "name": f"Article {index}",
                "quantity": quantity,
                "unitPrice": {"currency": "EUR", "value": unit},
                "totalAmount": {"currency": "EUR", "value": f"{total:.2f}"},
                "vatRate": rate,
                "vatAmount": {"currency": "EUR", "value": f"{vat:.2f}"},
            }
        )
    amount = mp.order_amount(lines)
    if rng.random() < 0.1:
        lines[0]["vatAmount"]["value"] = f"{mp.vat_amount(lines[0]['totalAmount']['value'], '21', 'EUR') + 1:.2f}"
    return {
        "amount": {"currency": "EUR", "value": f"{amount:.2f}"},
        "orderNumber": f"BENCH-{number}",
        "locale": "nl_NL",
        "redirectUrl": f"https://shop.example.org/return/{number}",
        "billingAddress": {
            "givenName": "Anna",
            "familyName": "de Vries",
            "email": "anna@example.org",
            "streetAndNumber": "Damrak 1",
            "postalCode": "1012 LG",
            "city": "Amsterdam",
            "country": "NL",
        },
        "lines": lines,
    }


def generate(path: Path, count: int, kind: str = "jsonl", *, mixed: bool = False) -> None:
    """``count`` records from 1,000 templates, as JSON lines or (``kind`` ``json``) the elements of one array on
    one line; ``mixed``: every other template moved to the Payments API."""
    rng = random.Random(42)
    orders = [make_order(rng, n) for n in range(1000)]
    bodies = [mp.migrate_order(order).body if mixed and n % 2 else order for n, order in enumerate(orders)]
    templates = [json.dumps(body) for body in bodies]
    separator, opening, closing = ("\n", "", "\n") if kind == "jsonl" else (", ", "[", "]\n")
    with path.open("w") as file:
        file.write(opening)
        for n in range(count):
            file.write((separator if n else "") + templates[n % len(templates)].replace('"BENCH-', f'"B{n}-', 1))
        file.write(closing)


def plain_loop(path: Path, kind: str = "jsonl") -> tuple[float, float]:
    """Wall and CPU seconds of the plain loop (the CPU time for an overhead that others' load on a shared
    machine disturbs less than the wall time)."""
    start, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as file:
        if kind == "json":
            for order in json.load(file):
                mp.validate_order(order, today=TODAY)
        else:
            for line in file:
                mp.validate_order(json.loads(line), today=TODAY)
    return time.perf_counter() - start, time.process_time() - cpu


def compare_mixed(records: int, repeat: int) -> None:
    """Orders-only against mixed, interleaved, the fastest of each kept."""
    with tempfile.TemporaryDirectory() as tmp:
        orders, mixed = Path(tmp) / "orders.jsonl", Path(tmp) / "mixed.jsonl"
        generate(orders, records)
        generate(mixed, records, mixed=True)
        print(f"load average before: {_load()}")
        runs: dict[tuple[str, int], list[tuple[float, int, float]]] = {}
        for _ in range(max(1, repeat)):
            for jobs in (1, 2):
                for name, path in (("orders", orders), ("mixed", mixed)):
                    runs.setdefault((name, jobs), []).append(cli(path, jobs))
        print(f"load average after:  {_load()}")
        print(f"records: {records:,}, rounds: {max(1, repeat)}")
        for jobs in (1, 2):
            best = {name: min(runs[(name, jobs)])[0] for name in ("orders", "mixed")}
            for name in ("orders", "mixed"):
                seconds = best[name]
                print(
                    f"--jobs {jobs} {name:6}: {seconds:6.2f} s {records / seconds:9,.0f} records/s"
                    f"  (all runs: {_seconds(runs[(name, jobs)])})"
                )
            slower = 100 * (best["mixed"] / best["orders"] - 1)
            print(f"--jobs {jobs} mixed vs orders-only: {slower:+.1f} %  (target ≤ 10 %)")


def cli(path: Path, jobs: int, package: str | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB, the largest process) and CPU seconds (every process) of one CLI run;
    ``package``: a directory holding another ``mollie_preflight`` to run instead of the installed one."""
    script = shutil.which("mollie-preflight", path=os.path.dirname(sys.executable)) or "mollie-preflight"
    command = [script, "check", "--isolated", "--today", TODAY.isoformat(), "--format", "jsonl"]
    # As installed: with bytecode. Where PYTHONDONTWRITEBYTECODE is set (this machine sets it), every CLI process
    # and worker would otherwise compile the package from source on each run, ~0.2 s a process that an
    # installed package never pays; an untimed run on a few records (``main``) writes it first.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    if package:
        env["PYTHONPATH"] = package
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command, "--jobs", str(jobs), str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    rss, cpu, wall = out.stdout.split()
    return float(wall), int(rss), float(cpu)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--grow", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds; the fastest of each is kept")
    parser.add_argument("--mixed", action="store_true", help="compare a mixed Orders/Payments export with Orders-only")
    parser.add_argument("--input", choices=("jsonl", "json"), default="jsonl", help="JSON lines, or one JSON array")
    parser.add_argument("--baseline", help="a directory holding another mollie_preflight package to compare")
    args = parser.parse_args()
    if args.mixed:
        compare_mixed(args.records, args.repeat)
        return
    kind = args.input
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / f"small.{kind}", Path(tmp) / f"large.{kind}"
        generate(small, args.records, kind)
        n = args.records
        warm_up = Path(tmp) / f"warm-up.{kind}"
        generate(warm_up, 10, kind)
        for package in (None, args.baseline) if args.baseline else (None,):
            cli(warm_up, 2, package)  # untimed: writes the bytecode, as an install does
        print(f"load average before: {_load()}")
        runs: dict[str, list[tuple[float, int, float]]] = {}
        loops, loop_cpus = [], []
        for _ in range(max(1, args.repeat)):
            wall, cpu = plain_loop(small, kind)
            loops.append(wall)
            loop_cpus.append(cpu)
            for jobs in (1, 2):
                runs.setdefault(f"--jobs {jobs}", []).append(cli(small, jobs))
                if args.baseline:
                    runs.setdefault(f"baseline --jobs {jobs}", []).append(cli(small, jobs, args.baseline))
        print(f"load average after:  {_load()}")
        loop = min(loops)
        size = small.stat().st_size / 1e6
        print(f"input: {kind}; records: {n:,} ({size:.1f} MB), cores: {os.cpu_count()}, rounds: {len(loops)}")
        print(f"plain loop (json.loads + validate_order): {loop:7.2f} s  {n / loop:9,.0f} records/s")
        print(f"  (all: {_seconds(loops)})")
        for name, timings in runs.items():
            best, median = min(timings), statistics.median(t[0] for t in timings)
            print(
                f"cli {name:20} fastest {best[0]:6.2f} s {n / best[0]:9,.0f} records/s {best[2]:.2f} s CPU; "
                f"median {median:6.2f} s  (all: {_seconds(timings)})"
            )
        for prefix in ("", "baseline ") if args.baseline else ("",):
            ones, twos = runs[f"{prefix}--jobs 1"], runs[f"{prefix}--jobs 2"]
            one, two = min(ones)[0], min(twos)[0]
            medians = statistics.median(t[0] for t in ones) / statistics.median(t[0] for t in twos)
            cpu = 100 * (min(t[2] for t in ones) / min(loop_cpus) - 1)
            print(
                f"{prefix}overhead at --jobs 1: {100 * (one / loop - 1):+.1f} %  (target ≤ 15 %); "
                f"by CPU time (fastest of each): {cpu:+.1f} %"
            )
            print(
                f"{prefix}speed-up --jobs 2 over --jobs 1: {one / two:.2f}× fastest, {medians:.2f}× medians"
                "  (target ≥ 1.7×)"
            )
        if args.grow <= 1:
            return
        generate(large, n * args.grow, kind)
        for jobs in (1, 2):
            rss = min(runs[f"--jobs {jobs}"])[1]
            _, rss_large, _ = cli(large, jobs)
            print(
                f"peak RSS --jobs {jobs}: {rss / 1024:.1f} MiB for {n:,}, {rss_large / 1024:.1f} MiB for "
                f"{n * args.grow:,}: {100 * (rss_large / rss - 1):+.1f} % for {args.grow}× input (target < 20 %)"
            )


def _seconds(runs: list[float] | list[tuple[float, int, float]]) -> str:
    return "/".join(f"{run if isinstance(run, float) else run[0]:.2f}" for run in runs)


if __name__ == "__main__":
    main()
