"""The map, its legend, scale bar and north arrow.

The legend is filtered to the question layer and does not follow the project:
it shows exactly the renderer's rules, in the words of the map and the identify
panel: the value classes, a class for each reason a value is not shown that the
measure has (in any year of the result), and "no data".
"""
from __future__ import annotations

import math
from typing import Sequence

from qgis.core import (
    QgsLayoutItem,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayer,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSymbolLayerUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QImage, QPainter
from qgis.PyQt.QtWidgets import QStyleOptionGraphicsItem

from .compat import KILOMETRES, LEGEND_HIDDEN, LEGEND_LABEL, LEGEND_SYMBOL, LEGEND_TITLE, METRES
from .items import HAIRLINE, INK, MM, font, place, text_format
from .sheet import Box, Sheet

EXTENT_MARGIN = 0.04  # of the layer's width and height, on each side
NORTH_ARROW = "arrows/NorthArrow_02.svg"


def ordered_layers(project: QgsProject, layer: QgsMapLayer,
                   background: Sequence[QgsMapLayer]) -> list[QgsMapLayer]:
    """The question layer on top, then the background in the project's drawing order."""
    order = {lyr.id(): rank for rank, lyr in enumerate(project.layerTreeRoot().layerOrder())}
    rest = [lyr for lyr in background if lyr.id() != layer.id()]
    rest.sort(key=lambda lyr: order.get(lyr.id(), len(order)))
    return [layer, *rest]


def map_item(layout: QgsPrintLayout, layer: QgsVectorLayer, layers: list[QgsMapLayer],
             box: Box) -> QgsLayoutItemMap:
    item = QgsLayoutItemMap(layout)
    item.setId("map")
    layout.addLayoutItem(item)
    place(item, box)
    item.setCrs(layer.crs())
    item.setLayers(layers)
    item.setKeepLayerSet(True)
    item.setFrameEnabled(True)
    item.setFrameStrokeColor(HAIRLINE)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(0.25, MM))
    extent = layer.extent()
    if extent.isEmpty():
        extent = extent.buffered(100.0)  # a single point or nothing: a small window
    item.setExtent(_fitted(extent.buffered(EXTENT_MARGIN * max(extent.width(),
                                                               extent.height())), box))
    return item


def _fitted(extent: QgsRectangle, box: Box) -> QgsRectangle:
    """``extent`` widened in one direction to the box's shape, around the same centre."""
    aspect = box.width / box.height
    width, height = extent.width(), extent.height()
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    centre = extent.center()
    return QgsRectangle(centre.x() - width / 2, centre.y() - height / 2,
                        centre.x() + width / 2, centre.y() + height / 2)


def _legend_font(legend: QgsLayoutItemLegend, style, points: float,
                 bold: bool = False) -> None:
    rstyle = legend.rstyle(style)
    if hasattr(rstyle, "setTextFormat"):
        rstyle.setTextFormat(text_format(points, INK, bold))
    else:
        rstyle.setFont(font(points, bold))


def legend_item(layout: QgsPrintLayout, layer: QgsVectorLayer, linked: QgsLayoutItemMap,
                sheet: Sheet, box: Box) -> QgsLayoutItemLegend:
    """The renderer's classes of ``layer`` only, without the layer's name."""
    item = QgsLayoutItemLegend(layout)
    item.setId("legend")
    layout.addLayoutItem(item)
    item.setAutoUpdateModel(False)
    item.setLinkedMap(linked)
    item.setLegendFilterByMapEnabled(False)
    root = item.model().rootGroup()
    root.removeAllChildren()
    node = root.addLayer(layer)
    QgsLegendRenderer.setNodeLegendStyle(node, LEGEND_HIDDEN)
    item.setTitle("")
    item.rstyle(LEGEND_TITLE).setMargin(QgsLegendStyle.Side.Bottom, 0.0)
    item.setBoxSpace(0.0)
    item.setSymbolWidth(sheet.mm(8.0))
    item.setSymbolHeight(sheet.mm(4.0))
    item.rstyle(LEGEND_SYMBOL).setMargin(QgsLegendStyle.Side.Top, sheet.mm(1.1))
    item.rstyle(LEGEND_LABEL).setMargin(QgsLegendStyle.Side.Left, sheet.mm(2.0))
    _legend_font(item, LEGEND_LABEL, sheet.points("legend"))
    item.setResizeToContents(True)
    place(item, Box(box.x, box.y, box.width, 1.0))
    item.updateLegend()
    _measure(item)
    return item


def _measure(item: QgsLayoutItemLegend) -> None:
    """Grows the legend to its contents now, so the blocks below it can be placed.

    A legend learns its size only when first painted; a paint on a scratch image
    does that without rendering the page.
    """
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        item.paint(painter, QStyleOptionGraphicsItem(), None)
    finally:
        painter.end()
    item.adjustBoxSize()


def scale_bar(layout: QgsPrintLayout, linked: QgsLayoutItemMap, sheet: Sheet,
              map_box: Box) -> QgsLayoutItemScaleBar:
    """Two segments of a round length, about a sixth of the map's width, bottom left."""
    item = QgsLayoutItemScaleBar(layout)
    item.setId("scalebar")
    layout.addLayoutItem(item)
    item.setLinkedMap(linked)
    item.setStyle("Single Box")
    metres_per_mm = linked.scale() / 1000.0
    segment_m = _round_length(map_box.width / 6.0 / 2.0 * metres_per_mm)
    kilometres = segment_m >= 1000.0
    item.setUnits(KILOMETRES if kilometres else METRES)
    item.setMapUnitsPerScaleBarUnit(1000.0 if kilometres else 1.0)
    item.setUnitLabel("km" if kilometres else "m")
    item.setUnitsPerSegment(segment_m / 1000.0 if kilometres else segment_m)
    item.setNumberOfSegmentsLeft(0)
    item.setNumberOfSegments(2)
    item.setHeight(sheet.mm(1.4))
    item.setTextFormat(text_format(sheet.points("scalebar")))
    item.setBackgroundEnabled(True)
    item.setBackgroundColor(QColor(255, 255, 255, 215))
    item.setBoxContentSpace(sheet.mm(1.5))
    item.setReferencePoint(QgsLayoutItem.ReferencePoint.LowerLeft)
    item.refreshItemSize()
    inset = sheet.mm(3.0)
    item.attemptMove(QgsLayoutPoint(map_box.x + inset, map_box.bottom - inset, MM))
    return item


def _round_length(metres: float) -> float:
    """1, 2 or 5 times a power of ten, not above ``metres``."""
    power = 10.0 ** math.floor(math.log10(max(metres, 1.0)))
    return max(step * power for step in (1.0, 2.0, 5.0) if step * power <= max(metres, 1.0))


def north_arrow(layout: QgsPrintLayout, linked: QgsLayoutItemMap, sheet: Sheet,
                map_box: Box) -> QgsLayoutItemPicture | None:
    """A north arrow in the map's top-right corner; none if QGIS has no arrow SVG."""
    path = QgsSymbolLayerUtils.svgSymbolNameToPath(NORTH_ARROW, QgsPathResolver())
    if not path:
        return None
    item = QgsLayoutItemPicture(layout)
    item.setId("north_arrow")
    layout.addLayoutItem(item)
    item.setPicturePath(path, QgsLayoutItemPicture.Format.FormatSVG)
    item.setLinkedMap(linked)
    size = sheet.mm(9.0)
    inset = sheet.mm(3.0)
    place(item, Box(map_box.right - inset - size * 0.7, map_box.y + inset, size * 0.7, size))
    return item
