"""Straight-line proximity from postcode-6 areas to facilities of one kind (``soort``).

One k-d tree per kind over the facility points; all postcodes are queried at once, so the
national 465,000 postcodes take well under a second per kind. Distances use the postcode's
representative point (inside the area) in RD New metres and are reported in km. Facilities
outside the loaded points (e.g. across the municipal border) are not seen: load the points
of a wider area to avoid that edge effect.
"""
from __future__ import annotations

from typing import Optional, Tuple

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from .status import Status


class FacilityIndex:
    """k-d trees of facility points per ``soort``, built on first use."""

    def __init__(self, points) -> None:
        self._points = points
        self._trees: dict = {}
        self._xy: Optional[np.ndarray] = None
        self._kinds: Optional[np.ndarray] = None

    def kinds(self) -> set:
        if self._points is None or "soort" not in self._points.columns:
            return set()
        return set(self._points["soort"].dropna().astype(str))

    def tree(self, soort: str) -> Optional[cKDTree]:
        if soort not in self._trees:
            if self._xy is None:  # coordinates once for all kinds
                geom = self._points.geometry
                valid = (geom.notna() & ~geom.is_empty).to_numpy()
                xy = np.full((len(geom), 2), np.nan)
                xy[valid] = np.column_stack([geom[valid].x.to_numpy(), geom[valid].y.to_numpy()])
                self._xy = xy
                self._kinds = self._points["soort"].astype(str).to_numpy()
            pick = (self._kinds == soort) & np.isfinite(self._xy).all(axis=1)
            self._trees[soort] = cKDTree(self._xy[pick]) if pick.any() else None
        return self._trees[soort]


def _status(valid: np.ndarray, index: pd.Index) -> pd.Series:
    return pd.Series(np.where(valid, Status.PUBLISHED.value, Status.NO_DATA.value),
                     index=index, dtype=object)


def nearest_km(tree: cKDTree, xy: pd.DataFrame) -> Tuple[pd.Series, pd.Series]:
    """Distance in km to the nearest point; ``no_data`` where the postcode has no location."""
    coords = xy[["x", "y"]].to_numpy(dtype=float)
    valid = np.isfinite(coords).all(axis=1)
    out = np.full(len(coords), np.nan)
    if valid.any():
        dist, _ = tree.query(coords[valid], k=1, workers=-1)
        out[valid] = dist / 1000.0
    return pd.Series(out, index=xy.index), _status(valid, xy.index)


def count_within(tree: cKDTree, xy: pd.DataFrame, radius_km: float) -> Tuple[pd.Series, pd.Series]:
    """Number of points within ``radius_km`` (straight line) of each postcode."""
    coords = xy[["x", "y"]].to_numpy(dtype=float)
    valid = np.isfinite(coords).all(axis=1)
    out = np.full(len(coords), np.nan)
    if valid.any():
        out[valid] = tree.query_ball_point(coords[valid], r=radius_km * 1000.0,
                                           return_length=True, workers=-1)
    return pd.Series(out, index=xy.index), _status(valid, xy.index)
