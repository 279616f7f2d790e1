"""Proximity: nearest distance and count within a radius, right and fast at national size."""
from __future__ import annotations

import time

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree
from shapely.geometry import Point

from ruimtelijke_kijk.indicators.proximity import FacilityIndex, count_within, nearest_km


def _xy(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"x": rng.uniform(0, 280_000, n), "y": rng.uniform(300_000, 620_000, n)},
                        index=pd.Index([f"pc{i}" for i in range(n)], name="postcode6"))


def test_nearest_and_count_match_brute_force():
    xy = _xy(300, 1)
    fac = _xy(40, 2)
    tree = cKDTree(fac.to_numpy())
    dist, status = nearest_km(tree, xy)
    pair = np.hypot(xy["x"].to_numpy()[:, None] - fac["x"].to_numpy()[None, :],
                    xy["y"].to_numpy()[:, None] - fac["y"].to_numpy()[None, :])
    assert np.allclose(dist.to_numpy(), pair.min(axis=1) / 1000)
    count, _ = count_within(tree, xy, 25.0)
    assert (count.to_numpy() == (pair <= 25_000).sum(axis=1)).all()
    assert set(status) == {"published"}


def test_postcode_without_location_has_no_data():
    xy = pd.DataFrame({"x": [1000.0, np.nan], "y": [2000.0, np.nan]}, index=["a", "b"])
    dist, status = nearest_km(cKDTree([[1000.0, 2500.0]]), xy)
    assert dist["a"] == 0.5 and np.isnan(dist["b"]) and status["b"] == "no_data"


def test_facility_index_separates_kinds():
    pts = gpd.GeoDataFrame({"soort": ["huisarts", "apotheek", "huisarts"]},
                           geometry=[Point(0, 0), Point(10, 0), Point(20, 0)], crs="EPSG:28992")
    index = FacilityIndex(pts)
    assert index.kinds() == {"huisarts", "apotheek"}
    assert index.tree("huisarts").n == 2 and index.tree("apotheek").n == 1


def test_national_size_is_fast():
    xy = _xy(465_000, 3)
    tree = cKDTree(_xy(5_000, 4).to_numpy())
    start = time.perf_counter()
    dist, _ = nearest_km(tree, xy)
    count, _ = count_within(tree, xy, 1.0)
    elapsed = time.perf_counter() - start
    assert dist.notna().all() and count.notna().all()
    assert elapsed < 10, f"{elapsed:.1f} s for 465,000 postcodes"
