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
