"""The key-figure tiles and the ranking table of the side column.

Both print the content's texts as they are: the tiles and the table never
compute, round or sort a number.
"""
from __future__ import annotations

from typing import Sequence

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutTableStyle,
    QgsPrintLayout,
    QgsTableCell,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor

from .content import KeyFigure, TopArea
from .items import ACCENT, HAIRLINE, INK, MUTED, TINT, fitted_points, label, rectangle, text_format
from .sheet import Box, Sheet
from .wording import Words

TILE_HEIGHT = 17.0  # mm on A4
TILE_GAP = 2.0


def key_figure_tiles(layout: QgsPrintLayout, figures: Sequence[KeyFigure], sheet: Sheet,
                     top: Box) -> float:
    """Tiles three or two in a row (a last odd one full width); returns the bottom in mm."""
    per_row = 3 if len(figures) % 3 == 0 else 2
    gap, height, pad = sheet.mm(TILE_GAP), sheet.mm(TILE_HEIGHT), sheet.mm(2.0)
    part = (top.width - gap * (per_row - 1)) / per_row
    y = top.y
    for index, (caption, value) in enumerate(figures):
        column = index % per_row
        last_alone = index == len(figures) - 1 and column == 0
        width = top.width if last_alone else part
        x = top.x + column * (part + gap)
        if index and column == 0:
            y += height + gap
        rectangle(layout, Box(x, y, width, height), TINT)
        inner = width - 2 * pad
        points = fitted_points(value, inner, sheet.points("figure_value"),
                               sheet.points("figure_label") + 2)
        label(layout, value, Box(x + pad, y + sheet.mm(1.6), inner, sheet.mm(7.0)), points,
              ACCENT, bold=True)
        label(layout, caption, Box(x + pad, y + sheet.mm(8.6), inner, height - sheet.mm(9.2)),
              sheet.points("figure_label"), MUTED)
    return y + height if figures else top.y


def _cell(text: str, sheet: Sheet, right: bool = False, bold: bool = False) -> QgsTableCell:
    cell = QgsTableCell(text)
    cell.setTextFormat(text_format(sheet.points("table"), INK, bold))
    if right:
        cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
    return cell


def ranking_table(layout: QgsPrintLayout, rows: Sequence[TopArea], words: Words, sheet: Sheet,
                  box: Box) -> QgsLayoutFrame:
    """Rank, area, buurt, wijk and value; the buurt or wijk column only when it has text.

    The frame is as tall as the table (never taller than ``box``).
    """
    columns = [("rank", "", 0.07, True), ("area", words.area, 0.22, False)]
    if any(row.buurt for row in rows):
        columns.append(("buurt", words.buurt, 0.27, False))
    if any(row.wijk for row in rows):
        columns.append(("wijk", words.wijk, 0.24, False))
    columns.append(("value", words.value, 0.20, True))

    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    margin = sheet.mm(1.0)
    table.setCellMargin(margin)
    usable = box.width - 2 * margin * len(columns) - 0.1 * (len(columns) + 1)
    share = sum(column[2] for column in columns)
    headers = []
    for _key, title, part, right in columns:
        header = QgsLayoutTableColumn(title)
        header.setWidth(usable * part / share)
        header.setHAlignment(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        headers.append(header)
    table.setHeaders(headers)
    table.setColumnWidths([header.width() for header in headers])
    table.setIncludeTableHeader(True)
    table.setHeaderHAlignment(QgsLayoutTable.HeaderHAlignment.FollowColumn)
    table.setHeaderTextFormat(text_format(sheet.points("table"), MUTED, bold=True))
    table.setContentTextFormat(text_format(sheet.points("table")))
    table.setTableContents([
        [_cell(getattr(row, key), sheet, right, bold=key == "value")
         for key, _title, _part, right in columns]
        for row in rows
    ])
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setShowGrid(True)
    table.setVerticalGrid(False)
    table.setHorizontalGrid(True)
    table.setGridStrokeWidth(0.1)
    table.setGridColor(HAIRLINE)
    table.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.ShowMessage)
    table.setEmptyTableMessage(words.no_ranking)
    header_style = QgsLayoutTableStyle()
    header_style.enabled = True
    header_style.cellBackgroundColor = TINT
    table.setCellStyle(QgsLayoutTable.CellStyleGroup.HeaderRow, header_style)
    table.setBackgroundColor(QColor(255, 255, 255, 0))

    table.setResizeMode(QgsLayoutTable.ResizeMode.UseExistingFrames)
    frame = QgsLayoutFrame(layout, table)
    frame.setId("ranking")
    frame.attemptSetSceneRect(QRectF(box.x, box.y, box.width, box.height))
    table.addFrame(frame)
    table.refresh()
    # Shrink the frame to the table, so nothing below it floats in empty space.
    height = min(box.height, table.totalSize().height() + 0.5)
    frame.attemptSetSceneRect(QRectF(box.x, box.y, box.width, height))
    return frame


def heading(layout: QgsPrintLayout, text: str, sheet: Sheet, x: float, y: float,
            width: float) -> float:
    """A section heading; returns where the section's body starts."""
    height = sheet.mm(4.6)
    label(layout, text.upper(), Box(x, y, width, height), sheet.points("heading"), ACCENT,
          bold=True)
    return y + height
