"""cProfile of ``validate_order`` on the benchmark's 10- and 100-line orders (the basis of PROFILE.md).

python benchmarks/profile_validate.py [--lines 10 100] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

from orders import corpus

from mollie_preflight import validate_order


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for count in args.lines:
        orders = corpus(count, max(10, 1000 // count))
        for order in orders:  # warm caches and lazy imports outside the profile
            validate_order(order)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            for order in orders:
                validate_order(order)
        profiler.disable()
        calls = args.repeat * len(orders)
        print(f"\n=== {count} lines: {calls} validate_order calls ===")
        stats = pstats.Stats(profiler).strip_dirs().sort_stats("tottime")
        stats.print_stats(args.top)


if __name__ == "__main__":
    main()
