"""The plugin loads and unloads as QGIS does it, and leaves nothing behind."""
from __future__ import annotations

import logging

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent
from qgis.PyQt.QtWidgets import QAction, QDockWidget

import ruimtelijke_kijk

PROVIDER_ID = "ruimtelijkekijk"


def _version_int(text: str, pad: int) -> int:
    """"3.22" → 32200 (pad 0) as a minimum, 32299 (pad 99) as a maximum, as QGIS reads it."""
    parts = [int(p) for p in text.split(".")] + [pad, pad]
    return parts[0] * 10000 + parts[1] * 100 + min(parts[2], 99)


def _signal_receivers(iface) -> dict:
    project = QgsProject.instance()
    canvas = iface.mapCanvas()
    return {
        "project.layersAdded": project.receivers(project.layersAdded),
        "project.layersRemoved": project.receivers(project.layersRemoved),
        "project.readProject": project.receivers(project.readProject),
        "project.cleared": project.receivers(project.cleared),
        "project.writeProject": project.receivers(project.writeProject),
        "canvas.extentsChanged": canvas.receivers(canvas.extentsChanged),
        "canvas.mapToolSet": canvas.receivers(canvas.mapToolSet),
        "iface.currentLayerChanged": iface._iface.receivers(iface._iface.currentLayerChanged),
    }


def _ours(window) -> dict:
    return {
        "actions": [a for a in window.findChildren(QAction)
                    if a.objectName() == "RuimtelijkeKijkAction"],
        "docks": [d for d in window.findChildren(QDockWidget)
                  if d.objectName() == "RuimtelijkeKijkDock"],
        "menus": [a for a in desktop_menu_actions(window) if a.text() == "Ruimtelijke Kijk"],
    }


def desktop_menu_actions(window) -> list:
    found = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            found.extend(top.menu().actions())
    return found


def test_metadata_admits_this_qgis(plugin_metadata):
    general = plugin_metadata["general"]
    assert general["name"] == "Ruimtelijke Kijk"
    assert general["hasProcessingProvider"] == "yes"
    assert general["supportsQt6"] == "yes"
    low = _version_int(general["qgisMinimumVersion"], 0)
    high = _version_int(general["qgisMaximumVersion"], 99)
    assert low <= Qgis.QGIS_VERSION_INT <= high


def test_twenty_load_unload_cycles_leave_nothing_behind(desktop_iface, qgis_app):
    registry = QgsApplication.processingRegistry()
    window = desktop_iface.mainWindow()
    receivers_before = _signal_receivers(desktop_iface)
    handlers_before = list(logging.getLogger("ruimtelijke_kijk").handlers)
    assert registry.providerById(PROVIDER_ID) is None

    for cycle in range(20):
        plugin = ruimtelijke_kijk.classFactory(desktop_iface)
        plugin.initProcessing()
        plugin.initGui()
        assert registry.providerById(PROVIDER_ID) is not None, cycle
        assert len(_ours(window)["menus"]) == 1
        assert plugin.action in desktop_iface.plugins_toolbar.actions()

        plugin.action.trigger()  # opens the panel, as the menu entry does
        assert plugin.dock is not None and plugin.dock.isVisibleTo(window)
        plugin.action.trigger()
        assert not plugin.dock.isVisibleTo(window)
        plugin.action.trigger()

        plugin.unload()
        qgis_app.processEvents()
        QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleteLater()

        left = _ours(window)
        assert left == {"actions": [], "docks": [], "menus": []}, cycle
        assert desktop_iface.plugins_toolbar.actions() == []
        assert registry.providerById(PROVIDER_ID) is None
        assert _signal_receivers(desktop_iface) == receivers_before
        assert logging.getLogger("ruimtelijke_kijk").handlers == handlers_before


def test_provider_offers_its_algorithms(desktop_iface):
    plugin = ruimtelijke_kijk.classFactory(desktop_iface)
    plugin.initProcessing()
    try:
        provider = QgsApplication.processingRegistry().providerById(PROVIDER_ID)
        ids = {a.id() for a in provider.algorithms()}
        assert "ruimtelijkekijk:generatedemo" in ids
        for algorithm in provider.algorithms():
            assert algorithm.name() == algorithm.name().lower()
            assert algorithm.displayName() and algorithm.shortHelpString()
            assert type(algorithm.createInstance()) is type(algorithm)
    finally:
        plugin.unload()
