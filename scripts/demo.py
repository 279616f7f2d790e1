"""The main job on the demo municipality (``make demo``), headless.

1. generate the synthetic municipality (real file formats, labelled synthetic);
2. build and audit the protected release of each year, with the earlier years as ledger;
3. build the layers of the ten policy questions into a QGIS project file;
4. export the ten praatplaten (PDF and PNG), and print where everything is.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from package_path import register


def _town(out: Path, size: str, seed: int) -> Path:
    from ruimtelijke_kijk.demo.generator import generate

    town = out / "gemeente"
    manifest = town / "manifest.json"
    if manifest.is_file():
        known = json.loads(manifest.read_text(encoding="utf-8"))
        if known.get("size") == size and known.get("seed") == seed:
            print(f"demo: municipality already generated in {town}")
            return town
        raise SystemExit(f"{town} holds another demo (size {known.get('size')}, seed "
                         f"{known.get('seed')}); choose another --out or remove it")
    started = time.perf_counter()
    generate(town, size=size, seed=seed)
    print(f"demo: synthetic municipality ({size}, seed {seed}) in {town} "
          f"({time.perf_counter() - started:.0f} s)")
    return town


def _releases(town: Path, out: Path, cache: Path, minutes: float) -> list:
    """Builds each year's release; a release the audit refuses, or that is not done
    within ``minutes``, is left out (and said so): the maps then lack its measures."""
    from ruimtelijke_kijk.analyst.release_files import ReleaseJob, run_release_job
    from ruimtelijke_kijk.privacy.builder import ReleaseRefusedError
    from ruimtelijke_kijk.workspace.source_set import scan_folder

    found = scan_folder(town)
    folder = out / "releases"
    folder.mkdir(parents=True, exist_ok=True)
    ledger: list = []
    for year in sorted(found.cbs_postcode6):
        target = folder / f"release_{year}.gpkg"
        if not target.is_file():
            started = time.perf_counter()
            job = ReleaseJob(town / "registraties" / f"huishoudens_{year}.csv", year,
                             found.cbs_postcode6[year], found.wijkbuurt[year], target,
                             ledger=list(ledger), cache_dir=cache)
            deadline = time.monotonic() + 60 * minutes
            try:
                result = run_release_job(
                    job, is_cancelled=lambda end=deadline: time.monotonic() > end)
            except InterruptedError:
                print(f"demo: release {year} not finished within {minutes:g} min; left out")
                continue
            except ReleaseRefusedError as error:
                result = _without_implicated_ors(job, error, folder, deadline)
                if result is None:
                    continue
            counts = ", ".join(f"{k} {v}" for k, v in sorted(result.suppression.items()))
            print(f"demo: release {year} built and audited in "
                  f"{time.perf_counter() - started:.0f} s ({counts})")
        ledger.append(target)
    return ledger


def _without_implicated_ors(job, error, folder: Path, deadline: float):
    """A refused release is tried again without the OR-combinations of the groups its
    audit pins (what the data analyst would do at such a dead end), and again while the
    allowance lasts, each time also without the newly pinned groups' ORs; it says so."""
    import dataclasses
    import json

    from ruimtelijke_kijk.analyst.release_files import (
        catalogue_without_implicated_ors,
        run_release_job,
    )
    from ruimtelijke_kijk.privacy.builder import ReleaseRefusedError
    from ruimtelijke_kijk.privacy.catalogue import catalogue_from_dict, load_catalogue

    catalogue, left_out = load_catalogue(job.catalogue), []
    while True:
        spec, dropped = catalogue_without_implicated_ors(catalogue, error.audit.findings)
        if not dropped:
            print(f"demo: release {job.year} refused by its audit ({error}); left out")
            return None
        left_out += dropped
        path = folder / f"catalogue_{job.year}.json"
        path.write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"demo: release {job.year} refused by its audit; trying again without the "
              f"OR-combinations {', '.join(left_out)}")
        try:
            return run_release_job(dataclasses.replace(job, catalogue=path),
                                   is_cancelled=lambda: time.monotonic() > deadline)
        except InterruptedError as late:
            print(f"demo: release {job.year} left out ({late})")
            return None
        except ReleaseRefusedError as again:
            error, catalogue = again, catalogue_from_dict(spec)


def _maps(town: Path, releases: list, out: Path, cache: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsProject

    app = QgsApplication([], False)
    app.initQgis()
    try:
        from ruimtelijke_kijk.layers.question_job import export_question_praatplaat, run_question
        from ruimtelijke_kijk.presets.library import builtin_presets
        from ruimtelijke_kijk.shell.translation import install_translator
        from ruimtelijke_kijk.workspace.source_set import scan_folder

        translator = install_translator("nl")
        sources = scan_folder(town)
        for path in releases:
            sources.add(path)
        project = QgsProject.instance()
        project.clear()
        project.setCrs(project.crs().fromEpsgId(28992))
        layers, sheets = out / "lagen", out / "praatplaten"
        layers.mkdir(parents=True, exist_ok=True)
        sheets.mkdir(parents=True, exist_ok=True)
        policy = [p for p in builtin_presets().values() if p.kind == "beleidsvraag"]
        for preset in sorted(policy, key=lambda p: p.to_dict().get("number", 0)):
            started = time.perf_counter()
            job = run_question(project, preset, sources, sources.years(), layers, "nl", cache)
            if job.measure is None:
                print(f"demo: {preset.id}: no measure could be made")
                continue
            number = preset.to_dict().get("number", 0)
            pdf = export_question_praatplaat(project, preset, job,
                                             sheets / f"{number:02d}_{preset.id}.pdf")
            print(f"demo: {number:2d}. {preset.question.nl} → {pdf.name} "
                  f"({time.perf_counter() - started:.1f} s)")
        project_file = out / "ruimtelijke_kijk_demo.qgz"
        project.write(str(project_file))
        print(f"demo: QGIS project with the ten questions: {project_file}")
        print(f"demo: praatplaten (PDF and PNG): {sheets}")
        del translator
        project.clear()
    finally:
        app.exitQgis()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("demo-output"))
    parser.add_argument("--size", default="demo", choices=("small", "demo", "national"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--release-minutes", type=float, default=20.0,
                        help="time allowed for building and auditing one year's release")
    args = parser.parse_args()
    register()
    out = args.out.resolve()
    cache = out / "cache"
    town = _town(out, args.size, args.seed)
    releases = _releases(town, out, cache, args.release_minutes)
    _maps(town, releases, out, cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
