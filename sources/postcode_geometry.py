"""Only where the postcode-6 areas are: their polygons, or one point inside each, read fast."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Union

import geopandas as gpd
import pandas as pd

from . import geopackage
from .aliases import POSTCODE_ALIASES
from .cbs_postcode import default_layer, detect_key, index_by_postcode
from .errors import SourceError, require_file
from .fast_points import points_in_wkb
from .spatial import representative_xy
from .vector_io import RD_X, RD_Y, empty_check, has_geometry, is_sqlite, read_vector, to_rd_new

KEYS = ["postcode6", "postcode", "PC6", "pc6"]


def read_postcode_areas(
    path: Union[str, Path], *, layer: Optional[str] = None
) -> gpd.GeoSeries:
    """The postcode-6 polygons, indexed by ``postcode6``, in EPSG:28992."""
    p = require_file(path)
    raw = read_vector(p, layer=layer or default_layer(p, "postcode6"), columns=KEYS)
    empty_check(raw, p)
    frame = _keyed(raw, p)
    if not has_geometry(frame):
        raise SourceError(p, "postcode-6-bestand zonder geometrie.",
                          "postcode-6 file without geometry.")
    return to_rd_new(frame, p, []).geometry


def read_postcode_points(
    path: Union[str, Path], *, layer: Optional[str] = None
) -> pd.DataFrame:
    """A point inside each postcode-6 area: columns ``x``, ``y`` (RD New), index ``postcode6``.

    From a GeoPackage in RD New this never builds a geometry object per area,
    which makes it several times faster than reading the polygons.
    """
    p = require_file(path)
    layer = layer or default_layer(p, "postcode6")
    if is_sqlite(p) and layer is not None:
        raw, epsg = geopackage.read_wkb(p, layer, KEYS)
        empty_check(raw, p)
        if epsg in (28992, None):
            frame = _keyed(raw, p)
            x, y = points_in_wkb(frame["wkb"].tolist())
            points = pd.DataFrame({"x": x, "y": y}, index=frame.index)
            inside = points["x"].between(*RD_X) & points["y"].between(*RD_Y)
            if epsg == 28992 or inside.mean() > 0.99:
                return points
    areas = read_postcode_areas(p, layer=layer)
    x, y = representative_xy(areas.values)
    return pd.DataFrame({"x": x, "y": y}, index=areas.index)


def _keyed(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    mapping, _ = POSTCODE_ALIASES.rename([c for c in raw.columns if c not in ("geometry", "wkb")])
    frame = raw.rename(columns=mapping)
    _, key = detect_key(frame, "postcode6", path)
    warnings: List[str] = []
    return index_by_postcode(frame, key, "postcode6", path, warnings)
