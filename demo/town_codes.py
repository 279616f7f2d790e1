"""Codes, names and dissolved geometries for a laid-out town."""
from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Polygon
from shapely.ops import unary_union

from .lattice import Lattice
from .names import unique_names

CRS = "EPSG:28992"
# Letters avoided in postcodes; the combinations SA, SD and SS are never issued.
_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_PAIRS = [a + b for a in _LETTERS for b in _LETTERS if a + b not in ("SA", "SD", "SS")]
_ALL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PAIRS_ALL = [a + b for a in _ALL for b in _ALL if a + b not in ("SA", "SD", "SS")]


@dataclass
class Town:
    """A municipality: postcode-6 areas on land plus the buurt/wijk/gemeente hierarchy."""

    index: int
    gemeentecode: str
    gemeentenaam: str
    centre: tuple[float, float]
    radius: float
    postcodes: gpd.GeoDataFrame  # postcode6, postcode4, buurtcode, wijkcode, x, y, rho
    buurten: gpd.GeoDataFrame  # buurtcode, buurtnaam, wijkcode, water
    wijken: gpd.GeoDataFrame  # wijkcode, wijknaam
    gemeente: gpd.GeoDataFrame  # gemeentecode, gemeentenaam
    postcode4: gpd.GeoDataFrame  # postcode4 (sorted), dissolved once


def _rank_by_distance(labels: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Rank of each label by the distance of its mean position from the centre (0 = central)."""
    n = labels.max() + 1
    cnt = np.bincount(labels, minlength=n)
    mx = np.bincount(labels, x, n) / np.maximum(cnt, 1)
    my = np.bincount(labels, y, n) / np.maximum(cnt, 1)
    order = np.lexsort((np.arange(n), np.hypot(mx, my)))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return rank


def assemble(rng: np.random.Generator, index: int, gm_number: int, name: str,
             origin: tuple[float, float], radius: float, lat: Lattice, kept: np.ndarray,
             is_land: np.ndarray, wijk: np.ndarray, buurt: np.ndarray, pc4: np.ndarray,
             rings: list[np.ndarray], pc4_start: int) -> Town:
    """Number the areas the way CBS and PostNL do and dissolve their geometries."""
    gm = f"{gm_number:04d}"
    kx, ky = lat.cx[kept], lat.cy[kept]
    polys = [Polygon(r) for r in rings]
    wrank = _rank_by_distance(wijk, kx, ky)
    wijkcode = np.array([f"WK{gm}{r:02d}" for r in range(wrank.max() + 1)])[wrank[wijk]]

    # Buurt numbers run within their wijk, land buurten first, central ones first.
    brank = _rank_by_distance(buurt, kx + 1e7 * (~is_land), ky)
    nb = buurt.max() + 1
    b_wijk = np.zeros(nb, dtype=np.int64)
    b_wijk[buurt] = wrank[wijk]
    b_water = np.zeros(nb, bool)
    b_water[buurt] = ~is_land
    order = np.lexsort((brank, b_wijk))
    b_num = np.zeros(nb, dtype=np.int64)
    for w in np.unique(b_wijk):
        ids = order[b_wijk[order] == w]
        b_num[ids] = np.arange(len(ids))
    bcode = np.array([f"BU{gm}{b_wijk[b]:02d}{b_num[b]:02d}" for b in range(nb)])

    land = np.flatnonzero(is_land)
    prank = _rank_by_distance(pc4, kx[land], ky[land])
    steps = np.cumsum(np.concatenate(([0], 1 + (rng.random(prank.max()) < 0.25))))
    pc4_num = pc4_start + steps[prank[pc4]]
    pairs = _PAIRS if np.bincount(pc4).max() <= len(_PAIRS) else _PAIRS_ALL
    # Letters run along the street (row), streets in order within a postcode-4 group.
    order = np.lexsort((lat.col_a[kept][land], lat.row[kept][land], pc4_num))
    seq = np.empty(len(land), dtype=np.int64)
    start = np.searchsorted(pc4_num[order], pc4_num[order], side="left")
    seq[order] = np.arange(len(land)) - start
    pc6 = np.char.add(pc4_num.astype(str), np.asarray(pairs)[seq])
    gx = np.array([p.centroid.x for p in (polys[i] for i in land)])
    gy = np.array([p.centroid.y for p in (polys[i] for i in land)])
    postcodes = gpd.GeoDataFrame({
        "postcode6": pc6, "postcode4": pc4_num.astype(str), "buurtcode": bcode[buurt[land]],
        "wijkcode": wijkcode[land], "x": gx, "y": gy,
        "rho": np.hypot(gx - origin[0], gy - origin[1]) / radius,
    }, geometry=[polys[i] for i in land], crs=CRS).sort_values("postcode6", kind="stable")
    postcodes = postcodes.reset_index(drop=True)

    wnames = unique_names(rng, wrank.max() + 1, wijk=True)
    bnames = unique_names(rng, nb)
    b_rows = []
    for b in np.argsort(bcode, kind="stable"):
        cells = np.flatnonzero(buurt == b)
        wk = f"WK{gm}{b_wijk[b]:02d}"
        nm = f"Water {wnames[b_wijk[b]]}" if b_water[b] else bnames[b]
        b_rows.append((bcode[b], nm, wk, "JA" if b_water[b] else "NEE",
                       unary_union([polys[i] for i in cells])))
    buurten = gpd.GeoDataFrame(pd.DataFrame(b_rows[:], columns=[
        "buurtcode", "buurtnaam", "wijkcode", "water", "geometry"]), crs=CRS)
    w_rows = [(f"WK{gm}{w:02d}", wnames[w],
               unary_union(list(buurten.geometry[buurten.wijkcode == f"WK{gm}{w:02d}"])))
              for w in range(len(wnames))]
    wijken = gpd.GeoDataFrame(pd.DataFrame(w_rows, columns=["wijkcode", "wijknaam", "geometry"]),
                              crs=CRS)
    gemeente = gpd.GeoDataFrame({"gemeentecode": [f"GM{gm}"], "gemeentenaam": [name]},
                                geometry=[unary_union(list(wijken.geometry))], crs=CRS)
    pc4_rows = [(code, unary_union(list(group.geometry)))
                for code, group in postcodes.groupby("postcode4", sort=True)]
    postcode4 = gpd.GeoDataFrame(pd.DataFrame(pc4_rows, columns=["postcode4", "geometry"]),
                                 crs=CRS)
    return Town(index, f"GM{gm}", name, origin, radius, postcodes, buurten, wijken, gemeente,
                postcode4)
