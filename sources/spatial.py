"""Vectorised point-in-polygon for national sizes, with the geometry stack installed in QGIS.

No spatial index library is assumed (rtree and pygeos are often missing): the
points are sorted by x once, each polygon takes the slice inside its bounding
box, and GEOS tests only those candidates with a prepared, vectorised call.
"""
from __future__ import annotations

from typing import Tuple

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .fast_points import points_in_wkb

if hasattr(shapely, "contains_xy"):  # shapely 2

    def _contains(geom: BaseGeometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return shapely.contains_xy(geom, x, y)

    def _touches(geom: BaseGeometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return shapely.intersects_xy(geom, x, y)

else:  # shapely 1.8
    from shapely import vectorized as _vec

    def _contains(geom: BaseGeometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return _vec.contains(geom, x, y)

    def _touches(geom: BaseGeometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return _vec.touches(geom, x, y)


def representative_xy(geometries) -> Tuple[np.ndarray, np.ndarray]:
    """A point guaranteed inside each polygon (NaN for a missing geometry)."""
    if hasattr(shapely, "point_on_surface"):
        points = shapely.point_on_surface(np.asarray(geometries, dtype=object))
        return shapely.get_x(points), shapely.get_y(points)
    return points_in_wkb([b"" if g is None or g.is_empty else g.wkb for g in geometries])


def locate_points(
    x: np.ndarray, y: np.ndarray, polygons
) -> Tuple[np.ndarray, np.ndarray]:
    """For each point: the position of the polygon that holds it (-1 for none) and the count.

    A point on a shared boundary is counted in every polygon it touches when it
    lies strictly inside none. A count above 1 means overlapping polygons.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    found = np.full(len(x), -1, dtype=np.int64)
    count = np.zeros(len(x), dtype=np.int64)
    geoms = list(polygons)
    bounds = [g.bounds if g is not None and not g.is_empty else None for g in geoms]
    _pass(geoms, bounds, xs, ys, order, found, count, _contains, None)
    missing = count == 0
    if missing.any():
        _pass(geoms, bounds, xs, ys, order, found, count, _touches, missing)
    return found, count


def _pass(geoms, bounds, xs, ys, order, found, count, test, only) -> None:
    for position, (geom, box) in enumerate(zip(geoms, bounds)):
        if box is None:
            continue
        lo = np.searchsorted(xs, box[0], side="left")
        hi = np.searchsorted(xs, box[2], side="right")
        if hi <= lo:
            continue
        cand_y = ys[lo:hi]
        near = (cand_y >= box[1]) & (cand_y <= box[3])
        if only is not None:
            near &= only[order[lo:hi]]
        if not near.any():
            continue
        idx = np.nonzero(near)[0] + lo
        inside = test(geom, xs[idx], ys[idx])
        hit = order[idx[inside]]
        first = count[hit] == 0
        found[hit[first]] = position
        count[hit] += 1
