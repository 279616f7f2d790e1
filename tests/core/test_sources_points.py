"""Points from CSV (RD New or latitude/longitude), shapefile and GeoPackage, always in RD New."""
from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point
from test_sources_builders import write_csv, write_xlsx

from ruimtelijke_kijk.sources.points import read_points

DAM = (121_311.0, 487_362.0)  # Dam square, Amsterdam, RD New
DAM_WGS84 = (52.3731, 4.8925)


def _near_dam(frame) -> bool:
    point = frame.geometry.iloc[0]
    return abs(point.x - DAM[0]) < 300 and abs(point.y - DAM[1]) < 300


def test_rd_csv(tmp_path):
    path = write_csv(tmp_path / "voorzieningen.csv",
                     f"naam;soort;x;y\nHuisarts;huisarts;{DAM[0]:.0f};{DAM[1]:.0f}\n"
                     "Apotheek;apotheek;121311,5;487400\n")
    frame = read_points(path)
    assert frame.crs.to_epsg() == 28992 and list(frame["soort"]) == ["huisarts", "apotheek"]
    assert frame.geometry.iloc[1].x == pytest.approx(121311.5)


def test_latlon_csv_is_reprojected(tmp_path):
    path = write_csv(tmp_path / "ov_haltes.csv",
                     f"halte,latitude,longitude\nDam,{DAM_WGS84[0]},{DAM_WGS84[1]}\n")
    frame = read_points(path)
    assert frame.crs.to_epsg() == 28992 and _near_dam(frame)
    assert frame.attrs["source_crs"] == "EPSG:4326"


def test_xy_columns_holding_degrees_are_read_as_wgs84(tmp_path):
    path = write_csv(tmp_path / "signalen.csv", f"x;y\n{DAM_WGS84[1]};{DAM_WGS84[0]}\n")
    assert _near_dam(read_points(path))


def test_rows_outside_the_netherlands_are_skipped_and_named(tmp_path):
    path = write_csv(tmp_path / "p.csv", f"x;y;type\n{DAM[0]};{DAM[1]};a\n;;b\n900000;1;c\n")
    frame = read_points(path)
    assert len(frame) == 1 and frame.attrs["skipped_rows"] == [3, 4]
    assert list(frame["soort"]) == ["a"]  # 'type' offered as the kind


def test_xlsx_points(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", [["lat", "lon", "soort"], [*DAM_WGS84, "halte"]])
    assert _near_dam(read_points(path))


@pytest.mark.parametrize("suffix, driver", [(".gpkg", "GPKG"), (".shp", None)])
def test_vector_points_in_wgs84_are_reprojected(tmp_path, suffix, driver):
    path = tmp_path / f"voorzieningen{suffix}"
    frame = gpd.GeoDataFrame({"soort": ["huisarts"]},
                             geometry=[Point(DAM_WGS84[1], DAM_WGS84[0])], crs="EPSG:4326")
    frame.to_file(path, driver=driver) if driver else frame.to_file(path)
    result = read_points(path)
    assert result.crs.to_epsg() == 28992 and _near_dam(result)
    assert list(result["soort"]) == ["huisarts"]
