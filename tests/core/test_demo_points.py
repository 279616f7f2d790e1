"""Facilities, OV stops in WGS84, and the Leefbaarometer-like grid and scores."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer

from ruimtelijke_kijk.demo.generator import generate

SOORTEN = {"huisarts", "apotheek", "supermarkt", "ov_halte", "basisschool", "speelvoorziening",
           "wijkteam"}


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.getbasetemp() / "demo_small_seed1"
    if not (out / "manifest.json").exists():
        generate(out, size="small", seed=1)
    return out


def test_facilities_are_points_in_town_with_soort_and_naam(small):
    points = gpd.read_file(small / "voorzieningen" / "voorzieningen.gpkg", layer="voorzieningen")
    assert points.crs.to_epsg() == 28992
    assert (points.geometry.geom_type == "Point").all()
    assert SOORTEN <= set(points.soort)
    assert points.naam.str.len().min() > 3
    wijken = gpd.read_file(small / "wijkbuurt" / "wijkenbuurten_2022.gpkg", layer="wijken")
    assert (points.soort == "wijkteam").sum() == len(wijken)
    town = gpd.read_file(small / "wijkbuurt" / "wijkenbuurten_2022.gpkg",
                         layer="gemeenten").geometry[0]
    assert all(town.buffer(5).contains(p) for p in points.geometry)


def test_ov_stops_csv_round_trips_to_the_points(small):
    stops = pd.read_csv(small / "voorzieningen" / "ov_haltes.csv")
    assert {"latitude", "longitude"} <= set(stops.columns)
    assert stops.latitude.between(50.7, 53.6).all() and stops.longitude.between(3.3, 7.3).all()
    points = gpd.read_file(small / "voorzieningen" / "voorzieningen.gpkg").set_index(
        "voorziening_id")
    to_rd = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    x, y = to_rd.transform(stops.longitude.to_numpy(), stops.latitude.to_numpy())
    ref = points.loc[stops.halte_id].geometry
    assert np.hypot(x - ref.x.to_numpy(), y - ref.y.to_numpy()).max() < 0.5
    assert (points.loc[stops.halte_id].soort.isin(["ov_halte", "treinstation"])).all()


def test_leefbaarometer_grid_and_scores(small):
    grid = gpd.read_file(small / "leefbaarometer" / "grid100m.gpkg", layer="grid")
    assert grid.grid_id.is_unique
    assert np.allclose(grid.geometry.area, 10_000)
    scores = pd.read_csv(small / "leefbaarometer" / "lbm3_grid_2022.csv")
    assert set(scores.grid_id) == set(grid.grid_id)
    for col in ("kscore", "kfys", "konv", "ksoc", "kvrz", "kwon"):
        assert scores[col].between(1, 9).all(), col
    assert {"afw", "fys", "onv", "soc", "vrz", "won"} <= set(scores.columns)
    assert scores.kscore.nunique() >= 4
    buurt = pd.read_csv(small / "leefbaarometer" / "lbm3_buurt_2024.csv")
    buurten = gpd.read_file(small / "wijkbuurt" / "wijkenbuurten_2024.gpkg", layer="buurten")
    land = set(buurten.buurtcode[buurten.water == "NEE"])
    # Like the real thing: a buurt too small to hold a grid cell gets no score.
    assert set(buurt.bu_code) <= land and len(buurt) >= 0.8 * len(land)


def test_liveability_is_worse_where_incomes_are_low(small):
    hh = pd.read_csv(small / "registraties" / "huishoudens_2022.csv", sep=";", dtype=str,
                     encoding="utf-8-sig", keep_default_na=False)
    hh["postcode6"] = hh.postcode.str.replace(" ", "").str.upper()
    pc6 = gpd.read_file(small / "cbs" / "cbs_pc6_2022_vol.gpkg")
    buurten = gpd.read_file(small / "wijkbuurt" / "wijkenbuurten_2022.gpkg", layer="buurten")
    points = pc6.geometry.representative_point()
    land = buurten[buurten.water == "NEE"]
    code = [next(b.buurtcode for b in land.itertuples() if b.geometry.contains(p))
            for p in points]
    hh = hh.merge(pd.DataFrame({"postcode6": pc6.postcode6, "bu_code": code}), on="postcode6")
    low = (hh.laag_inkomen == "ja").groupby(hh.bu_code).mean()
    lbm = pd.read_csv(small / "leefbaarometer" / "lbm3_buurt_2022.csv").set_index("bu_code")
    assert np.corrcoef(low.reindex(lbm.index), lbm.afw)[0, 1] < -0.3
