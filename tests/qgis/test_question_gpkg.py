"""The question layer GeoPackage opens in QGIS with its measures, statuses and index."""
from __future__ import annotations

import pandas as pd
import pytest
from qgis.core import QgsFeatureSource, QgsVectorLayer

from ruimtelijke_kijk.layers.question_gpkg import GeometrySource, write_question_layer


def _measures(codes):
    values = pd.array([12, None, 40, 7, None], dtype="Int64")
    statuses = ["published", "primary_suppressed", "published", "published", "no_data"]
    return pd.DataFrame({"schulden": values, "schulden__status": statuses}, index=codes)


def _read(path, table):
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    assert layer.isValid()
    rows = {f["postcode6"]: (f["schulden"], f["schulden__status"]) for f in layer.getFeatures()}
    return layer, rows


def test_copies_polygons_from_the_cbs_geopackage(tmp_path, cbs_gpkg):
    path, frame = cbs_gpkg
    before = path.read_bytes()
    codes = list(frame.postcode6[:4]) + ["9999ZZ"]  # the last one has no polygon
    out = tmp_path / "schulden.gpkg"
    written = write_question_layer(out, "schulden", _measures(codes), GeometrySource(path=path))
    assert written == 4
    layer, rows = _read(out, "schulden")
    assert layer.featureCount() == 4
    assert layer.crs().authid() == "EPSG:28992"
    assert rows["1234AA"] == (12, "published")
    suppressed_value, status = rows["1234AB"]
    assert status == "primary_suppressed" and (suppressed_value is None or
                                               str(suppressed_value) == "NULL")
    assert layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresence.SpatialIndexPresent
    extent = layer.extent()
    assert extent.xMinimum() == 150000 and extent.xMaximum() == 150200
    original = {r.postcode6: r.geometry.wkb for r in frame.itertuples()}
    for feature in layer.getFeatures():
        assert feature.geometry().asWkb().data() == original[feature["postcode6"]] or \
            feature.geometry().area() == pytest.approx(2000)
    assert path.read_bytes() == before  # the user's file is untouched
    assert not (tmp_path / "schulden.gpkg.part").exists()


def test_writes_polygons_from_a_geoseries(tmp_path, cbs_gpkg):
    _, frame = cbs_gpkg
    codes = list(frame.postcode6[:5])
    out = tmp_path / "from_series.gpkg"
    series = frame.set_index("postcode6").geometry
    written = write_question_layer(out, "q", _measures(codes), GeometrySource(geometries=series))
    assert written == 5
    layer = QgsVectorLayer(f"{out}|layername=q", "q", "ogr")
    assert layer.isValid() and layer.featureCount() == 5
    assert layer.extent().xMinimum() == 150000
    areas = sorted(round(f.geometry().area()) for f in layer.getFeatures())
    assert areas == [2000] * 5


def test_cancel_leaves_no_file(tmp_path, cbs_gpkg):
    path, frame = cbs_gpkg
    out = tmp_path / "cancelled.gpkg"
    with pytest.raises(InterruptedError):
        write_question_layer(out, "q", _measures(list(frame.postcode6[:5])),
                             GeometrySource(path=path), is_cancelled=lambda: True)
    assert list(tmp_path.glob("cancelled*")) == []


def test_a_layer_of_every_area_takes_the_whole_index(tmp_path, cbs_gpkg):
    from qgis.core import QgsFeatureRequest, QgsRectangle

    path, frame = cbs_gpkg
    codes = list(frame.postcode6)
    measures = pd.DataFrame({"schulden": pd.array(range(12), dtype="Int64"),
                             "schulden__status": ["published"] * 12}, index=codes)
    out = tmp_path / "all.gpkg"
    assert write_question_layer(out, "alles", measures, GeometrySource(path=path)) == 12
    layer = QgsVectorLayer(f"{out}|layername=alles", "alles", "ogr")
    assert layer.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresence.SpatialIndexPresent
    # The copied index answers spatial queries: the sixth area sits at x 150250–150300.
    box = QgsRectangle(150260, 450010, 150290, 450030)
    hits = [f["postcode6"] for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(box))]
    assert hits == [codes[5]]
    assert [f["schulden"] for f in layer.getFeatures()] == list(range(12))
