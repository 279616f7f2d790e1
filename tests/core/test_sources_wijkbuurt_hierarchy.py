"""Wijk- en buurtkaart in both schemas, and postcode-6 placed in buurt, wijk and gemeente."""
from __future__ import annotations

import time

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point, box
from test_sources_builders import (
    X0,
    Y0,
    write_pc6_gpkg,
    write_wijkbuurt_gpkg,
    write_wijkbuurt_shp_old,
)

from ruimtelijke_kijk.sources.hierarchy import derive_hierarchy, load_hierarchy
from ruimtelijke_kijk.sources.spatial import locate_points
from ruimtelijke_kijk.sources.wijkbuurt import read_wijkbuurt


def test_geopackage_2021_buurten_without_water(tmp_path):
    result = read_wijkbuurt(write_wijkbuurt_gpkg(tmp_path / "wijkenbuurten_2023.gpkg"))
    frame = result.frame
    assert list(frame.index) == ["BU03630001", "BU03630002"] and frame.index.name == "buurtcode"
    assert result.water_removed == 1 and result.year == 2023
    assert list(frame["indelingswijziging_wijken_en_buurten"]) == [1, 3]
    assert list(frame["wijkcode"]) == ["WK036300"] * 2
    assert list(frame["buurtnaam"]) == ["Oost", "West"]
    assert result.status.loc["BU03630002", "aantal_inwoners"] == "cbs_not_available"
    assert np.isnan(frame.loc["BU03630002", "aantal_inwoners"])
    assert "indelingswijziging_wijken_en_buurten" not in result.status.columns


@pytest.mark.parametrize("level, key, count", [("wijken", "wijkcode", 1),
                                               ("gemeenten", "gemeentecode", 1)])
def test_geopackage_other_levels(tmp_path, level, key, count):
    result = read_wijkbuurt(write_wijkbuurt_gpkg(tmp_path / "wijkenbuurten_2023.gpkg"), level)
    assert result.frame.index.name == key and len(result.frame) == count


def test_old_shapefile_maps_uppercase_fields(tmp_path):
    result = read_wijkbuurt(write_wijkbuurt_shp_old(tmp_path / "buurt_2019_v3.shp"))
    frame = result.frame
    assert list(frame.index) == ["BU03630001", "BU03630002"]
    assert {"buurtnaam", "wijkcode", "gemeentecode", "gemeentenaam",
            "indelingswijziging_wijken_en_buurten", "meest_voorkomende_postcode",
            "aantal_inwoners", "aantal_huishoudens"} <= set(frame.columns)
    assert result.year == 2019 and result.water_removed == 1
    assert result.status.loc["BU03630002", "aantal_huishoudens"] == "cbs_secret"
    assert list(frame["indelingswijziging_wijken_en_buurten"]) == [1, 2]


def test_hierarchy_places_postcodes_and_reports_the_rest():
    areas = gpd.GeoSeries([box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 300, Y0, X0 + 400, Y0 + 100),
                           box(X0 + 5000, Y0, X0 + 5100, Y0 + 100),
                           box(X0 + 700, Y0, X0 + 800, Y0 + 100)],
                          index=["1234AB", "1234AC", "9999ZZ", "1234AD"], crs="EPSG:28992")
    buurten = gpd.GeoDataFrame({"wijkcode": ["WK000101", "WK000102", "WK000102"],
                                "gemeentecode": ["GM0001"] * 3},
                               geometry=[box(X0, Y0, X0 + 200, Y0 + 200),
                                         box(X0 + 200, Y0, X0 + 600, Y0 + 200),
                                         box(X0 + 500, Y0, X0 + 900, Y0 + 200)],
                               index=["BU00010101", "BU00010201", "BU00010202"], crs="EPSG:28992")
    result = derive_hierarchy(areas, buurten)
    frame = result.frame
    assert list(frame.columns) == ["postcode4", "buurtcode", "wijkcode", "gemeentecode"]
    assert frame.loc["1234AB"].tolist() == ["1234", "BU00010101", "WK000101", "GM0001"]
    assert frame.loc["1234AC", "buurtcode"] == "BU00010201"
    assert frame.loc["1234AD", "buurtcode"] == "BU00010202"
    assert result.outside == ["9999ZZ"] and frame.loc["9999ZZ"].isna().sum() == 3
    assert result.ambiguous == []


def test_point_in_two_overlapping_buurten_is_ambiguous():
    found, count = locate_points(np.array([5.0, 50.0]), np.array([5.0, 5.0]),
                                 [box(0, 0, 10, 10), box(0, 0, 20, 10)])
    assert list(count) == [2, 0] and found[0] == 0 and found[1] == -1


def test_point_on_a_shared_border_is_still_placed():
    found, count = locate_points(np.array([10.0]), np.array([5.0]),
                                 [box(0, 0, 10, 10), box(10, 0, 20, 10)])
    assert found[0] in (0, 1) and count[0] >= 1


def test_hierarchy_from_files_is_cached_outside_the_users_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    pc6 = write_pc6_gpkg(data / "cbs_pc6_2023_v1.gpkg")
    wb = write_wijkbuurt_gpkg(data / "wijkenbuurten_2023.gpkg")
    listing = sorted(p.name for p in data.iterdir())
    cache = tmp_path / "cache"
    first = load_hierarchy(pc6, wb, cache)
    assert not first.from_cache and first.frame.loc["1234AB", "buurtcode"] == "BU03630001"
    assert first.frame.loc["1235AA", "buurtcode"] == "BU03630001"  # second row, left half
    assert first.frame.loc["1234AD", "buurtcode"] == "BU03630002"
    second = load_hierarchy(pc6, wb, cache)
    assert second.from_cache and second.frame.equals(first.frame)
    assert len(list(cache.glob("hierarchy_*.pkl"))) == 1
    assert sorted(p.name for p in data.iterdir()) == listing
    with pytest.raises(ValueError):
        load_hierarchy(pc6, wb, data)


def test_hierarchy_is_vectorised_fast():
    rng = np.random.default_rng(1)
    n = 60_000
    x, y = rng.uniform(0, 100_000, n), rng.uniform(0, 100_000, n)
    polygons = [box(i * 1000, j * 1000, (i + 1) * 1000, (j + 1) * 1000)
                for i in range(100) for j in range(20)]
    start = time.perf_counter()
    found, count = locate_points(x, y, polygons)
    elapsed = time.perf_counter() - start
    inside = y < 20_000
    assert (found[inside] == (x[inside] // 1000 * 20 + y[inside] // 1000)).all()
    assert (found[~inside] == -1).all() and elapsed < 5.0


def test_fast_points_equal_representative_points():
    from shapely import wkb
    from shapely.geometry import MultiPolygon, Polygon

    from ruimtelijke_kijk.sources.fast_points import points_in_wkb

    u_shape = Polygon([(0, 0), (10, 0), (10, 10), (9, 10), (9, 1), (1, 1), (1, 10), (0, 10)])
    geoms = [box(0, 0, 2, 2), u_shape, MultiPolygon([box(0, 0, 1, 1), box(5, 5, 7, 7)])]
    x, y = points_in_wkb([wkb.dumps(g) for g in geoms] + [b""])
    for i, geom in enumerate(geoms):
        point = geom.representative_point()
        assert (x[i], y[i]) == pytest.approx((point.x, point.y))
        assert geom.contains(point)
    assert np.isnan(x[3]) and np.isnan(y[3])


def test_postcode_points_from_geopackage_lie_in_their_areas(tmp_path):
    from ruimtelijke_kijk.sources.postcode_geometry import read_postcode_areas, read_postcode_points

    path = write_pc6_gpkg(tmp_path / "cbs_pc6_2023_v1.gpkg")
    points, areas = read_postcode_points(path), read_postcode_areas(path)
    assert list(points.index) == list(areas.index)
    for code, area in areas.items():
        assert area.contains(Point(points.loc[code, "x"], points.loc[code, "y"]))


def test_damaged_cache_is_rebuilt(tmp_path):
    pc6 = write_pc6_gpkg(tmp_path / "cbs_pc6_2023_v1.gpkg")
    wb = write_wijkbuurt_gpkg(tmp_path / "wijkenbuurten_2023.gpkg")
    cache = tmp_path / "cache"
    first = load_hierarchy(pc6, wb, cache)
    next(cache.glob("hierarchy_*.pkl")).write_bytes(b"not a pickle")
    again = load_hierarchy(pc6, wb, cache)
    assert not again.from_cache and again.frame.equals(first.frame)
    assert load_hierarchy(pc6, wb, cache).from_cache
