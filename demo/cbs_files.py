"""CBS 'statistische gegevens per postcode' GeoPackages (postcode-6 and postcode-4)."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from .cbs_stats import LATER, SECRET, publish, raw_sums
from .gpkg_io import write_layer
from .housing import Stock
from .town import CRS, Town

ROAD_FACTOR = 1.25  # CBS measures distance over the road; straight lines are shorter
# Columns a v1 file does not have yet (the whole column is -99995).
LATER_IN_V1 = ("aantal_personen_met_uitkering_onder_aowlft", "mediaan_inkomen_huishouden",
               "gemiddeld_gasverbruik_woning", "gemiddeld_elektriciteitsverbruik_woning")
_PROXIMITY = {"huisartsenpraktijk": "huisarts", "apotheek": "apotheek",
              "grote_supermarkt": "supermarkt", "basisonderwijs": "basisschool",
              "treinstation": "treinstation"}
_COUNTED = ("huisartsenpraktijk", "grote_supermarkt", "basisonderwijs")


def proximity(town: Town, facilities: gpd.GeoDataFrame, dwellings: np.ndarray) -> pd.DataFrame:
    """Distances to facilities, counts within 1/3/5 km, address density and urbanity."""
    xy = np.column_stack([town.postcodes.x, town.postcodes.y])
    out = {}
    for name, soort in _PROXIMITY.items():
        f = facilities[facilities.soort == soort]
        tree = cKDTree(np.column_stack([f.geometry.x, f.geometry.y]))
        dist = tree.query(xy)[0] * ROAD_FACTOR / 1000
        out[f"dichtstbijzijnde_{name}_afstand_in_km"] = np.round(dist, 1)
        if name in _COUNTED:
            for km in (1, 3, 5):
                hits = tree.query_ball_point(xy, km * 1000 / ROAD_FACTOR, return_length=True)
                out[f"{name}_aantal_binnen_{km}_km"] = np.round(hits.astype(float), 1)
    # Addresses within 1 km per km²; a business address or two on top of each dwelling count.
    tree = cKDTree(xy)
    near = tree.query_ball_point(xy, 1000.0)
    addresses = dwellings * 1.1 + 1
    oad = np.array([addresses[i].sum() for i in near]) / np.pi
    out["omgevingsadressendichtheid"] = np.round(oad).astype(np.int64)
    out["stedelijkheid"] = 5 - np.searchsorted([500, 1000, 1500, 2500], oad, side="right")
    return pd.DataFrame(out)


def pc6_frame(town: Town, table: pd.DataFrame, dwellings: np.ndarray, stock: Stock,
              prox: pd.DataFrame, year: int, version: str, rng: np.random.Generator
              ) -> gpd.GeoDataFrame:
    """The postcode6 layer for one year and version."""
    n = len(town.postcodes)
    raw = raw_sums(table, table.pc.to_numpy(), n)
    df = publish(raw, dwellings, stock, year, rng)
    people_ok = raw.aantal_personen.to_numpy() >= 5
    prox = prox.copy()
    prox.loc[~people_ok, [c for c in prox if c.startswith(("dichtst", "huis", "grote", "basis"))
                          ]] = SECRET
    df = pd.concat([df, prox], axis=1)
    if version == "v1":
        for c in LATER_IN_V1:
            df[c] = str(LATER) if df[c].dtype == object else LATER
        # Scattered later-version cells in other columns as well.
        df.loc[rng.random(n) < 0.01, "aantal_niet_bewoonde_woningen"] = LATER
    df.insert(0, "postcode6", town.postcodes.postcode6.to_numpy())
    return gpd.GeoDataFrame(df, geometry=town.postcodes.geometry.to_numpy(), crs=CRS)


def pc4_frame(town: Town, table: pd.DataFrame, dwellings: np.ndarray, stock: Stock,
              year: int, version: str, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """The postcode4 layer: sums over postcode-6, rounded again; key name varies by year."""
    codes, key = np.unique(town.postcodes.postcode4.to_numpy(), return_inverse=True)
    n = len(codes)
    raw = raw_sums(table, key[table.pc.to_numpy()], n)
    dw = np.bincount(key, dwellings, minlength=n)
    agg = Stock(np.stack([np.bincount(key, stock.era[:, i], n) for i in range(8)], axis=1),
                np.bincount(key, stock.meergezins, n),
                np.bincount(key, stock.huur_share * dwellings, n) / np.maximum(dw, 1),
                np.bincount(key, stock.corporatie_share * dwellings, n) / np.maximum(dw, 1),
                np.bincount(key, stock.woz * dwellings, n) / np.maximum(dw, 1),
                np.round(np.bincount(key, stock.gas * dwellings, n) / np.maximum(dw, 1), -1),
                np.round(np.bincount(key, stock.elek * dwellings, n) / np.maximum(dw, 1), -1),
                _weighted(stock.origin_old, key, dwellings, n),
                _weighted(stock.origin_new, key, dwellings, n))
    df = publish(raw, dw, agg, year, rng, text_income=False)
    if version == "v1":
        for c in LATER_IN_V1:
            df[c] = LATER
    # 2022 files name the key 'postcode' (a number); later ones 'postcode4'.
    df.insert(0, "postcode" if year <= 2022 else "postcode4",
              codes.astype(np.int64) if year <= 2022 else codes)
    geoms = town.postcode4.set_index("postcode4").geometry.reindex(codes).to_numpy()
    return gpd.GeoDataFrame(df, geometry=geoms, crs=CRS)


def _weighted(frame: pd.DataFrame, key: np.ndarray, w: np.ndarray, n: int) -> pd.DataFrame:
    tot = np.maximum(np.bincount(key, w, n), 1)
    return pd.DataFrame({c: np.bincount(key, frame[c].to_numpy() * w, n) / tot for c in frame})


def write_cbs(root: Path, gdf: gpd.GeoDataFrame, level: str, year: int, version: str,
              append: bool) -> Path:
    """cbs/cbs_pc6_<year>_<version>.gpkg (layer postcode6) or the pc4 equivalent."""
    path = root / "cbs" / f"cbs_{level}_{year}_{version}.gpkg"
    layer = "postcode6" if level == "pc6" else "postcode4"
    write_layer(gdf, path, layer, f"CBS-style statistics per {layer}, {year} {version}",
                append=append)
    return path
