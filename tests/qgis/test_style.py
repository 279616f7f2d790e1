"""Measures are drawn with value classes and a distinct class per reason a value is hidden.

Each reason keeps its own words (fewer than the threshold, all but fewer than the
threshold, protecting another figure, not published by CBS, no data), the same in
the legend and in the identify panel, with no number but the threshold.
"""
from __future__ import annotations

import html

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

from ruimtelijke_kijk.dialogs.identify_tool import describe
from ruimtelijke_kijk.layers.question_gpkg import GeometrySource, write_question_layer
from ruimtelijke_kijk.layers.status_classes import status_label
from ruimtelijke_kijk.layers.style import Display, style_measure
from ruimtelijke_kijk.layouts.content import numbers_in
from ruimtelijke_kijk.shell import translation

STATUSES = ["published"] * 5 + ["suppressed", "primary_suppressed", "complement_suppressed",
                                 "secondary_suppressed", "cbs_secret", "no_data", "published"]
VALUES = [5, 10, 15, 20, 30, None, None, None, None, None, None, 100]
PUBLISHED = [v for v, s in zip(VALUES, STATUSES) if s == "published"]
HIDDEN_KEYS = ["primary_suppressed", "complement_suppressed", "secondary_suppressed",
               "suppressed", "cbs", "no_data"]
DUTCH = {
    "primary_suppressed": "minder dan 5 — niet getoond",
    "complement_suppressed": "op minder dan 5 na allemaal — niet getoond",
    "secondary_suppressed": "beschermt een ander cijfer — niet getoond",
    "suppressed": "klein gebied of aantal verborgen — niet getoond",
    "cbs": "niet gepubliceerd door CBS",
    "no_data": "geen gegevens",
}


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


@pytest.fixture()
def dutch():
    translator = translation.install_translator("nl")
    assert translator is not None, "compile the translations first: make translations"
    yield
    translation.remove_translator(translator)


def test_legend_has_value_classes_and_a_class_per_hidden_reason(measured):
    legend = style_measure(measured, "rate", Display(classes=4, opacity=1.0), PUBLISHED)
    roles = [entry.role for entry in legend]
    assert roles == ["value"] * 4 + ["privacy"] * 4 + ["cbs", "no_data"]
    assert [entry.key for entry in legend[4:]] == HIDDEN_KEYS
    assert legend[0].lower == 5 and legend[3].upper == 100
    rules = measured.renderer().rootRule().children()
    assert len(rules) == 10
    assert all("rate__status" in rule.filterExpression() for rule in rules)
    assert [rule.label() for rule in rules] == [entry.label for entry in legend]


def test_each_hidden_reason_has_its_own_words_unlike_any_value_class(measured):
    legend = style_measure(measured, "rate", Display(classes=4), PUBLISHED, threshold=15)
    hidden = [entry.label for entry in legend if entry.role != "value"]
    values = [entry.label for entry in legend if entry.role == "value"]
    assert len(set(hidden)) == len(hidden) == 6
    assert not set(hidden) & set(values)
    for label in hidden:
        assert set(numbers_in(label)) <= {"15"}, label  # the public threshold, nothing else
    assert "15" in hidden[0] and "15" in hidden[1]


def test_the_hidden_classes_speak_dutch(measured, dutch):
    legend = style_measure(measured, "rate", Display(classes=4), PUBLISHED)
    assert {e.key: e.label for e in legend if e.role != "value"} == DUTCH


def test_a_reason_no_area_has_gets_no_class_unless_another_year_has_it(measured):
    with_complement = {"published", "complement_suppressed"}
    # This year's layer has neither complement nor secondary suppression, no reason
    # withheld, nor CBS secrets.
    subset = "\"rate__status\" NOT IN ('complement_suppressed', 'secondary_suppressed', " \
             "'suppressed', 'cbs_secret')"
    assert measured.setSubsetString(subset)
    keys = [e.key for e in style_measure(measured, "rate", Display(classes=3), PUBLISHED)]
    assert keys[-2:] == ["primary_suppressed", "no_data"]
    keys = [e.key for e in style_measure(measured, "rate", Display(classes=3), PUBLISHED,
                                         statuses=with_complement)]
    assert keys[-3:] == ["primary_suppressed", "complement_suppressed", "no_data"]


def test_identify_says_what_the_legend_says(measured):
    legend = style_measure(measured, "rate", Display(classes=4), PUBLISHED)
    words = {entry.key: entry.label for entry in legend}
    measured.setCustomProperty("ruimtelijke_kijk/year", 2024)
    for feature in measured.getFeatures():
        status = feature["rate__status"]
        text = describe(feature["postcode6"], [measured], {"rate": "Aandeel"}, 5,
                        ranks=lambda *_: (1, 7))
        cell = text.split("<td>Aandeel</td><td>")[1].split("</td>")[0]
        if status == "published":
            continue
        key = "cbs" if status.startswith("cbs") else status
        assert cell == html.escape(words[key]) == html.escape(status_label(status, 5))
        assert numbers_in(cell) in ([], ["5"])


def test_every_area_lands_in_exactly_one_class(measured):
    style_measure(measured, "rate", Display(classes=4), PUBLISHED)
    filters = [QgsExpression(rule.filterExpression())
               for rule in measured.renderer().rootRule().children()]
    context = QgsExpressionContext()
    for feature in measured.getFeatures():
        context.setFeature(feature)
        matching = [f for f in filters if f.evaluate(context)]
        assert len(matching) == 1, feature["postcode6"]


def test_hidden_classes_look_different_from_the_lowest_class(measured):
    style_measure(measured, "rate", Display(classes=4, opacity=1.0), PUBLISHED)
    image = _render(measured)
    lowest = _pixels_of_area(image, 0)
    primary, complement, secondary = (_pixels_of_area(image, i) for i in (6, 7, 8))
    cbs = _pixels_of_area(image, 9)
    no_data = _pixels_of_area(image, 10)
    for hatched in (primary, complement, secondary):
        assert len(hatched) >= 2, "the privacy classes are hatched"
    for fixed in (primary, complement, secondary, cbs, no_data):
        assert not (fixed & lowest)
    assert not (primary & cbs) and not (cbs & no_data)


def test_the_privacy_classes_are_hatched_each_their_own_way(measured):
    style_measure(measured, "rate", Display(classes=4), PUBLISHED)
    rules = measured.renderer().rootRule().children()[4:7]
    angles = [tuple(rule.symbol().symbolLayer(i).lineAngle()
                    for i in range(1, rule.symbol().symbolLayerCount())) for rule in rules]
    assert angles == [(45.0,), (135.0,), (45.0, 135.0)]


def test_circles_grow_with_the_class(measured):
    legend = style_measure(measured, "rate", Display(kind="circles", classes=3), PUBLISHED)
    rules = measured.renderer().rootRule().children()
    sizes = [rule.symbol().symbolLayer(1).subSymbol().size() for rule in rules[:3]]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert [e.role for e in legend][-5:] == ["privacy"] * 3 + ["cbs", "no_data"]
