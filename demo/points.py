"""Facilities as points: GPs, pharmacies, supermarkets, stops, schools, playgrounds, wijkteams."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Transformer

from .town import CRS, Town

# Per 1,000 households; wijkteams come one per wijk, a station one per town.
_PER_1000 = {"huisarts": 0.45, "apotheek": 0.25, "supermarkt": 0.55, "ov_halte": 3.5,
             "basisschool": 0.5, "speelvoorziening": 2.5}
_LABEL = {"huisarts": "Huisartsenpraktijk", "apotheek": "Apotheek", "supermarkt": "Supermarkt",
          "ov_halte": "Halte", "basisschool": "Basisschool", "speelvoorziening": "Speeltuin",
          "wijkteam": "Wijkteam", "treinstation": "Station"}
SOORTEN = tuple(_LABEL)


def place_facilities(rng: np.random.Generator, town: Town, dwellings: np.ndarray,
                     ageing: np.ndarray) -> gpd.GeoDataFrame:
    """Points at postcode centroids, weighted by dwellings (GPs scarcer in the ageing district)."""
    pc = town.postcodes
    n_hh = dwellings.sum()
    base = np.sqrt(dwellings) + 0.2
    buurtnaam = dict(zip(town.buurten.buurtcode, town.buurten.buurtnaam))
    rows = []
    for soort, rate in _PER_1000.items():
        k = max(1, int(round(rate * n_hh / 1000)))
        w = base * ((1 - 0.8 * ageing) if soort == "huisarts" else 1)
        pick = rng.choice(len(pc), size=k, replace=k > len(pc), p=w / w.sum())
        rows += [(soort, i) for i in pick]
    xy = np.column_stack([pc.x, pc.y])
    for wk in town.wijken.wijkcode:
        inside = np.flatnonzero(pc.wijkcode.to_numpy() == wk)
        if len(inside):
            mid = xy[inside].mean(axis=0)
            rows.append(("wijkteam", inside[np.argmin(((xy[inside] - mid) ** 2).sum(axis=1))]))
    rows.append(("treinstation", int(np.argmin(pc.rho.to_numpy()))))
    soort = [r[0] for r in rows]
    idx = np.array([r[1] for r in rows])
    jitter = rng.uniform(-3, 3, (len(idx), 2))
    names = [f"{_LABEL[s]} {buurtnaam[pc.buurtcode.iloc[i]]}" for s, i in zip(soort, idx)]
    out = gpd.GeoDataFrame({
        "voorziening_id": [f"V{town.index:03d}{n:05d}" for n in range(len(idx))],
        "soort": soort, "naam": names, "postcode6": pc.postcode6.to_numpy()[idx],
    }, geometry=gpd.points_from_xy(np.round(xy[idx, 0] + jitter[:, 0], 2),
                                   np.round(xy[idx, 1] + jitter[:, 1], 2)), crs=CRS)
    return out


_TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def ov_haltes_table(facilities: gpd.GeoDataFrame) -> pd.DataFrame:
    """Stops as a transport company lists them: id, name, WGS84 latitude/longitude."""
    stops = facilities[facilities.soort.isin(["ov_halte", "treinstation"])]
    lon, lat = _TO_WGS84.transform(stops.geometry.x.to_numpy(), stops.geometry.y.to_numpy())
    return pd.DataFrame({"halte_id": stops.voorziening_id.to_numpy(),
                         "naam": stops.naam.to_numpy(),
                         "latitude": np.round(lat, 6), "longitude": np.round(lon, 6)})
