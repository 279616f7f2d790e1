"""Older spellings written from a generated town, for the readers' tests."""
from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest

from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.demo.old_schemas import (
    camel_case,
    write_pc6_shapefile,
    write_pdok_wfs_geojson,
    write_wijkbuurt_shapefile,
)
from ruimtelijke_kijk.demo.sizes import SMALL, SizeSpec


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.getbasetemp() / "demo_small_seed1"
    if not (out / "manifest.json").exists():
        generate(out, size="small", seed=1)
    return out


def test_uppercase_pc6_shapefile(small, tmp_path):
    path = write_pc6_shapefile(small, tmp_path / "CBS_PC6_2017_v2.shp")
    old = gpd.read_file(path)
    new = gpd.read_file(small / "cbs" / "cbs_pc6_2022_vol.gpkg")
    assert {"PC6", "INWONER", "AANTAL_HH", "UITKMINAOW", "P_NW_MIG_A", "WONVOOR45",
            "WON_1524", "OAD", "STED", "M_INKHH"} <= set(old.columns)
    assert all(c == c.upper() and len(c) <= 10 for c in old.columns if c != "geometry")
    assert list(old.PC6) == list(new.postcode6)
    assert list(old.AANTAL_HH) == list(new.aantal_part_huishoudens)
    assert (old.INWONER == -99997).sum() == (new.aantal_inwoners == -99997).sum()
    again = write_pc6_shapefile(small, tmp_path / "again" / "CBS_PC6_2017_v2.shp")
    assert again.with_suffix(".dbf").read_bytes() == path.with_suffix(".dbf").read_bytes()


def test_pdok_wfs_geojson_is_camel_case(small, tmp_path):
    assert camel_case("aantal_inwoners_0_tot_15_jaar") == "aantalInwoners0Tot15Jaar"
    path = write_pdok_wfs_geojson(small, tmp_path / "postcode6.json", year=2023)
    doc = json.loads(path.read_text(encoding="utf-8"))
    props = doc["features"][0]["properties"]
    assert {"postcode6", "aantalWoningen", "gemiddeldeHuishoudensgrootte"} <= set(props)
    assert not any("_" in key for key in props)
    assert doc["crs"]["properties"]["name"].endswith("28992")
    assert len(gpd.read_file(path)) == doc["numberReturned"]


def test_pre_2021_wijkbuurt_shapefile(small, tmp_path):
    path = write_wijkbuurt_shapefile(small, tmp_path / "buurt_2020.shp")
    old = gpd.read_file(path)
    assert list(old.columns[:-1]) == ["BU_CODE", "BU_NAAM", "WK_CODE", "GM_CODE", "GM_NAAM",
                                      "IND_WBI", "WATER", "POSTCODE", "AANT_INW", "AANTAL_HH",
                                      "P_EENP_HH", "P_65_EO_JR"]
    assert old.BU_CODE.str.match(r"^BU\d{8}$").all()
    assert set(old.WATER) == {"JA", "NEE"}


def test_several_towns_append_into_one_set_of_files(tmp_path):
    """The national size writes town after town into the same files."""
    out = tmp_path / "two"
    manifest = generate(out, size=SizeSpec("two", (SMALL, SMALL)), seed=7)
    pc6 = gpd.read_file(out / "cbs" / "cbs_pc6_2023_vol.gpkg")
    assert pc6.postcode6.is_unique and len(pc6) == manifest.counts["postcodes"]["postcode6"]
    gemeenten = gpd.read_file(out / "wijkbuurt" / "wijkenbuurten_2023.gpkg", layer="gemeenten")
    assert sorted(gemeenten.gemeentecode) == ["GM9900", "GM9901"]
    assert not gemeenten.geometry[0].intersects(gemeenten.geometry[1])
    raw = (out / "registraties" / "huishoudens_2023.csv").read_bytes()
    assert raw.count(b"\xef\xbb\xbf") == 1 and raw.count(b"huishouden_id") == 1
    path = write_pc6_shapefile(out, tmp_path / "old.shp")
    assert len(gpd.read_file(path)) == len(pc6)
