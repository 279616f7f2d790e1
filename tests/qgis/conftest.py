"""Fixtures for the QGIS shell tests."""
from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from qgis.PyQt.QtWidgets import QMenu, QToolBar

ROOT = Path(__file__).resolve().parents[2]


class DesktopLikeIface:
    """pytest-qgis's interface, with the menu, toolbar and dock calls doing what QGIS does.

    The stub interface accepts those calls without effect; here they change the
    real main window, so a test can see what a plugin leaves behind.
    """

    def __init__(self, iface) -> None:
        self._iface = iface
        self.window = iface.mainWindow()
        self.vector_menu = self.window.menuBar().addMenu("&Vector")
        self.plugins_toolbar = QToolBar("Plugins", self.window)
        self.plugins_toolbar.setObjectName("mPluginToolBar")

    def __getattr__(self, name):
        return getattr(self._iface, name)

    def mainWindow(self):  # noqa: N802 — QgisInterface API
        return self.window

    def addPluginToVectorMenu(self, name, action):  # noqa: N802
        submenu = self._submenu(name) or self.vector_menu.addMenu(name)
        submenu.addAction(action)

    def removePluginVectorMenu(self, name, action):  # noqa: N802
        submenu = self._submenu(name)
        if submenu is not None:
            submenu.removeAction(action)
            if not submenu.actions():
                self.vector_menu.removeAction(submenu.menuAction())
                submenu.deleteLater()

    def _submenu(self, name) -> QMenu | None:
        for action in self.vector_menu.actions():
            if action.menu() is not None and action.text() == name:
                return action.menu()
        return None

    def addToolBarIcon(self, action):  # noqa: N802
        self.plugins_toolbar.addAction(action)

    def removeToolBarIcon(self, action):  # noqa: N802
        self.plugins_toolbar.removeAction(action)

    def addDockWidget(self, area, dock):  # noqa: N802
        self.window.addDockWidget(area, dock)

    def removeDockWidget(self, dock):  # noqa: N802
        self.window.removeDockWidget(dock)


@pytest.fixture()
def desktop_iface(qgis_iface):
    iface = DesktopLikeIface(qgis_iface)
    yield iface
    iface.window.menuBar().removeAction(iface.vector_menu.menuAction())
    iface.vector_menu.deleteLater()
    iface.plugins_toolbar.deleteLater()


@pytest.fixture()
def plugin_metadata() -> configparser.ConfigParser:
    meta = configparser.ConfigParser()
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    return meta
