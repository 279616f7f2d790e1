"""Fixtures for the QGIS shell tests."""
from __future__ import annotations

import configparser
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from qgis.PyQt.QtWidgets import QMenu, QToolBar
from shapely.geometry import box

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


@pytest.fixture()
def cbs_gpkg(tmp_path):
    """A CBS-style postcode-6 GeoPackage of twelve 50 m × 40 m areas in a row."""
    codes = [f"1234{a}{b}" for a in "ABC" for b in "ABCD"]
    frame = gpd.GeoDataFrame(
        {"postcode6": codes, "aantal_inwoners": np.arange(len(codes)) * 5},
        geometry=[box(150000 + 50 * i, 450000, 150050 + 50 * i, 450040) for i in range(12)],
        crs="EPSG:28992",
    )
    path = tmp_path / "cbs_pc6_2024_v1.gpkg"
    frame.to_file(path, layer="postcode6", driver="GPKG")
    return path, frame


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """Runs ``qgis_process`` with this plugin installed in a throw-away profile.

    Debian's ``qgis_process`` wrapper passes a flag that 3.22 rejects, so the
    binary is called directly. Returns ``run(algorithm, **parameters) -> dict``.
    """
    import json
    import os
    import subprocess

    root = tmp_path_factory.mktemp("qgis-process-profile")
    plugins = root / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "ruimtelijke_kijk").symlink_to(ROOT, target_is_directory=True)
    ini = root / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\nruimtelijke_kijk=true\n", encoding="utf-8")
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(root), QT_QPA_PLATFORM="offscreen")

    def run(algorithm: str, **parameters) -> dict:
        args = ["qgis_process.bin", "--json", "run", algorithm, "--"]
        args += [f"{key}={value}" for key, value in parameters.items()]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise AssertionError(f"{algorithm} failed:\n{done.stdout[-3000:]}\n"
                                 f"{done.stderr[-3000:]}")
        return json.loads(done.stdout[done.stdout.index("{"):])

    return run


@pytest.fixture(scope="session")
def small_town(tmp_path_factory):
    """The small synthetic municipality (about 300 postcodes), generated once."""
    from ruimtelijke_kijk.demo.generator import generate

    out = tmp_path_factory.mktemp("small-town") / "gemeente"
    generate(out, size="small", seed=5)
    return out
