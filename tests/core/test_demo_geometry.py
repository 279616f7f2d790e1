"""Town geometry: valid tiling in RD New, real-looking postcodes, nested buurt/wijk."""
from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from ruimtelijke_kijk.demo.generator import generate

POSTCODE6 = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.getbasetemp() / "demo_small_seed1"
    if not (out / "manifest.json").exists():
        generate(out, size="small", seed=1)
    return out


@pytest.fixture(scope="module")
def pc6(small) -> gpd.GeoDataFrame:
    return gpd.read_file(small / "cbs" / "cbs_pc6_2022_vol.gpkg", layer="postcode6")


def _containing(points, areas: gpd.GeoDataFrame) -> list[list[int]]:
    """Row positions of the areas containing each point (no rtree needed)."""
    from shapely.prepared import prep

    prepared = [prep(g) for g in areas.geometry]
    return [[i for i, a in enumerate(prepared) if a.contains(p)] for p in points]


@pytest.fixture(scope="module")
def wb(small) -> dict[str, gpd.GeoDataFrame]:
    path = small / "wijkbuurt" / "wijkenbuurten_2022.gpkg"
    return {layer: gpd.read_file(path, layer=layer) for layer in ("gemeenten", "wijken",
                                                                   "buurten")}


def test_postcode_polygons_are_valid_and_tile_without_overlap(pc6):
    assert pc6.crs.to_epsg() == 28992
    assert pc6.geometry.is_valid.all()
    assert (pc6.geometry.geom_type == "Polygon").all()
    union = pc6.geometry.unary_union
    # Overlaps would make the union smaller than the sum of the parts.
    assert union.area == pytest.approx(pc6.geometry.area.sum(), rel=1e-9)
    assert 280 <= len(pc6) <= 330
    x0, y0, x1, y1 = pc6.total_bounds
    assert 0 < x0 < x1 < 300_000 and 300_000 < y0 < y1 < 625_000  # inside RD New's domain


def test_postcodes_are_well_formed_unique_and_grouped(pc6):
    codes = pc6.postcode6
    assert codes.map(lambda c: bool(POSTCODE6.match(c))).all()
    assert codes.is_unique
    assert not codes.str[4:].isin(["SA", "SD", "SS"]).any()
    groups = pc6.dissolve(by=codes.str[:4])
    assert 3 <= len(groups) <= 5
    assert (groups.geometry.geom_type == "Polygon").all()  # each postcode-4 is contiguous


def test_letters_run_along_streets(pc6):
    """Consecutive postcodes within a postcode-4 are mostly neighbours on the map."""
    ordered = pc6.sort_values("postcode6")
    same_group = ordered.postcode6.str[:4].to_numpy()
    geoms = ordered.geometry.to_numpy()
    touching = [geoms[i].touches(geoms[i + 1]) for i in range(len(geoms) - 1)
                if same_group[i] == same_group[i + 1]]
    assert np.mean(touching) > 0.8


def test_buurten_nest_in_wijken_and_water_holds_no_postcodes(pc6, wb):
    buurten, wijken, gemeenten = wb["buurten"], wb["wijken"], wb["gemeenten"]
    assert len(gemeenten) == 1 and gemeenten.gemeentecode[0].startswith("GM")
    assert buurten.buurtcode.str.match(r"^BU\d{8}$").all()
    assert wijken.wijkcode.str.match(r"^WK\d{6}$").all()
    assert (buurten.buurtcode.str[2:8] == buurten.wijkcode.str[2:]).all()
    assert (wijken.wijkcode.str[2:6] == gemeenten.gemeentecode[0][2:]).all()
    assert set(buurten.water) == {"JA", "NEE"}
    assert buurten.geometry.is_valid.all() and (buurten.geometry.geom_type == "Polygon").all()
    for w in wijken.itertuples():
        parts = buurten[buurten.wijkcode == w.wijkcode].geometry.unary_union
        assert parts.symmetric_difference(w.geometry).area < 1.0
    hits = _containing(pc6.geometry.representative_point(), buurten)
    assert all(len(h) == 1 for h in hits)
    assert (buurten.water.to_numpy()[[h[0] for h in hits]] == "NEE").all()
    land = pc6.geometry.unary_union
    water = buurten[buurten.water == "JA"].geometry.unary_union
    assert land.intersection(water).area < 1.0
    assert gemeenten.geometry[0].area == pytest.approx(land.area + water.area, rel=1e-6)


def test_postcode4_borders_do_not_follow_buurt_borders(pc6, wb):
    buurten = wb["buurten"]
    hits = [h[0] for h in _containing(pc6.geometry.representative_point(), buurten)]
    joined = pc6[["postcode6"]].assign(buurtcode=buurten.buurtcode.to_numpy()[hits],
                                       wijkcode=buurten.wijkcode.to_numpy()[hits])
    buurten_per_pc4 = joined.groupby(joined.postcode6.str[:4]).buurtcode.nunique()
    wijken_per_pc4 = joined.groupby(joined.postcode6.str[:4]).wijkcode.nunique()
    assert (buurten_per_pc4 > 1).any() and (wijken_per_pc4 > 1).any()


def test_last_year_has_a_buurt_boundary_change(small, wb):
    later = small / "wijkbuurt" / "wijkenbuurten_2024.gpkg"
    buurten = gpd.read_file(later, layer="buurten")
    wijken = gpd.read_file(later, layer="wijken")
    changed = buurten[buurten.indelingswijziging_wijken_en_buurten == 3]
    assert len(changed) == 2 and changed.wijkcode.nunique() == 1
    assert (wijken.indelingswijziging_wijken_en_buurten == 1).all()
    before = wb["buurten"].set_index("buurtcode").geometry
    for row in changed.itertuples():
        assert row.geometry.symmetric_difference(before[row.buurtcode]).area > 100
        assert row.geometry.geom_type == "Polygon"
    unchanged = buurten[buurten.indelingswijziging_wijken_en_buurten == 1]
    for row in unchanged.itertuples():
        assert row.geometry.symmetric_difference(before[row.buurtcode]).area < 1
    assert buurten.geometry.area.sum() == pytest.approx(before.area.sum(), rel=1e-9)
