"""The "Ruimtelijke Kijk" dock panel."""
from __future__ import annotations

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QLabel, QVBoxLayout, QWidget

OBJECT_NAME = "RuimtelijkeKijkDock"


class RuimtelijkeKijkDock(QgsDockWidget):
    """Panel where the user picks a question, indicators and display, then presses Genereer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ruimtelijke Kijk"), parent)
        self.setObjectName(OBJECT_NAME)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.intro = QLabel(
            self.tr(
                "Choose a policy question, tick the indicators and press Generate to get a "
                "protected postcode-6 map. Nothing about fewer than 5 households is shown."
            ),
            body,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addStretch(1)
        self.setWidget(body)

    def tr(self, text: str) -> str:  # keyed to this class, as pylupdate records it
        return QCoreApplication.translate("RuimtelijkeKijkDock", text)
