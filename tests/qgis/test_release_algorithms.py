"""The data analyst's algorithms through ``qgis_process``: build a release, then audit it."""
from __future__ import annotations

import json
import sqlite3

import pytest
from test_no_side_channel import CATALOGUE  # the debt catalogue

from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.demo.sizes import SizeSpec, TownSpec
from ruimtelijke_kijk.privacy.release_io import read_release

YEAR = 2023
TOWN = SizeSpec("analyst", (TownSpec(postcodes=20, pc4_groups=2, wijken=2, buurten=3,
                                     households_per_postcode=30.0, lake=False),))


def analyst_town(root, size: SizeSpec, seed: int):
    """A generated town's files and the debt catalogue, as a data analyst has them."""
    folder = root / "gemeente"
    generate(folder, size=size, seed=seed)
    catalogue = root / "catalogue.json"
    catalogue.write_text(json.dumps(CATALOGUE), encoding="utf-8")
    return folder, catalogue


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    return analyst_town(tmp_path_factory.mktemp("analyst"), TOWN, 2)


def _inputs(folder):
    return dict(REGISTRATIONS=folder / "registraties" / f"huishoudens_{YEAR}.csv",
                CBS_POSTCODE6=next((folder / "cbs").glob(f"cbs_pc6_{YEAR}_*.gpkg")),
                WIJKBUURT=folder / "wijkbuurt" / f"wijkenbuurten_{YEAR}.gpkg")


def test_buildrelease_then_auditrelease(qgis_process, town, tmp_path):
    folder, catalogue = town
    release = tmp_path / f"release_{YEAR}.gpkg"
    built = qgis_process("ruimtelijkekijk:buildrelease", YEAR=YEAR, CATALOGUE=catalogue,
                         OUTPUT=release, **_inputs(folder))
    assert built["results"]["OUTPUT"] == str(release)
    read = read_release(release)  # checksum verified
    assert read.year == YEAR and read.metadata["audit"]["passed"] is True
    assert {"published", "primary_suppressed"} <= set(read.cells["status"])
    hidden = read.cells[read.cells["status"] != "published"]
    assert hidden["value"].isna().all()  # a hidden cell has no number in the file
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))

    report = tmp_path / "audit.txt"
    audited = qgis_process("ruimtelijkekijk:auditrelease", RELEASES=release,
                           REGISTRATIONS=_inputs(folder)["REGISTRATIONS"],
                           CBS_POSTCODE6=_inputs(folder)["CBS_POSTCODE6"],
                           WIJKBUURT=_inputs(folder)["WIJKBUURT"], OUTPUT=report)
    assert audited["results"]["PASSED"] is True
    assert str(YEAR) in report.read_text(encoding="utf-8")


def test_an_edited_release_is_refused_by_the_audit(qgis_process, town, tmp_path):
    folder, catalogue = town
    release = tmp_path / "release.gpkg"
    qgis_process("ruimtelijkekijk:buildrelease", YEAR=YEAR, CATALOGUE=catalogue,
                 OUTPUT=release, **_inputs(folder))
    with sqlite3.connect(release) as db:
        db.execute("UPDATE release_values SET value = value + 1 WHERE status = 'published' "
                   "AND area_level = 'postcode6' AND fid = (SELECT min(fid) FROM "
                   "release_values WHERE status = 'published' AND area_level = 'postcode6')")
    with pytest.raises(AssertionError, match="checksum"):
        qgis_process("ruimtelijkekijk:auditrelease", RELEASES=release,
                     OUTPUT=tmp_path / "audit.txt", **_inputs(folder))
