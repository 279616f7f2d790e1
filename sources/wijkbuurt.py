"""Reader for the CBS wijk- en buurtkaart: gemeenten, wijken and buurten with codes and names.

Reads the GeoPackages from 2021 on (layers ``gemeenten``, ``wijken``,
``buurten``, snake_case) and the older shapefiles (``BU_CODE``, ``WK_CODE``,
``GM_CODE``, ``IND_WBI``, ``WATER`` …). Water areas are left out; codes, names
and the boundary-change indicator are kept; statistics get a status like every
other CBS number.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Union

import geopandas as gpd
import pandas as pd

from .aliases import WIJKBUURT_ALIASES
from .cbs_columns import decode_columns
from .errors import SourceError, require_file
from .file_names import year_from_name
from .vector_io import empty_check, has_geometry, list_layers, read_vector, to_rd_new

LEVELS = {"gemeenten": "gemeentecode", "wijken": "wijkcode", "buurten": "buurtcode"}
#: Identifying fields: kept as they are, never read as statistics.
IDENTIFIERS = (
    "gemeentecode", "gemeentenaam", "wijkcode", "wijknaam", "buurtcode", "buurtnaam",
    "water", "jaar", "jaar_statcode", "indelingswijziging_wijken_en_buurten",
    "meest_voorkomende_postcode",
)  # fmt: skip


@dataclass
class WijkBuurtResult:
    """One level of the wijk- en buurtkaart, without water areas."""

    frame: gpd.GeoDataFrame  # index: the level's code; codes, names, statistics; EPSG:28992
    status: pd.DataFrame  # Status per statistic cell
    level: str  # gemeenten, wijken or buurten
    year: Optional[int]
    path: Path
    water_removed: int = 0
    unknown_fields: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)


def read_wijkbuurt(
    path: Union[str, Path],
    level: str = "buurten",
    *,
    layer: Optional[str] = None,
    year: Optional[int] = None,
) -> WijkBuurtResult:
    """Read one level (``gemeenten``, ``wijken`` or ``buurten``) of a wijk- en buurtkaart."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {tuple(LEVELS)}, not {level!r}")
    p = require_file(path)
    warnings: List[str] = []
    if layer is None and (p.suffix.lower() == ".gpkg"):
        layers = list_layers(p)
        layer = level if level in layers else None
    raw = read_vector(p, layer=layer)
    empty_check(raw, p)
    mapping, unknown = WIJKBUURT_ALIASES.rename([c for c in raw.columns if c != "geometry"])
    frame = raw.rename(columns=mapping)
    key = LEVELS[level]
    if key not in frame.columns:
        raise SourceError(p, f"kolom met de {key} ontbreekt (is dit wel de laag {level}?).",
                          f"the {key} column is missing (is this the {level} layer?).", column=key)
    frame = _fill_parent_codes(frame)
    removed = 0
    if "water" in frame.columns:
        land = frame["water"].astype("string").str.strip().str.upper().fillna("NEE") == "NEE"
        removed = int((~land).sum())
        frame = frame.loc[land.to_numpy()]
    frame = frame.set_index(frame[key].astype(str).str.strip().rename(key)).drop(columns=[key])
    if frame.index.duplicated().any():
        warnings.append(f"dubbele {key}s / duplicate {key}s: "
                        + ", ".join(frame.index[frame.index.duplicated()].unique()[:5]))
    if has_geometry(frame):
        frame = to_rd_new(frame, p, warnings)
    else:
        warnings.append("bestand bevat geen geometrie / file holds no geometry")
    known = [c for c in frame.columns if c not in unknown and c not in IDENTIFIERS]
    values, status = decode_columns(frame, p, warnings, keep=IDENTIFIERS, numeric=known)
    year = year if year is not None else _year(values, p)
    return WijkBuurtResult(values, status, level, year, p, removed, unknown, warnings)


def _fill_parent_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """Wijk- and gemeentecode follow from the buurtcode (BU03630001 → WK036300, GM0363)."""
    frame = frame.copy()
    if "buurtcode" in frame.columns and "wijkcode" not in frame.columns:
        frame["wijkcode"] = "WK" + frame["buurtcode"].astype(str).str[2:8]
    source = "buurtcode" if "buurtcode" in frame.columns else "wijkcode"
    if source in frame.columns and "gemeentecode" not in frame.columns:
        frame["gemeentecode"] = "GM" + frame[source].astype(str).str[2:6]
    return frame


def _year(frame: pd.DataFrame, path: Path) -> Optional[int]:
    if "jaar" in frame.columns:
        years = pd.to_numeric(frame["jaar"], errors="coerce").dropna().unique()
        if len(years) == 1:
            return int(years[0])
    return year_from_name(path)
