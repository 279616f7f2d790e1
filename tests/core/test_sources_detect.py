"""Telling the kinds of source apart from layers, geometry type and column names."""
from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point
from test_sources_builders import (
    write_csv,
    write_households,
    write_pc4_gpkg,
    write_pc6_gpkg,
    write_pc6_shp_2015,
    write_pc6_wfs_geojson,
    write_wijkbuurt_gpkg,
    write_wijkbuurt_shp_old,
)

from ruimtelijke_kijk.sources import detect
from ruimtelijke_kijk.sources.errors import SourceError


def _points(tmp):
    path = tmp / "voorzieningen.gpkg"
    gpd.GeoDataFrame({"soort": ["a"], "postcode6": ["1234AB"]}, geometry=[Point(1e5, 4e5)],
                     crs="EPSG:28992").to_file(path, layer="voorzieningen", driver="GPKG")
    return path


@pytest.mark.parametrize("build, kind", [
    (lambda t: write_pc6_gpkg(t / "cbs_pc6_2019_vol.gpkg"), detect.CBS_POSTCODE6),
    (lambda t: write_pc6_shp_2015(t / "CBS_PC6_2015_v2.shp"), detect.CBS_POSTCODE6),
    (lambda t: write_pc6_wfs_geojson(t / "wfs.geojson"), detect.CBS_POSTCODE6),
    (lambda t: write_pc4_gpkg(t / "cbs_pc4_2020_v1.gpkg"), detect.CBS_POSTCODE4),
    (lambda t: write_wijkbuurt_gpkg(t / "wijkenbuurten_2023.gpkg"), detect.WIJKBUURT),
    (lambda t: write_wijkbuurt_shp_old(t / "buurt_2019.shp"), detect.WIJKBUURT),
    (lambda t: write_households(t / "huishoudens_2023.csv"), detect.REGISTRATIONS),
    (_points, detect.POINTS),
    (lambda t: write_csv(t / "ov.csv", "naam,latitude,longitude\nA,52.1,5.1\n"), detect.POINTS),
    (lambda t: write_csv(t / "lbm3_buurt_2022.csv", "bu_code;kscore\nBU1;5\n"),
     detect.LEEFBAAROMETER),
    (lambda t: write_csv(t / "notities.txt", "zomaar wat tekst\n"), detect.UNKNOWN),
])
def test_kind_of_source(tmp_path, build, kind):
    assert detect.detect_source_kind(build(tmp_path)) == kind


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(SourceError):
        detect.detect_source_kind(tmp_path / "weg.gpkg")
