"""The sources the map side works with, found in folders or added one by one.

Raw registrations are never part of a source set: only the release builder
reads them. A registrations file that turns up in a scanned folder is listed as
skipped, with the reason, and nothing of it is read beyond its header.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..privacy.release_io import METADATA_TABLE, read_release
from ..sources import detect
from ..sources.errors import SourceError
from ..sources.file_names import year_from_name
from ..sources.geopackage import connect_readonly

RELEASE = "release"
SCANNED_SUFFIXES = {".gpkg", ".shp", ".csv", ".xlsx", ".geojson", ".json"}


def is_release(path: Path) -> bool:
    if path.suffix.lower() != ".gpkg":
        return False
    try:
        with closing(connect_readonly(path)) as con:
            found = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                (METADATA_TABLE,),
            ).fetchone()
    except sqlite3.Error:
        return False
    return found is not None


@dataclass
class SourceSet:
    cbs_postcode6: Dict[int, Path] = field(default_factory=dict)
    cbs_postcode4: Dict[int, Path] = field(default_factory=dict)
    wijkbuurt: Dict[int, Path] = field(default_factory=dict)
    releases: Dict[int, Path] = field(default_factory=dict)
    points: List[Path] = field(default_factory=list)
    leefbaarometer: Dict[int, List[Path]] = field(default_factory=dict)
    grid: Optional[Path] = None
    skipped: List[Tuple[Path, str]] = field(default_factory=list)

    def years(self) -> List[int]:
        """Years with municipal data if there are any releases, else CBS years."""
        return sorted(self.releases or self.cbs_postcode6)

    def add(self, path: Path) -> str:
        """Adds one file; returns the kind it was taken as (or ``unknown``/``registrations``)."""
        path = Path(path)
        if is_release(path):
            release = read_release(path)  # verifies the checksum before anything is used
            self.releases[release.year] = path
            return RELEASE
        try:
            kind = _kind(path)
        except SourceError as error:
            self.skipped.append((path, str(error)))
            return detect.UNKNOWN
        year = year_from_name(path)
        if kind == detect.REGISTRATIONS:
            self.skipped.append((path, "raw registrations: only the release builder reads them"))
        elif kind in (detect.CBS_POSTCODE6, detect.CBS_POSTCODE4, detect.WIJKBUURT) and year:
            target = {detect.CBS_POSTCODE6: self.cbs_postcode6,
                      detect.CBS_POSTCODE4: self.cbs_postcode4,
                      detect.WIJKBUURT: self.wijkbuurt}[kind]
            target[year] = path
        elif kind == detect.POINTS:
            self.points.append(path)
        elif kind == detect.LEEFBAAROMETER and year:
            self.leefbaarometer.setdefault(year, []).append(path)
        elif kind == detect.GRID:
            self.grid = path
        else:
            self.skipped.append((path, f"not a source this plugin reads ({kind})"))
        return kind

    def nearest(self, by_year: Dict[int, object], year: int) -> Tuple[Optional[int], object]:
        """The entry for ``year``, else the latest earlier one, else the earliest later one."""
        if not by_year:
            return None, None
        if year in by_year:
            return year, by_year[year]
        earlier = [y for y in by_year if y < year]
        chosen = max(earlier) if earlier else min(by_year)
        return chosen, by_year[chosen]


def _kind(path: Path) -> str:
    """The source kind; tables are judged by their header row alone, so that a
    registrations file met on the map side is never read."""
    if path.suffix.lower() == ".csv":
        with open(path, "rb") as handle:
            header = handle.readline(65536).decode("utf-8-sig", errors="replace")
        separator = ";" if header.count(";") > header.count(",") else ","
        return detect._tabular_kind([c.strip().strip('"') for c in header.split(separator)])
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True).worksheets[0]
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        return detect._tabular_kind([str(c) for c in first if c is not None])
    return detect.detect_source_kind(path)


def scan_folder(folder: Path) -> SourceSet:
    """Every source in ``folder`` and its subfolders, in a stable order."""
    found = SourceSet()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and path.suffix.lower() in SCANNED_SUFFIXES \
                and not path.name.startswith("."):
            found.add(path)
    return found
