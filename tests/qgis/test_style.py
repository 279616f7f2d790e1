"""Measures are drawn with value classes and distinct privacy, CBS and no-data classes."""
from __future__ import annotations

import pandas as pd
import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from ruimtelijke_kijk.layers.question_gpkg import GeometrySource, write_question_layer
from ruimtelijke_kijk.layers.style import Display, style_measure

STATUSES = ["published"] * 8 + ["primary_suppressed", "cbs_secret", "no_data", "published"]
VALUES = [5, 10, 15, 20, 30, 40, 60, 80, None, None, None, 100]


@pytest.fixture()
def measured(tmp_path, cbs_gpkg):
    path, frame = cbs_gpkg
    measures = pd.DataFrame(
        {"rate": pd.array(VALUES, dtype="Float64"), "rate__status": STATUSES},
        index=list(frame.postcode6),
    )
    out = tmp_path / "q.gpkg"
    write_question_layer(out, "q", measures, GeometrySource(path=path))
    layer = QgsVectorLayer(f"{out}|layername=q", "q", "ogr")
    assert layer.isValid()
    yield layer
    # pytest may hold the test's arguments until after QGIS has shut down;
    # the layer must close its file while GDAL is still there.
    sip.delete(layer)


def _render(layer) -> object:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setOutputSize(QSize(1200, 80))
    settings.setExtent(layer.extent())
    settings.setBackgroundColor(QColor("#000000"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def _pixels_of_area(image, index: int, areas: int = 12) -> set:
    width = image.width() / areas
    y = image.height() // 2
    return {image.pixelColor(int(width * index + dx), y).name()
            for dx in range(int(width * 0.2), int(width * 0.8))}


def test_legend_has_value_classes_and_the_three_fixed_classes(measured):
    published = [v for v, s in zip(VALUES, STATUSES) if s == "published"]
    legend = style_measure(measured, "rate", Display(classes=4, opacity=1.0), published)
    roles = [entry.role for entry in legend]
    assert roles == ["value"] * 4 + ["privacy", "cbs", "no_data"]
    assert legend[0].lower == 5 and legend[3].upper == 100
    assert "5" in legend[4].label  # "minder dan 5 — niet getoond" / "fewer than 5 — not shown"
    rules = measured.renderer().rootRule().children()
    assert len(rules) == 7
    assert all("rate__status" in rule.filterExpression() for rule in rules)


def test_every_area_lands_in_exactly_one_class(measured):
    published = [v for v, s in zip(VALUES, STATUSES) if s == "published"]
    style_measure(measured, "rate", Display(classes=4), published)
    filters = [QgsExpression(rule.filterExpression())
               for rule in measured.renderer().rootRule().children()]
    context = QgsExpressionContext()
    for feature in measured.getFeatures():
        context.setFeature(feature)
        matching = [f for f in filters if f.evaluate(context)]
        assert len(matching) == 1, feature["postcode6"]


def test_suppressed_cbs_and_no_data_look_different_from_the_lowest_class(measured):
    published = [v for v, s in zip(VALUES, STATUSES) if s == "published"]
    style_measure(measured, "rate", Display(classes=4, opacity=1.0), published)
    image = _render(measured)
    lowest = _pixels_of_area(image, 0)
    suppressed = _pixels_of_area(image, 8)
    cbs = _pixels_of_area(image, 9)
    no_data = _pixels_of_area(image, 10)
    assert len(suppressed) >= 2, "the privacy class is hatched"
    for fixed in (suppressed, cbs, no_data):
        assert not (fixed & lowest)
    assert not (suppressed & cbs) and not (cbs & no_data)


def test_circles_grow_with_the_class(measured):
    published = [v for v, s in zip(VALUES, STATUSES) if s == "published"]
    legend = style_measure(measured, "rate", Display(kind="circles", classes=3),
                           published)
    rules = measured.renderer().rootRule().children()
    sizes = [rule.symbol().symbolLayer(1).subSymbol().size() for rule in rules[:3]]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert [e.role for e in legend][-3:] == ["privacy", "cbs", "no_data"]
