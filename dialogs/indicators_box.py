"""Panel section "Indicatoren": tick measures and set their selection parameters."""
from __future__ import annotations

from typing import Any, Dict, List

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..indicators.catalogue import load_catalogue
from ..presets.model import Preset


class IndicatorsBox(QWidget):
    """One checkable row per measure of the preset, with an editor per parameter."""

    def __init__(self, language: str = "nl", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Indicator"), self.tr("Selection")])
        self.tree.setMinimumHeight(140)
        self._editors: Dict[str, Dict[str, QWidget]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def set_preset(self, preset: Preset) -> None:
        catalogue = load_catalogue()
        self.tree.clear()
        self._editors = {}
        for spec in preset.recipe.measures:
            indicator = catalogue.indicators.get(spec.indicator)
            label = getattr(indicator.label, self.language) if indicator else spec.id
            item = QTreeWidgetItem(self.tree, [label, ""])
            item.setData(0, Qt.ItemDataRole.UserRole, spec.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if spec.default_selected
                               else Qt.CheckState.Unchecked)
            if indicator is not None:
                item.setToolTip(0, getattr(indicator.explanation, self.language))
                self._add_parameters(item, spec, indicator)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def _add_parameters(self, item, spec, indicator) -> None:
        for name, parameter in indicator.parameters.items():
            value = spec.selection.get(name, parameter.get("default"))
            child = QTreeWidgetItem(item, [name, ""])
            if "choices" in parameter:
                editor = QComboBox(self.tree)
                for key, choice in parameter["choices"].items():
                    editor.addItem(choice["label"][self.language], key)
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor = QDoubleSpinBox(self.tree)
                editor.setRange(float(parameter["min"]), float(parameter["max"]))
                editor.setDecimals(2)
                editor.setSingleStep(0.1)
                editor.setValue(float(value))
            self.tree.setItemWidget(child, 1, editor)
            self._editors.setdefault(spec.id, {})[name] = editor

    def selected(self) -> List[str]:
        root = self.tree.invisibleRootItem()
        return [root.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(root.childCount())
                if root.child(i).checkState(0) == Qt.CheckState.Checked]

    def selections(self) -> Dict[str, Dict[str, Any]]:
        chosen: Dict[str, Dict[str, Any]] = {}
        for measure_id, editors in self._editors.items():
            for name, editor in editors.items():
                value = editor.currentData() if isinstance(editor, QComboBox) else editor.value()
                chosen.setdefault(measure_id, {})[name] = value
        return chosen

    def set_checked(self, measure_id: str, checked: bool) -> None:
        root = self.tree.invisibleRootItem()
        for i in range(root.childCount()):
            if root.child(i).data(0, Qt.ItemDataRole.UserRole) == measure_id:
                root.child(i).setCheckState(
                    0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
