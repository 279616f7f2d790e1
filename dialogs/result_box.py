"""Panel section "Resultaat": zoom to a postcode or address, identify, preset, praatplaat."""
from __future__ import annotations

from qgis.PyQt.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class ResultBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zoom = QLineEdit(self)
        self.zoom.setPlaceholderText(self.tr("Zoom to postcode or address, e.g. 1234 AB"))
        self.zoom.setClearButtonEnabled(True)
        self.identify_button = QPushButton(self.tr("Identify postcode"), self)
        self.identify_button.setCheckable(True)
        self.praatplaat_button = QPushButton(self.tr("Praatplaat (PDF)…"), self)
        self.save_preset_button = QPushButton(self.tr("Save as preset…"), self)
        buttons = QGridLayout()  # two columns: the panel stays as narrow as its dock
        buttons.addWidget(self.identify_button, 0, 0)
        buttons.addWidget(self.praatplaat_button, 0, 1)
        buttons.addWidget(self.save_preset_button, 1, 0, 1, 2)
        self.details = QTextBrowser(self)
        self.details.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.zoom)
        layout.addLayout(buttons)
        layout.addWidget(self.details)
        self.set_enabled(False)

    def set_enabled(self, enabled: bool) -> None:
        """Identify and praatplaat need a result; zooming to an address does not."""
        for widget in (self.identify_button, self.praatplaat_button):
            widget.setEnabled(enabled)
