"""Benchmark: the protected releases of a generated demo town, three years with the ledger.

Usage: python3 bench/bench_release_town.py [--size small] [--seed 1] [--out DIR]
Generates the town (or reuses DIR), then builds and audits each year's release the way
the data analyst does (``analyst.release_files.run_release_job``, the default catalogue of
25 statistics, CBS household counts from the town's CBS file) and prints one JSON line per
year: outcome, seconds, repair rounds, peak memory, suppression counts by reason and the
utility (share of postcode-6 x statistic cells with a true value >= 10 published
unaltered; the household count excluded, it is always published).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from package_path import register  # noqa: E402

register()

from bench_privacy import machine  # noqa: E402

from ruimtelijke_kijk.analyst.release_files import ReleaseJob, run_release_job  # noqa: E402
from ruimtelijke_kijk.demo.generator import generate  # noqa: E402
from ruimtelijke_kijk.privacy.builder import ReleaseRefusedError  # noqa: E402
from ruimtelijke_kijk.privacy.catalogue import load_catalogue  # noqa: E402
from ruimtelijke_kijk.privacy.tables import true_table  # noqa: E402
from ruimtelijke_kijk.sources.hierarchy import load_hierarchy  # noqa: E402
from ruimtelijke_kijk.sources.registrations import read_registrations  # noqa: E402


def cbs_postcode6(town: Path, year: int) -> Path:
    """The town's CBS postcode-6 file of the year (the latest year is a first version,
    ``_v1``, the others final, ``_vol``)."""
    return sorted((town / "cbs").glob(f"cbs_pc6_{year}_v*.gpkg"))[-1]  # "vol" after "v1"


def utility(town: Path, year: int, release, cache: Path) -> float:
    regs = read_registrations(town / "registraties" / f"huishoudens_{year}.csv",
                              shape="microdata", year=year).frame
    hier = load_hierarchy(cbs_postcode6(town, year),
                          town / "wijkbuurt" / f"wijkenbuurten_{year}.gpkg", cache).frame
    cat = load_catalogue(None)
    table = true_table(regs[regs["postcode6"].isin(hier.index)], cat, hier)
    wide = release.values("postcode6").reindex(table.areas.postcodes)
    shown = total = 0
    for j, stat in enumerate(cat.ids):
        if stat == cat.denominator.id:
            continue
        big = table.values["postcode6"][:, j] >= 10
        shown += int(((wide[f"{stat}__status"].to_numpy() == "published") & big).sum())
        total += int(big.sum())
    return shown / total if total else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/rk-bench-town"))
    args = parser.parse_args()
    town = args.out / "gemeente"
    if not (town / "manifest.json").exists():
        generate(town, size=args.size, seed=args.seed)
    cache = args.out / "cache"
    print(json.dumps({"machine": machine(), "size": args.size, "seed": args.seed}))
    ledger: list[Path] = []
    for year in sorted(int(p.stem.split("_")[-1])
                       for p in (town / "registraties").glob("huishoudens_*.csv")):
        target = args.out / f"release_{year}.gpkg"
        job = ReleaseJob(town / "registraties" / f"huishoudens_{year}.csv", year,
                         cbs_postcode6(town, year),
                         town / "wijkbuurt" / f"wijkenbuurten_{year}.gpkg", target,
                         ledger=list(ledger), cache_dir=cache)
        start = time.perf_counter()
        try:
            result = run_release_job(job)
            line = {"outcome": "written", "rounds": result.rounds,
                    "suppression": result.suppression,
                    "utility": round(utility(town, year, result.release, cache), 3),
                    "audit_notes": result.audit.notes}
            ledger.append(target)
        except ReleaseRefusedError as error:
            line = {"outcome": "refused", "findings": len(error.audit.findings)}
        line.update({"year": year, "seconds": round(time.perf_counter() - start, 1),
                     "peak_rss_mb": round(resource.getrusage(
                         resource.RUSAGE_SELF).ru_maxrss / 1024)})
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
