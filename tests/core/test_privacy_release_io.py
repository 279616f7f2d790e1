"""The release file format: GeoPackage tables, checksum, determinism, atomic writes."""
from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from ruimtelijke_kijk.privacy.release_io import (
    ReleaseError,
    ReleaseTamperedError,
    read_release,
    write_release,
)

CELLS = pd.DataFrame({
    "area_level": ["postcode6", "postcode6", "gemeente"],
    "area_code": ["1234AB", "1234AC", "GM0001"],
    "statistic": ["schulden", "schulden", "schulden"],
    "value": [7, None, 12],
    "status": ["published", "primary_suppressed", "published"],
})
META = {"year": 2024, "parameters": {"mode": "suppression", "threshold": 5},
        "catalogue": {"statistics": [{"id": "schulden"}]}}


def test_round_trip_and_wide_values(tmp_path):
    path = tmp_path / "r.gpkg"
    checksum = write_release(path, CELLS, META)
    release = read_release(path)
    assert release.year == 2024 and release.threshold == 5 and release.checksum == checksum
    wide = release.values("postcode6")
    assert wide.loc["1234AB", "schulden"] == 7
    assert pd.isna(wide.loc["1234AC", "schulden"])
    assert wide.loc["1234AC", "schulden__status"] == "primary_suppressed"
    assert str(wide["schulden"].dtype) == "Int64"


def test_byte_identical(tmp_path):
    write_release(tmp_path / "a.gpkg", CELLS, META)
    write_release(tmp_path / "b.gpkg", CELLS.iloc[::-1], META)
    assert (tmp_path / "a.gpkg").read_bytes() == (tmp_path / "b.gpkg").read_bytes()


def test_is_a_geopackage_of_attribute_tables(tmp_path):
    path = tmp_path / "r.gpkg"
    write_release(path, CELLS, META)
    con = sqlite3.connect(path)
    kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
    app_id = con.execute("PRAGMA application_id").fetchone()[0]
    con.close()
    assert kinds == {"release_values": "attributes", "release_metadata": "attributes"}
    assert app_id == 0x47504B47


@pytest.mark.parametrize("sql", [
    "UPDATE release_values SET value = 8 WHERE value = 7",
    "UPDATE release_values SET status = 'published', value = 3 WHERE value IS NULL",
    "UPDATE release_metadata SET value = '4' WHERE key = 'year'",
    "DELETE FROM release_values WHERE area_level = 'gemeente'",
])
def test_tampering_is_refused(tmp_path, sql):
    path = tmp_path / "r.gpkg"
    write_release(path, CELLS, META)
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()
    with pytest.raises(ReleaseTamperedError):
        read_release(path)


def test_hidden_value_must_be_null_and_failed_write_leaves_nothing(tmp_path):
    bad = CELLS.copy()
    bad.loc[1, "value"] = 3
    with pytest.raises(ReleaseError):
        write_release(tmp_path / "r.gpkg", bad, META)
    with pytest.raises(TypeError):
        write_release(tmp_path / "r.gpkg", CELLS, {**META, "x": object()})
    assert list(tmp_path.iterdir()) == []
