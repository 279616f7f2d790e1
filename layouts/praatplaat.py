"""The praatplaat: a one-page conversation map for a policy meeting (A4 or A3 landscape).

The question as title, the map with its legend (value classes and the privacy,
CBS and no-data classes), the key figures, the ranking of areas, the sources
and years, the privacy note and the date.

Privacy: every number a person can see goes through the protected release.
The layout prints numbers only from the :class:`PraatplaatContent` (formatted
and protected by the caller) and from the layer's renderer, whose classes were
made from published values; it computes no number itself. The one exception is
the scale bar, which describes the map, not the people on it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, Sequence

from qgis.core import (
    QgsLayoutSize,
    QgsMapLayer,
    QgsPrintLayout,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt

from .content import PraatplaatContent
from .export import PNG_DPI, export_layout
from .items import (
    ACCENT,
    HAIRLINE,
    INK,
    MM,
    MUTED,
    block_points,
    fitted_points,
    label,
    rectangle,
)
from .map_items import legend_item, map_item, north_arrow, ordered_layers, scale_bar
from .sheet import Box, Sheet
from .tables import heading, key_figure_tiles, ranking_table
from .wording import Words, words

SECTION_GAP = 4.5  # mm on A4, between the blocks of the side column


def build_praatplaat(project: QgsProject, layer: QgsVectorLayer, content: PraatplaatContent,
                     paper: str = "A4", background: Sequence[QgsMapLayer] = (),
                     with_north_arrow: bool = True) -> QgsPrintLayout:
    """The praatplaat as a print layout named after the question (not yet in the project).

    ``background`` layers are drawn under the question layer, in the project's order.
    """
    sheet = Sheet(paper)
    wording = words(content.language)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(content.title)
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(sheet.width, sheet.height, MM))

    _header(layout, content, sheet)
    map_box = sheet.box("map")
    the_map = map_item(layout, layer, ordered_layers(project, layer, background), map_box)
    scale_bar(layout, the_map, sheet, map_box)
    if with_north_arrow:
        north_arrow(layout, the_map, sheet, map_box)
    _side_column(layout, layer, the_map, content, wording, sheet)
    _footer(layout, content, wording, sheet)
    return layout


def _header(layout: QgsPrintLayout, content: PraatplaatContent, sheet: Sheet) -> None:
    title = sheet.box("title")
    points = fitted_points(content.title, title.width, sheet.points("title"),
                           sheet.points("subtitle") + 2)
    label(layout, content.title, title, points, INK, bold=True,
          valign=Qt.AlignmentFlag.AlignBottom)
    label(layout, content.subtitle, sheet.box("subtitle"), sheet.points("subtitle"), MUTED,
          valign=Qt.AlignmentFlag.AlignVCenter)
    rectangle(layout, sheet.box("rule"), ACCENT)


def _side_column(layout, layer, the_map, content: PraatplaatContent, wording: Words,
                 sheet: Sheet) -> None:
    side = sheet.box("side")
    gap = sheet.mm(SECTION_GAP)
    y = side.y
    if content.key_figures:
        y = heading(layout, wording.key_figures, sheet, side.x, y, side.width)
        y = key_figure_tiles(layout, content.key_figures, sheet,
                             Box(side.x, y, side.width, 0.0)) + gap
    y = heading(layout, wording.legend, sheet, side.x, y, side.width)
    legend = legend_item(layout, layer, the_map, sheet,
                         Box(side.x, y, side.width, max(side.bottom - y, 1.0)))
    y += legend.sizeWithUnits().height() + gap
    if y < side.bottom - sheet.mm(12.0):
        y = heading(layout, content.top_areas_heading or wording.ranking, sheet, side.x, y,
                    side.width)
        ranking_table(layout, content.top_areas, wording, sheet,
                      Box(side.x, y, side.width, side.bottom - y))


def _footer(layout: QgsPrintLayout, content: PraatplaatContent, wording: Words,
            sheet: Sheet) -> None:
    rectangle(layout, sheet.box("footer_rule"), HAIRLINE)
    points = sheet.points("footer")
    for name, title, body in (("sources", wording.sources, "\n".join(content.sources)),
                              ("privacy", wording.privacy, content.privacy_note)):
        box = sheet.box(name)
        top = heading(layout, title, sheet, box.x, box.y, box.width)
        body_box = Box(box.x, top, box.width, box.bottom - top)
        label(layout, body, body_box, block_points(body, body_box, points, points * 0.75),
              MUTED)
    date = sheet.box("date")
    label(layout, content.date_text, Box(date.x, date.y, date.width, sheet.mm(4.6)),
          sheet.points("heading"), INK, bold=True, align=Qt.AlignmentFlag.AlignRight)
    label(layout, wording.made_with, Box(date.x, date.y + sheet.mm(4.6), date.width,
                                         sheet.mm(4.0)),
          points, MUTED, align=Qt.AlignmentFlag.AlignRight)


def export_praatplaat(project: QgsProject, layer: QgsVectorLayer, content: PraatplaatContent,
                      out_pdf: Path, out_png: Optional[Path] = None, paper: str = "A4",
                      background: Sequence[QgsMapLayer] = (), with_north_arrow: bool = True,
                      png_dpi: float = PNG_DPI,
                      is_cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Writes the praatplaat to ``out_pdf`` (and ``out_png``); returns ``out_pdf``.

    All or nothing: on failure or cancellation ``PraatplaatExportError`` is raised
    and no target file is created or changed.
    """
    layout = build_praatplaat(project, layer, content, paper, background, with_north_arrow)
    return export_layout(layout, Path(out_pdf), None if out_png is None else Path(out_png),
                         png_dpi, is_cancelled)


def add_praatplaat_to_project(project: QgsProject, layer: QgsVectorLayer,
                              content: PraatplaatContent, paper: str = "A4",
                              background: Sequence[QgsMapLayer] = (),
                              with_north_arrow: bool = True,
                              replace: bool = False) -> QgsPrintLayout:
    """Adds the praatplaat to the project's layouts, to be edited in the layout designer.

    The layout is named after the question. An existing layout of that name is
    replaced only when ``replace`` is true; otherwise the new one gets a free
    name ("question (2)").
    """
    if project.mapLayer(layer.id()) is None:
        raise ValueError(QCoreApplication.translate(
            "Praatplaat", "The question layer must be in the project to add its praatplaat."))
    manager = project.layoutManager()
    name = content.title
    existing = manager.layoutByName(name)
    if existing is not None and replace:
        manager.removeLayout(existing)
    elif existing is not None:
        name = _free_name(project, content.title)
    layout = build_praatplaat(project, layer, content, paper, background, with_north_arrow)
    layout.setName(name)
    manager.addLayout(layout)
    return layout


def _free_name(project: QgsProject, name: str) -> str:
    taken = {layout.name() for layout in project.layoutManager().layouts()}
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"
