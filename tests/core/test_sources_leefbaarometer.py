"""Leefbaarometer scores, class labels, and assignment to postcode-6 by grid cell or buurt."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box
from test_sources_builders import POSTCODES, X0, Y0, buurten_frame, cells, write_csv

from ruimtelijke_kijk.sources.errors import SourceError
from ruimtelijke_kijk.sources.leefbaarometer import (
    assign_to_postcode6,
    class_label,
    read_leefbaarometer,
)


@pytest.mark.parametrize("value, nl, en", [(1, "Zeer onvoldoende", "Very insufficient"),
                                           (5, "Voldoende", "Sufficient"),
                                           (9, "Uitstekend", "Excellent"), (0, None, None),
                                           (None, None, None)])
def test_class_labels(value, nl, en):
    assert class_label(value) == nl and class_label(value, "en") == en


def _grid_scores(tmp_path):
    return read_leefbaarometer(write_csv(
        tmp_path / "lbm3_grid_2022.csv",
        "grid_id,kscore,kfys,konv,ksoc,kvrz,kwon,afw,fys,onv,soc,vrz,won\n"
        "g1,7,5,6,5,5,4,0.12,0.01,0.02,0.03,-0.01,0.05\n"
        "g2,3,2,3,4,5,6,-0.08,0.0,0.0,0.0,0.0,0.0\n"))


def test_read_grid_scores(tmp_path):
    scores = _grid_scores(tmp_path)
    assert scores.key == "grid_id" and scores.year == 2022
    assert str(scores.frame["kscore"].dtype) == "Int64" and scores.frame.loc["g1", "afw"] == 0.12


def test_assignment_by_grid_then_buurt(tmp_path):
    grid = gpd.GeoDataFrame({"grid_id": ["g1", "g2"]},
                            geometry=[box(X0, Y0, X0 + 100, Y0 + 200),
                                      box(X0 + 100, Y0, X0 + 200, Y0 + 200)], crs="EPSG:28992")
    buurt_scores = read_leefbaarometer(write_csv(tmp_path / "lbm3_buurt_2022.csv",
                                                 "bu_code;kscore;afw\nBU03630002;8;0,2\n"))
    buurten = buurten_frame().set_index("buurtcode")
    areas = gpd.GeoSeries(cells(), index=POSTCODES, crs="EPSG:28992")
    out = assign_to_postcode6(areas, grid_scores=_grid_scores(tmp_path), grid=grid,
                              buurt_scores=buurt_scores, buurten=buurten)
    assert out.loc["1234AB", "methode"] == "grid" and out.loc["1234AB", "kscore"] == 7
    assert out.loc["1234AC", "kscore"] == 3 and out.loc["1235AA", "methode"] == "grid"
    assert out.loc["1234AD", "methode"] == "buurt" and out.loc["1234AD", "kscore"] == 8
    assert out.loc["1234AD", "afw"] == pytest.approx(0.2)
    assert out["methode"].value_counts().to_dict() == {"grid": 4, "buurt": 4}
    assert str(out["kscore"].dtype) == "Int64"


def test_class_outside_1_to_9_names_row_and_column(tmp_path):
    path = write_csv(tmp_path / "lbm.csv", "bu_code;kscore\nBU1;5\nBU2;12\n")
    with pytest.raises(SourceError) as info:
        read_leefbaarometer(path)
    assert (info.value.row, info.value.column) == (3, "kscore")


def test_no_scores_at_all_is_refused():
    with pytest.raises(ValueError):
        assign_to_postcode6(gpd.GeoSeries([], dtype="geometry"))
    assert pd.Series(dtype=object).empty
