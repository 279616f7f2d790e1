"""Reading any vector file (GeoPackage, shapefile, GeoJSON) into a GeoDataFrame, read-only."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from . import geopackage
from .errors import SourceError, require_file

SQLITE_MAGIC = b"SQLite format 3\x00"
RD_NEW = "EPSG:28992"
#: Generous bounds of RD New coordinates over the Netherlands and its waters.
RD_X = (-10_000.0, 300_000.0)
RD_Y = (280_000.0, 640_000.0)


def is_sqlite(path: Path) -> bool:
    """True when the file starts as an SQLite database (a GeoPackage does)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def list_layers(path: Union[str, Path]) -> Dict[str, Optional[str]]:
    """Layer names of a vector file → geometry column name (or ``None``)."""
    p = require_file(path)
    if p.suffix.lower() == ".gpkg" or is_sqlite(p):
        if not is_sqlite(p):
            raise SourceError(p, "geen GeoPackage (geen SQLite-bestand).",
                              "not a GeoPackage (not an SQLite file).")
        return geopackage.list_layers(p)
    import fiona

    try:
        return {name: "geometry" for name in fiona.listlayers(str(p))}
    except Exception as exc:  # fiona raises DriverError and friends
        raise _unreadable(p, exc) from exc


def peek_layer(path: Union[str, Path]) -> Tuple[List[str], List[str], str]:
    """``(layer names, columns of the first layer, its geometry type)`` without reading rows."""
    p = require_file(path)
    if p.suffix.lower() == ".gpkg" or is_sqlite(p):
        names = list(list_layers(p))
        if not names:
            return [], [], ""
        columns, geometry = geopackage.describe(p, names[0])
        return names, columns, geometry
    import fiona

    try:
        names = fiona.listlayers(str(p))
        with fiona.open(str(p), layer=names[0]) as source:
            schema = source.schema
    except Exception as exc:  # fiona raises DriverError and friends
        raise _unreadable(p, exc) from exc
    return names, list(schema["properties"]), str(schema.get("geometry") or "")


def _unreadable(path: Path, exc: Exception) -> SourceError:
    return SourceError(
        path,
        f"kan niet als GIS-bestand gelezen worden: {exc}",
        f"cannot be read as a GIS file: {exc}",
    )


def read_vector(
    path: Union[str, Path],
    layer: Optional[str] = None,
    columns: Optional[Sequence[str]] = None,
    with_geometry: bool = True,
) -> gpd.GeoDataFrame:
    """A vector layer as a GeoDataFrame; the file is only ever opened for reading."""
    p = require_file(path)
    if p.suffix.lower() == ".gpkg" or is_sqlite(p):
        if not is_sqlite(p):
            raise SourceError(p, "geen GeoPackage (geen SQLite-bestand).",
                              "not a GeoPackage (not an SQLite file).")
        return geopackage.read_layer(p, layer, columns, with_geometry)
    try:
        frame = gpd.read_file(str(p), layer=layer, ignore_geometry=not with_geometry)
    except Exception as exc:  # fiona raises DriverError, CPLE_* and ValueError variants
        raise _unreadable(p, exc) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        frame = gpd.GeoDataFrame(frame)
    if columns is not None:
        keep = [c for c in frame.columns if c in set(columns) or c == "geometry"]
        frame = frame[keep]
    return frame


def has_geometry(frame: gpd.GeoDataFrame) -> bool:
    """True when the frame has a geometry column with at least one geometry."""
    if "geometry" not in frame.columns:
        return False
    return any(g is not None and not g.is_empty for g in frame.geometry.values)


def sample_bounds(geometries: gpd.GeoSeries, size: int = 5000):
    """Bounds of an evenly spread sample: enough to check a CRS, cheap at national size."""
    step = max(1, len(geometries) // size)
    return geometries.iloc[::step].dropna().total_bounds


def to_rd_new(frame: gpd.GeoDataFrame, path: Path, warnings: list) -> gpd.GeoDataFrame:
    """The frame in EPSG:28992; a missing CRS is accepted only when coordinates fit RD New.

    Coordinates that contradict the declared CRS (for example RD metres declared
    as degrees) raise a ``SourceError`` rather than land in the wrong place.
    """
    bounds = sample_bounds(frame.geometry) if len(frame) else None
    if frame.crs is None:
        if bounds is not None and _fits_rd(bounds):
            warnings.append("geen coördinatenstelsel opgegeven; RD New (EPSG:28992) aangenomen / "
                            "no CRS given; RD New (EPSG:28992) assumed")
            return frame.set_crs(RD_NEW)
        raise SourceError(path, "geen coördinatenstelsel en de coördinaten passen niet in RD New.",
                          "no CRS, and the coordinates do not fit RD New.")
    crs = CRS.from_user_input(frame.crs)
    if crs.is_geographic and bounds is not None and (abs(bounds[[0, 2]]).max() > 180
                                                      or abs(bounds[[1, 3]]).max() > 90):
        raise SourceError(path, f"coördinaten passen niet bij het opgegeven stelsel {crs.name}.",
                          f"coordinates do not fit the declared CRS {crs.name}.")
    if crs.to_epsg() == 28992:
        return frame
    warnings.append(f"omgezet van {crs.name} naar RD New / reprojected from {crs.name} to RD New")
    return frame.to_crs(RD_NEW)


def _fits_rd(bounds) -> bool:
    xmin, ymin, xmax, ymax = bounds
    return RD_X[0] <= xmin and xmax <= RD_X[1] and RD_Y[0] <= ymin and ymax <= RD_Y[1]


def empty_check(frame: pd.DataFrame, path: Path) -> None:
    """A ``SourceError`` for a layer without a single feature."""
    if len(frame) == 0:
        raise SourceError(path, "laag bevat geen enkele rij.", "layer holds no rows at all.")
