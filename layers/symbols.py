"""The fill symbols of the privacy, CBS and no-data legend classes, and value symbols.

Symbols are built with ``createSimple`` and ``appendSymbolLayer``: both hand
ownership to QGIS cleanly, where a Python list of symbol layers would not.
"""
from __future__ import annotations

from qgis.core import (
    QgsCentroidFillSymbolLayer,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsSimpleFillSymbolLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

OUTLINE = "140,140,140,255"


def _fill(color: str) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": color, "outline_color": OUTLINE, "outline_width": "0.1", "style": "solid"}
    )


def value_fill(color: QColor) -> QgsFillSymbol:
    return _fill(color.name())


def suppressed_fill(reason: str = "primary") -> QgsFillSymbol:
    """Hidden by the release: light grey with a dark hatch, one hatch per reason.

    "primary" (fewer than the threshold) is hatched ``/``, "complement" (all but
    fewer than the threshold) ``\\``, "secondary" (protects another figure) crossed,
    "withheld" (no reason given) horizontally.
    """
    symbol = _fill("#e6e6e6")
    angles = {"primary": (45,), "complement": (135,), "secondary": (45, 135),
              "withheld": (0,)}[reason]
    for angle in angles:
        hatch = QgsLinePatternFillSymbolLayer()
        hatch.setLineAngle(angle)
        hatch.setDistance(1.2 if len(angles) == 1 else 1.8)
        hatch.setSubSymbol(QgsLineSymbol.createSimple({"color": "#4d4d4d", "width": "0.2"}))
        symbol.appendSymbolLayer(hatch)
    return symbol


def cbs_unpublished_fill() -> QgsFillSymbol:
    """"Not published by CBS": a mid grey, flat."""
    return _fill("#a6a6a6")


def no_data_fill() -> QgsFillSymbol:
    """"No data": white with a dotted pattern, so it never reads as a low value."""
    symbol = _fill("#ffffff")
    dots = QgsSimpleFillSymbolLayer()
    dots.setColor(QColor("#bdbdbd"))
    dots.setBrushStyle(Qt.BrushStyle.Dense6Pattern)
    dots.setStrokeStyle(Qt.PenStyle.NoPen)
    symbol.appendSymbolLayer(dots)
    return symbol


def circle_fill(diameter_mm: float, color: QColor) -> QgsFillSymbol:
    """The area's outline with a circle of the given size at its centroid."""
    symbol = _fill("#f7f7f7")
    centroid = QgsCentroidFillSymbolLayer()
    centroid.setPointOnSurface(True)
    centroid.setSubSymbol(QgsMarkerSymbol.createSimple({
        "name": "circle", "size": str(diameter_mm), "color": color.name(),
        "outline_color": "#ffffff", "outline_width": "0.15",
    }))
    symbol.appendSymbolLayer(centroid)
    return symbol
