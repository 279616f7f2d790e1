"""Text and shape items of the praatplaat, with one typeface and one palette.

Fonts go through ``QgsTextFormat`` where the item has it (QGIS 3.24+ labels,
3.30+ legends) and through ``QFont`` otherwise, so the same code runs on 3.22
and on QGIS 4.
"""
from __future__ import annotations

import math

from qgis.core import (
    QgsFillSymbol,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemShape,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsPrintLayout,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase

from .compat import MILLIMETRES, POINTS
from .sheet import Box

INK = QColor("#1d2430")
MUTED = QColor("#5b6472")
ACCENT = QColor("#1f4e79")
TINT = QColor("#eef2f7")
HAIRLINE = QColor("#c9d0da")

_FAMILIES = ("Source Sans Pro", "Source Sans 3", "Open Sans", "Noto Sans", "Segoe UI",
             "Arial", "Liberation Sans", "DejaVu Sans")
MM = MILLIMETRES


def family() -> str:
    """The first clean sans-serif this machine has (municipal PCs: Segoe UI or Arial)."""
    available = set(QFontDatabase().families())
    return next((name for name in _FAMILIES if name in available), QFont().defaultFamily())


def font(points: float, bold: bool = False) -> QFont:
    result = QFont(family())
    result.setPointSizeF(points)
    result.setBold(bold)
    return result


def text_format(points: float, color: QColor = INK, bold: bool = False) -> QgsTextFormat:
    fmt = QgsTextFormat()
    fmt.setFont(font(points, bold))
    fmt.setSize(points)
    fmt.setSizeUnit(POINTS)
    fmt.setColor(color)
    return fmt


def place(item: QgsLayoutItem, box: Box) -> None:
    item.attemptMove(QgsLayoutPoint(box.x, box.y, MM))
    item.attemptResize(QgsLayoutSize(box.width, box.height, MM))


def label(layout: QgsPrintLayout, text: str, box: Box, points: float, color: QColor = INK,
          bold: bool = False, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
          valign: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop) -> QgsLayoutItemLabel:
    """A plain-text label; long text wraps inside ``box``."""
    item = QgsLayoutItemLabel(layout)
    # "[%" would start an expression: content text is printed, never evaluated.
    item.setText(text.replace("[%", "[ %"))
    if hasattr(item, "setTextFormat"):
        item.setTextFormat(text_format(points, color, bold))
    else:
        item.setFont(font(points, bold))
        item.setFontColor(color)
    item.setHAlign(align)
    item.setVAlign(valign)
    item.setMarginX(0.0)
    item.setMarginY(0.0)
    layout.addLayoutItem(item)
    place(item, box)
    return item


def fitted_points(text: str, width_mm: float, points: float, smallest: float) -> float:
    """The largest size from ``points`` down to ``smallest`` at which ``text`` fits on a line."""
    size = points
    while size > smallest and QgsLayoutUtils.textWidthMM(font(size, True), text) > width_mm:
        size = round(size - 0.5, 1)
    return max(size, smallest)


def block_points(text: str, box: Box, points: float, smallest: float) -> float:
    """The largest size from ``points`` down to ``smallest`` at which wrapped ``text`` fits."""
    size = points
    while size > smallest:
        lines = sum(max(1, math.ceil(QgsLayoutUtils.textWidthMM(font(size), line) * 1.1
                                     / max(box.width, 1.0)))
                    for line in text.splitlines() or [""])
        if text_height(size, lines) <= box.height:
            break
        size = round(size - 0.25, 2)
    return max(size, smallest)


def text_height(points: float, lines: int = 1) -> float:
    """Millimetres taken by ``lines`` lines of text at ``points``."""
    return QgsLayoutUtils.fontHeightMM(font(points)) * lines * 1.12


def rectangle(layout: QgsPrintLayout, box: Box, color: QColor) -> QgsLayoutItemShape:
    item = QgsLayoutItemShape(layout)
    item.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
    item.setSymbol(QgsFillSymbol.createSimple(
        {"color": color.name(), "outline_style": "no", "style": "solid"}))
    layout.addLayoutItem(item)
    place(item, box)
    return item
