"""What a recipe runs on: a protected release, CBS postcode-6 values, points, Leefbaarometer.

Municipal numbers enter only as a ``privacy.release_io.Release`` (what ``read_release``
returns after verifying the checksum); there is no field for registrations, so the engine
has no code path that could read them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from ..privacy.release_io import Release
from ..sources.spatial import representative_xy
from ..sources.special_values import decode_numeric
from .status import Status


@dataclass
class CbsTable:
    """CBS postcode-6 values (index postcode6) and a parallel status frame.

    ``status`` may be None for a plain frame: it is then derived from the values (CBS
    special codes and NaN are not published).
    """

    values: pd.DataFrame
    status: Optional[pd.DataFrame] = None
    year: Optional[int] = None
    file: Optional[str] = None

    @classmethod
    def from_result(cls, result: Any) -> "CbsTable":
        """From ``sources.cbs_postcode.read_cbs_postcode``'s result."""
        return cls(result.frame, result.status, result.year, Path(result.path).name)

    def column(self, name: str) -> Tuple[pd.Series, pd.Series]:
        values = self.values[name]
        if self.status is not None and name in self.status.columns:
            return values, self.status[name].astype(object)
        if pd.api.types.is_numeric_dtype(values):
            return decode_numeric(values)
        status = values.notna().map({True: Status.PUBLISHED.value,
                                     False: Status.CBS_NOT_AVAILABLE.value})
        return values, status.astype(object)

    def where(self) -> str:
        name = self.file or "CBS postcode-6"
        return f"{name} ({self.year})" if self.year else name


@dataclass
class LeefbaarometerTable:
    """Leefbaarometer classes per postcode-6 (``sources.leefbaarometer.assign_to_postcode6``)."""

    values: pd.DataFrame
    year: Optional[int] = None
    file: Optional[str] = None


@dataclass
class RecipeInputs:
    release: Optional[Release] = None
    cbs: Optional[CbsTable] = None
    points: Optional[Any] = None  # GeoDataFrame EPSG:28992 with a 'soort' column
    points_file: Optional[str] = None
    leefbaarometer: Optional[LeefbaarometerTable] = None
    postcodes: Optional[Any] = None  # GeoSeries/GeoDataFrame of postcode-6 areas (index pc6)
    postcode_xy: Optional[pd.DataFrame] = None  # or precomputed columns x, y (RD New)
    _cache: Dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.release is not None and not isinstance(self.release, Release):
            # One gate: municipal numbers only as a verified release object.
            raise TypeError("release must be a privacy.release_io.Release (use read_release)")

    def release_wide(self) -> pd.DataFrame:
        """The release's postcode-6 table, read once per inputs (it is large nationally)."""
        if "release" not in self._cache:
            wide = self.release.values("postcode6")
            wide.index = _pc6_index(wide.index)
            self._cache["release"] = wide
        return self._cache["release"]

    def universe(self) -> pd.Index:
        """The postcode-6 areas to compute for: the geometry's, else every source's."""
        if self.postcodes is not None:
            return _pc6_index(self.postcodes.index)
        parts: List[pd.Index] = []
        if self.cbs is not None:
            parts.append(self.cbs.values.index)
        if self.release is not None:
            parts.append(self.release_wide().index)
        if self.leefbaarometer is not None:
            parts.append(self.leefbaarometer.values.index)
        if self.postcode_xy is not None:
            parts.append(self.postcode_xy.index)
        if not parts:
            return pd.Index([], name="postcode6", dtype=object)
        index = _pc6_index(parts[0])
        for part in parts[1:]:
            part = _pc6_index(part)
            if not index.equals(part):
                index = index.union(part)
        return index

    def xy(self) -> Optional[pd.DataFrame]:
        """Representative points (x, y in RD New) per postcode, on the geometry's own index."""
        if "xy" not in self._cache:
            self._cache["xy"] = self._compute_xy()
        return self._cache["xy"]

    def _compute_xy(self) -> Optional[pd.DataFrame]:
        if self.postcode_xy is not None:
            return self.postcode_xy[["x", "y"]].astype(float)
        geoms = self.postcodes
        if geoms is None and self.cbs is not None and "geometry" in self.cbs.values.columns:
            geoms = self.cbs.values.geometry
        if geoms is None:
            return None
        series = getattr(geoms, "geometry", geoms)
        x, y = representative_xy(series.values)
        return pd.DataFrame({"x": x, "y": y}, index=_pc6_index(series.index))


def _pc6_index(index: pd.Index) -> pd.Index:
    return pd.Index(index.astype(str), name="postcode6")


def release_info(release: Release) -> Dict[str, Any]:
    """What identifies a release in a measure's metadata (no values)."""
    meta = release.metadata
    return {
        "year": release.year,
        "checksum": meta.get("checksum"),
        "input_fingerprint": meta.get("input_fingerprint"),
        "file": None if release.path is None else Path(release.path).name,
    }


def release_entries(release: Release) -> List[Dict[str, Any]]:
    catalogue = release.metadata.get("catalogue") or {}
    entries = catalogue.get("statistics") if isinstance(catalogue, dict) else catalogue
    return list(entries or [])


def _terms(columns: List[str]) -> frozenset:
    return frozenset(frozenset(str(c).split("&")) for c in columns)


def find_statistic(release: Release, kind: str, columns: List[str]) -> Optional[str]:
    """The id of the release statistic counting households with one or more of ``columns``
    (``a&b`` is one household characteristic), or None when the release lacks it."""
    wanted = _terms(columns)
    for entry in release_entries(release):
        if entry.get("kind") != kind:
            continue
        have = [entry["column"]] if kind == "single" else entry.get("columns", [])
        if _terms(have) == wanted:
            return entry["id"]
    return None


def denominator_id(release: Release) -> Optional[str]:
    for entry in release_entries(release):
        if entry.get("kind") == "denominator":
            return entry["id"]
    return None


def release_arrays(wide: pd.DataFrame, stat_id: str) -> Tuple[np.ndarray, np.ndarray]:
    """Values (float, NaN when hidden) and statuses of one statistic, in ``wide``'s order."""
    values = wide[stat_id].to_numpy(dtype=float, na_value=np.nan)
    return values, wide[f"{stat_id}__status"].to_numpy(dtype=object)
