"""A Leefbaarometer-3.0-like 100 m grid with scores per cell and per buurt."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree
from shapely import vectorized
from shapely.geometry import box
from shapely.ops import unary_union

from .fields import Fields
from .town import CRS, Town

CELL = 100.0
DIMENSIONS = ("fys", "onv", "soc", "vrz", "won")
# Class boundaries of the overall deviation ``afw`` for kscore 1..9.
_KSCORE_BOUNDS = np.array([-0.30, -0.20, -0.10, -0.05, 0.0, 0.05, 0.10, 0.20])
_DIM_BOUNDS = _KSCORE_BOUNDS / 3


def grid_cells(town: Town) -> gpd.GeoDataFrame:
    """100 m cells whose centre lies on the town's land (postcode areas)."""
    land = unary_union(list(town.buurten.geometry[town.buurten.water == "NEE"]))
    x0, y0, x1, y1 = land.bounds
    xs = np.arange(np.floor(x0 / CELL), np.ceil(x1 / CELL)) * CELL
    ys = np.arange(np.floor(y0 / CELL), np.ceil(y1 / CELL)) * CELL
    gx, gy = np.meshgrid(xs, ys)
    gx, gy = gx.ravel(), gy.ravel()
    inside = vectorized.contains(land, gx + CELL / 2, gy + CELL / 2)
    gx, gy = gx[inside], gy[inside]
    ids = [f"E{int(x // CELL):04d}N{int(y // CELL):04d}" for x, y in zip(gx, gy)]
    return gpd.GeoDataFrame({"grid_id": ids},
                            geometry=[box(x, y, x + CELL, y + CELL) for x, y in zip(gx, gy)],
                            crs=CRS)


def _classes(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    return (np.searchsorted(bounds, values, side="right") + 1).astype(np.int64)


def grid_scores(rng: np.random.Generator, grid: gpd.GeoDataFrame, fields: Fields,
                year: int) -> pd.DataFrame:
    """Scores per cell: social and safety dimensions follow the deprivation field."""
    c = grid.geometry.centroid
    dep = fields.deprivation(c.x.to_numpy(), c.y.to_numpy())
    n = len(grid)
    drift = (year - 2022) * 0.005
    dims = {
        "fys": 0.02 - 0.03 * dep + rng.normal(0, 0.02, n),
        "onv": 0.05 - 0.14 * dep + rng.normal(0, 0.02, n) - drift,
        "soc": 0.05 - 0.16 * dep + rng.normal(0, 0.02, n) - drift,
        "vrz": 0.01 + rng.normal(0, 0.02, n),
        "won": 0.04 - 0.10 * dep + rng.normal(0, 0.02, n),
    }
    afw = sum(dims.values())
    out = {"grid_id": grid.grid_id.to_numpy(), "kscore": _classes(afw, _KSCORE_BOUNDS)}
    for d in DIMENSIONS:
        out[f"k{d}"] = _classes(dims[d], _DIM_BOUNDS)
    out["afw"] = np.round(afw, 4)
    for d in DIMENSIONS:
        out[d] = np.round(dims[d], 4)
    return pd.DataFrame(out)


def buurt_scores(town: Town, grid: gpd.GeoDataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Mean of the cell scores per land buurt (cells assigned by nearest postcode)."""
    c = grid.geometry.centroid
    pcs = town.postcodes
    _, nn = cKDTree(np.column_stack([pcs.x, pcs.y])).query(np.column_stack([c.x, c.y]))
    bu = pcs.buurtcode.to_numpy()[nn]
    cont = scores[["afw", *DIMENSIONS]].groupby(bu).mean()
    out = pd.DataFrame({"bu_code": cont.index.to_numpy(),
                        "kscore": _classes(cont.afw.to_numpy(), _KSCORE_BOUNDS)})
    for d in DIMENSIONS:
        out[f"k{d}"] = _classes(cont[d].to_numpy(), _DIM_BOUNDS)
    for col in ["afw", *DIMENSIONS]:
        out[col] = np.round(cont[col].to_numpy(), 4)
    return out


def lbm_paths(root: Path, year: int) -> tuple[Path, Path]:
    base = root / "leefbaarometer"
    return base / f"lbm3_grid_{year}.csv", base / f"lbm3_buurt_{year}.csv"
