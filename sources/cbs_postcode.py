"""Reader for CBS "Statistische gegevens per postcode" (postcode-6 and postcode-4), 2015–2024.

Reads the 2019+ GeoPackages (snake_case), the 2015–2018 shapefiles (UPPERCASE)
and PDOK WFS features (camelCase) into one canonical shape: the postcode as
index, every CBS number as float with NaN where CBS did not publish it, and a
parallel frame that says why (a ``Status`` value per cell).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Union

import geopandas as gpd
import pandas as pd

from .aliases import POSTCODE_ALIASES
from .cbs_columns import decode_columns
from .errors import SourceError, require_file
from .file_names import level_from_name, version_from_name, year_from_name
from .postcodes import is_postcode4, normalise_postcode4, normalise_postcodes, postcode6_problems
from .special_values import all_later_version
from .tabular import read_table
from .vector_io import empty_check, has_geometry, list_layers, read_vector, to_rd_new

LEVELS = ("postcode6", "postcode4")
TABLES = (".xlsx", ".csv")


@dataclass
class CbsPostcodeResult:
    """One CBS postcode file, read: values, their status, and what was learned on the way."""

    frame: gpd.GeoDataFrame  # index: postcode; canonical columns; numbers as float
    status: pd.DataFrame  # same index and columns (without geometry): Status values
    year: Optional[int]
    version: Optional[str]  # v1, v2, v3, vol
    level: str  # postcode6 or postcode4
    path: Path
    later_version_columns: List[str] = field(default_factory=list)
    unknown_fields: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    renamed: Dict[str, str] = field(default_factory=dict)  # original → canonical


def read_cbs_postcode(
    path: Union[str, Path],
    *,
    layer: Optional[str] = None,
    year: Optional[int] = None,
    version: Optional[str] = None,
    level: Optional[str] = None,
    with_geometry: bool = True,
) -> CbsPostcodeResult:
    """Read a CBS postcode-6 or postcode-4 file (GeoPackage, shapefile, GeoJSON, or XLSX/CSV).

    The XLSX/CSV tables CBS ships beside some years have no geometry; their
    ``.`` and empty cells are "not available".

    ``year``, ``version`` and ``level`` override what the file name says.
    Raises ``SourceError`` when the file cannot be read, has no postcode key,
    or holds text where CBS writes numbers.
    """
    p = require_file(path)
    warnings: List[str] = []
    level = level or level_from_name(p)
    if level is not None and level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    if p.suffix.lower() in TABLES:
        raw = gpd.GeoDataFrame(read_table(p, sheet=layer).frame.reset_index(drop=True))
        with_geometry = False
    else:
        raw = read_vector(p, layer=layer or default_layer(p, level), with_geometry=with_geometry)
    empty_check(raw, p)
    mapping, unknown = POSTCODE_ALIASES.rename([c for c in raw.columns if c != "geometry"])
    raw.columns = [mapping.get(c, c) for c in raw.columns]  # in place: no copy of a big file
    level, key = detect_key(raw, level, p)
    frame = index_by_postcode(raw, key, level, p, warnings)
    if with_geometry:
        if has_geometry(frame):
            frame = to_rd_new(frame, p, warnings)
        else:
            warnings.append("bestand bevat geen geometrie / file holds no geometry")
    known = [c for c in frame.columns if c not in unknown and c not in ("geometry", key)]
    values, status = decode_columns(frame, p, warnings, numeric=known, skip=[key])
    later = [c for c in status.columns if all_later_version(status[c])]
    for column in later:
        warnings.append(f"kolom '{column}' komt in een latere versie / "
                        f"column '{column}' is published in a later version")
    year = year if year is not None else year_from_name(p)
    version = (version or version_from_name(p) or "").lower() or None
    if year is None:
        warnings.append("peiljaar onbekend / reference year unknown")
    return CbsPostcodeResult(values, status, year, version, level, p, later,
                             [u for u in unknown if u != key], warnings, mapping)


def default_layer(path: Path, level: Optional[str]) -> Optional[str]:
    if path.suffix.lower() != ".gpkg":
        return None
    layers = list_layers(path)
    for name in ([level] if level else []) + list(LEVELS):
        if name in layers:
            return name
    return None


def detect_key(frame: pd.DataFrame, level: Optional[str], path: Path):
    """``(level, key column)``; postcode-4 files use ``postcode4`` or ``postcode``."""
    for candidate in LEVELS:
        if candidate in frame.columns and level in (None, candidate):
            return candidate, candidate
    if "postcode" in frame.columns:
        sample = normalise_postcodes(frame["postcode"].dropna().astype(str).head(200))
        guessed = "postcode4" if sample.str.len().eq(4).mean() > 0.5 else "postcode6"
        return level or guessed, "postcode"
    raise SourceError(
        path, "geen postcodekolom gevonden (postcode6, postcode4, postcode, PC6 of PC4).",
        "no postcode key column found (postcode6, postcode4, postcode, PC6 or PC4).",
        column=level or "postcode6",
    )


def index_by_postcode(frame, key: str, level: str, path: Path, warnings: List[str]):
    """The frame indexed by its normalised postcodes (the key column stays, for callers to skip).

    Rows without a valid postcode are left out, duplicates after the first too,
    each with a warning.
    """
    if level == "postcode6":
        codes = normalise_postcodes(frame[key])
        bad = postcode6_problems(codes).notna()
    else:
        codes = normalise_postcode4(frame[key])
        bad = ~is_postcode4(codes)
    if bad.all():
        raise SourceError(path, f"geen enkele geldige {level} in de sleutelkolom.",
                          f"not a single valid {level} in the key column.", column=key)
    if bad.any():
        warnings.append(f"{int(bad.sum())} rijen zonder geldige postcode overgeslagen / "
                        f"{int(bad.sum())} rows without a valid postcode skipped")
    if bad.any():  # slicing copies every column: only when rows must go
        frame = frame.loc[~bad.to_numpy()]
    frame.index = pd.Index(codes[~bad].to_numpy(dtype=object), name=level)
    duplicated = frame.index.duplicated()
    if duplicated.any():
        warnings.append(f"{int(duplicated.sum())} dubbele postcodes, eerste behouden / "
                        f"{int(duplicated.sum())} duplicate postcodes, first kept")
        frame = frame.loc[~duplicated]
    return frame



def read_postcode_areas(path: Union[str, Path], *, layer: Optional[str] = None) -> gpd.GeoSeries:
    """The postcode-6 polygons only; see ``postcode_geometry.read_postcode_areas``."""
    from .postcode_geometry import read_postcode_areas as read_areas

    return read_areas(path, layer=layer)
