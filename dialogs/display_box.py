"""Panel section "Weergave": what to draw and how, and the result layer's transparency."""
from __future__ import annotations

from qgis.core import QgsStyle
from qgis.gui import QgsColorRampButton, QgsOpacityWidget
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QSpinBox, QWidget

from ..layers.style import Display
from .widgets import narrow_combo

KINDS = ("choropleth", "circles", "categories")
METHODS = ("quantile", "jenks", "equal", "pretty")


class DisplayBox(QWidget):
    opacity_changed = pyqtSignal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = narrow_combo(self)
        self.kind = QComboBox(self)
        for key, label in zip(KINDS, (self.tr("Colours (choropleth)"),
                                      self.tr("Proportional circles"),
                                      self.tr("Categories"))):
            self.kind.addItem(label, key)
        self.method = QComboBox(self)
        for key, label in zip(METHODS, (self.tr("Quantiles"), self.tr("Natural breaks (Jenks)"),
                                        self.tr("Equal interval"), self.tr("Pretty breaks"))):
            self.method.addItem(label, key)
        self.classes = QSpinBox(self)
        self.classes.setRange(2, 9)
        self.classes.setValue(5)
        self.ramp = QgsColorRampButton(self)
        self.ramp.setColorRamp(QgsStyle.defaultStyle().colorRamp("YlOrRd"))
        self.ramp.setColorRampName("YlOrRd")
        self.opacity = QgsOpacityWidget(self)
        self.opacity.setOpacity(0.85)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Show"), self.measure)
        form.addRow(self.tr("Map type"), self.kind)
        form.addRow(self.tr("Classification"), self.method)
        form.addRow(self.tr("Classes"), self.classes)
        form.addRow(self.tr("Colour ramp"), self.ramp)
        form.addRow(self.tr("Opacity"), self.opacity)
        self.opacity.opacityChanged.connect(self.opacity_changed)

    def set_measures(self, options: list, default: str | None, kind: str | None = None,
                     method: str | None = None, classes: int | None = None) -> None:
        """``options`` is a list of (measure id, label)."""
        self.measure.clear()
        for measure_id, label in options:
            self.measure.addItem(label, measure_id)
        index = self.measure.findData(default)
        self.measure.setCurrentIndex(max(0, index))
        style = {"circles": "circles", "choropleth": "choropleth",
                 "categories": "categories"}.get(kind or "", None)
        if style:
            self.kind.setCurrentIndex(self.kind.findData(style))
        if method in METHODS:
            self.method.setCurrentIndex(self.method.findData(method))
        if classes:
            self.classes.setValue(int(classes))

    def display(self) -> Display:
        return Display(
            kind=self.kind.currentData(),
            method=self.method.currentData(),
            classes=self.classes.value(),
            ramp=self.ramp.colorRampName() or "YlOrRd",
            opacity=self.opacity.opacity(),
        )

    def measure_id(self) -> str | None:
        return self.measure.currentData()
