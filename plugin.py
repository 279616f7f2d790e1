"""Wiring of the Ruimtelijke Kijk plugin: actions, dock, Processing provider, unload."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .shell import logging_bridge, translation

ICON = Path(__file__).resolve().parent / "icons" / "ruimtelijke_kijk.svg"


class RuimtelijkeKijkPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.translator = translation.install_translator()
        self.log_handler = logging_bridge.attach()
        self.provider = None
        self.action: QAction | None = None
        self.dock = None

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("RuimtelijkeKijkPlugin", text)

    def initProcessing(self) -> None:
        if self.provider is None:
            from .provider.provider import RuimtelijkeKijkProvider

            self.provider = RuimtelijkeKijkProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()
        self.action = QAction(
            QIcon(str(ICON)), self.tr("Ruimtelijke Kijk"), self.iface.mainWindow()
        )
        self.action.setObjectName("RuimtelijkeKijkAction")
        self.action.setCheckable(True)
        self.action.setToolTip(self.tr("Show or hide the Ruimtelijke Kijk panel"))
        self.action.toggled.connect(self._toggle_dock)
        self.iface.addPluginToVectorMenu(self.tr("Ruimtelijke Kijk"), self.action)
        self.iface.addToolBarIcon(self.action)

    def _toggle_dock(self, visible: bool) -> None:
        if self.dock is None:
            if not visible:
                return
            # The panel is built on first use: QGIS start-up stays quick.
            from .dialogs.dock import RuimtelijkeKijkDock

            self.dock = RuimtelijkeKijkDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.visibilityChanged.connect(self.action.setChecked)
        self.dock.setVisible(visible)

    def unload(self) -> None:
        if self.dock is not None:
            self.dock.unload()
            self.dock.visibilityChanged.disconnect(self.action.setChecked)
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.action is not None:
            self.action.toggled.disconnect(self._toggle_dock)
            self.iface.removePluginVectorMenu(self.tr("Ruimtelijke Kijk"), self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        logging_bridge.detach(self.log_handler)
        translation.remove_translator(self.translator)
        self.translator = None
