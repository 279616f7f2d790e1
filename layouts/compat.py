"""Enum values that moved into ``Qgis`` after 3.22, looked up where this QGIS keeps them.

QGIS 3.30+ has units and legend components in ``Qgis``; 3.22 only has the
older homes, which QGIS 4 may drop. Each value is taken from the newer home
when it exists.
"""
from __future__ import annotations

from qgis.core import Qgis, QgsLegendStyle, QgsUnitTypes


def _older(owner, path: str):
    for part in path.split("."):
        owner = getattr(owner, part)
    return owner


def _value(newer: tuple[str, str], owner, older_path: str):
    owner_new = getattr(Qgis, newer[0], None)
    if owner_new is not None and hasattr(owner_new, newer[1]):
        return getattr(owner_new, newer[1])
    return _older(owner, older_path)


MILLIMETRES = _value(("LayoutUnit", "Millimeters"), QgsUnitTypes, "LayoutUnit.LayoutMillimeters")
POINTS = _value(("RenderUnit", "Points"), QgsUnitTypes, "RenderUnit.RenderPoints")
KILOMETRES = _value(("DistanceUnit", "Kilometers"), QgsUnitTypes,
                    "DistanceUnit.DistanceKilometers")
METRES = _value(("DistanceUnit", "Meters"), QgsUnitTypes, "DistanceUnit.DistanceMeters")
LEGEND_HIDDEN = _value(("LegendComponent", "Hidden"), QgsLegendStyle, "Style.Hidden")
LEGEND_TITLE = _value(("LegendComponent", "Title"), QgsLegendStyle, "Style.Title")
LEGEND_SYMBOL = _value(("LegendComponent", "Symbol"), QgsLegendStyle, "Style.Symbol")
LEGEND_LABEL = _value(("LegendComponent", "SymbolLabel"), QgsLegendStyle, "Style.SymbolLabel")
