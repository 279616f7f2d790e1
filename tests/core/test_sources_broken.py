"""A corpus of broken inputs: each gives one clear SourceError (file, row, column) or a row report.

Nothing may crash with any other exception, and the message always names the
file, in Dutch and in English.
"""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from typing import Callable, NamedTuple, Optional, Tuple

import geopandas as gpd
import pytest
from shapely.geometry import Point
from test_sources_builders import (
    pc6_2019_frame,
    write_csv,
    write_households,
    write_pc6_gpkg,
    write_pc6_shp_2015,
    write_xlsx,
)

from ruimtelijke_kijk.sources.cbs_postcode import read_cbs_postcode
from ruimtelijke_kijk.sources.errors import SourceError
from ruimtelijke_kijk.sources.leefbaarometer import read_leefbaarometer
from ruimtelijke_kijk.sources.points import read_points
from ruimtelijke_kijk.sources.registrations import read_registrations
from ruimtelijke_kijk.sources.wijkbuurt import read_wijkbuurt


class Case(NamedTuple):
    build: Callable[[Path], Path]
    read: Callable[[Path], object]
    row: Optional[int] = None  # for errors: expected row; None = no row
    column: Optional[str] = None  # for errors: expected column
    issues: Optional[Tuple[Tuple[int, str], ...]] = None  # a row report instead of an error
    words: str = ""  # must appear in the message (English part)


def csv(name: str, text: str, encoding: str = "utf-8"):
    return lambda tmp: write_csv(tmp / name, text, encoding)


def raw(name: str, data: bytes):
    def build(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name
    return build


def pc6(name: str = "cbs_pc6_2020_v1.gpkg", drop: Tuple[str, ...] = (), **changes):
    def build(tmp: Path) -> Path:
        frame = pc6_2019_frame().drop(columns=list(drop))
        for column, value in changes.items():
            frame[column] = value
        return write_pc6_gpkg(tmp / name, frame)
    return build


def truncated_gpkg(tmp: Path) -> Path:
    path = write_pc6_gpkg(tmp / "cbs_pc6_2021_vol.gpkg")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def plain_sqlite(tmp: Path) -> Path:
    path = tmp / "niet_geopackage.gpkg"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    return path


def xlsx_without_sheet(tmp: Path) -> Path:
    good = write_xlsx(tmp / "goed.xlsx", [["postcode", "aantal"], ["1234AB", 5]])
    path = tmp / "geen_blad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = data.decode()
                start, end = text.index("<sheets>"), text.index("</sheets>") + len("</sheets>")
                data = (text[:start] + "<sheets/>" + text[end:]).encode()
            dst.writestr(item, data)
    good.unlink()
    return path


def shapefile_without_shx(tmp: Path) -> Path:
    path = write_pc6_shp_2015(tmp / "CBS_PC6_2016_v2.shp")
    path.with_suffix(".shx").unlink()
    return path


def pc6_declared_wgs84(tmp: Path) -> Path:
    frame = pc6_2019_frame().set_crs("EPSG:4326", allow_override=True)
    return write_pc6_gpkg(tmp / "cbs_pc6_2022_v1.gpkg", frame)


def points_without_geometry(tmp: Path) -> Path:
    path = tmp / "voorzieningen.gpkg"
    gpd.GeoDataFrame({"soort": ["a"]}, geometry=[None]).to_file(path, driver="GPKG")
    return path


def two_point_layers(tmp: Path) -> Path:
    path = tmp / "lagen.gpkg"
    for layer in ("a", "b"):
        gpd.GeoDataFrame({"soort": [layer]}, geometry=[Point(121_000, 487_000)],
                         crs="EPSG:28992").to_file(path, layer=layer, driver="GPKG")
    return path


def points_axes_swapped(tmp: Path) -> Path:
    path = tmp / "haltes.gpkg"
    gpd.GeoDataFrame({"soort": ["halte"]}, geometry=[Point(52.37, 4.89)],
                     crs="EPSG:4326").to_file(path, driver="GPKG")
    return path


def folder(tmp: Path) -> Path:
    (tmp / "map.csv").mkdir()
    return tmp / "map.csv"


CASES = {
    "empty file": Case(raw("leeg.csv", b""), read_registrations, words="empty"),
    "whitespace only": Case(csv("wit.csv", "\n  \n\n"), read_registrations, words="whitespace"),
    "header only": Case(csv("kop.csv", "postcode;aantal\n"), read_registrations, row=1,
                        words="header only"),
    "no such file": Case(lambda tmp: tmp / "weg.csv", read_registrations, words="not exist"),
    "folder, not file": Case(folder, read_registrations, words="folder"),
    "binary garbage csv": Case(raw("rommel.csv", bytes(range(256)) * 20), read_registrations,
                               words="binary"),
    "binary garbage gpkg": Case(raw("rommel.gpkg", b"\x89PNG\r\n" + bytes(range(256)) * 8),
                                read_cbs_postcode, words="not an SQLite"),
    "unknown delimiter": Case(csv("dubbelepunt.csv", "postcode:aantal\n1234AB:5\n"),
                              read_registrations, row=1, words="delimiter"),
    "rows split by another delimiter": Case(
        csv("mix.csv", "postcode;aantal\n1234AB,5\n1234AC,7\n"), read_registrations,
        column="postcode", words="not a single valid postcode"),
    "row with extra fields": Case(csv("extra.csv", "postcode;aantal\n1234AB;5\n1234AC;6;7\n"),
                                  read_registrations, row=3, words="more fields"),
    "duplicate column name": Case(csv("dubbel.csv", "postcode;aantal;aantal\n1234AB;1;2\n"),
                                  read_registrations, row=1, column="aantal", words="twice"),
    "unnamed column": Case(csv("naamloos.csv", "postcode;;aantal\n1234AB;1;2\n"),
                           read_registrations, row=1, words="no name"),
    "missing postcode column": Case(csv("geenpc.csv", "adres;aantal\nDam 1;5\n"),
                                    read_registrations, row=1, column="postcode"),
    "microdata without id": Case(csv("micro.csv", "postcode;jaar;wmo\n1234AB;2023;1\n"),
                                 lambda p: read_registrations(p, shape="microdata"),
                                 row=1, column="huishouden_id"),
    "duplicate postcodes": Case(csv("d.csv", "postcode;aantal\n1234AB;5\n1234 ab;6\n"),
                                read_registrations, issues=((3, "postcode"),)),
    "invalid postcodes": Case(csv("i.csv", "postcode;aantal\n1234AB;5\n0999AA;1\n1234SA;2\n"
                                  "12345;3\n;4\n"), read_registrations,
                              issues=((3, "postcode"), (4, "postcode"), (5, "postcode"),
                                      (6, "postcode"))),
    "negative counts": Case(csv("n.csv", "postcode;aantal\n1234AB;-5\n1234AC;5\n"),
                            read_registrations, issues=((2, "aantal"),)),
    "text in number column": Case(csv("t.csv", "postcode;aantal\n1234AB;vijf\n1234AC;5\n"),
                                  read_registrations, issues=((2, "aantal"),)),
    "secret and unknown text": Case(csv("g.csv", "postcode;aantal\n1234AB;geheim\n"
                                        "1234AC;Onbekend\n1234AD;3\n"), read_registrations,
                                    issues=()),
    "duplicate household ids": Case(
        lambda tmp: write_households(tmp / "huishoudens_2023.csv",
                                     ["H1;1234AB;2023" + ";0" * 20 + ";",
                                      "H1;1234AC;2023" + ";0" * 20 + ";"]),
        read_registrations, issues=((3, "huishouden_id"),)),
    "year not a number": Case(csv("j.csv", "huishouden_id;postcode;jaar;wmo\nA;1234AB;2023;1\n"
                                  "B;1234AB;twintig;1\n"), read_registrations,
                              issues=((3, "jaar"),)),
    "mixed encodings": Case(raw("m.csv", "postcode;naam;aantal\n1234AB;Café;1\n".encode()
                                + "1234AC;Caf\xe9;2\n".encode("cp1252")), read_registrations,
                            issues=((2, "naam"), (3, "naam"))),
    "csv renamed to xlsx": Case(csv("nep.xlsx", "postcode;aantal\n1234AB;5\n"),
                                read_registrations, words="Excel"),
    "zip that is no workbook": Case(raw("zip.xlsx", b"PK\x05\x06" + b"\x00" * 18),
                                    read_registrations, words="Excel"),
    "xlsx without a sheet": Case(xlsx_without_sheet, read_registrations, words="worksheet"),
    "truncated geopackage": Case(truncated_gpkg, read_cbs_postcode, words="GeoPackage"),
    "sqlite but no geopackage": Case(plain_sqlite, read_cbs_postcode, words="GeoPackage"),
    "shapefile without shx": Case(shapefile_without_shx, read_cbs_postcode, words="GIS file"),
    "broken geojson": Case(csv("wfs.json", '{"type": "FeatureCollection", "features": [{'),
                           read_cbs_postcode, words="GIS file"),
    "wrong layer": Case(pc6(), lambda p: read_cbs_postcode(p, layer="postcode4"),
                        words="layer 'postcode4' is missing"),
    "no postcode key": Case(pc6(drop=("postcode6",)), read_cbs_postcode,
                            column="postcode6", words="no postcode key"),
    "all postcodes invalid": Case(pc6(postcode6=["X"] * 8), read_cbs_postcode, column="postcode6"),
    "text in CBS number column": Case(pc6(aantal_inwoners=["5"] * 7 + ["veel"]),
                                      read_cbs_postcode, column="aantal_inwoners",
                                      words="1235AD"),
    "unknown income class": Case(pc6(mediaan_inkomen_huishouden=["rijk"] * 8), read_cbs_postcode,
                                 column="mediaan_inkomen_huishouden", words="unknown income"),
    "wrong CRS declared": Case(pc6_declared_wgs84, read_cbs_postcode, words="declared CRS"),
    "postcode file as wijkbuurt": Case(pc6(), read_wijkbuurt, column="buurtcode"),
    "points lat/lon swapped": Case(csv("ov.csv", "lat;lon\n4,89;52,37\n"), read_points,
                                   column="lat", words="swapped"),
    "points RD x/y swapped": Case(csv("rd.csv", "x;y\n487000;121000\n"), read_points,
                                  column="x", words="swapped"),
    "points fit neither": Case(csv("ver.csv", "x;y\n1000000;5\n2000000;6\n"), read_points,
                               column="x", words="do not fit"),
    "points without coordinates": Case(csv("p.csv", "naam;soort\nA;b\n"), read_points, row=1,
                                       words="no coordinate columns"),
    "points coordinates not numbers": Case(csv("p.csv", "x;y\nhier;daar\n"), read_points,
                                           column="x", words="no numbers"),
    "points missing geometry": Case(points_without_geometry, read_points, words="no geometry"),
    "points lat/lon swapped in a GeoPackage": Case(points_axes_swapped, read_points,
                                                   words="do not lie in the Netherlands"),
    "points layer not chosen": Case(two_point_layers, read_points, words="choose one"),
    "leefbaarometer without key": Case(csv("lbm.csv", "code;kscore\nA;5\n"), read_leefbaarometer,
                                       row=1, column="bu_code"),
    "leefbaarometer class out of range": Case(csv("lbm.csv", "bu_code;kscore\nBU1;0\n"),
                                              read_leefbaarometer, row=2, column="kscore"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_input_gives_a_clear_message_or_row_report(tmp_path, name):
    case = CASES[name]
    path = case.build(tmp_path)
    if case.issues is not None:
        result = read_registrations(path) if case.read is read_registrations else case.read(path)
        assert tuple((i.row, i.column) for i in result.issues) == case.issues
        return
    with pytest.raises(SourceError) as info:
        case.read(path)
    error = info.value
    assert error.path == path and str(path) in str(error)
    assert (error.row, error.column) == (case.row, case.column)
    assert "\n" in str(error) and error.message_nl and error.message_en
    assert case.words in error.message_en or case.words in str(error)


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
