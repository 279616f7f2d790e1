"""Styling a measure: value classes plus the privacy, CBS and no-data classes.

Every renderer here is rule-based so that a not-published value always lands in
its own legend class, distinct from the lowest value class (a NULL value would
otherwise fall out of a graduated renderer silently, or into the first class).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Collection, Optional, Sequence

from qgis.core import QgsRuleBasedRenderer, QgsStyle, QgsVectorLayer
from qgis.PyQt.QtGui import QColor

from ..indicators.status import Status
from . import symbols
from .classification import class_bounds
from .status_classes import HIDDEN_CLASSES, class_label

SHOWN = (Status.PUBLISHED.value, Status.PERTURBED.value)


@dataclass
class Display:
    """How the user wants a measure drawn."""

    kind: str = "choropleth"  # "choropleth", "circles" or "categories"
    method: str = "quantile"  # "quantile", "jenks", "equal", "pretty", "manual"
    classes: int = 5
    ramp: str = "YlOrRd"
    manual_breaks: Sequence[float] = field(default_factory=tuple)
    opacity: float = 0.85


@dataclass
class LegendEntry:
    label: str
    role: str  # "value", "privacy", "cbs" or "no_data"
    lower: float | None = None
    upper: float | None = None
    key: str = ""  # a hidden class: the status it stands for, or "cbs" / "no_data"


def _in(status_field: str, statuses: Sequence[str]) -> str:
    listed = ", ".join(f"'{s}'" for s in statuses)
    return f'"{status_field}" IN ({listed})'


def _present(layer: QgsVectorLayer, status_field: str) -> set:
    index = layer.fields().indexOf(status_field)
    return {str(v) for v in layer.uniqueValues(index)} if index >= 0 else set()


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")  # Dutch: 1 234,5


def _ramp_colors(name: str, count: int) -> list[QColor]:
    ramp = QgsStyle.defaultStyle().colorRamp(name) or QgsStyle.defaultStyle().colorRamp("YlOrRd")
    # Start at 20 %: the lowest value class must never look like "no data" (white).
    return [ramp.color(0.2 + 0.8 * (i / max(1, count - 1))) for i in range(count)]


def style_measure(
    layer: QgsVectorLayer,
    measure: str,
    display: Display,
    values: Sequence[float],
    threshold: int = 5,
    decimals: int = 1,
    categories: Sequence[tuple] = (),
    statuses: Optional[Collection[str]] = None,
) -> list[LegendEntry]:
    """Gives ``layer`` a renderer for ``measure``; returns the legend, top to bottom.

    ``values`` are the published values only: class bounds are derived from what
    the release shows, never from hidden cells. ``categories`` are (value, label)
    pairs for the "categories" map type, in legend order.

    After the value classes comes a class for each reason a value is not shown
    (fewer than the threshold, all but fewer than the threshold, protecting
    another figure, not published by CBS) that occurs among ``statuses``, the
    statuses of ``measure`` in every year of the result (so that the years share
    one legend), or in ``layer`` itself. "No data" is always there, last.
    """
    status_field = f"{measure}__status"
    root = QgsRuleBasedRenderer.Rule(None)
    legend: list[LegendEntry] = []
    shown = _in(status_field, SHOWN)

    if display.kind == "categories":
        colors = _ramp_colors(display.ramp, len(categories))
        for (value, label), color in zip(categories, colors):
            if isinstance(value, (int, float)):
                literal = repr(float(value))
            else:
                literal = "'" + str(value).replace("'", "''") + "'"
            rule_filter = f'{shown} AND "{measure}" = {literal}'
            root.appendChild(QgsRuleBasedRenderer.Rule(
                symbols.value_fill(color), 0, 0, rule_filter, str(label)))
            legend.append(LegendEntry(str(label), "value"))
    else:
        bounds = class_bounds(values, display.method, display.classes, display.manual_breaks)
        colors = _ramp_colors(display.ramp, len(bounds))
        top = bounds[-1][1] if bounds else 1.0
        for index, ((low, high), color) in enumerate(zip(bounds, colors)):
            upper_op = "<=" if index == len(bounds) - 1 else "<"
            rule_filter = (f'{shown} AND "{measure}" >= {low!r} AND "{measure}" {upper_op} '
                           f"{high!r}")
            label = f"{_number(low, decimals)} – {_number(high, decimals)}"
            if display.kind == "circles":
                # Circle area in proportion to the class's upper bound: a class, not a count.
                diameter = max(1.6, 7.0 * (max(high, 0.0) / top) ** 0.5) if top > 0 else 1.6
                symbol = symbols.circle_fill(diameter, colors[-1])
            else:
                symbol = symbols.value_fill(color)
            root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, rule_filter, label))
            legend.append(LegendEntry(label, "value", low, high))

    present = _present(layer, status_field) | set(statuses or ())
    for status_class in HIDDEN_CLASSES:
        if status_class.role != "no_data" and not present & set(status_class.statuses):
            continue  # a reason no area of this measure has: no legend class for it
        label = class_label(status_class.key, threshold)
        rule_filter = _in(status_field, status_class.statuses)
        if status_class.role == "no_data":
            rule_filter = f'({rule_filter} OR "{status_field}" IS NULL)'
        root.appendChild(QgsRuleBasedRenderer.Rule(status_class.symbol(), 0, 0, rule_filter,
                                                   label))
        legend.append(LegendEntry(label, status_class.role, key=status_class.key))

    layer.setRenderer(QgsRuleBasedRenderer(root))
    layer.setOpacity(display.opacity)
    layer.triggerRepaint()
    return legend
