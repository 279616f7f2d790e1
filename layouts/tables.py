"""The key-figure tiles and the ranking table of the side column.

Both print the content's texts as they are: the tiles and the table never
compute, round or sort a number.
"""
from __future__ import annotations

import math
from typing import Sequence

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutTable,
    QgsLayoutUtils,
    QgsPrintLayout,
    QgsTableCell,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor

from .content import KeyFigure, TopArea
from .items import (
    ACCENT,
    HAIRLINE,
    INK,
    MUTED,
    TINT,
    fitted_points,
    font,
    label,
    rectangle,
    text_format,
    text_height,
)
from .sheet import Box, Sheet
from .wording import Words

TILE_VALUE = 8.6  # mm on A4: the big value and the space above it
TILE_GAP = 2.0


def _caption_lines(caption: str, width_mm: float, points: float) -> int:
    # Word wrap loses part of each line: a fifth of slack.
    needed = QgsLayoutUtils.textWidthMM(font(points), caption) * 1.2 / max(width_mm, 1.0)
    return max(1, min(4, math.ceil(needed)))


def key_figure_tiles(layout: QgsPrintLayout, figures: Sequence[KeyFigure], sheet: Sheet,
                     top: Box) -> float:
    """Tiles three or two in a row (a last odd one full width); returns the bottom in mm."""
    per_row = 3 if len(figures) % 3 == 0 else 2
    gap, pad = sheet.mm(TILE_GAP), sheet.mm(2.0)
    caption_points = sheet.points("figure_label")
    line = text_height(caption_points)
    part = (top.width - gap * (per_row - 1)) / per_row
    y = top.y
    for first in range(0, len(figures), per_row):
        row = figures[first:first + per_row]
        widths = [top.width if len(row) == 1 else part] * len(row)
        lines = max(_caption_lines(caption, width - 2 * pad, caption_points)
                    for (caption, _value), width in zip(row, widths))
        height = sheet.mm(TILE_VALUE) + lines * line + pad
        for column, ((caption, value), width) in enumerate(zip(row, widths)):
            x = top.x + column * (part + gap)
            inner = width - 2 * pad
            rectangle(layout, Box(x, y, width, height), TINT)
            points = fitted_points(value, inner, sheet.points("figure_value"),
                                   caption_points + 2)
            label(layout, value, Box(x + pad, y + sheet.mm(1.6), inner, sheet.mm(7.0)),
                  points, ACCENT, bold=True)
            label(layout, caption, Box(x + pad, y + sheet.mm(TILE_VALUE), inner,
                                       lines * line + pad / 2), caption_points, MUTED)
        y += height + gap
    return y - gap if figures else top.y


def _cell(text: str, sheet: Sheet, right: bool = False, bold: bool = False,
          header: bool = False) -> QgsTableCell:
    cell = QgsTableCell(text)
    cell.setTextFormat(text_format(sheet.points("table"), MUTED if header else INK,
                                   bold or header))
    cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight if right
                                else Qt.AlignmentFlag.AlignLeft)
    if header:
        cell.setBackgroundColor(TINT)
    return cell


def ranking_table(layout: QgsPrintLayout, rows: Sequence[TopArea], words: Words, sheet: Sheet,
                  box: Box) -> QgsLayoutFrame:
    """Rank, area, buurt, wijk and value; the buurt or wijk column only when it has text.

    The frame is as tall as the table (never taller than ``box``).
    """
    columns = [("rank", "", True), ("area", words.area, False)]
    if any(row.buurt for row in rows):
        columns.append(("buurt", words.buurt, False))
    if any(row.wijk for row in rows):
        columns.append(("wijk", words.wijk, False))
    columns.append(("value", words.value, True))

    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    margin = sheet.mm(1.0)
    table.setCellMargin(margin)
    usable = box.width - 2 * margin * len(columns) - 0.1 * (len(columns) + 1)
    table.setColumnWidths(_column_widths(columns, rows, sheet, usable))
    # The header is the first row: a manual table's own header cannot align right.
    table.setIncludeTableHeader(False)
    table.setContentTextFormat(text_format(sheet.points("table")))
    header = [_cell(title, sheet, right, header=True) for _key, title, right in columns]
    table.setTableContents([header] + [
        [_cell(getattr(row, key), sheet, right, bold=key == "value")
         for key, _title, right in columns]
        for row in rows
    ] if rows else [])
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setShowGrid(True)
    table.setVerticalGrid(False)
    table.setHorizontalGrid(True)
    table.setGridStrokeWidth(0.1)
    table.setGridColor(HAIRLINE)
    table.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.ShowMessage)
    table.setEmptyTableMessage(words.no_ranking)
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


def _column_widths(columns, rows: Sequence[TopArea], sheet: Sheet, usable: float) -> list:
    """Rank and value as wide as their text; the name columns share the rest by their text.

    Names wrap only when the names together are wider than the room left.
    """
    points = sheet.points("table")

    def natural(key: str, title: str) -> float:
        texts = [getattr(row, key) for row in rows]
        widest = max([QgsLayoutUtils.textWidthMM(font(points, True), t) for t in texts + [title]])
        return widest + sheet.mm(0.6)

    widths = {key: natural(key, title) for key, title, _right in columns}
    names = [key for key, _title, _right in columns if key not in ("rank", "value")]
    room = usable - sum(width for key, width in widths.items() if key not in names)
    wanted = sum(widths[key] for key in names)
    for key in names:
        widths[key] = room * widths[key] / wanted
    return [widths[key] for key, _title, _right in columns]


def heading(layout: QgsPrintLayout, text: str, sheet: Sheet, x: float, y: float,
            width: float) -> float:
    """A section heading; returns where the section's body starts."""
    height = sheet.mm(4.6)
    label(layout, text.upper(), Box(x, y, width, height), sheet.points("heading"), ACCENT,
          bold=True)
    return y + height
