"""Small widget factories shared by the panel's sections."""
from __future__ import annotations

from qgis.PyQt.QtWidgets import QComboBox, QWidget


def narrow_combo(parent: QWidget, characters: int = 16) -> QComboBox:
    """A combo box whose long entries (a question's full text) never widen the panel
    beyond the dock: it shows what fits and elides in the popup, not the layout."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo
