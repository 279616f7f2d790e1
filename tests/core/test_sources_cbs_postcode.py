"""CBS postcode-6/-4 files in all three spellings: canonical names, special values as status."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from test_sources_builders import (
    INCOME,
    POSTCODES,
    write_pc4_gpkg,
    write_pc6_gpkg,
    write_pc6_shp_2015,
    write_pc6_wfs_geojson,
)

from ruimtelijke_kijk.indicators.status import Status
from ruimtelijke_kijk.sources.aliases import POSTCODE_ALIASES
from ruimtelijke_kijk.sources.cbs_postcode import read_cbs_postcode
from ruimtelijke_kijk.sources.file_names import version_from_name, year_from_name
from ruimtelijke_kijk.sources.income_class import INCOME_CLASSES, parse_income_class
from ruimtelijke_kijk.sources.postcode_geometry import read_postcode_areas
from ruimtelijke_kijk.sources.special_values import BadValue, decode_numeric


@pytest.mark.parametrize("value, status", [
    (-99997, Status.CBS_SECRET), (-99995, Status.CBS_LATER_VERSION),
    (-99991, Status.CBS_NO_LONGER_PUBLISHED), (-99998, Status.CBS_SECONDARY),
    (-99999, Status.CBS_NOT_AVAILABLE), (-99999999, Status.CBS_NOT_AVAILABLE),
    (-99990, Status.CBS_NOT_AVAILABLE), (-123456, Status.CBS_NOT_AVAILABLE),
    (".", Status.CBS_NOT_AVAILABLE), ("", Status.CBS_NOT_AVAILABLE),
    (None, Status.CBS_NOT_AVAILABLE), (0, Status.PUBLISHED), (-5, Status.PUBLISHED),
])
def test_special_value_becomes_nan_with_its_status(value, status):
    values, states = decode_numeric(pd.Series([value, 7], dtype=object))
    assert states.iloc[0] == status.value
    assert states.iloc[1] == Status.PUBLISHED.value and values.iloc[1] == 7.0
    if status is Status.PUBLISHED:
        assert values.iloc[0] == float(value)
    else:
        assert math.isnan(values.iloc[0])


def test_text_in_a_number_column_is_refused():
    with pytest.raises(BadValue) as info:
        decode_numeric(pd.Series(["5", "veel", "10"]))
    assert info.value.value == "veel"


def test_geopackage_2019_reads_canonical_values_and_status(tmp_path):
    path = write_pc6_gpkg(tmp_path / "cbs_pc6_2019_v1.gpkg")
    result = read_cbs_postcode(path)
    frame, status = result.frame, result.status
    assert (result.year, result.version, result.level) == (2019, "v1", "postcode6")
    assert list(frame.index) == POSTCODES and frame.index.name == "postcode6"
    assert frame.crs.to_epsg() == 28992 and frame.geometry.notna().all()
    assert list(status.columns) == [c for c in frame.columns if c != "geometry"]
    assert frame["aantal_inwoners"].dtype == float
    assert frame.loc["1234AB", "aantal_inwoners"] == 25.0
    expected = ["published", "cbs_secret", "published", "cbs_later_version", "published",
                "cbs_no_longer_published", "cbs_secondary_suppressed", "cbs_not_available"]
    assert list(status["aantal_inwoners"]) == expected
    assert frame["aantal_inwoners"].isna().sum() == 5  # never 0
    assert status.loc["1235AC", "aantal_part_huishoudens"] == "cbs_not_available"  # -99999999
    assert math.isnan(frame.loc["1235AD", "aantal_part_huishoudens"])  # -99990
    assert result.later_version_columns == ["aantal_woningen"]
    assert any("aantal_woningen" in w for w in result.warnings)
    assert result.unknown_fields == ["nieuw_veld_2024"]
    assert "nieuw_veld_2024" in frame.columns  # kept, not dropped
    assert "dichtstbijzijnde_huisartsenpraktijk_afstand_in_km" in frame.columns


def test_income_is_an_ordered_categorical_with_status(tmp_path):
    result = read_cbs_postcode(write_pc6_gpkg(tmp_path / "cbs_pc6_2020_vol.gpkg"))
    income = result.frame["mediaan_inkomen_huishouden"]
    assert income.dtype.ordered and list(income.cat.categories) == list(INCOME_CLASSES)
    assert income["1234AB"] == "80-100 hoog" and income["1234AC"] == "00-20 laag"
    assert income["1234AB"] > income["1235AA"]  # hoog above onder midden tot midden
    status = result.status["mediaan_inkomen_huishouden"]
    assert status["1234AE"] == "cbs_not_available"  # onclassificeerbaar
    assert status["1235AB"] == "cbs_secret" and pd.isna(income["1235AB"])


@pytest.mark.parametrize("text, expected", [
    ("80-100 hoog", "80-100 hoog"), ("laag", "00-20 laag"), ("0-20 laag", "00-20 laag"),
    ("60-100 boven midden tot hoog", "60-100 boven midden tot hoog"),
    ("40-60 laag tot gemiddeld", "40-60 midden"),  # the band decides; the label is warned about
    ("boven gemiddeld", "60-80 boven midden"),
])
def test_income_class_spellings(text, expected):
    assert parse_income_class(text)[0] == expected


@pytest.mark.parametrize("text", ["heel rijk", "10-30 laag", "0-100 alles", "hoog tot laag"])
def test_unknown_income_class_fails_loudly(text):
    with pytest.raises(BadValue):
        parse_income_class(text)


def test_income_classes_are_ordered_low_to_high():
    assert INCOME_CLASSES[0] == "00-20 laag" and INCOME_CLASSES[-1] == "80-100 hoog"
    assert INCOME_CLASSES.index("40-60 midden") < INCOME_CLASSES.index("60-80 boven midden")


def test_shapefile_2015_uppercase_maps_to_canonical(tmp_path):
    result = read_cbs_postcode(write_pc6_shp_2015(tmp_path / "CBS_PC6_2015_v2.shp"))
    assert (result.year, result.version) == (2015, "v2")
    assert {"aantal_inwoners", "aantal_mannen", "aantal_part_huishoudens", "aantal_woningen",
            "aantal_personen_met_uitkering_onder_aowlft", "mediaan_inkomen_huishouden",
            "gemiddelde_woz_waarde_woning"} <= set(result.frame.columns)
    assert result.renamed["UITKMINAOW"] == "aantal_personen_met_uitkering_onder_aowlft"
    assert result.status.loc["1234AC", "aantal_part_huishoudens"] == "cbs_secret"
    assert result.frame.loc["1234AB", "aantal_part_huishoudens"] == 10.0
    assert result.unknown_fields == []


def test_wfs_camelcase_maps_to_canonical(tmp_path):
    path = write_pc6_wfs_geojson(tmp_path / "wfs_postcode6.json")
    result = read_cbs_postcode(path, year=2022, version="v1")
    assert (result.year, result.version, result.level) == (2022, "v1", "postcode6")
    assert {"aantal_inwoners", "aantal_woningen", "gemiddelde_huishoudensgrootte",
            "dichtstbijzijnde_apotheek_afstand_in_km"} <= set(result.frame.columns)
    assert result.status.loc["1235AD", "aantal_woningen"] == "cbs_secret"
    assert result.frame.crs.to_epsg() == 28992


@pytest.mark.parametrize("key", ["postcode", "postcode4"])
def test_postcode4_key_is_detected(tmp_path, key):
    result = read_cbs_postcode(write_pc4_gpkg(tmp_path / "cbs_pc4_2021_v2.gpkg", key=key))
    assert result.level == "postcode4" and list(result.frame.index) == ["1234", "1235"]
    assert result.status.loc["1235", "aantal_inwoners"] == "cbs_secret"


def test_postcode_areas_are_read_fast_path(tmp_path):
    areas = read_postcode_areas(write_pc6_gpkg(tmp_path / "cbs_pc6_2023_v1.gpkg"))
    assert list(areas.index) == POSTCODES and areas.crs.to_epsg() == 28992


@pytest.mark.parametrize("name, year, version", [
    ("cbs_pc6_2019_vol.gpkg", 2019, "vol"), ("CBS_PC6_2015_v2.shp", 2015, "v2"),
    ("CBS-PC6-2018-v3", 2018, "v3"), ("cbs_pc6_2024_v1.gpkg", 2024, "v1"),
    ("postcode6.gpkg", None, None),
])
def test_year_and_version_from_file_name(name, year, version):
    assert (year_from_name(name), version_from_name(name)) == (year, version)


@pytest.mark.parametrize("name, canonical", [
    ("INWONER", "aantal_inwoners"), ("aantalWoningen", "aantal_woningen"),
    ("UITKMINAOW", "aantal_personen_met_uitkering_onder_aowlft"), ("PC6", "postcode6"),
    ("gemiddeldeHuishoudensgrootte", "gemiddelde_huishoudensgrootte"),
    ("percentage_geb_buiten_nederland_herkmst_buiten_europa",
     "percentage_geb_buiten_nederland_herkmst_buiten_europa"),
    ("treinstationAantalBinnen5Km", "treinstation_aantal_binnen_5_km"), ("iets_anders", None),
])
def test_alias_map(name, canonical):
    assert POSTCODE_ALIASES.canonical(name) == canonical


def test_reading_leaves_the_file_unchanged(tmp_path):
    path = write_pc6_gpkg(tmp_path / "cbs_pc6_2019_v1.gpkg")
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    read_cbs_postcode(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cbs_pc6_2019_v1.gpkg"]


def test_income_values_match_input_positions(tmp_path):
    result = read_cbs_postcode(write_pc6_gpkg(tmp_path / "cbs_pc6_2019_v1.gpkg"))
    published = result.status["mediaan_inkomen_huishouden"] == "published"
    assert published.sum() == sum(1 for t in INCOME if t[0].isdigit() and not t.startswith("-"))
    assert np.all(result.frame["mediaan_inkomen_huishouden"][published].notna())


def test_cbs_xlsx_table_without_geometry(tmp_path):
    from test_sources_builders import write_xlsx

    rows = [["postcode6", "aantal_inwoners", "mediaan_inkomen_huishouden"],
            ["1234AB", 25, "80-100 hoog"], ["1234AC", ".", "onclassificeerbaar"],
            ["1234AD", -99997, None]]
    result = read_cbs_postcode(write_xlsx(tmp_path / "cbs_pc6_2022_v2.xlsx", rows))
    assert (result.year, result.version, result.level) == (2022, "v2", "postcode6")
    assert list(result.status["aantal_inwoners"]) == ["published", "cbs_not_available",
                                                      "cbs_secret"]
    assert result.frame.loc["1234AB", "aantal_inwoners"] == 25.0
    assert "geometry" not in result.frame.columns
