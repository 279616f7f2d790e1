"""Benchmark: build + audit time and peak memory of a protected release.

Usage: python3 bench/bench_privacy.py [--postcodes 20000] [--mean 23.5] [--years 3]
                                      [--minutes 15] [--mode suppression cellkey] [--out DIR]
Runs from the repository root (the plugin folder); needs no QGIS. The defaults are a
municipality of Amsterdam's size (20,000 populated postcodes, about 470,000 households,
12 statistics, three years with the ledger), in both modes. Prints the build's progress
with elapsed seconds as it goes (where the time goes), then one JSON line per year with
timings (counting, protection + audit), cells per status, solves, repair rounds and peak
RSS. A year not done within ``--minutes`` is stopped and reported as such, and ends the
mode's run.
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
    parser.add_argument("--postcodes", type=int, default=20_000)
    parser.add_argument("--mean", type=float, default=23.5)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--minutes", type=float, default=15.0,
                        help="time allowed for one year's build and audit")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mode", nargs="+", choices=("suppression", "cellkey"),
                        default=["suppression", "cellkey"])
    parser.add_argument("--out", type=Path, default=Path("/tmp/rk-bench"))
    args = parser.parse_args()
    print(json.dumps({"machine": machine()}))
    for mode in args.mode:
        _years(args, mode)


def _years(args: argparse.Namespace, mode: str) -> None:
    """Each year's release in one mode, with the earlier years as its ledger. Peak RSS is
    the process's so far (a later mode reports at least an earlier one's)."""
    out = args.out / mode
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    mun = municipality(args.postcodes, seed=args.seed, mean=args.mean)
    print(json.dumps({"mode": mode, "generated_seconds": round(time.perf_counter() - start, 1)}),
          flush=True)
    ledger: list[Path] = []
    for k in range(args.years):
        start = time.perf_counter()
        path = out / f"release_{2024 + k}.gpkg"
        path.unlink(missing_ok=True)
        line = {"year": 2024 + k, "mode": mode, "postcodes": args.postcodes,
                "households": len(mun.households), "ledger": len(ledger)}
        try:
            res = build_release(mun.households, 2024 + k, mun.hierarchy, path,
                                catalogue=CATALOGUE_12, cbs_households=mun.cbs, ledger=ledger,
                                parameters=Parameters(mode=mode),
                                salt=b"bench-only secret" if mode == "cellkey" else None,
                                progress=_progress(start),
                                is_cancelled=lambda end=start + 60 * args.minutes:
                                time.perf_counter() > end)
            audit, outcome = res.audit, "written"
            line.update(timings={k2: round(v, 2) for k2, v in res.timings.items()},
                        rounds=res.rounds, cells=res.suppression)
        except ReleaseRefusedError as exc:
            audit, outcome = exc.audit, "refused"
        except InterruptedError:
            audit, outcome = None, f"not finished within {args.minutes:g} min"
        line.update(outcome=outcome, seconds=round(time.perf_counter() - start, 2))
        if audit is not None:
            line.update(audit_seconds_last_round=round(audit.seconds, 2),
                        solves_last_round=audit.solves, components=audit.components,
                        largest_component_nodes=audit.largest_component,
                        checked=audit.checked)
        line["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        # The audit's forked workers (the largest one; they share the build's pages until
        # they write to them, so this overstates what they add).
        line["peak_rss_worker_mb"] = round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        print(json.dumps(line), flush=True)
        if outcome == "written":
            ledger.append(path)
        elif audit is None:
            return  # the next years would start from the same place without their ledger
        mun = next_year(mun, seed=k + 1)
        mun.households["jaar"] = 2024 + k + 1


def _progress(start: float):
    """Prints each new stage of the build with the seconds since the year began."""
    last = [""]

    def report(fraction: float, message: str) -> None:
        stage = message.split(":")[0]
        if stage != last[0] or stage == "audit":
            last[0] = stage
            print(f"  [{time.perf_counter() - start:7.1f} s] {message}", flush=True)
    return report


if __name__ == "__main__":
    main()
