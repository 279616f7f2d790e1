"""Generate the synthetic demo municipality: ``python3 scripts/generate_demo.py --size demo``.

The repository root is the plugin folder; it is registered as the package
``ruimtelijke_kijk`` here the same way ``tests/conftest.py`` does, so this works
from a plain checkout without installing anything.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _register_package() -> None:
    if "ruimtelijke_kijk" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "ruimtelijke_kijk", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["ruimtelijke_kijk"] = module
    spec.loader.exec_module(module)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic municipality.")
    parser.add_argument("--size", choices=("small", "demo", "national"), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "demo")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    _register_package()
    from ruimtelijke_kijk.demo.generator import generate

    start = time.perf_counter()

    def progress(percent: float, message: str) -> None:
        if not args.quiet:
            print(f"\r{percent:5.1f} %  {message:<40}", end="", file=sys.stderr, flush=True)

    manifest = generate(args.out, size=args.size, seed=args.seed, progress=progress)
    if not args.quiet:
        print(file=sys.stderr)
    households = manifest.counts[str(manifest.years[-1])]["households"]
    print(f"{args.out}: {manifest.counts['postcodes']['postcode6']} postcodes, "
          f"{households} households ({manifest.years[-1]}), {len(manifest.files)} files, "
          f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
