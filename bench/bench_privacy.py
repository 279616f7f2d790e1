"""Benchmark: build + audit time and peak memory of a protected release.

Usage: python3 bench/bench_privacy.py [--postcodes N] [--mean 17] [--years 3]
                                      [--mode suppression|cellkey] [--out DIR]
Runs from the repository root (the plugin folder); needs no QGIS. Prints one JSON line
per year with timings (counting, protection + audit), solves, repair rounds and peak RSS.
The default catalogue here has 12 statistics (two OR-combinations).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))
if "ruimtelijke_kijk" not in sys.modules:
    spec = importlib.util.spec_from_file_location(
        "ruimtelijke_kijk", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["ruimtelijke_kijk"] = module
    spec.loader.exec_module(module)

from privacy_helpers import municipality, next_year  # noqa: E402

from ruimtelijke_kijk.privacy.builder import ReleaseRefusedError, build_release  # noqa: E402
from ruimtelijke_kijk.privacy.rules import Parameters  # noqa: E402

CATALOGUE_12 = {"name": "bench-12", "statistics": [
    {"id": "huishoudens", "kind": "denominator"},
    {"id": "budgetbeheer", "kind": "single", "column": "budgetbeheer"},
    {"id": "schuldhulp_aanmelding", "kind": "single", "column": "schuldhulp_aanmelding"},
    {"id": "huurachterstand", "kind": "single", "column": "huurachterstand"},
    {"id": "schulden", "kind": "or",
     "columns": ["budgetbeheer", "schuldhulp_aanmelding", "huurachterstand"]},
    {"id": "laag_inkomen", "kind": "single", "column": "laag_inkomen"},
    {"id": "uitkering_onder_aow", "kind": "single", "column": "uitkering_onder_aow"},
    {"id": "minimaregeling", "kind": "single", "column": "minimaregeling"},
    {"id": "financieel_kwetsbaar", "kind": "or",
     "columns": ["laag_inkomen", "uitkering_onder_aow", "minimaregeling"]},
    {"id": "jeugdhulp", "kind": "single", "column": "jeugdhulp"},
    {"id": "wmo_toegekend", "kind": "single", "column": "wmo_toegekend"},
    {"id": "personen_75_plus", "kind": "single", "column": "personen_75_plus"},
]}


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        ram_gb = round(int(mem) / 1024**2, 1)
    except OSError:
        ram_gb = None
    return {"nproc": os.cpu_count(), "ram_gb": ram_gb, "cpu": cpu,
            "python": platform.python_version()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postcodes", type=int, default=200)
    parser.add_argument("--mean", type=float, default=17.0)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mode", choices=("suppression", "cellkey"), default="suppression")
    parser.add_argument("--out", type=Path, default=Path("/tmp/rk-bench"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(json.dumps({"machine": machine()}))
    mun = municipality(args.postcodes, seed=args.seed, mean=args.mean)
    ledger: list[Path] = []
    for k in range(args.years):
        start = time.perf_counter()
        path = args.out / f"release_{2024 + k}.gpkg"
        try:
            res = build_release(mun.households, 2024 + k, mun.hierarchy, path,
                                catalogue=CATALOGUE_12, cbs_households=mun.cbs, ledger=ledger,
                                parameters=Parameters(mode=args.mode),
                                salt=b"bench-only secret" if args.mode == "cellkey" else None)
            audit, outcome = res.audit, "written"
            timings, rounds = res.timings, res.rounds
        except ReleaseRefusedError as exc:
            audit, outcome, timings, rounds = exc.audit, "refused", {}, None
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({
            "year": 2024 + k, "mode": args.mode, "postcodes": args.postcodes,
            "households": len(mun.households),
            "outcome": outcome, "seconds": round(time.perf_counter() - start, 2),
            "timings": {k2: round(v, 2) for k2, v in timings.items()}, "rounds": rounds,
            "audit_seconds_last_round": round(audit.seconds, 2), "solves_last_round":
            audit.solves, "components": audit.components,
            "largest_component_nodes": audit.largest_component, "checked": audit.checked,
            "peak_rss_mb": round(peak_mb)}), flush=True)
        if outcome == "written":
            ledger.append(path)
        mun = next_year(mun, seed=k + 1)
        mun.households["jaar"] = 2024 + k + 1


if __name__ == "__main__":
    main()
