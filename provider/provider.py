"""The Processing provider "ruimtelijkekijk"."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

ICON = Path(__file__).resolve().parents[1] / "icons" / "ruimtelijke_kijk.svg"


class RuimtelijkeKijkProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "ruimtelijkekijk"

    def name(self) -> str:
        return QCoreApplication.translate("RuimtelijkeKijkProvider", "Ruimtelijke Kijk")

    def longName(self) -> str:
        return self.name()

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:
        from .algorithms import ALGORITHMS

        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
