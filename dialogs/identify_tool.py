"""Clicking a postcode-6: its protected measures for every year, its rank, buurt and wijk."""
from __future__ import annotations

import html
from typing import Callable, List, Optional

from qgis.core import QgsFeatureRequest, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsMapCanvas, QgsMapTool
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal

from ..indicators.status import Status
from ..layers.status_classes import status_label

SHOWN = (Status.PUBLISHED.value, Status.PERTURBED.value)


def rank(layer: QgsVectorLayer, field: str, value: float) -> tuple:
    """(rank, count) of ``value`` among the layer's published values, highest first."""
    status_field = f"{field}__status"
    request = QgsFeatureRequest().setSubsetOfAttributes([field, status_field], layer.fields())
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    values = [f[field] for f in layer.getFeatures(request) if f[status_field] in SHOWN]
    higher = sum(1 for v in values if v is not None and v > value)
    return higher + 1, len(values)


def describe(postcode: str, layers: List[QgsVectorLayer], labels: dict, threshold: int,
             ranks: Optional[Callable[[int, str, str], tuple]] = None) -> str:
    """HTML for the identify panel; every number is a published attribute value.

    ``ranks(year, measure, postcode)`` gives (rank, count) from the result in memory;
    without it the rank is counted from the layer.
    """
    e = html.escape
    parts = [f"<h3>{e(postcode)}</h3>"]
    first = True
    for layer in layers:
        year = layer.customProperty("ruimtelijke_kijk/year")
        request = QgsFeatureRequest().setFilterExpression(f"\"postcode6\" = '{postcode}'")
        feature = next(layer.getFeatures(request), None)
        if feature is None:
            continue
        if first:
            buurt = feature["buurtnaam"] if "buurtnaam" in feature.fields().names() else None
            wijk = feature["wijknaam"] if "wijknaam" in feature.fields().names() else None
            neighbourhood = QCoreApplication.translate("IdentifyTool", "Neighbourhood")
            district = QCoreApplication.translate("IdentifyTool", "District")
            parts.append(f"<p>{e(neighbourhood)}: {e(str(buurt or '—'))}<br/>"
                         f"{e(district)}: {e(str(wijk or '—'))}</p>")
            first = False
        parts.append(f"<p><b>{e(str(year))}</b></p><table>")
        for field, label in labels.items():
            if field not in feature.fields().names():
                continue
            status = feature[f"{field}__status"]
            if status in SHOWN:
                value = feature[field]
                position, count = ranks(year, field, postcode) if ranks else \
                    rank(layer, field, value)
                shown = f"{value:.1f}".replace(".", ",") if isinstance(value, float) else value
                text = QCoreApplication.translate("IdentifyTool", "{} (rank {} of {})") \
                    .format(shown, position, count)
            else:
                text = status_label(status, threshold)  # the legend's words, no number
            parts.append(f"<tr><td>{e(label)}</td><td>{e(str(text))}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


class IdentifyPostcodeTool(QgsMapTool):
    """Emits the postcode-6 under the click on the reference layer."""

    identified = pyqtSignal(str)

    def __init__(self, canvas: QgsMapCanvas, layer: QgsVectorLayer) -> None:
        super().__init__(canvas)
        self.layer = layer

    def canvasReleaseEvent(self, event) -> None:  # noqa: N802 — Qt event name
        point = self.toLayerCoordinates(self.layer, event.mapPoint())
        tolerance = self.searchRadiusMU(self.canvas())
        box = QgsRectangle(point.x() - tolerance, point.y() - tolerance,
                           point.x() + tolerance, point.y() + tolerance)
        request = QgsFeatureRequest().setFilterRect(box)
        for feature in self.layer.getFeatures(request):
            if feature.geometry().contains(point) or feature.geometry().distance(
                    feature.geometry().fromPointXY(point)) <= tolerance:
                self.identified.emit(str(feature["postcode6"]))
                return
