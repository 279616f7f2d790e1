"""The main job on the demo municipality (``make demo``).

Generates the synthetic municipality and runs every step that exists on it,
headless, printing where the results are.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from package_path import register


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("demo-output"))
    parser.add_argument("--size", default="demo", choices=("small", "demo", "national"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    register()
    from ruimtelijke_kijk.demo.generator import generate

    town = args.out.resolve() / "gemeente"
    started = time.perf_counter()
    generate(town, size=args.size, seed=args.seed)
    print(f"demo: synthetic municipality ({args.size}, seed {args.seed}) in {town} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
