"""Reader for point sources (facilities, public-transport stops, signals), always in RD New.

CSV files give coordinates as RD New X/Y or as latitude/longitude: the columns
are recognised by name and the values must fit the Netherlands in that
system, so swapped or mislabelled coordinates stop with a clear message
instead of landing in the sea. Shapefiles and GeoPackages are reprojected.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple, Union

import geopandas as gpd
import numpy as np
import pandas as pd

from .aliases import squash
from .errors import SourceError, require_file
from .tabular import read_table
from .values import parse_cell
from .vector_io import RD_NEW, has_geometry, read_vector, to_rd_new

X_NAMES = ("x", "xrd", "rdx", "xcoord", "xcoordinaat", "coordx", "easting")
Y_NAMES = ("y", "yrd", "rdy", "ycoord", "ycoordinaat", "coordy", "northing")
LAT_NAMES = ("lat", "latitude", "breedtegraad", "breedte")
LON_NAMES = ("lon", "lng", "long", "longitude", "lengtegraad", "lengte")
KIND_NAMES = ("soort", "type", "categorie", "kind", "category")
#: Where coordinates of Dutch points lie, per system.
RD_RANGE = ((0.0, 300_000.0), (289_000.0, 629_000.0))
NL_LATLON = ((50.5, 53.7), (3.2, 7.3))
TABULAR = (".csv", ".txt", ".xlsx")


def read_points(
    path: Union[str, Path], *, layer: Optional[str] = None
) -> gpd.GeoDataFrame:
    """Points as a GeoDataFrame in EPSG:28992, with a ``soort`` column when the file has one.

    ``frame.attrs`` holds ``warnings``, ``source_crs`` and ``skipped_rows``
    (row numbers of CSV rows without usable coordinates).
    """
    p = require_file(path)
    if p.suffix.lower() in TABULAR:
        frame = _from_table(p)
    else:
        warnings: List[str] = []
        frame = read_vector(p, layer=layer)
        if not has_geometry(frame):
            raise SourceError(p, "laag heeft geen geometrie.", "layer has no geometry.")
        source = str(frame.crs) if frame.crs else None
        frame = to_rd_new(frame, p, warnings)
        if not frame.geom_type.dropna().isin(["Point", "MultiPoint"]).all():
            warnings.append("geen punten: representatief punt per object genomen / "
                            "not points: a representative point per feature is used")
            frame = frame.set_geometry(frame.geometry.representative_point())
        _check_in_netherlands(frame, p)
        frame.attrs.update(warnings=warnings, source_crs=source, skipped_rows=[])
    kind = _find(list(frame.columns), KIND_NAMES)
    if kind is not None and kind != "soort" and "soort" not in frame.columns:
        frame = frame.rename(columns={kind: "soort"})
    return frame


def _check_in_netherlands(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Points outside the Netherlands after reprojection mean a wrong CRS or axis order."""
    sample = frame.geometry.iloc[:: max(1, len(frame) // 10_000)].dropna()
    points = sample.representative_point()
    x, y = points.x.to_numpy(), points.y.to_numpy()
    if _fits(x, y, RD_RANGE).mean() < 0.5:
        raise SourceError(path, "de punten liggen niet in Nederland: verkeerd coördinatenstelsel "
                          "of lengte/breedte verwisseld?",
                          "the points do not lie in the Netherlands: wrong CRS, or latitude and "
                          "longitude swapped?")


def _find(columns: List[str], names) -> Optional[str]:
    wanted = [squash(n) for n in names]
    for name in wanted:
        for column in columns:
            if squash(column) == name:
                return column
    return None


def _numbers(series: pd.Series) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in (parse_cell(c)[0] for c in series)],
                    dtype=float)


def _fits(a: np.ndarray, b: np.ndarray, ranges) -> np.ndarray:
    (alo, ahi), (blo, bhi) = ranges
    return (a >= alo) & (a <= ahi) & (b >= blo) & (b <= bhi)


def _from_table(path: Path) -> gpd.GeoDataFrame:
    table = read_table(path)
    raw = table.frame
    columns = list(raw.columns)
    lat, lon = _find(columns, LAT_NAMES), _find(columns, LON_NAMES)
    x, y = _find(columns, X_NAMES), _find(columns, Y_NAMES)
    if lat and lon:
        first, second, crs, names = _numbers(raw[lat]), _numbers(raw[lon]), "EPSG:4326", (lat, lon)
    elif x and y:
        first, second, crs, names = _numbers(raw[x]), _numbers(raw[y]), None, (x, y)
    else:
        raise SourceError(path, "geen coördinaatkolommen (X/Y in RD of latitude/longitude).",
                          "no coordinate columns (X/Y in RD New or latitude/longitude).", row=1)
    crs, lon_or_x, lat_or_y = _decide(path, first, second, crs, names)
    ok = _fits(lat_or_y if crs == "EPSG:4326" else lon_or_x,
               lon_or_x if crs == "EPSG:4326" else lat_or_y,
               NL_LATLON if crs == "EPSG:4326" else RD_RANGE)
    skipped = [int(r) for r in raw.index[~ok]]
    warnings = list(table.warnings)
    if skipped:
        warnings.append(f"{len(skipped)} rijen zonder bruikbare coördinaten overgeslagen / "
                        f"{len(skipped)} rows without usable coordinates skipped")
    kept = raw.loc[ok].drop(columns=list(names))
    frame = gpd.GeoDataFrame(kept, geometry=gpd.points_from_xy(lon_or_x[ok], lat_or_y[ok]),
                             crs=crs)
    if crs != RD_NEW:
        frame = frame.to_crs(RD_NEW)
    frame.attrs.update(warnings=warnings, source_crs=crs, skipped_rows=skipped)
    return frame


def _decide(path: Path, first, second, crs, names) -> Tuple[str, np.ndarray, np.ndarray]:
    """``(crs, x-or-lon, y-or-lat)`` from where most values lie; clear errors otherwise."""
    def share(mask: np.ndarray) -> float:
        present = ~(np.isnan(first) | np.isnan(second))
        return float(mask[present].mean()) if present.any() else 0.0

    if share(~np.isnan(first) & ~np.isnan(second)) == 0.0:
        raise SourceError(path, "coördinaatkolommen bevatten geen getallen.",
                          "coordinate columns hold no numbers.", column=names[0])
    as_latlon = share(_fits(first, second, NL_LATLON))
    swapped_latlon = share(_fits(second, first, NL_LATLON))
    as_rd = share(_fits(first, second, RD_RANGE))
    swapped_rd = share(_fits(second, first, RD_RANGE))
    if crs == "EPSG:4326" and as_latlon >= 0.5:
        return crs, second, first
    if crs is None and as_rd >= 0.5:
        return RD_NEW, first, second
    if crs is None and swapped_latlon >= 0.5:  # x/y named columns holding lon/lat
        return "EPSG:4326", first, second
    swapped = swapped_latlon if crs == "EPSG:4326" else max(as_latlon, swapped_rd)
    if swapped >= 0.5:
        raise SourceError(path, f"kolommen '{names[0]}' en '{names[1]}' lijken verwisseld.",
                          f"columns '{names[0]}' and '{names[1]}' appear swapped.",
                          column=names[0])
    raise SourceError(
        path,
        "coördinaten passen niet in Nederland: verwacht RD New (x 0–300000, y 289000–629000) "
        "of WGS84 (breedte 50,5–53,7, lengte 3,2–7,3).",
        "coordinates do not fit the Netherlands: expected RD New (x 0–300000, y 289000–629000) "
        "or WGS84 (latitude 50.5–53.7, longitude 3.2–7.3).",
        column=names[0],
    )
