"""Municipal registrations: both shapes, every encoding and delimiter, row-numbered reports."""
from __future__ import annotations

import pandas as pd
import pytest
from test_sources_builders import (
    HOUSEHOLD_HEADER,
    household_rows,
    write_csv,
    write_households,
    write_xlsx,
)

from ruimtelijke_kijk.sources.postcodes import normalise_postcodes, postcode6_problems
from ruimtelijke_kijk.sources.registrations import read_registrations

INDICATORS = HOUSEHOLD_HEADER.split(";")[3:]


@pytest.mark.parametrize("typed, normal", [("1234 ab", "1234AB"), ("1234AB ", "1234AB"),
                                           ("1234-AB", "1234AB"), (" 1234 Ab", "1234AB")])
def test_postcodes_are_normalised(typed, normal):
    assert normalise_postcodes(pd.Series([typed])).iloc[0] == normal


@pytest.mark.parametrize("code", ["0123AB", "1234SA", "1234SD", "1234SS", "123AB", "1234A",
                                  "1234ABC", "ABCD12", ""])
def test_invalid_postcodes_are_named(code):
    assert postcode6_problems(pd.Series([code])).iloc[0] is not None


def test_household_microdata_as_in_the_contract(tmp_path):
    path = write_households(tmp_path / "huishoudens_2023.csv")
    result = read_registrations(path)
    frame = result.frame
    assert result.shape == "microdata" and result.year == 2023 and result.encoding == "utf-8-sig"
    assert list(frame["postcode6"]) == ["1234AB", "1234AB", "1234AC"]
    assert list(frame["huishouden_id"]) == ["H001", "H002", "H003"]
    assert list(frame.index) == [2, 3, 4]  # the rows as the user sees them
    assert list(frame["jaar"]) == [2023] * 3
    assert set(INDICATORS) <= set(frame.columns)
    assert list(frame["eenpersoonshuishouden"]) == [1, 0, 0]  # ja/nee → 1/0
    assert str(frame["laag_inkomen"].dtype) == "Int64"
    assert frame["schuld_bedrag"].iloc[0] == pytest.approx(1250.75)  # decimal comma
    assert pd.isna(frame["schuld_bedrag"].iloc[1]) and frame["schuld_bedrag"].iloc[2] == 300
    assert result.issues == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_counts_shape_in_every_encoding_and_delimiter(tmp_path, encoding, delimiter):
    text = "\n".join(["postcode;aantal_huishoudens;wijk_naam;gemiddeld_bedrag",
                      "1234 ab;12;Zuidoost;1,5", "1234AC;onbekend;Café;2",
                      "1234AD;geheim;Café;3"])
    if delimiter == ",":
        text = text.replace(",", ".").replace(";", ",")
    path = write_csv(tmp_path / "telling.csv", text, encoding)
    result = read_registrations(path)
    assert result.shape == "counts" and list(result.frame.index) == ["1234AB", "1234AC", "1234AD"]
    assert result.frame.loc["1234AB", "aantal_huishoudens"] == 12
    assert result.frame.loc["1234AB", "gemiddeld_bedrag"] == 1.5
    status = result.status["aantal_huishoudens"]
    assert list(status) == ["published", "no_data", "primary_suppressed"]
    assert result.frame["aantal_huishoudens"].isna().sum() == 2  # never 0
    assert any("wijk_naam" == i.column for i in result.issues)  # text is not a count


def test_counts_problems_are_reported_by_row(tmp_path):
    text = "postcode;aantal\n1234AB;5\n1234AB;6\n0123AB;3\n1234AC;-2\n1234SS;1\n1234AD;veel\n"
    result = read_registrations(write_csv(tmp_path / "telling.csv", text))
    by_row = {(i.row, i.column): i.reason for i in result.issues}
    assert "duplicate postcode (first row 2)" in by_row[(3, "postcode")]
    assert "0123AB" in by_row[(4, "postcode")]
    assert "negative" in by_row[(5, "aantal")]
    assert "SS" in by_row[(6, "postcode")]
    assert "not a number" in by_row[(7, "aantal")]
    assert result.frame.loc["1234AB", "aantal"] == 5  # first kept
    assert result.status.loc["1234AC", "aantal"] == "no_data"


def test_duplicate_ids_within_a_year_are_reported(tmp_path):
    rows = household_rows() + [household_rows()[0].replace("1234 ab", "1234AE")]
    result = read_registrations(write_households(tmp_path / "huishoudens_2023.csv", rows))
    assert [(i.row, i.column) for i in result.issues] == [(5, "huishouden_id")]
    assert len(result.frame) == 3


def test_xlsx_microdata_row_numbers_are_excel_rows(tmp_path):
    rows = [["huishouden_id", "postcode", "jaar", "laag_inkomen", "jeugdhulp"],
            ["A", "1234 AB", 2022, "ja", 2], [None, None, None, None, None],
            ["B", "9999", 2022, "nee", 0], ["C", "1234AC", 2022, True, 1]]
    path = write_xlsx(tmp_path / "registraties.xlsx", rows)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = read_registrations(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert result.shape == "microdata" and list(result.frame.index) == [2, 5]
    assert [(i.row, i.column) for i in result.issues] == [(4, "postcode")]
    assert list(result.frame["laag_inkomen"]) == [1, 1]
    assert list(result.frame["jeugdhulp"]) == [2, 1]


def test_the_users_file_is_never_changed(tmp_path):
    path = write_households(tmp_path / "huishoudens_2023.csv", encoding="cp1252")
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    read_registrations(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["huishoudens_2023.csv"]


def test_mixed_encodings_are_read_line_by_line(tmp_path):
    data = b"postcode;naam;aantal\n" + "1234AB;Café;5\n".encode() \
        + "1234AC;Caf\xe9;6\n".encode("cp1252")
    path = tmp_path / "gemengd.csv"
    path.write_bytes(data)
    result = read_registrations(path, shape="counts")
    assert result.encoding == "mixed" and result.warnings
    assert result.frame.loc["1234AC", "aantal"] == 6
