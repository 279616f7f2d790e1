"""Writers of test files in exactly the real CBS/PDOK/municipal schemas, and checks of them.

Imported by the other ``test_sources_*`` modules (pytest puts this folder on
``sys.path``); every file is written inside a test's ``tmp_path``.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import List

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

X0, Y0 = 150_000.0, 400_000.0  # somewhere in the middle of the Netherlands, RD New
POSTCODES = ["1234AB", "1234AC", "1234AD", "1234AE", "1235AA", "1235AB", "1235AC", "1235AD"]
INCOME = ["80-100 hoog", "00-20 laag", "40-60 midden", "onclassificeerbaar",
          "20-60 onder midden tot midden", "-99997", "60-80 boven midden", "00-20 laag"]


def cells(n: int = len(POSTCODES), size: float = 100.0) -> List:
    """Postcode-6 areas as a row of 4 × 2 squares of ``size`` metres."""
    return [box(X0 + (i % 4) * size, Y0 + (i // 4) * size,
                X0 + (i % 4 + 1) * size, Y0 + (i // 4 + 1) * size) for i in range(n)]


def pc6_2019_frame() -> gpd.GeoDataFrame:
    """The 2019+ snake_case schema with every CBS special value present."""
    return gpd.GeoDataFrame({
        "postcode6": POSTCODES,
        "aantal_inwoners": [25, -99997, 40, -99995, 10, -99991, -99998, -99999],
        "aantal_part_huishoudens": [10, -99997, 20, 5, 5, 15, -99999999, -99990],
        "aantal_woningen": [-99995] * 8,  # a v1 file: published later
        "gemiddelde_huishoudensgrootte": [2.5, 2.1, -99997.0, 1.0, 2.0, 2.0, 2.0, 2.0],
        "aantal_personen_met_uitkering_onder_aowlft": [5, 0, 10, -99997, 5, 5, 5, 5],
        "mediaan_inkomen_huishouden": INCOME,
        "dichtstbijzijnde_huisartsenpraktijk_afstand_in_km": [0.4] * 8,
        "huisartsenpraktijk_aantal_binnen_1_km": [2] * 8,
        "nieuw_veld_2024": [1] * 8,  # a field this reader has never seen
    }, geometry=cells(), crs="EPSG:28992")


def write_pc6_gpkg(path: Path, frame: gpd.GeoDataFrame = None, layer: str = "postcode6") -> Path:
    (frame if frame is not None else pc6_2019_frame()).to_file(path, layer=layer, driver="GPKG")
    return path


def write_pc6_shp_2015(path: Path) -> Path:
    """The 2015–2018 UPPERCASE shapefile schema."""
    gpd.GeoDataFrame({
        "PC6": POSTCODES,
        "INWONER": [25, -99997, 40, 15, 10, 5, 5, 5],
        "MAN": [10, -99997, 20, 5, 5, 5, 0, 0],
        "AANTAL_HH": [10, -99997, 20, 5, 5, 5, 5, 5],
        "WONING": [12, 3, 20, 5, 6, 7, 8, 9],
        "UITKMINAOW": [5, -99997, 10, 0, 5, 5, 5, 5],
        "M_INKHH": INCOME,
        "WOZWONING": [210.0, -99997.0, 300.0, 1, 2, 3, 4, 5],
    }, geometry=cells(), crs="EPSG:28992").to_file(path)
    return path


def write_pc6_wfs_geojson(path: Path) -> Path:
    """PDOK WFS features (camelCase) as GeoJSON in RD New."""
    gpd.GeoDataFrame({
        "postcode6": POSTCODES,
        "aantalInwoners": [25, -99997, 40, 15, 10, 5, 5, 5],
        "aantalWoningen": [12, 3, 20, 5, 6, 7, 8, -99997],
        "gemiddeldeHuishoudensgrootte": [2.5, 2.1, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0],
        "dichtstbijzijndeApotheekAfstandInKm": [1.2] * 8,
    }, geometry=cells(), crs="EPSG:28992").to_file(path, driver="GeoJSON")
    return path


def write_pc4_gpkg(path: Path, key: str = "postcode") -> Path:
    gpd.GeoDataFrame({key: [1234, 1235], "aantal_inwoners": [1200, -99997]},
                     geometry=[box(X0, Y0, X0 + 400, Y0 + 100), box(X0, Y0 + 100, X0 + 400,
                                                                     Y0 + 200)],
                     crs="EPSG:28992").to_file(path, layer="postcode4", driver="GPKG")
    return path


def buurten_frame() -> gpd.GeoDataFrame:
    """Two land buurten (left and right half of the postcode cells) and one water buurt."""
    return gpd.GeoDataFrame({
        "buurtcode": ["BU03630001", "BU03630002", "BU03630099"],
        "buurtnaam": ["Oost", "West", "Het IJ"],
        "wijkcode": ["WK036300", "WK036300", "WK036300"],
        "gemeentecode": ["GM0363", "GM0363", "GM0363"],
        "gemeentenaam": ["Amsterdam"] * 3,
        "water": ["NEE", "NEE", "JA"],
        "jaar": [2023] * 3,
        "indelingswijziging_wijken_en_buurten": [1, 3, 1],
        "aantal_inwoners": [1200, -99999999, 0],
    }, geometry=[box(X0, Y0, X0 + 200, Y0 + 200), box(X0 + 200, Y0, X0 + 400, Y0 + 200),
                 box(X0 + 400, Y0, X0 + 900, Y0 + 200)], crs="EPSG:28992")


def write_wijkbuurt_gpkg(path: Path) -> Path:
    frame = buurten_frame()
    frame.to_file(path, layer="buurten", driver="GPKG")
    wijken = frame.dissolve(by="wijkcode").reset_index()[["wijkcode", "gemeentecode", "geometry"]]
    wijken.assign(wijknaam="Centrum", water="NEE", jaar=2023).to_file(path, layer="wijken",
                                                                       driver="GPKG")
    gemeente = wijken.dissolve(by="gemeentecode").reset_index()[["gemeentecode", "geometry"]]
    gemeente.assign(gemeentenaam="Amsterdam", water="NEE").to_file(path, layer="gemeenten",
                                                                     driver="GPKG")
    return path


def write_wijkbuurt_shp_old(path: Path) -> Path:
    """The up-to-2020 buurt shapefile schema."""
    frame = buurten_frame()
    gpd.GeoDataFrame({
        "BU_CODE": frame["buurtcode"], "BU_NAAM": frame["buurtnaam"],
        "WK_CODE": frame["wijkcode"], "GM_CODE": frame["gemeentecode"],
        "GM_NAAM": frame["gemeentenaam"], "IND_WBI": [1, 2, 1], "WATER": ["NEE", "NEE", "JA"],
        "POSTCODE": ["1234", "1235", "1234"], "AANT_INW": [1200, -99997, 0],
        "AANTAL_HH": [600, -99997, 0], "P_EENP_HH": [40, -99997, 0],
    }, geometry=frame.geometry, crs="EPSG:28992").to_file(path)
    return path


HOUSEHOLD_HEADER = (
    "huishouden_id;postcode;jaar;aantal_personen;personen_45_64;personen_65_74;"
    "personen_75_plus;kinderen_0_17;eenpersoonshuishouden;eenouderhuishouden;laag_inkomen;"
    "uitkering_onder_aow;minimaregeling;budgetbeheer;schuldhulp_aanmelding;wmo_toegekend;"
    "wmo_afgewezen;jeugdhulp;voortijdig_schoolverlater;huurachterstand;mantelzorg_toelage;"
    "statushouder;regiotaxi;schuld_bedrag"
)


def household_rows() -> List[str]:
    return [
        "H001;1234 ab;2023;1;0;1;0;0;ja;nee;ja;0;1;0;0;1;0;0;0;0;0;0;1;1.250,75",
        "H002;1234AB ;2023;3;1;0;0;1;nee;ja;nee;1;0;1;1;0;0;1;0;1;0;0;0;",
        "H003;1234-ac;2023;2;2;0;0;0;nee;nee;nee;0;0;0;0;0;1;0;0;0;1;1;0;300",
    ]


def write_households(path: Path, rows: List[str] = None, encoding: str = "utf-8-sig") -> Path:
    text = "\n".join([HOUSEHOLD_HEADER] + (rows if rows is not None else household_rows()))
    path.write_bytes((text + "\n").encode(encoding))
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: List[list], title: str = "Blad1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def gpkg_geometry_column(path: Path, layer: str) -> str:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name=?",
                           (layer,)).fetchone()[0]


def test_gpkg_is_written_in_the_2019_schema(tmp_path):
    path = write_pc6_gpkg(tmp_path / "cbs_pc6_2019_v1.gpkg")
    assert gpkg_geometry_column(path, "postcode6") == "geom"
    with sqlite3.connect(path) as con:
        srs = con.execute("SELECT srs_id FROM gpkg_geometry_columns").fetchone()[0]
        names = [r[1] for r in con.execute('PRAGMA table_info("postcode6")')]
    assert srs == 28992
    assert "postcode6" in names and "aantal_inwoners" in names


def test_shapefile_and_geojson_keep_their_spelling(tmp_path):
    shp = gpd.read_file(write_pc6_shp_2015(tmp_path / "CBS_PC6_2015_v2.shp"))
    assert {"PC6", "INWONER", "UITKMINAOW", "M_INKHH"} <= set(shp.columns)
    wfs = json.loads(write_pc6_wfs_geojson(tmp_path / "wfs.json").read_text())
    assert "aantalWoningen" in wfs["features"][0]["properties"]
    assert pd.read_csv(write_households(tmp_path / "h.csv"), sep=";").shape == (3, 24)
