"""Build and audit protected releases from files: registrations, CBS and wijk-buurt.

The data analyst points at the registrations of one year, the CBS postcode-6
file (public household counts, and the polygons that place each postcode in its
buurt) and the wijk-buurt map; earlier releases of the same catalogue form the
ledger that the new year is protected and audited with.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Sequence

import pandas as pd

from ..privacy.builder import BuildResult, build_release
from ..privacy.catalogue import Catalogue
from ..privacy.rules import Parameters
from ..sources.cbs_postcode import read_cbs_postcode
from ..sources.hierarchy import load_hierarchy
from ..sources.registrations import read_registrations

Progress = Callable[[float, str], None]


@dataclass
class ReleaseJob:
    registrations: Path
    year: int
    cbs_postcode6: Path
    wijkbuurt: Path
    output: Path
    threshold: int = 5
    mode: str = "suppression"
    catalogue: Optional[Path] = None
    ledger: Sequence[Path] = ()
    salt: Optional[bytes] = None
    cache_dir: Optional[Path] = None
    row_issues: List[str] = field(default_factory=list)


def cbs_households(path: Path) -> pd.Series:
    """Public CBS households per postcode-6 (rounded to 5; secret ones left out)."""
    cbs = read_cbs_postcode(path, with_geometry=False)
    households = cbs.frame["aantal_part_huishoudens"]
    return households[cbs.status["aantal_part_huishoudens"] == "published"].astype(int)


def run_release_job(job: ReleaseJob, progress: Optional[Progress] = None,
                    is_cancelled: Optional[Callable[[], bool]] = None) -> BuildResult:
    """Reads the files, builds, audits and writes the release; raises if it is refused."""
    registrations = read_registrations(job.registrations, shape="microdata", year=job.year)
    # Row numbers and reasons only: a report line never carries a registered value.
    job.row_issues = [f"{job.registrations.name} row {i.row}, column {i.column}: {i.reason}"
                      for i in registrations.issues]
    frame = registrations.frame
    hierarchy = load_hierarchy(job.cbs_postcode6, job.wijkbuurt, job.cache_dir).frame
    frame = frame[frame["postcode6"].isin(hierarchy.index)]
    return build_release(
        frame,
        job.year,
        hierarchy,
        job.output,
        catalogue=job.catalogue,
        parameters=Parameters(threshold=job.threshold, mode=job.mode),
        cbs_households=cbs_households(job.cbs_postcode6),
        ledger=list(job.ledger),
        salt=job.salt,
        progress=progress,
        is_cancelled=is_cancelled,
    )


PROBLEMS_NL = {"pinned": "vast te stellen", "presence": "aanwezigheid onthuld",
               "undecided": "niet beslist (tijdslimiet)"}


def audit_release_files(releases: Sequence[Path], registrations: Sequence[Path],
                        cbs_postcode6: Path, wijkbuurt: Path,
                        cache_dir: Optional[Path] = None,
                        progress: Optional[Progress] = None,
                        is_cancelled: Optional[Callable[[], bool]] = None) -> dict:
    """Attacks written releases with the raw registrations; the audit result per year."""
    from ..privacy.audit_release import audit_releases

    frames = [read_registrations(path, shape="microdata").frame for path in registrations]
    frame = pd.concat(frames, ignore_index=True)
    hierarchy = load_hierarchy(cbs_postcode6, wijkbuurt, cache_dir).frame
    frame = frame[frame["postcode6"].isin(hierarchy.index)]
    return audit_releases(list(releases), frame, hierarchy, cbs_households(cbs_postcode6),
                          progress, is_cancelled)


def audit_report(results: dict) -> str:
    """The audit in lines a data analyst can read (Dutch / English); never a value."""
    lines = []
    for year, result in sorted(results.items()):
        verdict = ("GESLAAGD / PASSED" if result.passed else "AFGEKEURD / FAILED")
        lines.append(f"Release {year}: {verdict} — {len(result.findings)} bevinding(en) / "
                     f"finding(s), {result.solves} oplossingen / solves, "
                     f"{result.seconds:.1f} s")
        for finding in result.findings:
            lines.append(f"  {finding.level} {finding.area_code} {finding.kind} {finding.name}: "
                         f"{PROBLEMS_NL.get(finding.problem, finding.problem)} / "
                         f"{finding.problem}")
        lines += [f"  note: {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def catalogue_without_implicated_ors(catalogue: Catalogue, findings: Sequence) -> tuple[
        dict, List[str]]:
    """The catalogue minus the OR-combinations of every column group that holds a pinned
    quantity, and their ids. The way out of a dead end where the statuses alone pin a
    value (a complement-suppressed OR beside its primary-suppressed singles): without the
    OR the singles and the maps' scores remain, and the map side names the missing
    combination."""
    dropped: List[str] = []
    for finding in findings:
        stat_id = finding.name.split("[")[0]
        if catalogue[stat_id].kind == "denominator":
            continue
        for member in catalogue.group_of(stat_id).statistics:
            if catalogue[member].kind == "or" and member not in dropped:
                dropped.append(member)
    spec = catalogue.to_json()
    spec["statistics"] = [s for s in spec["statistics"] if s["id"] not in dropped]
    return spec, dropped
